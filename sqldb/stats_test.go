package sqldb_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func ym(y, m int) zhaoshang.Month    { return zhaoshang.Month{Y: y, M: m} }
func day(y, m, d int) zhaoshang.Date { return zhaoshang.NewDate(y, m, d) }

// statsFixture is a ledger with a statistics service over it.
type statsFixture struct {
	*ledgerFixture
	stats *sqldb.StatsService
	ids   map[string]*zhaoshang.Project
}

func newStats(t *testing.T, db *sqldb.DB) *statsFixture {
	return &statsFixture{ledgerFixture: newLedger(t, db), stats: sqldb.NewStatsService(db), ids: map[string]*zhaoshang.Project{}}
}

// project records a project as the system; dates are signed, started, producing.
type proj struct {
	code, county, investor  string
	strong, key, industrial bool
	wan                     zhaoshang.Money
	signed, started, prod   zhaoshang.Date
}

func (f *statsFixture) add(t *testing.T, p proj) *zhaoshang.Project {
	t.Helper()
	in := zhaoshang.ProjectInput{Code: p.code, Name: "项目" + p.code, OrgUnitID: f.tree.ByCode(p.county).ID, Investor: p.investor, Strong: p.strong,
		Area: zhaoshang.AreaIndustry, Key: p.key, Industrial: p.industrial, ContractInvestment: p.wan * zhaoshang.Wan,
		SignedOn: p.signed, StartedOn: p.started, ProducingOn: p.prod}
	pr, err := f.projects.CreateProject(sys(), in)
	if err != nil {
		t.Fatalf("%s: %v", p.code, err)
	}
	f.ids[p.code] = pr
	return pr
}

func (f *statsFixture) receipt(t *testing.T, code string, m zhaoshang.Month, wan zhaoshang.Money, src zhaoshang.FundSource) *zhaoshang.FundReceipt {
	t.Helper()
	r, err := f.projects.AddReceipt(sys(), zhaoshang.FundInput{ProjectID: f.ids[code].ID, Month: m, Amount: wan * zhaoshang.Wan, Source: src, EvidenceNo: fmt.Sprintf("%s-%s-%d", code, m, wan)})
	if err != nil {
		t.Fatalf("%s %s: %v", code, m, err)
	}
	return r
}

// approve approves the given months (all of 2019–2022 when none) of every
// county, as historic data, so that their records count.
func (f *statsFixture) approve(t *testing.T, months ...zhaoshang.Month) {
	t.Helper()
	if len(months) == 0 {
		for m := ym(2019, 1); m.Before(ym(2023, 1)); m = m.Add(1) {
			months = append(months, m)
		}
	}
	rs := sqldb.NewReviewService(f.db)
	have := map[string]int64{}
	for _, y := range []int{2019, 2020, 2021, 2022} {
		list, err := rs.Reviews(sys(), y, zhaoshang.Month{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			have[fmt.Sprint(r.OrgUnitID, r.Month)] = r.Version
		}
	}
	var steps []zhaoshang.ReviewStep
	for _, u := range f.tree.Units {
		if u.Kind == zhaoshang.OrgCounty {
			for _, m := range months {
				steps = append(steps, zhaoshang.ReviewStep{OrgUnitID: u.ID, Month: m, Version: have[fmt.Sprint(u.ID, m)]})
			}
		}
	}
	if _, err := rs.Step(sys(), zhaoshang.StepApproveImport, steps, ""); err != nil {
		t.Fatal(err)
	}
}

func (f *statsFixture) measures(t *testing.T, ctx context.Context, p zhaoshang.Period, codes ...string) map[string]zhaoshang.Measures {
	t.Helper()
	var ids []int64
	for _, c := range codes {
		ids = append(ids, f.tree.ByCode(c).ID)
	}
	got, err := f.stats.Measures(ctx, ids, p)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]zhaoshang.Measures{}
	for _, c := range codes {
		out[c] = got[f.tree.ByCode(c).ID]
	}
	return out
}

const (
	pref  = "522600"
	kaili = "522601"
	hp    = "522622"
)

var (
	none                     zhaoshang.Date
	outProv, foreign, inProv = zhaoshang.SourceOutOfProvince, zhaoshang.SourceForeign, zhaoshang.SourceInProvince
)

