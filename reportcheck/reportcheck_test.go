package reportcheck_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/demo"
	"zhaoshang/indicator"
	"zhaoshang/report"
	"zhaoshang/reportcheck"
)

// seedPath is a copy of ../shared/seed/qiandongnan-2021-h1-investment-promotion-summary.txt.
const seedPath = "testdata/seed-2021-h1.txt"

func seedText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatalf("the seed is not here: %v", err)
	}
	return string(b)
}

var (
	prefecture = &zhaoshang.OrgUnit{ID: 1, Name: "黔东南州", Kind: zhaoshang.OrgPrefecture}
	kaili      = &zhaoshang.OrgUnit{ID: 2, Name: "凯里市", Kind: zhaoshang.OrgCounty, ParentID: 1}
	huangping  = &zhaoshang.OrgUnit{ID: 3, Name: "黄平县", Kind: zhaoshang.OrgCounty, ParentID: 1}
	h1         = indicator.YTD(zhaoshang.Month{Y: 2021, M: 6})
)

// demoRecords is the prefecture's report for 1—6月 2021 as the demo's
// records give it (the seed's figures, DOMAIN.md), with two counties.
func demoRecords() *indicator.Report {
	d := indicator.UnitData{
		Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: demo.KeyProjects21, zhaoshang.MContractInvestment: int64(demo.ContractInvestment21),
			zhaoshang.MNewStrongEnterprises: demo.StrongEnterprises21, zhaoshang.MFundsInPlace: int64(demo.FundsInPlace21), zhaoshang.MKeyFunds: int64(demo.KeyFunds21),
			zhaoshang.MIndustrialFunds: int64(demo.IndustrialFunds21), zhaoshang.MStartedProjects: demo.Started21, zhaoshang.MProducingProjects: demo.Producing21},
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: demo.KeyProjects20, zhaoshang.MContractInvestment: int64(demo.ContractInvestment20),
			zhaoshang.MNewStrongEnterprises: demo.StrongEnterprises20, zhaoshang.MFundsInPlace: int64(demo.FundsInPlace20), zhaoshang.MKeyFunds: int64(demo.KeyFunds20),
			zhaoshang.MIndustrialFunds: int64(demo.IndustrialFunds20), zhaoshang.MStartedProjects: demo.Started20, zhaoshang.MProducingProjects: demo.Producing20},
		Targets: indicator.Targets{"new_key_projects": demo.TargetKeyProjects, "funds_in_place": int64(demo.TargetFunds), "key_funds_in_place": int64(demo.TargetKeyFunds)},
	}
	k := indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 50, zhaoshang.MContractInvestment: int64(61 * zhaoshang.Yi), zhaoshang.MStartedProjects: 49},
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 40}, Targets: indicator.Targets{"new_key_projects": 80}}
	h := indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 12, zhaoshang.MStartedProjects: 11}}
	counties := indicator.Ranked(h1, []indicator.UnitData{k, h})
	return &indicator.Report{Unit: prefecture, Period: h1, Rows: indicator.Rows(h1, d),
		Counties: []indicator.UnitRows{{Unit: kaili, Rows: counties[0]}, {Unit: huangping, Rows: counties[1]}}}
}

func claims(fs []reportcheck.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Source+":"+f.Claim)
	}
	return out
}

func TestTheSeedHasExactlyTwoSlipsTheStartRateAndTheFourAreas(t *testing.T) {
	fs := reportcheck.Check(seedText(t))
	if len(fs) != 2 {
		t.Fatalf("want 2 findings, got %d: %q", len(fs), claims(fs))
	}
	rate, areas := fs[0], fs[1]
	if rate.Claim != "开工率98.9%" || rate.Expected != "286÷289＝98.96%，应为99.0%" || rate.Severity != zhaoshang.SeverityWarning ||
		rate.Source != reportcheck.SourceText || !strings.HasPrefix(rate.Sentence, "新增重点产业项目中") || rate.Reason == "" {
		t.Errorf("start rate: %+v", rate)
	}
	if !strings.Contains(areas.Expected, "175＋37＋41＋34＝287个") || !strings.Contains(areas.Expected, "289个") ||
		areas.Severity != zhaoshang.SeverityWarning || areas.Source != reportcheck.SourceText || !strings.Contains(areas.Sentence, "175个工业项目") {
		t.Errorf("areas: %+v", areas)
	}
	var b bytes.Buffer
	if err := reportcheck.WriteTable(&b, fs); err != nil {
		t.Fatal(err)
	}
	t.Logf("the seed's findings:\n%s", b.String())
}

