package report_test

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/demo"
	"zhaoshang/indicator"
	"zhaoshang/ledger"
	"zhaoshang/report"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// seed is section 一 of the seed as the system prints it: the records give
// a start rate of 286/289 = 99.0% where the seed printed 98.9% (DOMAIN.md).
const seed = "1—6月，全州新引进重点产业项目289个，完成州级年度目标任务450个的64.2%，同比增长9.9%，合同约定投资总额355.7亿元，同比增长5.5%；新引进优强企业118家，同比增长15.7%；新增到位资金314.5亿元，完成州级年度目标任务600亿元的52.4%，其中：重点产业项目到位资金217.4亿元，完成州级年度目标任务420亿元的51.8%，同比增长12.8%；工业项目到位资金128.2亿元，占比58.9%；新增重点产业项目中，开工286个、开工率99.0%，投产109个、投产率37.7%。顺利实现“时间过半、任务过半”工作目标。"

// TestTheDemoReadsAsTheSeed loads the demo into a fresh database, builds
// 黔东南州's table for 1—6月 2021 through the services and writes the seed's
// paragraph, character for character.
func TestTheDemoReadsAsTheSeed(t *testing.T) {
	db := sqldbtest.Open(t, "sqlite")
	ctx := zhaoshang.SystemContext(context.Background())
	org := sqldb.NewOrgService(db)
	if err := org.ImportTree(ctx, ledger.DefaultOrgRows()); err != nil {
		t.Fatal(err)
	}
	targets := sqldb.NewTargetService(db)
	svc := demo.Services{Org: org, Projects: sqldb.NewProjectService(db), Enterprises: sqldb.NewEnterpriseService(db), Targets: targets, Reviews: sqldb.NewReviewService(db)}
	if err := demo.Load(ctx, svc); err != nil {
		t.Fatal(err)
	}
	tree, err := org.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	unit := tree.Find("黔东南州")
	if unit == nil {
		t.Fatal("黔东南州 is not in the tree")
	}
	r, err := indicator.Build(ctx, sqldb.NewStatsService(db), targets, tree, unit.ID, indicator.YTD(zhaoshang.Month{Y: 2021, M: 6}))
	if err != nil {
		t.Fatal(err)
	}
	if got := report.ReportNarrative(r); got != seed {
		t.Errorf("narrative\n got %s\nwant %s", got, seed)
	}
	// A county of the same report speaks of itself and of its own targets.
	for _, c := range r.Counties {
		if c.Unit.Name != "凯里市" {
			continue
		}
		got := report.Narrative(c.Unit, r.Period, c.Rows)
		if !strings.HasPrefix(got, "1—6月，凯里市新引进重点产业项目") || !strings.Contains(got, "，完成年度目标任务") || strings.Contains(got, "州级") {
			t.Errorf("凯里市: %s", got)
		}
	}
}

var (
	prefecture = &zhaoshang.OrgUnit{ID: 1, Name: "黔东南州", Kind: zhaoshang.OrgPrefecture}
	county     = &zhaoshang.OrgUnit{ID: 2, Name: "凯里市", Kind: zhaoshang.OrgCounty, ParentID: 1}
	h1         = indicator.YTD(zhaoshang.Month{Y: 2021, M: 6})
)

// base is a unit whose every figure and change is present and ahead.
func base() indicator.UnitData {
	return indicator.UnitData{
		Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 20, zhaoshang.MContractInvestment: int64(25 * zhaoshang.Yi), zhaoshang.MNewStrongEnterprises: 5,
			zhaoshang.MFundsInPlace: int64(30 * zhaoshang.Yi), zhaoshang.MKeyFunds: int64(20 * zhaoshang.Yi), zhaoshang.MIndustrialFunds: int64(10 * zhaoshang.Yi),
			zhaoshang.MStartedProjects: 18, zhaoshang.MProducingProjects: 6},
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 16, zhaoshang.MContractInvestment: int64(20 * zhaoshang.Yi), zhaoshang.MNewStrongEnterprises: 4,
			zhaoshang.MFundsInPlace: int64(24 * zhaoshang.Yi), zhaoshang.MKeyFunds: int64(16 * zhaoshang.Yi), zhaoshang.MIndustrialFunds: int64(6 * zhaoshang.Yi),
			zhaoshang.MStartedProjects: 12, zhaoshang.MProducingProjects: 6},
		Targets: indicator.Targets{"new_key_projects": 30, "funds_in_place": int64(50 * zhaoshang.Yi), "key_funds_in_place": int64(35 * zhaoshang.Yi)},
	}
}

