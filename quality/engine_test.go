package quality

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
)

func TestTheCatalogueListsEveryRuleOnceInCodeOrder(t *testing.T) {
	scopes := []string{ScopeProject, ScopeReceipt, ScopePair, ScopeCountyMonth, ScopeCountyYear}
	for i, r := range Rules {
		if i > 0 && Rules[i-1].Code >= r.Code {
			t.Errorf("%s follows %s", r.Code, Rules[i-1].Code)
		}
		if r.Severity.Label() == string(r.Severity) {
			t.Errorf("%s: unknown severity %q", r.Code, r.Severity)
		}
		if r.Title == "" || !strings.HasSuffix(r.Explain, "。") || !slices.Contains(scopes, r.Scope) || r.check == nil {
			t.Errorf("%s is incomplete: %+v", r.Code, r)
		}
		if Lookup(r.Code) != &Rules[i] {
			t.Errorf("Lookup(%s) is not the catalogue entry", r.Code)
		}
	}
	if len(Rules) != 8 || Lookup("Q999") != nil {
		t.Errorf("catalogue of %d rules", len(Rules))
	}
}

func TestRunIsDeterministicSortedAndEveryMessageASentence(t *testing.T) {
	s := synthetic(11, 2000, 6000)
	cfg := DefaultConfig()
	cfg.LocalRegions = []string{"黔东南"}
	cfg.BenfordMinSamples = 20 // small counties; let Q108 speak too
	// one county's invented year: 80 receipts of 5xx万元 on its projects
	var own []*zhaoshang.Project
	for _, p := range s.Projects {
		if p.OrgUnitID == 1 && !p.Voided {
			own = append(own, p)
		}
	}
	for i := 0; i < 80; i++ {
		s.Receipts = append(s.Receipts, &zhaoshang.FundReceipt{ID: int64(100_000 + i), ProjectID: own[i%len(own)].ID,
			Month: zhaoshang.Month{Y: 2021, M: 1 + i%12}, Amount: zhaoshang.Money(500+i) * zhaoshang.Wan, Source: zhaoshang.SourceOutOfProvince})
	}
	got := Run(s, cfg)

	// The same records in another order give the same findings.
	rng := rand.New(rand.NewPCG(5, 6))
	rng.Shuffle(len(s.Projects), func(i, j int) { s.Projects[i], s.Projects[j] = s.Projects[j], s.Projects[i] })
	rng.Shuffle(len(s.Receipts), func(i, j int) { s.Receipts[i], s.Receipts[j] = s.Receipts[j], s.Receipts[i] })
	if again := Run(s, cfg); !reflect.DeepEqual(got, again) {
		t.Fatal("a shuffled snapshot gives other detections")
	}

	seen := map[string]bool{}
	byRule := map[string]int{}
	for i, x := range got {
		byRule[x.Rule]++
		if i > 0 {
			p := got[i-1]
			if cmp.Or(strings.Compare(p.Rule, x.Rule), cmp.Compare(p.OrgUnitID, x.OrgUnitID), strings.Compare(p.Key, x.Key)) >= 0 {
				t.Errorf("out of order: %s %d %s before %s %d %s", p.Rule, p.OrgUnitID, p.Key, x.Rule, x.OrgUnitID, x.Key)
			}
		}
		if seen[x.Key] {
			t.Errorf("key %s twice", x.Key)
		}
		seen[x.Key] = true
		if !strings.HasPrefix(x.Key, x.Rule+":") || x.OrgUnitID == 0 || x.Year == 0 || x.Severity == "" {
			t.Errorf("detection %+v", x)
		}
		if !strings.HasSuffix(x.Message, "。") || strings.Contains(x.Message, "%!") || strings.Contains(x.Message, "编号") && x.Rule >= "Q107" {
			t.Errorf("message %q", x.Message)
		}
	}
	for _, r := range Rules {
		if byRule[r.Code] == 0 {
			t.Errorf("the synthetic snapshot gives no %s: the test sees too little", r.Code)
		}
	}
}

func TestVoidedRecordsAreIgnored(t *testing.T) {
	s := synthetic(13, 300, 900)
	for _, p := range s.Projects {
		p.Voided = true
	}
	wantNone(t, Run(s, DefaultConfig()))

	// A live receipt of a voided project counts no more than the project.
	p := project(1, func(p *zhaoshang.Project) { p.Voided, p.SignedOn = true, zhaoshang.Date{} })
	wantNone(t, Run(snapshot([]*zhaoshang.Project{p}, receipt(1, 1, mo(2021, 1), wanOf(99_999))), DefaultConfig()))
}