// Against the records, the start rate is off the records (an error, one
// finding for the claim), the areas stay a slip of the text, and every other
// figure of section 一 agrees: the 58.9% share, all four 同比, the
// completions.
func TestTheSeedAgainstItsRecordsDiffersOnlyInTheStartRate(t *testing.T) {
	text := seedText(t)
	p, ok := reportcheck.PeriodOf(text)
	if !ok || p.From != h1.From || p.Through != h1.Through {
		t.Fatalf("period of the seed: %+v %v", p, ok)
	}
	fs := reportcheck.CheckAgainst(text, demoRecords())
	if len(fs) != 2 {
		t.Fatalf("want 2 findings, got %q", claims(fs))
	}
	if f := fs[0]; f.Claim != "开工率98.9%" || f.Source != reportcheck.SourceRecords || f.Severity != zhaoshang.SeverityError || f.Expected != "审定记录为99.0%" {
		t.Errorf("start rate: %+v", f)
	}
	if f := fs[1]; f.Source != reportcheck.SourceText || !strings.Contains(f.Expected, "287") {
		t.Errorf("areas: %+v", f)
	}
	// The paragraph as the system writes it from the records is clean.
	if fs := reportcheck.CheckAgainst(report.ReportNarrative(demoRecords()), demoRecords()); len(fs) != 0 {
		t.Errorf("the demo's narrative: %q", claims(fs))
	}
}

// randomReport is a report of a random unit over a random period with
// random figures: zeros, amounts from a few 元 to a thousand 亿, targets
// or none, last year or none.
func randomReport(r *rand.Rand) *indicator.Report {
	units := []*zhaoshang.OrgUnit{prefecture, kaili, {Name: "遵义市", Kind: zhaoshang.OrgPrefecture}, {Name: "贵州省", Kind: zhaoshang.OrgProvince}, {Name: "州直某部门", Kind: zhaoshang.OrgDepartment}}
	y := 2020 + r.IntN(6)
	periods := []indicator.Period{indicator.YTD(zhaoshang.Month{Y: y, M: 1 + r.IntN(12)}), indicator.Month(zhaoshang.Month{Y: y, M: 1 + r.IntN(12)}),
		indicator.Quarter(y, 1+r.IntN(4)), indicator.Half(y, 1+r.IntN(2)), indicator.Year(y)}
	money := func() zhaoshang.Money {
		switch r.IntN(6) {
		case 0:
			return 0
		case 1:
			return zhaoshang.Money(r.Int64N(10_000_000)) // below 0.1亿
		case 2:
			return zhaoshang.Money(r.Int64N(100_000_000)) // below 1亿
		case 3:
			return zhaoshang.Money(99_900_000 + r.Int64N(200_000)) // about 1亿
		}
		return zhaoshang.Money(r.Int64N(100_000_000_000))
	}
	measures := func() zhaoshang.Measures {
		m := zhaoshang.Measures{}
		if r.IntN(8) == 0 {
			return m
		}
		m[zhaoshang.MNewKeyProjects] = r.Int64N(600)
		if r.IntN(4) == 0 {
			m[zhaoshang.MNewKeyProjects] = r.Int64N(5)
		}
		m[zhaoshang.MStartedProjects] = r.Int64N(m[zhaoshang.MNewKeyProjects] + 1)
		m[zhaoshang.MProducingProjects] = r.Int64N(m[zhaoshang.MStartedProjects] + 1)
		m[zhaoshang.MNewStrongEnterprises] = r.Int64N(200)
		m[zhaoshang.MContractInvestment] = int64(money())
		m[zhaoshang.MFundsInPlace] = int64(money())
		m[zhaoshang.MKeyFunds] = r.Int64N(m[zhaoshang.MFundsInPlace] + 1)
		if r.IntN(3) == 0 {
			m[zhaoshang.MKeyFunds] = int64(money())
		}
		m[zhaoshang.MIndustrialFunds] = r.Int64N(m[zhaoshang.MKeyFunds] + 1)
		m[zhaoshang.MForeignFunds] = int64(money())
		return m
	}
	targets := indicator.Targets{}
	for _, def := range indicator.Definitions {
		if !def.Targetable() || r.IntN(3) == 0 {
			continue
		}
		switch {
		case def.Kind == indicator.KindCount:
			targets[def.Code] = r.Int64N(1000)
		case r.IntN(2) == 0:
			targets[def.Code] = int64(zhaoshang.Yi) * r.Int64N(1000)
		default:
			targets[def.Code] = r.Int64N(200_000_000_000)
		}
	}
	p := periods[r.IntN(len(periods))]
	d := indicator.UnitData{Current: measures(), Previous: measures(), Targets: targets}
	return &indicator.Report{Unit: units[r.IntN(len(units))], Period: p, Rows: indicator.Rows(p, d)}
}

