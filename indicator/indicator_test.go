package indicator_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"zhaoshang"
	"zhaoshang/indicator"
)

func mon(y, m int) zhaoshang.Month { return zhaoshang.Month{Y: y, M: m} }

func TestPeriodsHaveTheirMonthsLabelsAndTimeProgress(t *testing.T) {
	cases := []struct {
		p             indicator.Period
		from, through zhaoshang.Month
		label, title  string
		progress      float64
	}{
		{indicator.YTD(mon(2021, 6)), mon(2021, 1), mon(2021, 6), "1—6月", "2021年1—6月", 50},
		{indicator.YTD(mon(2021, 1)), mon(2021, 1), mon(2021, 1), "1月", "2021年1月", 100.0 / 12},
		{indicator.YTD(mon(2021, 12)), mon(2021, 1), mon(2021, 12), "1—12月", "2021年1—12月", 100},
		{indicator.Month(mon(2021, 6)), mon(2021, 6), mon(2021, 6), "6月", "2021年6月", 50},
		{indicator.Quarter(2021, 1), mon(2021, 1), mon(2021, 3), "一季度", "2021年一季度", 25},
		{indicator.Quarter(2021, 4), mon(2021, 10), mon(2021, 12), "四季度", "2021年四季度", 100},
		{indicator.Half(2021, 1), mon(2021, 1), mon(2021, 6), "上半年", "2021年上半年", 50},
		{indicator.Half(2021, 2), mon(2021, 7), mon(2021, 12), "下半年", "2021年下半年", 100},
		{indicator.Year(2020), mon(2020, 1), mon(2020, 12), "全年", "2020年全年", 100},
		{zhaoshang.Period{From: mon(2021, 4), Through: mon(2021, 8)}, mon(2021, 4), mon(2021, 8), "4—8月", "2021年4—8月", 800.0 / 12},
		{zhaoshang.Period{From: mon(2021, 1), Through: mon(2021, 5)}, mon(2021, 1), mon(2021, 5), "1—5月", "2021年1—5月", 500.0 / 12},
	}
	for _, c := range cases {
		if c.p.From != c.from || c.p.Through != c.through || !c.p.Valid() {
			t.Errorf("%s: %v—%v", c.label, c.p.From, c.p.Through)
		}
		if got := c.p.Label(); got != c.label {
			t.Errorf("label %q, want %q", got, c.label)
		}
		if got := c.p.Title(); got != c.title {
			t.Errorf("title %q, want %q", got, c.title)
		}
		if got := c.p.TimeProgress(); math.Abs(got-c.progress) > 1e-12 {
			t.Errorf("%s: time progress %v, want %v", c.label, got, c.progress)
		}
	}
	prev := indicator.Quarter(2021, 2).PreviousYear()
	if prev != indicator.Quarter(2020, 2) || prev.Label() != "二季度" || prev.First() != zhaoshang.NewDate(2020, 4, 1) || prev.Last() != zhaoshang.NewDate(2020, 6, 30) {
		t.Errorf("previous year of Q2 2021: %+v", prev)
	}
	if p := indicator.YTD(mon(2024, 2)); p.Last() != zhaoshang.NewDate(2024, 2, 29) || !p.Contains(mon(2024, 1)) || p.Contains(mon(2024, 3)) || p.Contains(mon(2023, 2)) {
		t.Errorf("YTD 2024-02: last %v", p.Last())
	}
	if (zhaoshang.Period{From: mon(2021, 6), Through: mon(2021, 5)}).Valid() || (zhaoshang.Period{From: mon(2020, 12), Through: mon(2021, 1)}).Valid() {
		t.Error("a backwards or year-crossing period is valid")
	}
}

