package sqldb_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// insertRows writes rows into table with multi-row INSERTs of plain SQL,
// outside the services and the audit trail: bulk data for benchmarks.
func insertRows(tb testing.TB, db *sqldb.DB, table string, cols []string, rows [][]any) {
	tb.Helper()
	const batch = 50 // SQLite looks $n names up in a list: keep statements short
	for start := 0; start < len(rows); start += batch {
		end := min(start+batch, len(rows))
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
		var args []any
		for i, r := range rows[start:end] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(")
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				fmt.Fprintf(&b, "$%d", len(args))
			}
			b.WriteString(")")
		}
		if err := db.ExecRaw(context.Background(), b.String(), args...); err != nil {
			tb.Fatalf("insert into %s: %v", table, err)
		}
	}
}

// bulkLedger fills a fresh database with the prefecture, 3,000 investors
// (a third strong), the given number of projects signed over 2017–2021
// across the 16 counties, receipts over the same five years, about 2% of
// each voided, and a year's targets.
func bulkLedger(tb testing.TB, db *sqldb.DB, projects, receipts int) *zhaoshang.OrgTree {
	tb.Helper()
	ctx := zhaoshang.SystemContext(context.Background())
	orgs := sqldb.NewOrgService(db)
	if err := orgs.ImportTree(ctx, ledger.DefaultOrgRows()); err != nil {
		tb.Fatal(err)
	}
	tree, err := orgs.Tree(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	counties := tree.Counties(tree.Roots()[0].ID)
	rng := rand.New(rand.NewPCG(5, 2021))
	now := time.Now().UTC().Truncate(time.Second)
	const enterprises = 3000
	var rows [][]any
	for i := 1; i <= enterprises; i++ {
		tags := "[]"
		if i%3 == 0 {
			tags = `["上市公司"]`
		}
		name := fmt.Sprintf("投资者%04d有限公司", i)
		rows = append(rows, []any{i, name, name, tags, now, now})
	}
	insertRows(tb, db, "enterprises", []string{"id", "name", "norm_name", "tags", "created_at", "updated_at"}, rows)
	rows = rows[:0]
	start := zhaoshang.NewDate(2017, 1, 1).Time()
	for i := 1; i <= projects; i++ {
		signed := start.AddDate(0, 0, rng.IntN(5*365))
		var started, producing zhaoshang.Date
		if rng.IntN(10) < 7 {
			s := signed.AddDate(0, 0, rng.IntN(180))
			started = zhaoshang.DateOf(s)
			if rng.IntN(2) == 0 {
				producing = zhaoshang.DateOf(s.AddDate(0, 0, rng.IntN(365)))
			}
		}
		rows = append(rows, []any{i, fmt.Sprintf("B%06d", i), fmt.Sprintf("项目%d", i), counties[rng.IntN(len(counties))].ID, 1 + rng.IntN(enterprises),
			"投资者", string(zhaoshang.AreaIndustry), rng.IntN(10) < 7, rng.IntN(2) == 0, 1 + rng.Int64N(1e9),
			zhaoshang.DateOf(signed), started, producing, rng.IntN(50) == 0, now, now})
	}
	insertRows(tb, db, "projects", []string{"id", "code", "name", "org_unit_id", "enterprise_id", "investor_name", "area", "key_industry", "industrial",
		"contract_investment", "signed_on", "started_on", "producing_on", "voided", "created_at", "updated_at"}, rows)
	// a project's county, for the receipts
	county := make([]int64, projects+1)
	for _, r := range rows {
		county[r[0].(int)] = r[3].(int64)
	}
	rows = rows[:0]
	for i := 1; i <= receipts; i++ {
		p := 1 + rng.IntN(projects)
		m := zhaoshang.Month{Y: 2017 + rng.IntN(5), M: 1 + rng.IntN(12)}
		rows = append(rows, []any{p, county[p], m, 1 + rng.Int64N(1e8), string(zhaoshang.FundSources()[rng.IntN(3)]), fmt.Sprintf("PZ%06d", i), rng.IntN(50) == 0, now, now})
	}
	insertRows(tb, db, "fund_receipts", []string{"project_id", "org_unit_id", "month", "amount", "source", "evidence_no", "voided", "created_at", "updated_at"}, rows)
	// every county-month of the five years approved: the official figures count them all
	rows = rows[:0]
	for _, c := range counties {
		for m := (zhaoshang.Month{Y: 2017, M: 1}); m.Before(zhaoshang.Month{Y: 2022, M: 1}); m = m.Add(1) {
			rows = append(rows, []any{c.ID, m, m.First(), m.Last(), "approved", now})
		}
	}
	insertRows(tb, db, "month_reviews", []string{"org_unit_id", "month", "first_day", "last_day", "status", "updated_at"}, rows)
	var targets []zhaoshang.TargetInput
	for _, u := range append([]*zhaoshang.OrgUnit{tree.Roots()[0]}, counties...) {
		targets = append(targets, zhaoshang.TargetInput{Row: len(targets) + 2, Year: 2021, OrgUnitID: u.ID, Indicator: "new_key_projects", Value: "300"},
			zhaoshang.TargetInput{Row: len(targets) + 3, Year: 2021, OrgUnitID: u.ID, Indicator: "funds_in_place", Value: "5000000"})
	}
	if _, err := sqldb.NewTargetService(db).ImportTargets(ctx, targets, "bench", false); err != nil {
		tb.Fatal(err)
	}
	return tree
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIndicatorsYTD builds the prefecture's 1—6月 report with its 16
// counties ranked (this year and last, targets) over five years of records:
// 20,000 projects and 60,000 receipts.
func BenchmarkIndicatorsYTD(b *testing.B) {
	benchmarkIndicators(b, zhaoshang.SystemContext(context.Background()))
}

// BenchmarkIndicatorsYTDPreview is the same report with unapproved data
// (a preview): the difference is what the approval condition costs.
func BenchmarkIndicatorsYTDPreview(b *testing.B) {
	benchmarkIndicators(b, zhaoshang.WithUnapproved(zhaoshang.SystemContext(context.Background())))
}

func benchmarkIndicators(b *testing.B, ctx context.Context) {
	for _, d := range sqldbtest.Dialects() {
		b.Run(d, func(b *testing.B) {
			db := sqldbtest.Open(b, d)
			tree := bulkLedger(b, db, 20_000, 60_000)
			if d == "postgres" { // what autovacuum does to a database in use
				if err := db.ExecRaw(context.Background(), "VACUUM ANALYZE projects, fund_receipts, enterprises"); err != nil {
					b.Fatal(err)
				}
			}
			stats, targets := sqldb.NewStatsService(db), sqldb.NewTargetService(db)
			root := tree.Roots()[0].ID
			p := indicator.YTD(zhaoshang.Month{Y: 2021, M: 6})
			r, err := indicator.Build(ctx, stats, targets, tree, root, p)
			if err != nil {
				b.Fatal(err)
			}
			if *r.Rows[0].Value == 0 || len(r.Counties) != 16 {
				b.Fatalf("an empty report: %v", *r.Rows[0].Value)
			}
			cpu0 := cpuTime()
			n := 0
			for b.Loop() {
				if _, err := indicator.Build(ctx, stats, targets, tree, root, p); err != nil {
					b.Fatal(err)
				}
				n++
			}
			// the process's CPU time per report: steadier than the wall
			// clock on a busy machine, and all of SQLite's work (not of a
			// PostgreSQL server's)
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
		})
	}
}