func narrativeOf(r *rand.Rand, rep *indicator.Report) string {
	if r.IntN(2) == 0 {
		return report.ReportNarrative(rep)
	}
	return report.Options{AllChanges: true}.Narrative(rep.Unit, rep.Period, rep.Rows)
}

func TestTheNarrativeOfAnyReportIsCleanAgainstThatReport(t *testing.T) {
	for seed := range uint64(3000) {
		r := rand.New(rand.NewPCG(seed, 17))
		rep := randomReport(r)
		text := narrativeOf(r, rep)
		if fs := reportcheck.CheckAgainst(text, rep); len(fs) != 0 {
			t.Fatalf("seed %d: %s\n%+v", seed, text, fs)
		}
		if fs := reportcheck.Check(text); len(fs) != 0 {
			t.Fatalf("seed %d, text alone: %s\n%+v", seed, text, fs)
		}
	}
}

// tamper changes the last digit of the i-th checkable figure of the text;
// ok false when there are fewer.
func tamper(text string, i int) (string, int, bool) {
	rs := []rune(text)
	n := 0
	for j := 0; j < len(rs); j++ {
		if rs[j] < '0' || rs[j] > '9' {
			continue
		}
		k := j
		for k < len(rs) && (rs[k] >= '0' && rs[k] <= '9' || rs[k] == '.') {
			k++
		}
		unit := string(rs[k:min(k+4, len(rs))])
		isFigure := strings.HasPrefix(unit, "个") || strings.HasPrefix(unit, "家") || strings.HasPrefix(unit, "亿元") || strings.HasPrefix(unit, "万元") || strings.HasPrefix(unit, "%")
		if isFigure && !strings.HasPrefix(unit, "%）") && !(j > 0 && rs[j-1] == '—') && !strings.HasPrefix(unit, "月") {
			if n == i {
				start := j
				last := k - 1
				rs[last] = '0' + (rs[last]-'0'+1)%10
				return string(rs), start, true
			}
			n++
		}
		j = k
	}
	return "", 0, false
}