func TestThereAreTheTwelveIndicatorsOfTheDomainInOrder(t *testing.T) {
	want := []string{"new_key_projects", "contract_investment", "new_strong_enterprises", "funds_in_place", "key_funds_in_place",
		"industrial_funds_in_place", "industrial_funds_share", "started_projects", "start_rate", "producing_projects", "production_rate", "foreign_funds_in_place"}
	var got []string
	for _, d := range indicator.Definitions {
		got = append(got, d.Code)
		switch d.Kind {
		case indicator.KindRate:
			if d.Unit != "%" {
				t.Errorf("%s: unit %s", d.Code, d.Unit)
			}
		case indicator.KindMoney:
			if d.Unit != "元" {
				t.Errorf("%s: unit %s", d.Code, d.Unit)
			}
		case indicator.KindCount:
			if d.Unit != "个" && d.Unit != "家" {
				t.Errorf("%s: unit %s", d.Code, d.Unit)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v", got)
	}
	for _, s := range []string{"new_key_projects", "NEW_KEY_PROJECTS", " 新增到位资金 ", "start_rate", "开工率"} {
		if indicator.Lookup(s) == nil {
			t.Errorf("lookup %q found nothing", s)
		}
	}
	if d := indicator.Lookup("新增到位资金"); d.Code != "funds_in_place" {
		t.Errorf("新增到位资金 is %s", d.Code)
	}
	if indicator.Lookup("新引进项目") != nil {
		t.Error("an unknown name was found")
	}
	if indicator.Lookup("start_rate").Targetable() || !indicator.Lookup("funds_in_place").Targetable() {
		t.Error("only rates take no target")
	}
	if n := len(indicator.TargetNames()); n != 9 {
		t.Errorf("%d indicators take a target, want 9", n)
	}
}

// seed is the prefecture's 1—6月 2021 of DOMAIN.md as measures.
var seed = zhaoshang.Measures{zhaoshang.MNewKeyProjects: 289, zhaoshang.MContractInvestment: int64(3557 * zhaoshang.Yi / 10), zhaoshang.MNewStrongEnterprises: 118,
	zhaoshang.MFundsInPlace: int64(3145 * zhaoshang.Yi / 10), zhaoshang.MKeyFunds: int64(2174 * zhaoshang.Yi / 10), zhaoshang.MIndustrialFunds: int64(1282 * zhaoshang.Yi / 10),
	zhaoshang.MStartedProjects: 286, zhaoshang.MProducingProjects: 109}

var seed2020 = zhaoshang.Measures{zhaoshang.MNewKeyProjects: 263, zhaoshang.MContractInvestment: int64(3372 * zhaoshang.Yi / 10), zhaoshang.MNewStrongEnterprises: 102,
	zhaoshang.MKeyFunds: int64(1927 * zhaoshang.Yi / 10), zhaoshang.MIndustrialFunds: int64(1000 * zhaoshang.Yi / 10), zhaoshang.MStartedProjects: 200, zhaoshang.MProducingProjects: 100}

func row(rows []indicator.Row, code string) indicator.Row {
	for _, r := range rows {
		if r.Def.Code == code {
			return r
		}
	}
	panic(code)
}

func pct(p *float64) string {
	if p == nil {
		return indicator.None
	}
	return indicator.FormatPercent(*p)
}

func TestTheSeedsHalfYearGivesTheFiguresOfItsSummary(t *testing.T) {
	rows := indicator.Rows(indicator.YTD(mon(2021, 6)), indicator.UnitData{Current: seed, Previous: seed2020,
		Targets: indicator.Targets{"new_key_projects": 450, "funds_in_place": int64(600 * zhaoshang.Yi), "key_funds_in_place": int64(420 * zhaoshang.Yi), "start_rate": 90}})
	for _, c := range []struct {
		code, value, completion, yoy string
		target                       bool
	}{
		{"new_key_projects", "289", "64.2", "+9.9%", true},
		{"contract_investment", "355.7", "—", "+5.5%", false},
		{"new_strong_enterprises", "118", "—", "+15.7%", false},
		{"funds_in_place", "314.5", "52.4", "—", true}, // nothing in place in 2020's measures: no relative change
		{"key_funds_in_place", "217.4", "51.8", "+12.8%", true},
		{"industrial_funds_in_place", "128.2", "—", "+28.2%", false},
		{"industrial_funds_share", "59.0", "—", "+7.1个百分点", false}, // 1282/2174 = 58.97 (the seed prints 58.9)
		{"started_projects", "286", "—", "+43.0%", false},
		{"start_rate", "99.0", "—", "+22.9个百分点", false}, // 286/289 = 98.96, half-up 99.0 (less 200/263); a rate takes no target
		{"producing_projects", "109", "—", "+9.0%", false},
		{"production_rate", "37.7", "—", "-0.3个百分点", false},
		{"foreign_funds_in_place", "0.0", "—", "—", false},
	} {
		r := row(rows, c.code)
		if got := indicator.FormatValue(r.Def, r.Value); got != c.value {
			t.Errorf("%s: value %s, want %s", c.code, got, c.value)
		}
		if got := pct(r.Completion); got != c.completion {
			t.Errorf("%s: completion %s, want %s", c.code, got, c.completion)
		}
		if got := indicator.FormatChange(r.Def, r.YoY); got != c.yoy {
			t.Errorf("%s: yoy %s, want %s", c.code, got, c.yoy)
		}
		if (r.Target != nil) != c.target {
			t.Errorf("%s: target %v", c.code, r.Target)
		}
		if r.TimeProgress != 50 || r.Rank != nil {
			t.Errorf("%s: time progress %v, rank %v", c.code, r.TimeProgress, r.Rank)
		}
	}
	r := row(rows, "new_key_projects")
	if *r.Completion != 289.0/450*100 || r.Ahead == nil || !*r.Ahead {
		t.Errorf("completion %v ahead %v", *r.Completion, r.Ahead)
	}
	if r := row(rows, "funds_in_place"); r.Ahead == nil || !*r.Ahead {
		t.Error("52.4% of the year's funds by June is ahead of time")
	}
	if r := row(rows, "production_rate"); *r.YoY >= 0 || *r.YoY < -0.4 {
		t.Errorf("production rate change %v points", *r.YoY)
	}
}

func TestARateOverNothingHasNoValueAndNoChange(t *testing.T) {
	rows := indicator.Rows(indicator.YTD(mon(2021, 3)), indicator.UnitData{
		Current:  zhaoshang.Measures{},
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 4, zhaoshang.MStartedProjects: 2},
		Targets:  indicator.Targets{"new_key_projects": 10},
	})
	for _, code := range []string{"start_rate", "production_rate", "industrial_funds_share"} {
		r := row(rows, code)
		if r.Value != nil || r.YoY != nil || r.Completion != nil || indicator.FormatValue(r.Def, r.Value) != "—" {
			t.Errorf("%s over nothing: %v %v", code, r.Value, r.YoY)
		}
	}
	if r := row(rows, "start_rate"); *r.Previous != 50 {
		t.Errorf("previous start rate %v", *r.Previous)
	}
	r := row(rows, "new_key_projects")
	if *r.Value != 0 || *r.YoY != -100 || *r.Completion != 0 || *r.Ahead {
		t.Errorf("new key projects: %v %v %v %v", *r.Value, *r.YoY, *r.Completion, *r.Ahead)
	}
	// against a previous year of nothing a count has no relative change
	r = row(indicator.Rows(indicator.YTD(mon(2021, 3)), indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 3}}), "new_key_projects")
	if r.YoY != nil || r.Target != nil || r.Completion != nil || r.Ahead != nil {
		t.Errorf("3 against 0: %+v", r)
	}
	// a zero target gives no completion
	r = row(indicator.Rows(indicator.YTD(mon(2021, 3)), indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 3}, Targets: indicator.Targets{"new_key_projects": 0}}), "new_key_projects")
	if r.Target == nil || *r.Target != 0 || r.Completion != nil {
		t.Errorf("zero target: %+v", r)
	}
}