// handLedger is a small ledger whose figures for 1—6月 2021 and 2020 are
// worked out by hand in the test below.
func handLedger(t *testing.T, f *statsFixture) {
	t.Helper()
	const e1, e2, e3, e4, e5 = "甲集团有限公司", "乙实业有限公司", "丙集团有限公司", "丁集团有限公司", "戊集团有限公司" // strong: 1, 3, 4, 5
	for _, p := range []proj{
		{"K1", kaili, e1, true, true, true, 10000, day(2021, 2, 10), day(2021, 4, 1), day(2021, 6, 30)},
		{"K2", kaili, e2, false, true, false, 5000, day(2021, 6, 30), day(2021, 7, 5), none}, // started after June: not started
		{"K3", kaili, e2, false, false, true, 3000, day(2021, 3, 1), none, none},             // not key
		{"K4", kaili, e4, true, true, true, 8000, day(2021, 5, 1), day(2021, 5, 2), none},    // voided below
		{"K5", kaili, e3, true, true, true, 2000, day(2020, 5, 20), day(2020, 6, 1), none},
		{"K6", kaili, e2, false, true, false, 4000, day(2020, 12, 1), none, none},
		{"H1", hp, e3, true, true, true, 6000, day(2021, 3, 15), day(2021, 6, 1), none},
		{"H2", hp, e1, true, true, true, 1000, day(2021, 7, 1), none, none},  // after the period
		{"H3", hp, e5, true, false, false, 500, day(2021, 1, 5), none, none}, // not key, but a strong newcomer
	} {
		f.add(t, p)
	}
	f.receipt(t, "K1", ym(2021, 3), 1000, outProv)
	f.receipt(t, "K1", ym(2021, 6), 500, foreign)
	f.receipt(t, "K1", ym(2021, 7), 700, outProv) // after the period
	f.receipt(t, "K2", ym(2021, 6), 300, inProv)
	f.receipt(t, "K3", ym(2021, 4), 200, foreign)
	f.receipt(t, "K4", ym(2021, 5), 400, outProv) // of a voided project
	f.receipt(t, "K6", ym(2021, 2), 800, outProv) // a key project signed in 2020: its money of 2021 counts
	voided := f.receipt(t, "K1", ym(2021, 5), 900, outProv)
	f.receipt(t, "K5", ym(2020, 6), 250, outProv)
	f.receipt(t, "H1", ym(2021, 4), 600, foreign)
	f.receipt(t, "H3", ym(2021, 2), 100, inProv)
	f.receipt(t, "K5", ym(2021, 1), 50, outProv)
	if err := f.projects.VoidReceipt(sys(), voided.ID, voided.Version, "重复录入"); err != nil {
		t.Fatal(err)
	}
	k4 := f.ids["K4"]
	if err := f.projects.VoidProject(sys(), k4.ID, k4.Version, "签约后撤销"); err != nil {
		t.Fatal(err)
	}
}