func TestATamperedFigureOfTheNarrativeIsOffTheRecords(t *testing.T) {
	if _, _, ok := tamper("开工286个、开工率99.0%", 1); !ok {
		t.Fatal("tamper finds no second figure")
	}
	checked := 0
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 99))
		rep := randomReport(r)
		text := narrativeOf(r, rep)
		for i := 0; ; i++ {
			bad, at, ok := tamper(text, i)
			if !ok {
				break
			}
			checked++
			fs := reportcheck.CheckAgainst(bad, rep)
			found := false
			for _, f := range fs {
				if f.Offset == at && f.Source == reportcheck.SourceRecords && f.Severity == zhaoshang.SeverityError {
					found = true
				}
			}
			if !found {
				t.Fatalf("seed %d, figure %d changed, not flagged:\n%s\n%+v", seed, i, bad, fs)
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d figures tampered", checked)
	}
	// The seed's own paragraph with one number changed.
	text := strings.Replace(seedText(t), "新引进优强企业118家", "新引进优强企业128家", 1)
	found := false
	for _, f := range reportcheck.CheckAgainst(text, demoRecords()) {
		if f.Claim == "新引进优强企业128家" && f.Source == reportcheck.SourceRecords && f.Expected == "审定记录为118家" {
			found = true
		}
	}
	if !found {
		t.Errorf("118 → 128 not flagged")
	}
}

func TestAClaimWhoseBaseIsNotStatedIsNotAFinding(t *testing.T) {
	for _, text := range []string{
		"1—6月，全州新引进优强企业118家，同比增长15.7%。",
		"1—6月，全州新引进优强企业118家，同比增长99.9%。",            // no previous figure: cannot be checked
		"工业项目到位资金128.2亿元，占比12.0%。",                 // the share's base is not stated
		"开工286个、开工率12.0%。",                         // no number of new key projects
		"全州为443个招商引资项目提供代办服务1780次，项目代办服务覆盖率达100%。", // what is covered is not stated
		"承诺兑现率在2021年底前达70%以上。",                     // a target, approximately
		"开工率提高12.0个百分点。",
	} {
		if fs := reportcheck.Check(text); len(fs) != 0 {
			t.Errorf("%s: %+v", text, fs)
		}
	}
}

func TestAGrowthIsCheckedWhenLastYearsFigureIsStated(t *testing.T) {
	for text, bad := range map[string]bool{
		"全州新引进优强企业118家，比上年同期102家增长15.7%。":        false,
		"全州新引进优强企业118家，比上年同期102家增长16.0%。":        true,
		"合同约定投资总额355.7亿元，上年同期337.2亿元，同比增长5.5%。":  false,
		"合同约定投资总额355.7亿元，上年同期337.2亿元，同比增长5.6%。":  true, // 355.65÷337.25 − 1 = 5.46% … 355.75÷337.15 − 1 = 5.52%
		"合同约定投资总额300.0亿元，上年同期400.0亿元，同比下降25.0%。": false,
		"合同约定投资总额300.0亿元，上年同期400.0亿元，同比增长25.0%。": true,
		"开工率99.0%，上年同期95.4%，同比提高3.6个百分点。":        false,
		"开工率99.0%，上年同期95.4%，同比提高3.9个百分点。":        true,
	} {
		fs := reportcheck.Check(text)
		if bad != (len(fs) == 1) || len(fs) > 1 {
			t.Errorf("%s: %+v", text, fs)
		}
	}
}

func TestPercentagesRoundHalfUpAtTheirPrintedDecimals(t *testing.T) {
	for text, bad := range map[string]bool{
		"新引进重点产业项目289个，完成年度目标任务450个的64.2%。":                        false,
		"新引进重点产业项目289个，完成年度目标任务450个的64.3%。":                        true,
		"新引进重点产业项目289个，完成年度目标任务450个的64.22%。":                       false,
		"新引进重点产业项目289个，完成年度目标任务450个的64%。":                          false,
		"新引进重点产业项目16个；新增重点产业项目中，开工1个、开工率6.3%。":                     false, // 6.25 rounds up
		"新引进重点产业项目16个；新增重点产业项目中，开工1个、开工率6.2%。":                     true,  // no truncation
		"新引进重点产业项目289个；新增重点产业项目中，开工286个、开工率98.9%，投产109个、投产率37.7%。": true,
		"新引进重点产业项目289个；新增重点产业项目中，开工286个、开工率99.0%，投产109个、投产率37.7%。": false,
		"76个问题上报办结67个，较去年12月新增办结4个，办结率88.16%。":                     false,
		"76个问题上报办结67个，较去年12月新增办结4个，办结率88.61%。":                     true,
		"代办事项275件，办结275件，办结率100%。":                                 false,
		"代办事项275件，办结270件，办结率100%。":                                 true,
	} {
		fs := reportcheck.Check(text)
		if bad != (len(fs) == 1) || len(fs) > 1 {
			t.Errorf("%s: %+v", text, fs)
		}
	}
}