func TestAnEmptySnapshotGivesNothing(t *testing.T) {
	wantNone(t, Run(nil, DefaultConfig()))
	wantNone(t, Run(&Snapshot{}, DefaultConfig()))
	wantNone(t, RunFor(&Snapshot{}, DefaultConfig(), 1))
	wantNone(t, RunFor(synthetic(1, 10, 10), DefaultConfig()))
}

// On save, the record rules give for a project exactly what the nightly
// run gives about it, pairs included, and the county statistics nothing.
func TestRunForGivesWhatRunGivesAboutTheSavedProjects(t *testing.T) {
	s := synthetic(17, 2000, 6000)
	cfg := DefaultConfig()
	cfg.BenfordMinSamples = 20
	all := Run(s, cfg)
	for _, ids := range [][]int64{{1}, {5, 77}, {1999, 3, 400, 401, 402}} {
		var want []Detection
		for _, x := range all {
			if Lookup(x.Rule).OnSave() && (slices.Contains(ids, x.ProjectID) || slices.Contains(ids, x.OtherProjectID)) {
				want = append(want, x)
			}
		}
		if got := RunFor(s, cfg, ids...); !reflect.DeepEqual(got, want) {
			t.Errorf("RunFor(%v): %d detections, Run about them %d", ids, len(got), len(want))
		}
	}
	// Every pair is found from either side.
	for _, x := range all {
		if x.Rule == "Q106" {
			got := RunFor(s, cfg, x.OtherProjectID)
			if !slices.ContainsFunc(got, func(y Detection) bool { return y.Key == x.Key }) {
				t.Errorf("RunFor(%d) misses %s", x.OtherProjectID, x.Key)
			}
		}
	}
}

func TestRunForSkipsTheCountyStatistics(t *testing.T) {
	s := yearOf(100, 120, 90, 110, 105, 95, 100, 115, 5_000, 102, 108, 97)
	if len(only(t, "Q107", s, DefaultConfig())) != 1 {
		t.Fatal("the nightly run should find the spike")
	}
	for _, x := range RunFor(s, DefaultConfig(), 1) {
		if x.Rule == "Q107" || x.Rule == "Q108" {
			t.Errorf("RunFor gives %s", x.Key)
		}
	}
}

func TestACountyWithoutANameIsNamedByItsID(t *testing.T) {
	s := yearOf(100, 100, 100, 100, 100, 5_000)
	s.CountyOf = nil
	wantOne(t, only(t, "Q107", s, DefaultConfig()), "Q107:org:1:2021-06", "县市（编号1）2021年6月（季末）")
}

func TestTheDefaultConfigIsValid(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestAnInvalidConfigIsRefusedNamingTheField(t *testing.T) {
	tests := []struct {
		field string
		edit  func(*Config)
		msg   string
	}{
		{"evidence_threshold", func(c *Config) { c.EvidenceThreshold = 0 }, "凭证核验金额标准须大于0"},
		{"key_min_investment", func(c *Config) { c.KeyMinInvestment = -1 }, "重点产业项目合同投资额标准不能为负数"},
		{"duplicate_amount_tolerance", func(c *Config) { c.DuplicateAmountTolerance = 0.5 }, "重复统计的投资额相差比例须大于0且小于50%"},
		{"duplicate_name_similarity", func(c *Config) { c.DuplicateNameSimilarity = 1.1 }, "重复统计的名称相似度须大于0且不超过1"},
		{"spike_threshold", func(c *Config) { c.SpikeThreshold = 0 }, "月度突增的修正Z值阈值须大于0"},
		{"spike_min_months", func(c *Config) { c.SpikeMinMonths = 2 }, "月度突增检查所需月份数须在3至12之间"},
		{"benford_min_samples", func(c *Config) { c.BenfordMinSamples = 0 }, "首位数字检查所需最少笔数须大于0"},
		{"benford_mad_threshold", func(c *Config) { c.BenfordMADThreshold = 0 }, "首位数字平均绝对偏差阈值须大于0且小于1"},
	}
	for _, tt := range tests {
		c := DefaultConfig()
		tt.edit(&c)
		e := zhaoshang.AsError(c.Validate())
		if e == nil || e.Code != zhaoshang.EInvalid || e.Field != tt.field || e.Error() != tt.msg {
			t.Errorf("%s: got %v", tt.field, e)
		}
	}
}

// BenchmarkRun is the nightly run over a prefecture's history.
func BenchmarkRun(b *testing.B) {
	s := synthetic(2021, 20_000, 60_000)
	cfg := DefaultConfig()
	cfg.LocalRegions = []string{"黔东南"}
	b.ReportAllocs()
	for b.Loop() {
		Run(s, cfg)
	}
}
