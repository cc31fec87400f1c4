package quality

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"zhaoshang"
)

// yearOf makes one project in county 1 with one receipt per month given
// (in 万元; 0 means no receipt that month) in 2021.
func yearOf(wans ...int64) *Snapshot {
	p := project(1, func(p *zhaoshang.Project) { p.SignedOn, p.ContractInvestment = d(2020, 1, 1), wanOf(1_000_000) })
	var fs []*zhaoshang.FundReceipt
	for i, w := range wans {
		if w > 0 {
			fs = append(fs, receipt(int64(i+1), 1, mo(2021, i+1), wanOf(w)))
		}
	}
	return snapshot([]*zhaoshang.Project{p}, fs...)
}

func TestMonthlySpikesAreFlaggedQuarterEndsAsWarnings(t *testing.T) {
	base := []int64{100, 120, 90, 110, 105, 95, 100, 115, 98, 102, 108, 97}
	tests := []struct {
		name     string
		month    int
		severity zhaoshang.Severity
		parts    []string
	}{
		{"quarter end", 3, zhaoshang.SeverityWarning, []string{"凯里市2021年3月（季末）到位资金5,000.00万元，明显高于本年1月至12月的月度中位数", "请核实是否存在季末集中突击填报。"}},
		{"year end", 12, zhaoshang.SeverityWarning, []string{"2021年12月（年末）到位资金5,000.00万元", "年末集中突击填报。"}},
		{"other month", 5, zhaoshang.SeverityInfo, []string{"2021年5月到位资金5,000.00万元", "超过阈值3.5", "请核实是否存在集中突击填报。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := append([]int64(nil), base...)
			ws[tt.month-1] = 5_000
			x := wantOne(t, only(t, "Q107", yearOf(ws...), DefaultConfig()), "Q107:org:1:"+mo(2021, tt.month).String(), tt.parts...)
			if x.Severity != tt.severity || x.Month != mo(2021, tt.month) || x.Year != 2021 || x.ProjectID != 0 || x.OrgUnitID != 1 {
				t.Errorf("detection %+v", x)
			}
		})
	}
}

func TestEvenMonthsAreClean(t *testing.T) {
	tests := []struct {
		name string
		wans []int64
	}{
		{"ordinary variation", []int64{100, 180, 60, 140, 90, 200, 120, 80, 150, 110, 95, 170}},
		{"every month alike", []int64{100, 100, 100, 100, 100, 100, 100, 100}},
		{"a spike in fewer than six months", []int64{100, 100, 100, 100, 9_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantNone(t, only(t, "Q107", yearOf(tt.wans...), DefaultConfig()))
		})
	}
}

// When most months are alike the MAD is 0; the mean absolute deviation
// still finds the one month that is not.
func TestASpikeAmongIdenticalMonthsIsFlagged(t *testing.T) {
	wantOne(t, only(t, "Q107", yearOf(100, 100, 100, 100, 100, 100, 100, 100, 1_000), DefaultConfig()),
		"Q107:org:1:2021-09", "（季末）")
}

// From the first month with receipts to the last, a month without any
// counts as 0: two receipts six months apart make six months to examine.
func TestMonthsWithoutReceiptsCountAsZero(t *testing.T) {
	wantOne(t, only(t, "Q107", yearOf(100, 0, 50_000, 0, 0, 100), DefaultConfig()), "Q107:org:1:2021-03")
}

// benfordAmounts draws n amounts whose logarithms are uniform over five
// decades, which follow Benford's law.
func benfordAmounts(rng *rand.Rand, n int) []zhaoshang.Money {
	out := make([]zhaoshang.Money, n)
	for i := range out {
		out[i] = zhaoshang.Money(math.Pow(10, 4+5*rng.Float64()))
	}
	return out
}

func amountsSnapshot(amounts []zhaoshang.Money) *Snapshot {
	p := project(1, func(p *zhaoshang.Project) { p.SignedOn, p.ContractInvestment = d(2020, 1, 1), 0 })
	fs := make([]*zhaoshang.FundReceipt, len(amounts))
	for i, a := range amounts {
		fs[i] = receipt(int64(i+1), 1, mo(2021, 1+i%12), a)
	}
	return snapshot([]*zhaoshang.Project{p}, fs...)
}

func TestFabricatedFirstDigitsAreFlagged(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	amounts := benfordAmounts(rng, 150)
	for i := 0; i < 50; i++ { // invented round figures: 5xx万元
		amounts = append(amounts, wanOf(500+int64(rng.IntN(100))))
	}
	x := wantOne(t, only(t, "Q108", amountsSnapshot(amounts), DefaultConfig()), "Q108:org:1:2021",
		"凯里市2021年到位资金共200笔，金额首位数字分布与本福特定律偏离较大（平均绝对偏差0.0", "超过0.015的不符合阈值", "其中首位数字5占", "（理论值7.9%）")
	if x.Severity != zhaoshang.SeverityInfo || x.Year != 2021 || !x.Month.IsZero() || !strings.HasSuffix(x.Message, "。") {
		t.Errorf("detection %+v", x)
	}
}

func TestAmountsFollowingBenfordAreClean(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	wantNone(t, only(t, "Q108", amountsSnapshot(benfordAmounts(rng, 5_000)), DefaultConfig()))
}

func TestASmallCountysHonestYearIsNotFlaggedForChance(t *testing.T) {
	flagged := 0
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		flagged += len(only(t, "Q108", amountsSnapshot(benfordAmounts(rng, 120)), DefaultConfig()))
	}
	if flagged > 3 { // 0.1% expected
		t.Errorf("%d of 300 honest years of 120 amounts flagged", flagged)
	}
}

func TestTooFewAmountsSayNothingAboutFirstDigits(t *testing.T) {
	amounts := make([]zhaoshang.Money, 99)
	for i := range amounts {
		amounts[i] = wanOf(555)
	}
	wantNone(t, only(t, "Q108", amountsSnapshot(amounts), DefaultConfig()))
}

func TestFirstDigit(t *testing.T) {
	for m, want := range map[zhaoshang.Money]int{1: 1, 9: 9, 10: 1, 99: 9, 5_000_000: 5, 123_456_789: 1} {
		if got := firstDigit(m); got != want {
			t.Errorf("firstDigit(%d) = %d, want %d", m, got, want)
		}
	}
}