// 128.2 ÷ 217.4 is 58.97%, but the two are rounded 亿元: 128.15 ÷ 217.45 is
// 58.93%, which prints 58.9. A rounded amount stands for its whole range.
func TestRoundedAmountsStandForTheirRange(t *testing.T) {
	const funds = "重点产业项目到位资金217.4亿元，完成州级年度目标任务420亿元的51.8%；工业项目到位资金128.2亿元，占比"
	for share, bad := range map[string]bool{"58.9%": false, "59.0%": false, "58.8%": true, "60.0%": true} {
		fs := reportcheck.Check(funds + share + "。")
		if bad != (len(fs) == 1) || len(fs) > 1 {
			t.Errorf("%s: %+v", share, fs)
		}
	}
	if fs := reportcheck.Check("新增到位资金314.5亿元，完成州级年度目标任务600亿元的52.4%。"); len(fs) != 0 {
		t.Errorf("52.4%%: %+v", fs)
	}
	if fs := reportcheck.Check("新增到位资金314.5亿元，完成州级年度目标任务600亿元的53.4%。"); len(fs) != 1 {
		t.Errorf("53.4%%: %+v", fs)
	}
	// Full-width digits, a full-width percent sign, thousands separators, 万元.
	if fs := reportcheck.Check("重点产业项目到位资金２１７.４亿元；工业项目到位资金１２８.２亿元，占比５８.９％。"); len(fs) != 0 {
		t.Errorf("full width: %+v", fs)
	}
	if fs := reportcheck.Check("新增到位资金1,234.5万元，完成年度目标任务2,000万元的61.7%。"); len(fs) != 0 {
		t.Errorf("separators: %+v", fs)
	}
	if fs := reportcheck.Check("新增到位资金1,234.5万元，完成年度目标任务2,000万元的71.7%。"); len(fs) != 1 || fs[0].Expected != "1234.5÷2000＝61.73%（按所列数值的四舍五入范围为61.71～61.74），应为61.7%" {
		t.Errorf("separators, wrong: %+v", fs)
	}
}