func TestNarrativeClauses(t *testing.T) {
	const full = "1—6月，全州新引进重点产业项目20个，完成州级年度目标任务30个的66.7%，同比增长25.0%，合同约定投资总额25.0亿元，同比增长25.0%；新引进优强企业5家，同比增长25.0%；新增到位资金30.0亿元，完成州级年度目标任务50亿元的60.0%，其中：重点产业项目到位资金20.0亿元，完成州级年度目标任务35亿元的57.1%，同比增长25.0%；工业项目到位资金10.0亿元，占比50.0%；新增重点产业项目中，开工18个、开工率90.0%，投产6个、投产率30.0%。顺利实现“时间过半、任务过半”工作目标。"
	for _, c := range []struct {
		name   string
		unit   *zhaoshang.OrgUnit
		p      indicator.Period
		change func(d *indicator.UnitData)
		opts   report.Options
		want   string
	}{
		{name: "every clause", want: full},
		{name: "同比下降", change: func(d *indicator.UnitData) {
			d.Previous[zhaoshang.MNewKeyProjects], d.Previous[zhaoshang.MContractInvestment] = 25, int64(30*zhaoshang.Yi)
		}, want: strings.NewReplacer("30个的66.7%，同比增长25.0%", "30个的66.7%，同比下降20.0%", "25.0亿元，同比增长25.0%", "25.0亿元，同比下降16.7%").Replace(full)},
		{name: "与上年持平, also when the change rounds to 0.0", change: func(d *indicator.UnitData) {
			d.Previous[zhaoshang.MNewStrongEnterprises] = 5
			d.Previous[zhaoshang.MKeyFunds] = int64(20*zhaoshang.Yi + 100) // +0.000005%
		}, want: strings.NewReplacer("5家，同比增长25.0%", "5家，与上年持平", "35亿元的57.1%，同比增长25.0%", "35亿元的57.1%，与上年持平").Replace(full)},
		{name: "missing target", change: func(d *indicator.UnitData) {
			delete(d.Targets, "new_key_projects")
			d.Targets["key_funds_in_place"] = 0 // a zero target has no completion
		}, want: strings.NewReplacer("，完成州级年度目标任务30个的66.7%", "", "，完成州级年度目标任务35亿元的57.1%", "").Replace(full)},
		{name: "missing previous", change: func(d *indicator.UnitData) {
			d.Previous = zhaoshang.Measures{} // nothing a year earlier: no relative change
		}, want: strings.NewReplacer("，同比增长25.0%", "").Replace(full)},
		{name: "zero denominator", change: func(d *indicator.UnitData) {
			d.Current = zhaoshang.Measures{zhaoshang.MContractInvestment: int64(25 * zhaoshang.Yi), zhaoshang.MFundsInPlace: int64(30 * zhaoshang.Yi)}
			d.Targets = nil
		}, want: "1—6月，全州新引进重点产业项目0个，同比下降100.0%，合同约定投资总额25.0亿元，同比增长25.0%；新引进优强企业0家，同比下降100.0%；新增到位资金30.0亿元，其中：重点产业项目到位资金0亿元，同比下降100.0%；工业项目到位资金0亿元；新增重点产业项目中，开工0个，投产0个。"},
		{name: "a county", unit: county, want: strings.NewReplacer("全州", "凯里市", "州级", "").Replace(full)},
		{name: "money under 1亿 and under 0.1亿", change: func(d *indicator.UnitData) {
			d.Current[zhaoshang.MContractInvestment] = 35_000_000 // 0.35亿
			d.Current[zhaoshang.MIndustrialFunds] = 853_000       // 85.3万
			d.Current[zhaoshang.MFundsInPlace] = 99_960_000       // 0.9996亿: rounds to 1.0亿元
			d.Targets["funds_in_place"] = int64(800 * zhaoshang.Wan)
			d.Previous = zhaoshang.Measures{}
		}, want: "1—6月，全州新引进重点产业项目20个，完成州级年度目标任务30个的66.7%，合同约定投资总额0.35亿元；新引进优强企业5家；新增到位资金1.0亿元，完成州级年度目标任务800万元的1249.5%，其中：重点产业项目到位资金20.0亿元，完成州级年度目标任务35亿元的57.1%；工业项目到位资金85.3万元，占比0.0%；新增重点产业项目中，开工18个、开工率90.0%，投产6个、投产率30.0%。顺利实现“时间过半、任务过半”工作目标。"},
		{name: "lagging", change: func(d *indicator.UnitData) {
			d.Targets["new_key_projects"] = 45                         // 44.4%
			d.Targets["key_funds_in_place"] = int64(40 * zhaoshang.Yi) // 50.0%: exactly on time, not lagging
			d.Targets["funds_in_place"] = int64(61 * zhaoshang.Yi)     // 49.2%
		}, want: strings.NewReplacer("30个的66.7%", "45个的44.4%", "50亿元的60.0%", "61亿元的49.2%", "35亿元的57.1%", "40亿元的50.0%",
			"顺利实现“时间过半、任务过半”工作目标。", "新引进重点产业项目、新增到位资金完成进度低于序时进度，距“时间过半、任务过半”工作目标尚有差距。").Replace(full)},
		{name: "another month of the year", p: indicator.YTD(zhaoshang.Month{Y: 2021, M: 9}),
			want: strings.NewReplacer("1—6月", "1—9月", "顺利实现“时间过半、任务过半”工作目标。", "新引进重点产业项目、新增到位资金、重点产业项目到位资金完成进度低于序时进度（75.0%）。").Replace(full)},
		{name: "a quarter has no closing sentence", p: indicator.Quarter(2021, 2),
			want: strings.NewReplacer("1—6月", "二季度", "顺利实现“时间过半、任务过半”工作目标。", "").Replace(full)},
		{name: "every change, rates in points", opts: report.Options{AllChanges: true},
			want: strings.NewReplacer("50亿元的60.0%", "50亿元的60.0%，同比增长25.0%", "工业项目到位资金10.0亿元，占比50.0%", "工业项目到位资金10.0亿元，同比增长66.7%，占比50.0%，同比提高12.5个百分点",
				"开工18个、开工率90.0%", "开工18个，同比增长50.0%，开工率90.0%，同比提高15.0个百分点", "投产6个、投产率30.0%", "投产6个，与上年持平，投产率30.0%，同比下降7.5个百分点").Replace(full)},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := base()
			if c.change != nil {
				c.change(&d)
			}
			unit, p := prefecture, h1
			if c.unit != nil {
				unit = c.unit
			}
			if c.p.Valid() {
				p = c.p
			}
			got := c.opts.Narrative(unit, p, indicator.Rows(p, d))
			if got != c.want {
				t.Errorf("\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestFormatMoney(t *testing.T) {
	for v, want := range map[int64]string{
		35_570_486_000: "355.7亿元", 100_000_000: "1.0亿元", 99_950_000: "1.0亿元", 99_940_000: "1.0亿元", 99_490_000: "0.99亿元", 96_000_000: "0.96亿元", 94_940_000: "0.95亿元",
		35_000_000: "0.35亿元", 10_000_000: "0.10亿元", 9_999_500: "0.10亿元", 9_999_499: "999.9万元", 9_995_000: "999.5万元", 853_000: "85.3万元", 500: "0.1万元", 0: "0亿元",
	} {
		if got := report.FormatMoney(big.NewRat(v, 1)); got != want {
			t.Errorf("%d元 shown %s, want %s", v, got, want)
		}
	}
	if got := report.FormatMoney(nil); got != indicator.None {
		t.Errorf("nil shown %s", got)
	}
}

func TestNarrativeSubjectsAndTheWholeYear(t *testing.T) {
	city := &zhaoshang.OrgUnit{Name: "遵义市", Kind: zhaoshang.OrgPrefecture}
	if got := report.Narrative(city, h1, indicator.Rows(h1, base())); !strings.HasPrefix(got, "1—6月，全市新引进重点产业项目20个，完成市级年度目标任务30个的") {
		t.Errorf("a prefecture named …市: %s", got)
	}
	province := &zhaoshang.OrgUnit{Name: "贵州省", Kind: zhaoshang.OrgProvince}
	if got := report.Narrative(province, h1, indicator.Rows(h1, base())); !strings.HasPrefix(got, "1—6月，全省新引进重点产业项目20个，完成省级年度目标任务30个的") {
		t.Errorf("a province: %s", got)
	}
	year := indicator.Year(2021)
	if got := report.Narrative(prefecture, year, indicator.Rows(year, base())); !strings.HasPrefix(got, "全年，全州") ||
		!strings.HasSuffix(got, "。新引进重点产业项目、新增到位资金、重点产业项目到位资金未完成年度目标任务。") {
		t.Errorf("the whole year: %s", got)
	}
	d := base()
	d.Current = zhaoshang.Measures{zhaoshang.MNewKeyProjects: 40, zhaoshang.MFundsInPlace: int64(60 * zhaoshang.Yi), zhaoshang.MKeyFunds: int64(40 * zhaoshang.Yi)}
	if got := report.Narrative(prefecture, year, indicator.Rows(year, d)); !strings.HasSuffix(got, "。全面完成年度目标任务。") {
		t.Errorf("the whole year, done: %s", got)
	}
	if got := report.Narrative(county, h1, nil); got != "1—6月，凯里市暂无招商引资统计数据。" {
		t.Errorf("no rows: %s", got)
	}
}