func TestYearOnYearOfARateIsInPercentagePoints(t *testing.T) {
	r := row(indicator.Rows(indicator.YTD(mon(2021, 6)), indicator.UnitData{
		Current:  zhaoshang.Measures{zhaoshang.MNewKeyProjects: 4, zhaoshang.MStartedProjects: 3},  // 75%
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 8, zhaoshang.MStartedProjects: 4}}, // 50%
	), "start_rate")
	if *r.Value != 75 || *r.Previous != 50 || *r.YoY != 25 {
		t.Fatalf("75%% against 50%%: %v %v %v", *r.Value, *r.Previous, *r.YoY)
	}
	if got := indicator.FormatChange(r.Def, r.YoY); got != "+25.0个百分点" {
		t.Errorf("shown %s", got)
	}
	// the difference of two rates is taken exactly: 1/3 − 1/6 of 100
	r = row(indicator.Rows(indicator.YTD(mon(2021, 6)), indicator.UnitData{
		Current:  zhaoshang.Measures{zhaoshang.MNewKeyProjects: 3, zhaoshang.MStartedProjects: 1},
		Previous: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 6, zhaoshang.MStartedProjects: 1}}), "start_rate")
	if *r.YoY != 100.0/6 {
		t.Errorf("%v", *r.YoY)
	}
}