func TestTheFourAreasMustAddUpToTheNewKeyProjectsButNotTheirAmounts(t *testing.T) {
	const total = "1—6月，全州新引进重点产业项目289个，合同约定投资总额355.7亿元。\n"
	areas := func(industry int) string {
		return total + "成功引进了" + itoa(industry) + "个工业项目落地实施，投资总额219.49亿元。成功引进了37个新型城镇化项目落地实施，投资总额57.7亿元。重点引进了41个现代化农业项目落地实施，投资总额18.28亿元。积极引进了34个旅游产业化项目落地实施，投资总额166.4亿元。"
	}
	if fs := reportcheck.Check(areas(177)); len(fs) != 0 {
		t.Errorf("adding up (amounts are another measure): %+v", fs)
	}
	if fs := reportcheck.Check(areas(175)); len(fs) != 1 || !strings.Contains(fs[0].Expected, "＝287个") {
		t.Errorf("287 of 289: %+v", fs)
	}
	// Three areas only: they need not break down the total.
	three := total + "成功引进了175个工业项目落地实施。成功引进了37个新型城镇化项目落地实施。"
	if fs := reportcheck.Check(three); len(fs) != 0 {
		t.Errorf("two areas: %+v", fs)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestACountyIsComparedWithItsOwnRecordsAndAnotherPeriodIsLeftAlone(t *testing.T) {
	rep := demoRecords()
	for text, want := range map[string]string{
		"1—6月，凯里市新引进重点产业项目50个，完成年度目标任务80个的62.5%，同比增长25.0%；新增重点产业项目中，开工49个、开工率98.0%。": "",
		"1—6月，凯里市新引进重点产业项目51个。":                                    "审定记录为50个",
		"1—6月，黄平县新引进重点产业项目12个；新增重点产业项目中，开工11个、开工率91.7%。":           "",
		"6月，全州新引进重点产业项目40个。":                                       "", // a month: not the report's period
		"1—6月，全州新引进重点产业项目290个。":                                    "审定记录为289个",
		"1—6月，全州新引进重点产业项目289个，其中凯里市新引进重点产业项目50个；新增重点产业项目中，开工286个。": "",
		"1—6月，凯里市新引进重点产业项目50个；全州新引进重点产业项目289个。":                    "",
		"2020年1—6月，全州新引进重点产业项目263个。":                               "", // last year
		"1—6月，全州新引进重点产业项目289个，同比增长-9.9%。":                          "审定记录为同比增长9.9%",
		"1—6月，全州新引进优强企业118家，同比下降15.7%。":                            "审定记录为同比增长15.7%",
		"1—6月，全州工业项目到位资金128.2亿元，占比58.9%，同比提高1.5个百分点。":              "审定记录为同比提高1.4个百分点",
	} {
		fs := reportcheck.CheckAgainst(text, rep)
		got := ""
		if len(fs) > 0 {
			got = fs[0].Expected
		}
		if got != want || len(fs) > 1 {
			t.Errorf("%s: %+v", text, fs)
		}
	}
}

func TestPeriodOfReadsTheMonthsAndTheYear(t *testing.T) {
	for text, want := range map[string]indicator.Period{
		"黔东南州投资促进工作2021年半年工作总结\n1—6月，全州……": indicator.YTD(zhaoshang.Month{Y: 2021, M: 6}),
		"2022年上半年工作总结\n今年以来……":             indicator.Half(2022, 1),
		"2021年一季度招商引资工作情况\n一季度，全州……":       indicator.Quarter(2021, 1),
		"2023年工作总结\n1-9月，全州……":             indicator.YTD(zhaoshang.Month{Y: 2023, M: 9}),
		"关于招商引资工作的报告\n2020年1—11月，全州……":     indicator.YTD(zhaoshang.Month{Y: 2020, M: 11}),
		"2021年招商引资工作报告\n截至9月底，全州新引进……":     indicator.YTD(zhaoshang.Month{Y: 2021, M: 9}),
		"2021年全年招商引资工作总结\n全年，全州……":         indicator.Year(2021),
		"２０２１年前三季度工作总结":                    indicator.YTD(zhaoshang.Month{Y: 2021, M: 9}),
	} {
		got, ok := reportcheck.PeriodOf(text)
		if !ok || got != want {
			t.Errorf("%s: %+v %v, want %+v", text, got, ok, want)
		}
	}
	if _, ok := reportcheck.PeriodOf("全州新引进重点产业项目289个。"); ok {
		t.Error("a period without a year")
	}
}

func TestFindingsWriteAsATableAndAsJSON(t *testing.T) {
	var b bytes.Buffer
	if err := reportcheck.WriteTable(&b, nil); err != nil || !strings.Contains(b.String(), "未发现") {
		t.Errorf("no findings: %q %v", b.String(), err)
	}
	fs := reportcheck.Check("新引进重点产业项目289个；新增重点产业项目中，开工286个、开工率98.9%。")
	b.Reset()
	if err := reportcheck.WriteTable(&b, fs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || lines[0] != "严重程度\t来源\t声明\t应为\t原因\t语句" || !strings.HasPrefix(lines[1], "警告\t文内\t开工率98.9%\t286÷289＝98.96%，应为99.0%\t") {
		t.Errorf("table:\n%s", b.String())
	}
	j, err := json.Marshal(fs[0])
	if err != nil || !strings.Contains(string(j), `"claim":"开工率98.9%"`) || !strings.Contains(string(j), `"severity":"warning"`) || !strings.Contains(string(j), `"source":"text"`) {
		t.Errorf("json: %s %v", j, err)
	}
}
