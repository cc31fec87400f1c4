package report_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
)

// countyReport makes a prefecture report over counties with the given
// measures and targets, ranked as indicator.Build ranks them.
func countyReport(p zhaoshang.Period, data []indicator.UnitData) *indicator.Report {
	r := &indicator.Report{Unit: prefecture, Period: p}
	for i, rows := range indicator.Ranked(p, data) {
		u := &zhaoshang.OrgUnit{ID: int64(10 + i), Code: fmt.Sprintf("5226%02d", i+1), Name: fmt.Sprintf("第%d县", i+1), Kind: zhaoshang.OrgCounty, ParentID: 1}
		r.Counties = append(r.Counties, indicator.UnitRows{Unit: u, Rows: rows})
	}
	return r
}

func TestDefaultSchemeIsValidAndRoundTripsAsJSON(t *testing.T) {
	s := zhaoshang.DefaultScheme(2021)
	if err := s.Validate(indicator.Names); err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, it := range s.Items {
		sum += it.Weight
	}
	if sum != 100 || len(s.Items) != 6 {
		t.Errorf("%d items, %v points", len(s.Items), sum)
	}
	s.Bonus = []zhaoshang.Adjustment{{Name: "招商引资专项考核", Points: 2.5, Counties: []string{"522601"}}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"indicator":"new_key_projects","weight":25,"cap":120`) {
		t.Errorf("json %s", b)
	}
	var back zhaoshang.Scheme
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, s) {
		t.Errorf("round trip: %v\n%+v\n%+v", err, back, s)
	}
}

func TestValidateSaysWhatIsWrongInChinese(t *testing.T) {
	for _, c := range []struct {
		edit func(*zhaoshang.Scheme)
		want string
	}{
		{func(s *zhaoshang.Scheme) { s.Items[0].Indicator = "nope" }, "指标“nope”不存在"},
		{func(s *zhaoshang.Scheme) { s.Items[1].Indicator = "新引进重点产业项目个数" }, "重复"},
		{func(s *zhaoshang.Scheme) { s.Items[0].Weight = 20 }, "各项分值合计须为100分，现为95分"},
		{func(s *zhaoshang.Scheme) { s.Items[0].Cap = 90 }, "封顶值须不低于100%"},
		{func(s *zhaoshang.Scheme) { s.Year = 0 }, "年度"},
		{func(s *zhaoshang.Scheme) { s.Items = nil }, "至少须有一项"},
		{func(s *zhaoshang.Scheme) { s.Penalty = []zhaoshang.Adjustment{{Name: "安全生产", Points: 1}} }, "减分项第1项：须至少指定一个县（市）"},
		{func(s *zhaoshang.Scheme) { s.Bonus = []zhaoshang.Adjustment{{Points: -1, Counties: []string{"x"}}} }, "加分项第1项：须填写名称"},
	} {
		s := zhaoshang.DefaultScheme(2021)
		c.edit(&s)
		err := s.Validate(indicator.Names)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

func TestScoreCountsCappedCompletionRanksAndAdjustmentsExactly(t *testing.T) {
	tg := indicator.Targets{"new_key_projects": 10}
	r := countyReport(h1, []indicator.UnitData{
		{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 15, zhaoshang.MContractInvestment: int64(1 * zhaoshang.Yi)}, Targets: tg}, // 150% → 120%
		{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 5, zhaoshang.MContractInvestment: int64(3 * zhaoshang.Yi)}, Targets: tg},
		{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 10, zhaoshang.MContractInvestment: int64(2 * zhaoshang.Yi)}, Targets: tg},
	})
	s := zhaoshang.Scheme{Year: 2021,
		Items:   []zhaoshang.SchemeItem{{Indicator: "new_key_projects", Weight: 60, Cap: 120}, {Indicator: "contract_investment", Weight: 40, Cap: 120}},
		Bonus:   []zhaoshang.Adjustment{{Name: "加分", Points: 5, Counties: []string{"522602"}}},
		Penalty: []zhaoshang.Adjustment{{Name: "减分", Points: 0.5, Counties: []string{"522603"}}},
	}
	if err := s.Validate(indicator.Names); err != nil {
		t.Fatal(err)
	}
	got := report.Score(r, s)
	want := []struct {
		name  string
		total *big.Rat
		rank  int
	}{
		{"第3县", big.NewRat(517, 6), 1}, // 60 + 40×2/3 − 0.5
		{"第1县", big.NewRat(256, 3), 2}, // 72 + 40×1/3
		{"第2县", big.NewRat(75, 1), 3},  // 30 + 40 + 5
	}
	for i, w := range want {
		c := got[i]
		if c.Name != w.name || c.ExactTotal().Cmp(w.total) != 0 || c.Rank != w.rank {
			t.Errorf("%d: %s %s rank %d, want %s %s rank %d", i, c.Name, c.ExactTotal().RatString(), c.Rank, w.name, w.total.RatString(), w.rank)
		}
	}
	if c := got[1]; c.Items[0].ByRank || c.Items[0].Points != 72 || *c.Items[0].Completion != 150 || !c.Items[1].ByRank || *c.Items[1].Rank != 3 {
		t.Errorf("第1县 items %+v", c.Items)
	}
	if got[2].Bonus != 5 || got[0].Penalty != 0.5 || report.FormatPoints(got[0].ExactTotal()) != "86.17" {
		t.Errorf("bonus %v penalty %v total %s", got[2].Bonus, got[0].Penalty, report.FormatPoints(got[0].ExactTotal()))
	}
}

func TestEqualTotalsShareARankInTheTreesOrder(t *testing.T) {
	m := zhaoshang.Measures{zhaoshang.MContractInvestment: int64(zhaoshang.Yi)}
	r := countyReport(h1, []indicator.UnitData{
		{Current: zhaoshang.Measures{zhaoshang.MContractInvestment: int64(2 * zhaoshang.Yi)}}, {Current: m}, {Current: m}, {},
	})
	s := zhaoshang.Scheme{Year: 2021, Items: []zhaoshang.SchemeItem{{Indicator: "contract_investment", Weight: 100, Cap: 100}}}
	var got []string
	for _, c := range report.Score(r, s) {
		got = append(got, fmt.Sprintf("%d %s %s", c.Rank, c.Name, report.FormatPoints(c.ExactTotal())))
	}
	want := []string{"1 第1县 100.00", "2 第2县 75.00", "2 第3县 75.00", "4 第4县 25.00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}