func TestIndicatorsOfAHandBuiltLedgerAreTheHandCountedFigures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		handLedger(t, f)
		f.approve(t)
		w := zhaoshang.Wan
		got := f.measures(t, sys(), indicator.YTD(ym(2021, 6)), pref, kaili, hp, "522623")
		want := map[string]zhaoshang.Measures{
			// K1, K2; K1 started and producing (on 6-30); funds K1 1500 (the 7月 one later, the 900 voided),
			// K2 300, K3 200, K6 800, K5 50; key: all but K3; key and industrial: K1, K5; foreign: K1 500, K3 200;
			// strong newcomer: 甲 (丙 came in 2020, 丁's only project is voided)
			kaili: {zhaoshang.MNewKeyProjects: 2, zhaoshang.MContractInvestment: int64(15000 * w), zhaoshang.MStartedProjects: 1, zhaoshang.MProducingProjects: 1,
				zhaoshang.MFundsInPlace: int64(2850 * w), zhaoshang.MKeyFunds: int64(2650 * w), zhaoshang.MIndustrialFunds: int64(1550 * w), zhaoshang.MForeignFunds: int64(700 * w), zhaoshang.MNewStrongEnterprises: 1},
			// H1 started 6-1; strong newcomers to 黄平县: 丙 (new here although not to the prefecture) and 戊
			hp: {zhaoshang.MNewKeyProjects: 1, zhaoshang.MContractInvestment: int64(6000 * w), zhaoshang.MStartedProjects: 1, zhaoshang.MFundsInPlace: int64(700 * w), zhaoshang.MKeyFunds: int64(600 * w),
				zhaoshang.MIndustrialFunds: int64(600 * w), zhaoshang.MForeignFunds: int64(600 * w), zhaoshang.MNewStrongEnterprises: 2},
			// the sum of its counties, except strong newcomers: 甲 and 戊 (丙 first came in 2020)
			pref: {zhaoshang.MNewKeyProjects: 3, zhaoshang.MContractInvestment: int64(21000 * w), zhaoshang.MStartedProjects: 2, zhaoshang.MProducingProjects: 1, zhaoshang.MFundsInPlace: int64(3550 * w),
				zhaoshang.MKeyFunds: int64(3250 * w), zhaoshang.MIndustrialFunds: int64(2150 * w), zhaoshang.MForeignFunds: int64(1300 * w), zhaoshang.MNewStrongEnterprises: 2},
			"522623": {},
		}
		for code, m := range want {
			if !got[code].Equal(m) {
				t.Errorf("%s 1—6月 2021:\n got %+v\nwant %+v", f.tree.ByCode(code).Name, got[code], m)
			}
		}
		prev := f.measures(t, sys(), indicator.YTD(ym(2020, 6)), pref, kaili, hp)
		want2020 := zhaoshang.Measures{zhaoshang.MNewKeyProjects: 1, zhaoshang.MContractInvestment: int64(2000 * w), zhaoshang.MStartedProjects: 1, zhaoshang.MFundsInPlace: int64(250 * w), zhaoshang.MKeyFunds: int64(250 * w),
			zhaoshang.MIndustrialFunds: int64(250 * w), zhaoshang.MNewStrongEnterprises: 1}
		if !prev[pref].Equal(want2020) || !prev[kaili].Equal(want2020) || !prev[hp].IsZero() {
			t.Errorf("1—6月 2020: %+v", prev)
		}
		// the indicators of the prefecture
		r, err := indicator.Build(sys(), f.stats, nil, f.tree, f.tree.ByCode(pref).ID, indicator.YTD(ym(2021, 6)))
		if err != nil {
			t.Fatal(err)
		}
		show := map[string]string{}
		for _, row := range r.Rows {
			show[row.Def.Code] = indicator.FormatValue(row.Def, row.Value) + " " + indicator.FormatChange(row.Def, row.YoY)
		}
		for code, s := range map[string]string{
			"new_key_projects": "3 +200.0%", "contract_investment": "2.1 +950.0%", "new_strong_enterprises": "2 +100.0%",
			"funds_in_place": "0.4 +1320.0%", "industrial_funds_share": "66.2 -33.8个百分点", // 2150/3250 against 250/250
			"start_rate": "66.7 -33.3个百分点", "production_rate": "33.3 +33.3个百分点", "foreign_funds_in_place": "0.1 —",
		} {
			if show[code] != s {
				t.Errorf("%s shown %q, want %q", code, show[code], s)
			}
		}
		if len(r.Counties) != 16 {
			t.Fatalf("%d counties", len(r.Counties))
		}
		k, h := r.Counties[0].Rows, r.Counties[1].Rows
		if *k[0].Rank != 1 || *h[0].Rank != 2 || *r.Counties[2].Rows[0].Rank != 3 || *r.Counties[15].Rows[0].Rank != 3 {
			t.Errorf("ranks of new key projects: %d %d %d", *k[0].Rank, *h[0].Rank, *r.Counties[2].Rows[0].Rank)
		}
		if *k[8].Rank != 2 || *h[8].Rank != 1 || r.Counties[2].Rows[8].Rank != nil { // start rate 50% and 100%; none elsewhere
			t.Errorf("ranks of the start rate: %v %v", *k[8].Rank, *h[8].Rank)
		}
		// quarters and months
		q := f.measures(t, sys(), indicator.Quarter(2021, 2), kaili)[kaili]
		if q[zhaoshang.MNewKeyProjects] != 1 || q[zhaoshang.MStartedProjects] != 0 || q.Money(zhaoshang.MFundsInPlace) != 1000*w || q[zhaoshang.MNewStrongEnterprises] != 0 {
			t.Errorf("二季度 凯里市: %+v", q) // K2 (signed 6-30, not started by then); K1 500 in 6月, K2 300, K3 200
		}
		m := f.measures(t, sys(), indicator.Month(ym(2021, 7)), hp, kaili)
		if m[hp][zhaoshang.MNewKeyProjects] != 1 || m[hp][zhaoshang.MNewStrongEnterprises] != 1 || m[kaili].Money(zhaoshang.MFundsInPlace) != 700*w {
			t.Errorf("7月: %+v", m) // H2 signed 7-1, 甲 new to 黄平县; K1's 700 in 7月
		}
	})
}

