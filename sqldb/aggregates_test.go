package sqldb_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// The monthly aggregates never disagree with the records: after random
// creates, edits (moves to another county, new signing and stage dates,
// key and industrial flags), voids, imports, approvals, reopenings and
// moves of units in the tree, every stored cell equals a recount of its
// county-month's records, and no cell is left over.
func TestTheAggregatesNeverDisagreeWithTheRecords(t *testing.T) {
	for _, seed := range []uint64{1, 2021} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) { aggregateRun(t, db, seed) })
		})
	}
}

func aggregateRun(t *testing.T, db *sqldb.DB, seed uint64) {
	f := newStats(t, db)
	rng := rand.New(rand.NewPCG(seed, 12))
	reviews := sqldb.NewReviewService(db)
	orgs := sqldb.NewOrgService(db)
	counties := []int64{f.tree.ByCode(kaili).ID, f.tree.ByCode(hp).ID, f.tree.ByCode("522623").ID}
	randDate := func() zhaoshang.Date { return day(2020+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(28)) }
	var projects []*zhaoshang.Project
	var receipts []*zhaoshang.FundReceipt
	newInput := func(i int) zhaoshang.ProjectInput {
		in := zhaoshang.ProjectInput{Code: fmt.Sprintf("A%04d", i), Name: fmt.Sprintf("汇总项目%04d", i), OrgUnitID: counties[rng.IntN(len(counties))],
			Investor: fmt.Sprintf("投资者%02d有限公司", rng.IntN(10)), Area: zhaoshang.AreaIndustry, Key: rng.IntN(3) > 0, Industrial: rng.IntN(2) == 0,
			ContractInvestment: zhaoshang.Money(1 + rng.Int64N(1e9)), SignedOn: randDate()}
		if rng.IntN(2) == 0 {
			in.StartedOn = in.SignedOn
			if rng.IntN(2) == 0 {
				in.ProducingOn = in.SignedOn
			}
		}
		return in
	}
	refused, reasons := 0, map[string]int{}
	ok := func(err error) bool {
		if err == nil {
			return true
		}
		var ir *zhaoshang.ImportRefused
		if zhaoshang.AsError(err) == nil && !errors.As(err, &ir) {
			t.Fatal(err) // a fault, not a refusal (a locked month, a stale version)
		}
		refused++
		if e := zhaoshang.AsError(err); e != nil {
			reasons[e.Message]++
		} else {
			reasons["import refused"]++
		}
		return false
	}
	reload := func(p *zhaoshang.Project) *zhaoshang.Project {
		got, err := f.projects.Project(sys(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for step := 0; step < 240; step++ {
		switch op := rng.IntN(10); {
		case op < 3 || len(projects) == 0: // create
			if p, err := f.projects.CreateProject(sys(), newInput(step)); ok(err) {
				projects = append(projects, p)
			}
		case op == 3: // edit: move, re-date, re-flag
			p := reload(projects[rng.IntN(len(projects))])
			if p.Voided {
				continue
			}
			in := newInput(step)
			in.Code, in.Investor = p.Code, p.InvestorName
			ok2 := ok
			_, err := f.projects.UpdateProject(sys(), p.ID, p.Version, in, "调整")
			ok2(err)
		case op == 4: // void a project
			p := reload(projects[rng.IntN(len(projects))])
			if !p.Voided {
				ok(f.projects.VoidProject(sys(), p.ID, p.Version, "录入错误"))
			}
		case op == 5: // a receipt
			p := reload(projects[rng.IntN(len(projects))])
			r, err := f.projects.AddReceipt(sys(), zhaoshang.FundInput{ProjectID: p.ID, Month: ym(2020+rng.IntN(2), 1+rng.IntN(12)),
				Amount: zhaoshang.Money(1 + rng.Int64N(1e8)), Source: zhaoshang.FundSources()[rng.IntN(3)], EvidenceNo: fmt.Sprint("E", step)})
			if ok(err) {
				receipts = append(receipts, r)
			}
		case op == 6 && len(receipts) > 0: // void a receipt
			r := receipts[rng.IntN(len(receipts))]
			rs, err := f.projects.Receipts(sys(), r.ProjectID)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range rs {
				if x.ID == r.ID && !x.Voided {
					ok(f.projects.VoidReceipt(sys(), x.ID, x.Version, "重复录入"))
				}
			}
		case op == 7: // an import: new rows and updates of existing ones
			var rows []zhaoshang.ProjectInput
			for i := 0; i < 5; i++ {
				in := newInput(1000 + step*10 + i)
				if len(projects) > 0 && i == 0 {
					in.Code = projects[rng.IntN(len(projects))].Code
				}
				in.Row = i + 2
				rows = append(rows, in)
			}
			approve := rng.IntN(6) == 0 // historic data of 2020 come in approved
			if approve {
				for i := range rows {
					rows[i].SignedOn = day(2020, 1+rng.IntN(12), 1+rng.IntN(28))
					rows[i].StartedOn, rows[i].ProducingOn = zhaoshang.Date{}, zhaoshang.Date{}
				}
			}
			if _, err := f.projects.ImportProjects(sys(), rows, "x", zhaoshang.ImportOptions{Approve: approve}); ok(err) {
				list, _, err := f.projects.Projects(sys(), zhaoshang.ProjectFilter{Limit: 500})
				if err != nil {
					t.Fatal(err)
				}
				projects = list
			}
		case op == 8 && rng.IntN(3) == 0: // approve or reopen a county's month (rarely: a lock refuses what follows)
			c, m := counties[rng.IntN(len(counties))], ym(2020, 1+rng.IntN(12)) // 2021 stays open to change
			if rng.IntN(2) == 0 {
				_, err := reviews.Step(sys(), zhaoshang.StepApproveImport, []zhaoshang.ReviewStep{{OrgUnitID: c, Month: m}}, "")
				ok(err)
			} else {
				list, err := reviews.Reviews(sys(), m.Y, zhaoshang.Month{})
				if err != nil {
					t.Fatal(err)
				}
				for _, rv := range list {
					if rv.OrgUnitID == c && rv.Month == m && rv.Status == zhaoshang.ReviewApproved {
						if got, err := reviews.Step(sys(), zhaoshang.StepRequestReopen, []zhaoshang.ReviewStep{{OrgUnitID: c, Month: m, Version: rv.Version}}, "更正"); ok(err) {
							ok2 := ok
							_, err := reviews.Step(sys(), zhaoshang.StepApproveReopen, []zhaoshang.ReviewStep{{OrgUnitID: c, Month: m, Version: got[0].Version}}, "")
							ok2(err)
						}
					}
				}
			}
		default: // move a county in the tree and back
			tree, err := orgs.Tree(sys())
			if err != nil {
				t.Fatal(err)
			}
			c := tree.ByID(counties[rng.IntN(len(counties))])
			zone, err := orgs.CreateUnit(sys(), zhaoshang.OrgUnitInput{Code: fmt.Sprint("Z", step), Name: fmt.Sprint("片区", step), Kind: zhaoshang.OrgZone, ParentID: c.ParentID})
			if !ok(err) {
				continue
			}
			if moved, err := orgs.MoveUnit(sys(), c.ID, c.Version, zone.ID); ok(err) {
				_, err := orgs.MoveUnit(sys(), moved.ID, moved.Version, c.ParentID)
				ok(err)
			}
		}
		if step%60 == 59 {
			verifyAggregates(t, db, step)
		}
	}
	verifyAggregates(t, db, -1)
	if err := db.RebuildAggregates(sys()); err != nil {
		t.Fatal(err)
	}
	verifyAggregates(t, db, -2)
	t.Logf("%d projects, %d receipts, %d steps refused (locked months, stale versions): %v", len(projects), len(receipts), refused, reasons)
}

func verifyAggregates(t *testing.T, db *sqldb.DB, step int) {
	t.Helper()
	diffs, err := db.VerifyAggregates(sys())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Errorf("after step %d: %s", step, d)
	}
	if len(diffs) > 0 {
		t.FailNow()
	}
}