func TestRanksAreHighestFirstAndTiesShareARank(t *testing.T) {
	counts := []int64{7, 9, 7, 3, 9, 0}
	var units []indicator.UnitData
	for i, n := range counts {
		m := zhaoshang.Measures{zhaoshang.MNewKeyProjects: n, zhaoshang.MStartedProjects: n / 2}
		if i == 5 {
			m = zhaoshang.Measures{}
		}
		units = append(units, indicator.UnitData{UnitID: int64(i), Current: m})
	}
	tables := indicator.Ranked(indicator.YTD(mon(2021, 6)), units)
	var got []int
	for _, rows := range tables {
		got = append(got, *row(rows, "new_key_projects").Rank)
	}
	if want := []int{3, 1, 3, 5, 1, 6}; !slices.Equal(got, want) {
		t.Errorf("ranks %v, want %v", got, want)
	}
	// start rates 3/7, 4/9, 3/7, 1/3, 4/9 and none: the county without projects is not ranked
	got = nil
	for _, rows := range tables {
		if r := row(rows, "start_rate").Rank; r != nil {
			got = append(got, *r)
		} else {
			got = append(got, 0)
		}
	}
	if want := []int{3, 1, 3, 5, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("rate ranks %v, want %v", got, want)
	}
	one := indicator.Ranked(indicator.YTD(mon(2021, 6)), []indicator.UnitData{{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 1}}, {Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 2}},
		{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 2}}, {Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 3}}})
	got = nil
	for _, rows := range one {
		got = append(got, *rows[0].Rank)
	}
	if want := []int{4, 2, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("1,2,2,3 ranked %v, want %v", got, want)
	}
}