func TestVoidedProjectsAndReceiptsNeverCount(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		f.add(t, proj{"V1", kaili, "甲集团有限公司", true, true, true, 100, day(2021, 3, 1), day(2021, 3, 2), day(2021, 3, 3)})
		f.add(t, proj{"V2", kaili, "乙集团有限公司", false, true, true, 100, day(2021, 3, 1), none, none})
		f.receipt(t, "V1", ym(2021, 4), 10, foreign)
		r := f.receipt(t, "V2", ym(2021, 4), 20, foreign)
		f.receipt(t, "V2", ym(2021, 5), 30, outProv)
		before := f.measures(t, zhaoshang.WithUnapproved(sys()), indicator.YTD(ym(2021, 6)), pref)[pref]
		if before[zhaoshang.MNewKeyProjects] != 2 || before.Money(zhaoshang.MFundsInPlace) != 60*zhaoshang.Wan || before[zhaoshang.MNewStrongEnterprises] != 1 {
			t.Fatalf("before voiding: %+v", before)
		}
		v1 := f.ids["V1"]
		if err := f.projects.VoidProject(sys(), v1.ID, v1.Version, "重复登记"); err != nil {
			t.Fatal(err)
		}
		if err := f.projects.VoidReceipt(sys(), r.ID, r.Version, "金额有误"); err != nil {
			t.Fatal(err)
		}
		f.approve(t)
		got := f.measures(t, sys(), indicator.YTD(ym(2021, 6)), pref, kaili)
		want := zhaoshang.Measures{zhaoshang.MNewKeyProjects: 1, zhaoshang.MContractInvestment: int64(100 * zhaoshang.Wan), zhaoshang.MFundsInPlace: int64(30 * zhaoshang.Wan),
			zhaoshang.MKeyFunds: int64(30 * zhaoshang.Wan), zhaoshang.MIndustrialFunds: int64(30 * zhaoshang.Wan)}
		if !got[pref].Equal(want) || !got[kaili].Equal(want) {
			t.Errorf("after voiding a project (with its live receipt) and a receipt:\n got %+v\nwant %+v", got, want)
		}
	})
}

func TestAProjectSignedInThePeriodButStartedAfterItsEndIsNotStarted(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		f.add(t, proj{"S1", kaili, "甲公司", false, true, true, 100, day(2021, 6, 30), day(2021, 6, 30), day(2021, 7, 1)})
		f.add(t, proj{"S2", kaili, "乙公司", false, true, true, 100, day(2021, 6, 10), day(2021, 7, 1), day(2021, 8, 1)})
		f.add(t, proj{"S3", kaili, "丙公司", false, true, true, 100, day(2021, 5, 10), none, none})
		f.approve(t)
		for _, c := range []struct {
			through                    zhaoshang.Month
			signed, started, producing int64
		}{{ym(2021, 6), 3, 1, 0}, {ym(2021, 7), 3, 2, 1}, {ym(2021, 8), 3, 2, 2}, {ym(2021, 5), 1, 0, 0}} {
			m := f.measures(t, sys(), indicator.YTD(c.through), kaili)[kaili]
			if m[zhaoshang.MNewKeyProjects] != c.signed || m[zhaoshang.MStartedProjects] != c.started || m[zhaoshang.MProducingProjects] != c.producing {
				t.Errorf("through %s: %d signed, %d started, %d producing; want %d, %d, %d", c.through, m[zhaoshang.MNewKeyProjects], m[zhaoshang.MStartedProjects], m[zhaoshang.MProducingProjects], c.signed, c.started, c.producing)
			}
		}
	})
}

