package quality

import (
	"slices"
	"testing"

	"zhaoshang"
)

const (
	code1 = "91520100MA6DKXXX01"
	code2 = "91440300MA5FYYYY02"
	long  = "年产十万吨铝加工及铝合金深加工项目"
)

func pairOf(a, b func(*zhaoshang.Project)) []*zhaoshang.Project {
	return []*zhaoshang.Project{
		project(10, func(p *zhaoshang.Project) { p.OrgUnitID = 1 }, a),
		project(20, func(p *zhaoshang.Project) { p.OrgUnitID = 2 }, b),
	}
}

func TestTheSameInvestmentCountedByTwoCountiesIsFlagged(t *testing.T) {
	tests := []struct {
		name  string
		a, b  func(*zhaoshang.Project)
		parts []string
	}{
		{"same credit code and name, amounts far apart",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, "铝加工项目" },
			func(p *zhaoshang.Project) {
				p.CreditCode, p.Name, p.ContractInvestment = code1, " 铝加工项目 ", wanOf(30_000)
			},
			[]string{"投资方统一社会信用代码相同（" + code1 + "），项目名称相同，疑似跨县市重复统计。"}},
		{"same credit code, other name, amounts within 5%",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, "铝加工项目" },
			func(p *zhaoshang.Project) {
				p.CreditCode, p.Name, p.ContractInvestment = "91520100ma6dkxxx01", "铝材深加工基地", wanOf(10_500)
			},
			[]string{"统一社会信用代码相同", "合同投资额相差不超过5%"}},
		{"no credit code, names alike, amounts within 5%",
			func(p *zhaoshang.Project) { p.Name = long },
			func(p *zhaoshang.Project) { p.Name, p.ContractInvestment = long+"二期", wanOf(9_600) },
			[]string{"项目名称高度相似（相似度94%），合同投资额相差不超过5%"}},
		{"different credit codes, the same name, the same amount",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, long },
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code2, long },
			[]string{"项目名称相同，合同投资额相差不超过5%"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(t, "Q106", snapshot(pairOf(tt.a, tt.b)), DefaultConfig())
			x := wantOne(t, got, "Q106:pair:10:20", append([]string{"黄平县项目“", "”（QDN-2021-20，合同投资额", "）与凯里市项目“", "”（QDN-2021-10，合同投资额10,000.00万元）"}, tt.parts...)...)
			if x.ProjectID != 20 || x.OtherProjectID != 10 || x.OrgUnitID != 2 || x.Severity != zhaoshang.SeverityWarning || x.Year != 2021 {
				t.Errorf("detection %+v", x)
			}
		})
	}
}

func TestDistinctInvestmentsAreNotDuplicates(t *testing.T) {
	tests := []struct {
		name string
		a, b func(*zhaoshang.Project)
	}{
		{"one enterprise, two projects of different names and sizes",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, "铝加工项目" },
			func(p *zhaoshang.Project) {
				p.CreditCode, p.Name, p.ContractInvestment = code1, "物流园项目", wanOf(3_000)
			}},
		{"alike names, amounts more than 5% apart",
			func(p *zhaoshang.Project) { p.Name = long },
			func(p *zhaoshang.Project) { p.Name, p.ContractInvestment = long, wanOf(10_600) }},
		{"close amounts, different names",
			func(p *zhaoshang.Project) { p.Name = "民族医药产业园" },
			func(p *zhaoshang.Project) { p.Name = "新能源电池材料项目" }},
		{"the same county",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, long },
			func(p *zhaoshang.Project) { p.CreditCode, p.Name, p.OrgUnitID = code1, long, 1 }},
		{"one of them voided",
			func(p *zhaoshang.Project) { p.CreditCode, p.Name = code1, long },
			func(p *zhaoshang.Project) { p.CreditCode, p.Name, p.Voided = code1, long, true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantNone(t, only(t, "Q106", snapshot(pairOf(tt.a, tt.b)), DefaultConfig()))
		})
	}
}

// The fast similarity must give the figure of the domain's NameSimilarity.
func TestDiceOfBigramsIsTheDomainNameSimilarity(t *testing.T) {
	names := []string{"", "铝", "铝加工", "铝加工项目", "铝加工项目（一期）", long, long + "二期", "ABC科技有限公司",
		"ａｂｃ科技", "啊啊啊啊", "啊啊啊", "凯里铝加工", "铝铝"}
	for _, a := range names {
		for _, b := range names {
			na, nb := zhaoshang.NormalizeName(a), zhaoshang.NormalizeName(b)
			got := dice(bigrams(na), bigrams(nb), 0)
			if na == nb && na != "" {
				got = 1
			}
			if want := zhaoshang.NameSimilarity(a, b); (na != "" || nb != "") && got != want {
				t.Errorf("dice(%q, %q) = %v, NameSimilarity %v", a, b, got, want)
			}
		}
	}
}

// Blocking must not lose a pair: on a random snapshot with many near
// duplicates it finds exactly the pairs that weighing every pair finds,
// whatever the thresholds.
func TestBlockingFindsEveryPairThatComparingAllPairsFinds(t *testing.T) {
	s := synthetic(7, 3000, 0)
	for _, th := range []struct{ tol, sim float64 }{{0.05, 0.9}, {0.2, 0.75}, {0.01, 1}, {0.05, 0.5}} {
		cfg := DefaultConfig()
		cfg.DuplicateAmountTolerance, cfg.DuplicateNameSimilarity = th.tol, th.sim
		r := newRun(s, cfg, nil)
		items := make([]dupItem, len(r.projects))
		for i, p := range r.projects {
			items[i] = dupItem{p: p, id: p.ID, org: p.OrgUnitID, amount: p.ContractInvestment,
				code: zhaoshang.NormalizeCreditCode(p.CreditCode), name: zhaoshang.NormalizeName(p.Name)}
			items[i].grams = bigrams(items[i].name)
		}
		var want, got []string
		for i := range items {
			for j := i + 1; j < len(items); j++ {
				if x, ok := r.duplicate(&items[i], &items[j]); ok {
					want = append(want, x.Key)
				}
			}
		}
		for _, x := range checkDuplicatesAcrossCounties(r) {
			got = append(got, x.Key)
		}
		slices.Sort(want)
		slices.Sort(got)
		if len(want) == 0 {
			t.Errorf("%+v: the synthetic snapshot should hold duplicates, has %d", th, len(want))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: blocked %d pairs, all pairs %d", th, len(got), len(want))
		}
	}
}

func TestAmountsWithinToleranceAreClose(t *testing.T) {
	tests := []struct {
		a, b zhaoshang.Money
		want bool
	}{
		{10_000, 10_000, true},
		{9_500, 10_000, true}, // 5% of the larger
		{9_499, 10_000, false},
		{10_000, 10_526, true},
		{10_000, 10_527, false},
		{0, 0, false}, // no amount is no evidence
		{-5, -5, false},
	}
	for _, tt := range tests {
		if got := amountsClose(tt.a, tt.b, 0.05); got != tt.want {
			t.Errorf("amountsClose(%d, %d) = %v", tt.a, tt.b, got)
		}
	}
}