func TestPercentagesRoundHalfUpFromTheExactRatio(t *testing.T) {
	for _, c := range []struct {
		num, den int64
		want     string
	}{
		{286, 289, "99.0"}, {109, 289, "37.7"}, {289, 450, "64.2"}, {1282, 2174, "59.0"},
		{1, 2000, "0.1"}, // 0.05
		{3, 2000, "0.2"}, // 0.15, whose double lies below
		{7, 2000, "0.4"}, // 0.35
		{1, 8, "12.5"},   // 12.5
		{1, 16, "6.3"},   // 6.25, an exact binary half
		{-1, 16, "-6.3"}, // half-up is away from zero
		{1, 3, "33.3"}, {2, 3, "66.7"}, {0, 5, "0.0"}, {5, 5, "100.0"}, {1234567, 1000, "123456.7"},
	} {
		v, ok := indicator.Percent(c.num, c.den)
		if !ok {
			t.Fatalf("%d/%d has no value", c.num, c.den)
		}
		if got := indicator.FormatPercent(v); got != c.want {
			t.Errorf("%d/%d = %v shown %s, want %s", c.num, c.den, v, got, c.want)
		}
	}
	if _, ok := indicator.Percent(1, 0); ok {
		t.Error("1/0 has a value")
	}
	for v, want := range map[float64]string{0.15: "0.2", 0.25: "0.3", 0.35: "0.4", 2.675: "2.7", -0.05: "-0.1", -0.04: "0.0", 98.95: "99.0", math.NaN(): "—"} {
		if got := indicator.FormatPercent(v); got != want {
			t.Errorf("%v shown %s, want %s", v, got, want)
		}
	}
}

type fakeMeasures map[zhaoshang.Period]map[int64]zhaoshang.Measures

func (f fakeMeasures) Measures(_ context.Context, ids []int64, p zhaoshang.Period) (map[int64]zhaoshang.Measures, error) {
	out := map[int64]zhaoshang.Measures{}
	for _, id := range ids {
		out[id] = f[p][id]
	}
	return out, nil
}

type fakeTargets []*zhaoshang.Target

func (f fakeTargets) Targets(context.Context, int) ([]*zhaoshang.Target, error) { return f, nil }

func TestAReportHoldsTheUnitAndItsCountiesRanked(t *testing.T) {
	tree := zhaoshang.NewOrgTree([]*zhaoshang.OrgUnit{
		{ID: 1, Code: "522600", Name: "黔东南州", Kind: zhaoshang.OrgPrefecture, Active: true},
		{ID: 2, Code: "522601", Name: "凯里市", Kind: zhaoshang.OrgCounty, ParentID: 1, Active: true},
		{ID: 3, Code: "522622", Name: "黄平县", Kind: zhaoshang.OrgCounty, ParentID: 1, Active: true},
		{ID: 4, Code: "522600-BM01", Name: "州投资促进局", Kind: zhaoshang.OrgDepartment, ParentID: 1, Active: true},
	})
	p := indicator.YTD(mon(2021, 6))
	ms := fakeMeasures{
		p:                {1: {zhaoshang.MNewKeyProjects: 5}, 2: {zhaoshang.MNewKeyProjects: 2}, 3: {zhaoshang.MNewKeyProjects: 3}},
		p.PreviousYear(): {1: {zhaoshang.MNewKeyProjects: 4}},
	}
	r, err := indicator.Build(context.Background(), ms, fakeTargets{{OrgUnitID: 1, Indicator: "new_key_projects", Value: 10}, {OrgUnitID: 2, Indicator: "new_key_projects", Value: 4}}, tree, 1, p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Unit.Name != "黔东南州" || len(r.Counties) != 2 || r.Counties[0].Unit.Name != "凯里市" {
		t.Fatalf("%+v", r)
	}
	if top := r.Rows[0]; *top.Value != 5 || *top.YoY != 25 || *top.Completion != 50 || top.Rank != nil {
		t.Errorf("prefecture: %+v", top)
	}
	if k := r.Counties[0].Rows[0]; *k.Rank != 2 || *k.Completion != 50 || k.YoY != nil {
		t.Errorf("凯里市: %+v", k)
	}
	if h := r.Counties[1].Rows[0]; *h.Rank != 1 || h.Target != nil {
		t.Errorf("黄平县: %+v", h)
	}
	if r, err := indicator.Build(context.Background(), ms, nil, tree, 2, p); err != nil || len(r.Counties) != 0 || *r.Rows[0].Value != 2 {
		t.Errorf("a county's report: %+v %v", r, err)
	}
	if _, err := indicator.Build(context.Background(), ms, nil, tree, 99, p); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
		t.Errorf("unknown unit: %v", err)
	}
}