func TestACountyClerkCannotGetAnotherCountysMeasures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		handLedger(t, f)
		f.approve(t)
		p := indicator.YTD(ym(2021, 6))
		own := f.measures(t, f.kaili, p, kaili)[kaili]
		if own[zhaoshang.MNewKeyProjects] != 2 || own.Money(zhaoshang.MFundsInPlace) != 2850*zhaoshang.Wan {
			t.Errorf("the clerk's own county: %+v", own)
		}
		for _, other := range []string{hp, pref} {
			if _, err := f.stats.Measures(f.kaili, []int64{f.tree.ByCode(kaili).ID, f.tree.ByCode(other).ID}, p); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
				t.Errorf("凯里市's clerk asking for %s: %v", other, err)
			}
		}
		if _, err := f.stats.Measures(f.kaili, []int64{987654}, p); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("an unknown unit: %v", err)
		}
		if _, err := indicator.Build(f.hp, f.stats, nil, f.tree, f.tree.ByCode(pref).ID, p); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("黄平县's clerk building the prefecture's report: %v", err)
		}
		// without report:view nothing at all
		viewer := zhaoshang.NewPrincipal(&zhaoshang.User{ID: 99, Username: "viewer", OrgUnitID: f.tree.ByCode(pref).ID},
			[]*zhaoshang.Role{{Permissions: []string{zhaoshang.PermProjectView}, Scope: zhaoshang.ScopeAll}}, f.tree)
		if _, err := f.stats.Measures(zhaoshang.WithPrincipal(context.Background(), viewer), []int64{f.tree.ByCode(kaili).ID}, p); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("without report:view: %v", err)
		}
		// a custom scope holding the prefecture but not its counties sees no prefecture total
		partial := zhaoshang.NewPrincipal(&zhaoshang.User{ID: 98, Username: "partial", OrgUnitID: f.tree.ByCode(pref).ID},
			[]*zhaoshang.Role{{Permissions: []string{zhaoshang.PermReportView}, Scope: zhaoshang.ScopeCustom, ScopeUnits: []int64{f.tree.ByCode(pref).ID, f.tree.ByCode(kaili).ID}}}, f.tree)
		pctx := zhaoshang.WithPrincipal(context.Background(), partial)
		if _, err := f.stats.Measures(pctx, []int64{f.tree.ByCode(pref).ID}, p); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("a partial view of the prefecture: %v", err)
		}
		if m, err := f.stats.Measures(pctx, []int64{f.tree.ByCode(kaili).ID}, p); err != nil || !m[f.tree.ByCode(kaili).ID].Equal(own) {
			t.Errorf("the custom scope's county: %v %v", m, err)
		}
	})
}

// ---- property: the SQL counts equal a plain recount in Go ----

type randProject struct {
	in     zhaoshang.ProjectInput
	voided bool
}

type randReceipt struct {
	code   string
	in     zhaoshang.FundInput
	voided bool
}

var randCounties = []string{"522601", "522622", "522623", "522624", "522625"}

// randomLedger makes ~200 projects over 2020–2021 with random flags, stage
// dates, investors (a third of them strong), receipts and voids.
func randomLedger(rng *rand.Rand, tree *zhaoshang.OrgTree) ([]randProject, []randReceipt) {
	randDay := func(from zhaoshang.Date, maxDays int) zhaoshang.Date {
		return zhaoshang.DateOf(from.Time().AddDate(0, 0, rng.IntN(maxDays+1)))
	}
	n := 180 + rng.IntN(41)
	var ps []randProject
	var rs []randReceipt
	for i := 0; i < n; i++ {
		inv := rng.IntN(30)
		in := zhaoshang.ProjectInput{Code: fmt.Sprintf("R%03d", i), Name: fmt.Sprintf("随机项目%03d", i),
			OrgUnitID: tree.ByCode(randCounties[rng.IntN(len(randCounties))]).ID,
			Investor:  fmt.Sprintf("贵州投资者%02d集团有限公司", inv), Strong: inv%3 == 0, Area: zhaoshang.AreaIndustry,
			Key: rng.IntN(10) < 7, Industrial: rng.IntN(2) == 0, ContractInvestment: zhaoshang.Money(1 + rng.Int64N(5e8))}
		in.SignedOn = randDay(day(2020, 1, 1), 730)
		if rng.IntN(10) < 6 {
			in.StartedOn = randDay(in.SignedOn, 200)
			if rng.IntN(2) == 0 {
				in.ProducingOn = randDay(in.StartedOn, 200)
			}
		}
		ps = append(ps, randProject{in: in, voided: rng.IntN(10) == 0})
		for j := rng.IntN(5); j > 0; j-- {
			rs = append(rs, randReceipt{code: in.Code, voided: rng.IntN(10) == 0, in: zhaoshang.FundInput{Row: len(rs) + 2, ProjectCode: in.Code,
				Month: ym(2020+rng.IntN(2), 1+rng.IntN(12)), Amount: zhaoshang.Money(1 + rng.Int64N(1e8)),
				Source: zhaoshang.FundSources()[rng.IntN(3)], EvidenceNo: fmt.Sprintf("PZ%03d-%d", i, j)}})
		}
	}
	return ps, rs
}

// approvedSet holds the approved county-months of a random ledger.
type approvedSet map[countyMonthKey]bool

type countyMonthKey struct {
	org   int64
	month zhaoshang.Month
}

func (a approvedSet) on(org int64, d zhaoshang.Date) bool { return a[countyMonthKey{org, d.Month()}] }

// naiveMeasures recounts one unit's measures (its counties) from the
// ledger, counting only records of approved county-months: a project by
// its signing month, its start and production by theirs, a receipt by its
// month.
func naiveMeasures(ps []randProject, rs []randReceipt, counties map[int64]bool, p zhaoshang.Period, ok approvedSet) zhaoshang.Measures {
	m := zhaoshang.Measures{}
	live := map[string]randProject{}
	in := func(d zhaoshang.Date) bool { return !d.IsZero() && !d.Before(p.First()) && !p.Last().Before(d) }
	by := func(d zhaoshang.Date) bool { return !d.IsZero() && !p.Last().Before(d) }
	earlier := map[string]bool{}   // strong investors signed in the region before the period
	newcomers := map[string]bool{} // strong investors with an approved signing in the period
	for _, x := range ps {
		if x.voided {
			continue
		}
		live[x.in.Code] = x
		if !counties[x.in.OrgUnitID] {
			continue
		}
		org := x.in.OrgUnitID
		if x.in.Strong {
			if x.in.SignedOn.Before(p.First()) {
				earlier[x.in.Investor] = true
			} else if in(x.in.SignedOn) && ok.on(org, x.in.SignedOn) {
				newcomers[x.in.Investor] = true
			}
		}
		if x.in.Key && in(x.in.SignedOn) && ok.on(org, x.in.SignedOn) {
			m[zhaoshang.MNewKeyProjects]++
			m[zhaoshang.MContractInvestment] += int64(x.in.ContractInvestment)
			if by(x.in.StartedOn) && ok.on(org, x.in.StartedOn) {
				m[zhaoshang.MStartedProjects]++
			}
			if by(x.in.ProducingOn) && ok.on(org, x.in.ProducingOn) {
				m[zhaoshang.MProducingProjects]++
			}
		}
	}
	for inv := range newcomers {
		if !earlier[inv] {
			m[zhaoshang.MNewStrongEnterprises]++
		}
	}
	for _, r := range rs {
		x, live := live[r.code]
		if r.voided || !live || !counties[x.in.OrgUnitID] || !p.Contains(r.in.Month) || !ok[countyMonthKey{x.in.OrgUnitID, r.in.Month}] {
			continue
		}
		m[zhaoshang.MFundsInPlace] += int64(r.in.Amount)
		if x.in.Key {
			m[zhaoshang.MKeyFunds] += int64(r.in.Amount)
			if x.in.Industrial {
				m[zhaoshang.MIndustrialFunds] += int64(r.in.Amount)
			}
		}
		if r.in.Source == zhaoshang.SourceForeign {
			m[zhaoshang.MForeignFunds] += int64(r.in.Amount)
		}
	}
	return m
}

// load records a random ledger through the services: two imports, then voids.
func (f *statsFixture) load(t *testing.T, ps []randProject, rs []randReceipt) {
	t.Helper()
	var pin []zhaoshang.ProjectInput
	for i, x := range ps {
		in := x.in
		in.Row = i + 2
		pin = append(pin, in)
	}
	if _, err := f.projects.ImportProjects(sys(), pin, "p", zhaoshang.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var fin []zhaoshang.FundInput
	for _, r := range rs {
		fin = append(fin, r.in)
	}
	if _, err := f.projects.ImportFunds(sys(), fin, "f", zhaoshang.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	list, _, err := f.projects.Projects(sys(), zhaoshang.ProjectFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]*zhaoshang.Project{}
	for _, p := range list {
		byCode[p.Code] = p
	}
	voidReceipt := map[string]bool{}
	for _, r := range rs {
		if r.voided {
			voidReceipt[r.code+r.in.Month.String()+r.in.EvidenceNo] = true
		}
	}
	for _, x := range ps {
		p := byCode[x.in.Code]
		rcs, err := f.projects.Receipts(sys(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, rc := range rcs {
			if voidReceipt[x.in.Code+rc.Month.String()+rc.EvidenceNo] {
				if err := f.projects.VoidReceipt(sys(), rc.ID, rc.Version, "随机作废"); err != nil {
					t.Fatal(err)
				}
			}
		}
		if x.voided {
			if err := f.projects.VoidProject(sys(), p.ID, p.Version, "随机作废"); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestPropertyTheSQLMeasuresEqualARecountInGo(t *testing.T) {
	for _, seed := range []uint64{1, 20210630, 522600} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { propertyRun(t, seed) })
	}
}

func propertyRun(t *testing.T, seed uint64) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		rng := rand.New(rand.NewPCG(seed, 7))
		ps, rs := randomLedger(rng, f.tree)
		f.load(t, ps, rs)
		// four of five county-months approved, at random: only they count
		approved := approvedSet{}
		var steps []zhaoshang.ReviewStep
		for _, c := range randCounties {
			for m := ym(2020, 1); m.Before(ym(2022, 1)); m = m.Add(1) {
				if rng.IntN(5) > 0 {
					id := f.tree.ByCode(c).ID
					approved[countyMonthKey{id, m}] = true
					steps = append(steps, zhaoshang.ReviewStep{OrgUnitID: id, Month: m})
				}
			}
		}
		if _, err := sqldb.NewReviewService(db).Step(sys(), zhaoshang.StepApproveImport, steps, ""); err != nil {
			t.Fatal(err)
		}
		root := f.tree.ByCode(pref)
		all := map[int64]bool{}
		for _, u := range f.tree.Subtree(root.ID) {
			all[u.ID] = true
		}
		unitsOf := func(id int64) map[int64]bool {
			if id == root.ID {
				return all
			}
			return map[int64]bool{id: true}
		}
		periods := []zhaoshang.Period{indicator.YTD(ym(2021, 6)), indicator.YTD(ym(2021, 12)), indicator.YTD(ym(2021, 1)), indicator.Quarter(2021, 3),
			indicator.Month(ym(2021, 2)), indicator.Half(2020, 2), indicator.Year(2020), indicator.Quarter(2020, 1)}
		for _, p := range periods {
			rep, err := indicator.Build(sys(), f.stats, nil, f.tree, root.ID, p)
			if err != nil {
				t.Fatal(err)
			}
			check := func(name string, id int64, rows []indicator.Row) {
				cur, prev := naiveMeasures(ps, rs, unitsOf(id), p, approved), naiveMeasures(ps, rs, unitsOf(id), p.PreviousYear(), approved)
				for _, row := range rows {
					v, vok := row.Def.Compute(cur)
					pv, pok := row.Def.Compute(prev)
					if !sameOpt(row.Value, v, vok) || !sameOpt(row.Previous, pv, pok) {
						t.Errorf("%s %s %s: SQL %v / %v, Go %v / %v", p.Title(), name, row.Def.Code, deref(row.Value), deref(row.Previous), v, pv)
						continue
					}
					var yoy float64
					yok := vok && pok
					if yok && row.Def.Kind == indicator.KindRate {
						yoy = v - pv
					} else if yok {
						yok = pv != 0
						yoy = (v - pv) / pv * 100
					}
					if !near(row.YoY, yoy, yok) {
						t.Errorf("%s %s %s: yoy %v, want %v", p.Title(), name, row.Def.Code, deref(row.YoY), yoy)
					}
				}
			}
			check(root.Name, root.ID, rep.Rows)
			// ranks: one more than the counties strictly ahead
			for i, c := range rep.Counties {
				check(c.Unit.Name, c.Unit.ID, c.Rows)
				for k, row := range c.Rows {
					v, ok := row.Def.Compute(naiveMeasures(ps, rs, unitsOf(c.Unit.ID), p, approved))
					if !ok {
						if row.Rank != nil {
							t.Errorf("%s %s %s: ranked without a value", p.Title(), c.Unit.Name, row.Def.Code)
						}
						continue
					}
					rank := 1
					for j, o := range rep.Counties {
						if w, ok := o.Rows[k].Def.Compute(naiveMeasures(ps, rs, unitsOf(o.Unit.ID), p, approved)); ok && j != i && w > v {
							rank++
						}
					}
					if row.Rank == nil || *row.Rank != rank {
						t.Errorf("%s %s %s: rank %v, want %d", p.Title(), c.Unit.Name, row.Def.Code, row.Rank, rank)
					}
				}
			}
			// the measures themselves, for the prefecture and each county
			ids := []int64{root.ID}
			for _, c := range randCounties {
				ids = append(ids, f.tree.ByCode(c).ID)
			}
			got, err := f.stats.Measures(sys(), ids, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if want := naiveMeasures(ps, rs, unitsOf(id), p, approved); !got[id].Equal(want) {
					t.Errorf("%s %s:\n SQL %+v\n  Go %+v", p.Title(), f.tree.ByID(id).Name, got[id], want)
				}
			}
		}
	})
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func sameOpt(got *float64, want float64, ok bool) bool {
	if got == nil || !ok {
		return got == nil && !ok
	}
	return *got == want
}

func near(got *float64, want float64, ok bool) bool {
	if got == nil || !ok {
		return got == nil && !ok
	}
	return math.Abs(*got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func TestStrongNewcomersAreCountedPerRegionForSeveralRegionsInOneCall(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		orgs := sqldb.NewOrgService(db)
		rows := []zhaoshang.OrgRow{
			{Line: 2, Code: "P", Name: "某省", Kind: zhaoshang.OrgProvince},
			{Line: 3, Code: "A", Name: "甲州", ParentCode: "P", Kind: zhaoshang.OrgPrefecture},
			{Line: 4, Code: "B", Name: "乙州", ParentCode: "P", Kind: zhaoshang.OrgPrefecture},
			{Line: 5, Code: "A1", Name: "甲一县", ParentCode: "A", Kind: zhaoshang.OrgCounty},
			{Line: 6, Code: "A2", Name: "甲二县", ParentCode: "A", Kind: zhaoshang.OrgCounty},
			{Line: 7, Code: "B1", Name: "乙一县", ParentCode: "B", Kind: zhaoshang.OrgCounty},
		}
		if err := orgs.ImportTree(sys(), rows); err != nil {
			t.Fatal(err)
		}
		tree, _ := orgs.Tree(sys())
		projects := sqldb.NewProjectService(db)
		add := func(code, county, investor string, signed zhaoshang.Date) {
			in := zhaoshang.ProjectInput{Code: code, Name: code, OrgUnitID: tree.ByCode(county).ID, Investor: investor, Strong: true,
				Area: zhaoshang.AreaIndustry, Key: true, ContractInvestment: zhaoshang.Wan, SignedOn: signed}
			if _, err := projects.CreateProject(sys(), in); err != nil {
				t.Fatal(err)
			}
		}
		add("X1", "A1", "某甲集团有限公司", day(2020, 5, 1)) // 某甲 came to 甲一县 in 2020…
		add("X2", "B1", "某甲集团有限公司", day(2021, 3, 1)) // …and to 乙州 in 2021
		add("X3", "A2", "某甲集团有限公司", day(2021, 4, 1)) // …and to 甲二县
		add("Y1", "A2", "某乙集团有限公司", day(2021, 2, 1)) // 某乙 is new everywhere it is
		add("Y2", "A1", "某乙集团有限公司", day(2021, 5, 1))
		codes := []string{"P", "A", "B", "A1", "A2", "B1"}
		var ids []int64
		for _, c := range codes {
			ids = append(ids, tree.ByCode(c).ID)
		}
		got, err := sqldb.NewStatsService(db).Measures(zhaoshang.WithUnapproved(sys()), ids, indicator.YTD(ym(2021, 6)))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int64{"P": 1, "A": 1, "B": 1, "A1": 1, "A2": 2, "B1": 1}
		for i, c := range codes {
			if n := got[ids[i]][zhaoshang.MNewStrongEnterprises]; n != want[c] {
				t.Errorf("%s: %d new strong enterprises, want %d", tree.ByCode(c).Name, n, want[c])
			}
			if c == "A2" && got[ids[i]][zhaoshang.MNewKeyProjects] != 2 || c == "P" && got[ids[i]][zhaoshang.MNewKeyProjects] != 4 {
				t.Errorf("%s: %d new key projects", c, got[ids[i]][zhaoshang.MNewKeyProjects])
			}
		}
		// the strong tags are the bureau's setting
		if err := sqldb.NewEnterpriseService(db).SetStrongTags(sys(), []string{"世界500强"}); err != nil {
			t.Fatal(err)
		}
		got, _ = sqldb.NewStatsService(db).Measures(zhaoshang.WithUnapproved(sys()), ids, indicator.YTD(ym(2021, 6)))
		for i := range codes {
			if got[ids[i]][zhaoshang.MNewStrongEnterprises] != 0 {
				t.Errorf("%s counts strong enterprises by a tag no longer strong", codes[i])
			}
		}
	})
}
