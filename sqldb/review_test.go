package sqldb_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

type reviewFixture struct {
	*statsFixture
	reviews *sqldb.ReviewService
	county  int64 // 凯里市
}

func newReview(t *testing.T, db *sqldb.DB) *reviewFixture {
	f := newStats(t, db)
	return &reviewFixture{statsFixture: f, reviews: sqldb.NewReviewService(db), county: f.tree.ByCode(kaili).ID}
}

// state is 凯里市's review of the month.
func (f *reviewFixture) state(t *testing.T, m zhaoshang.Month) *zhaoshang.MonthReview {
	t.Helper()
	list, err := f.reviews.Reviews(sys(), m.Y, zhaoshang.Month{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.OrgUnitID == f.county && r.Month == m {
			return r
		}
	}
	t.Fatalf("no review of %s", m)
	return nil
}

// step takes a step on 凯里市's months at their current versions.
func (f *reviewFixture) step(t *testing.T, ctx interface{}, a zhaoshang.ReviewAction, reason string, months ...zhaoshang.Month) error {
	t.Helper()
	var steps []zhaoshang.ReviewStep
	for _, m := range months {
		steps = append(steps, zhaoshang.ReviewStep{OrgUnitID: f.county, Month: m, Version: f.state(t, m).Version})
	}
	c := sys()
	if ctx == "clerk" {
		c = f.kaili
	}
	_, err := f.reviews.Step(c, a, steps, reason)
	return err
}

func (f *reviewFixture) official(t *testing.T, through zhaoshang.Month) zhaoshang.Measures {
	t.Helper()
	return f.measures(t, sys(), indicator.YTD(through), kaili)[kaili]
}

func TestAMonthCountsOnlyAfterTheCountySubmitsAndThePrefectureApproves(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		f.add(t, proj{"K1", kaili, "甲公司", false, true, true, 100, day(2021, 1, 10), none, none})
		f.receipt(t, "K1", ym(2021, 1), 30, outProv)
		if m := f.official(t, ym(2021, 1)); !m.IsZero() {
			t.Fatalf("a month being filled counts: %+v", m)
		}
		preview := f.measures(t, zhaoshang.WithUnapproved(f.kaili), indicator.YTD(ym(2021, 1)), kaili)[kaili]
		if preview[zhaoshang.MNewKeyProjects] != 1 || preview.Money(zhaoshang.MFundsInPlace) != 30*zhaoshang.Wan {
			t.Errorf("the county's preview: %+v", preview)
		}
		if err := f.step(t, "clerk", zhaoshang.StepApprove, "", ym(2021, 1)); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a county clerk approves: %v", err)
		}
		if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if m := f.official(t, ym(2021, 1)); !m.IsZero() {
			t.Fatalf("a submitted month counts: %+v", m)
		}
		if err := f.step(t, "bureau", zhaoshang.StepApprove, "", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if m := f.official(t, ym(2021, 1)); m[zhaoshang.MNewKeyProjects] != 1 || m.Money(zhaoshang.MFundsInPlace) != 30*zhaoshang.Wan {
			t.Errorf("an approved month does not count: %+v", m)
		}
		r := f.state(t, ym(2021, 1))
		if r.Status != zhaoshang.ReviewApproved || r.SubmittedBy != "kaili" || r.ReviewedBy == "" || r.Version != 2 {
			t.Errorf("review %+v", r)
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "month_review"})
		if len(entries) != 2 || !strings.Contains(entries[0].Note+entries[1].Note, "凯里市2021年1月：提交") || !strings.Contains(entries[0].Note+entries[1].Note, "审核通过") {
			t.Errorf("audit %d entries", len(entries))
		}
	})
}

func TestAReturnedMonthNeedsAReasonAndIsOpenForCorrection(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		f.add(t, proj{"K1", kaili, "甲公司", false, true, true, 100, day(2021, 1, 10), none, none})
		if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if _, err := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: f.ids["K1"].ID, Month: ym(2021, 1), Amount: zhaoshang.Wan, Source: outProv}); err == nil ||
			!strings.Contains(err.Error(), "凯里市2021年1月的数据已提交，已锁定") {
			t.Errorf("a receipt in a submitted month: %v", err)
		}
		if err := f.step(t, "bureau", zhaoshang.StepReturn, " ", ym(2021, 1)); err == nil || !strings.Contains(err.Error(), "请填写退回的原因") {
			t.Errorf("a return without a reason: %v", err)
		}
		if err := f.step(t, "bureau", zhaoshang.StepReturn, "到位资金缺凭证", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if r := f.state(t, ym(2021, 1)); r.Status != zhaoshang.ReviewReturned || r.Reason != "到位资金缺凭证" {
			t.Errorf("returned: %+v", r)
		}
		if _, err := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: f.ids["K1"].ID, Month: ym(2021, 1), Amount: zhaoshang.Wan, Source: outProv}); err != nil {
			t.Errorf("a correction in a returned month: %v", err)
		}
		if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 1)); err != nil {
			t.Errorf("submitting again: %v", err)
		}
	})
}

func TestALockedMonthChangesOnlyAfterTheBureauApprovesAReopen(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		k1 := f.add(t, proj{"K1", kaili, "甲公司", false, true, true, 100, day(2021, 1, 10), none, none})
		rc := f.receipt(t, "K1", ym(2021, 2), 30, outProv)
		for _, m := range []zhaoshang.Month{ym(2021, 1), ym(2021, 2)} {
			if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", m); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.step(t, "bureau", zhaoshang.StepApprove, "", ym(2021, 1), ym(2021, 2)); err != nil {
			t.Fatal(err)
		}
		before := f.official(t, ym(2021, 2))
		tryAll := func() []error {
			p, _ := f.projects.Project(sys(), k1.ID)
			in := asInput(p)
			in.ContractInvestment = 200 * zhaoshang.Wan
			r, _ := f.projects.Receipts(sys(), k1.ID)
			_, e1 := f.projects.UpdateProject(f.kaili, k1.ID, p.Version, in, "")
			_, e2 := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: k1.ID, Month: ym(2021, 1), Amount: zhaoshang.Wan, Source: outProv, EvidenceNo: "X"})
			e3 := f.projects.VoidReceipt(f.kaili, r[0].ID, r[0].Version, "更正")
			in2 := asInput(p)
			in2.StartedOn = day(2021, 2, 1)
			_, e4 := f.projects.UpdateProject(f.kaili, k1.ID, p.Version, in2, "开工")
			e5 := f.projects.VoidProject(f.kaili, k1.ID, p.Version, "撤销")
			return []error{e1, e2, e3, e4, e5}
		}
		for i, err := range tryAll() {
			if err == nil || !strings.Contains(err.Error(), "已锁定") || !strings.Contains(err.Error(), "请申请重新开放") {
				t.Errorf("change %d of an approved month: %v", i+1, err)
			}
		}
		// a stage reached in a month still open is recorded
		in := asInput(k1)
		in.StartedOn = day(2021, 3, 2)
		if _, err := f.projects.UpdateProject(f.kaili, k1.ID, k1.Version, in, "三月开工"); err != nil {
			t.Errorf("a start in an open month: %v", err)
		}
		// asking is not yet reopening; a refusal keeps it locked
		if err := f.step(t, "clerk", zhaoshang.StepRequestReopen, "1月合同额录入有误", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if err := tryAll()[1]; err == nil {
			t.Error("a change after a mere request")
		}
		if err := f.step(t, "bureau", zhaoshang.StepRejectReopen, "请提供合同原件", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if err := tryAll()[1]; err == nil {
			t.Error("a change after a refused request")
		}
		if err := f.step(t, "clerk", zhaoshang.StepRequestReopen, "已补充合同原件", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		if err := f.step(t, "bureau", zhaoshang.StepApproveReopen, "", ym(2021, 1)); err != nil {
			t.Fatal(err)
		}
		// February's year-to-date figures hold January: it opens too
		if f.state(t, ym(2021, 1)).Status != zhaoshang.ReviewFilling || f.state(t, ym(2021, 2)).Status != zhaoshang.ReviewFilling {
			t.Errorf("after the reopen: %s, %s", f.state(t, ym(2021, 1)).Status, f.state(t, ym(2021, 2)).Status)
		}
		if m := f.official(t, ym(2021, 2)); !m.IsZero() || before[zhaoshang.MNewKeyProjects] != 1 {
			t.Errorf("a reopened month still counts: %+v (before %+v)", m, before)
		}
		p, _ := f.projects.Project(sys(), k1.ID)
		in.ContractInvestment = 200 * zhaoshang.Wan
		if _, err := f.projects.UpdateProject(f.kaili, k1.ID, p.Version, in, ""); err != nil {
			t.Errorf("the correction after the reopen: %v", err)
		}
		if err := f.projects.VoidReceipt(f.kaili, rc.ID, rc.Version, "更正"); err != nil {
			t.Errorf("voiding after the reopen: %v", err)
		}
	})
}

func TestMonthsAreSubmittedAndApprovedInTheOrderOfTheYearAndABatchIsAllOrNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 2)); err == nil || !strings.Contains(err.Error(), "凯里市2021年1月尚未提交") {
			t.Errorf("February before January: %v", err)
		}
		if err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 1), ym(2021, 2), ym(2021, 3)); err != nil {
			t.Fatal(err)
		}
		// one month of the batch cannot be approved (April was never submitted): nothing is
		if err := f.step(t, "bureau", zhaoshang.StepApprove, "", ym(2021, 1), ym(2021, 2), ym(2021, 3), ym(2021, 4)); err == nil {
			t.Fatal("a batch with an unsubmitted month was approved")
		}
		if s := f.state(t, ym(2021, 1)).Status; s != zhaoshang.ReviewSubmitted {
			t.Errorf("January after a refused batch: %s", s)
		}
		// bulk approval of several counties and months at once
		hp := f.tree.ByCode(hp).ID
		if _, err := f.reviews.Step(f.hp, zhaoshang.StepSubmit, []zhaoshang.ReviewStep{{OrgUnitID: hp, Month: ym(2021, 1)}}, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.reviews.Step(f.kaili, zhaoshang.StepSubmit, []zhaoshang.ReviewStep{{OrgUnitID: hp, Month: ym(2021, 2)}}, ""); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("凯里市's clerk submits 黄平县: %v", err)
		}
		out, err := f.reviews.Step(sys(), zhaoshang.StepApprove, []zhaoshang.ReviewStep{
			{OrgUnitID: f.county, Month: ym(2021, 2), Version: 1}, {OrgUnitID: f.county, Month: ym(2021, 1), Version: 1},
			{OrgUnitID: hp, Month: ym(2021, 1), Version: 1}, {OrgUnitID: f.county, Month: ym(2021, 3), Version: 1}}, "")
		if err != nil || len(out) != 4 {
			t.Fatalf("bulk approval: %d, %v", len(out), err)
		}
		// a stale version is refused
		if _, err := f.reviews.Step(sys(), zhaoshang.StepRequestReopen, []zhaoshang.ReviewStep{{OrgUnitID: f.county, Month: ym(2021, 1), Version: 1}}, "x"); zhaoshang.ErrorCode(err) != zhaoshang.EConflict {
			t.Errorf("a stale step: %v", err)
		}
	})
}

func TestAMonthNotSubmittedByTheDeadlineIsOverdue(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		db.SetNow(func() time.Time { return time.Date(2021, 3, 6, 9, 0, 0, 0, time.Local) })
		list, err := f.reviews.Reviews(sys(), 2021, ym(2021, 2))
		if err != nil {
			t.Fatal(err)
		}
		overdue := map[string]bool{}
		for _, r := range list {
			if r.Overdue {
				overdue[fmt.Sprint(r.Unit, r.Month)] = true
			}
		}
		// January was due on 5 February and February on 5 March: both late, in all 16 counties
		if len(list) != 32 || len(overdue) != 32 || f.state(t, ym(2021, 2)).Deadline != day(2021, 3, 5) {
			t.Errorf("%d months, %d overdue", len(list), len(overdue))
		}
		if err := f.reviews.SetDeadlineDay(sys(), 10); err != nil {
			t.Fatal(err)
		}
		if r := f.state(t, ym(2021, 2)); r.Overdue || r.Deadline != day(2021, 3, 10) {
			t.Errorf("with the 10th as deadline: %+v", r)
		}
		if err := f.reviews.SetDeadlineDay(sys(), 31); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Errorf("the 31st: %v", err)
		}
		if err := f.reviews.SetDeadlineDay(f.kaili, 3); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a clerk sets the deadline: %v", err)
		}
	})
}

func TestAnApprovingImportCountsAtOnceAndTheTrailSaysSo(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		in := f.input("H-001", kaili)
		in.Row, in.SignedOn = 2, day(2020, 3, 1)
		in2 := f.input("H-002", kaili)
		in2.Row, in2.SignedOn = 3, day(2020, 5, 1)
		if _, err := f.projects.ImportProjects(f.kaili, []zhaoshang.ProjectInput{in, in2}, "abc", zhaoshang.ImportOptions{Approve: true}); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a county clerk approves by import: %v", err)
		}
		if _, err := f.projects.ImportProjects(sys(), []zhaoshang.ProjectInput{in, in2}, "abc", zhaoshang.ImportOptions{Approve: true}); err != nil {
			t.Fatal(err)
		}
		// the fund ledger of the same months still comes in as approved
		funds := []zhaoshang.FundInput{{Row: 2, ProjectCode: "H-001", Month: ym(2020, 4), Amount: 50 * zhaoshang.Wan, Source: outProv}}
		if _, err := f.projects.ImportFunds(sys(), funds, "def", zhaoshang.ImportOptions{Approve: true}); err != nil {
			t.Fatal(err)
		}
		if m := f.official(t, ym(2020, 12)); m[zhaoshang.MNewKeyProjects] != 2 || m.Money(zhaoshang.MFundsInPlace) != 50*zhaoshang.Wan {
			t.Errorf("approved history: %+v", m)
		}
		for _, m := range []zhaoshang.Month{ym(2020, 3), ym(2020, 4), ym(2020, 5)} { // April: no signing, a receipt
			if s := f.state(t, m).Status; s != zhaoshang.ReviewApproved {
				t.Errorf("%s: %s", m, s)
			}
		}
		if s := f.state(t, ym(2020, 6)).Status; s != zhaoshang.ReviewFilling {
			t.Errorf("June, outside the files: %s", s)
		}
		// an ordinary change is still refused
		if _, err := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: f.projectID(t, "H-001"), Month: ym(2020, 4), Amount: zhaoshang.Wan, Source: outProv, EvidenceNo: "Y"}); err == nil {
			t.Error("a receipt added by hand to an approved historic month")
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "month_review"})
		if len(entries) == 0 || !strings.Contains(entries[0].Note, "历史数据经核实后导入，直接审核通过") {
			t.Errorf("the trail of the approval: %d entries", len(entries))
		}
		imports, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "project_ledger"})
		if len(imports) != 1 || !strings.Contains(imports[0].Note, "作为已核实的历史数据导入") {
			t.Errorf("the trail of the import: %+v", imports)
		}
	})
}

// asInput is the project as its form would send it back unchanged.
func asInput(p *zhaoshang.Project) zhaoshang.ProjectInput {
	return zhaoshang.ProjectInput{Code: p.Code, Name: p.Name, OrgUnitID: p.OrgUnitID, Investor: p.InvestorName, CreditCode: p.CreditCode,
		Area: p.Area, Industry: p.Industry, Key: p.Key, Industrial: p.Industrial, InvestorRegion: p.InvestorRegion,
		ContractInvestment: p.ContractInvestment, TotalInvestment: p.TotalInvestment, SignedOn: p.SignedOn, StartedOn: p.StartedOn,
		ProducingOn: p.ProducingOn, EffectiveOn: p.EffectiveOn, ResponsibleUnit: p.ResponsibleUnit, Note: p.Note}
}

func (f *reviewFixture) projectID(t *testing.T, code string) int64 {
	t.Helper()
	list, _, err := f.projects.Projects(sys(), zhaoshang.ProjectFilter{Query: code})
	if err != nil || len(list) != 1 {
		t.Fatalf("%s: %d, %v", code, len(list), err)
	}
	return list[0].ID
}

// TestNoPathLetsAnUnapprovedMonthCountOrALockedRecordChange plays random
// sequences of review steps and changes of records on three months of one
// county against a model: after every action, the official figures hold
// exactly the receipts of approved months, and a change of a month's
// records succeeds exactly when no month from it onwards is submitted or
// approved.
func TestNoPathLetsAnUnapprovedMonthCountOrALockedRecordChange(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		f.add(t, proj{"K1", kaili, "甲公司", false, true, true, 100000, day(2021, 1, 1), none, none})
		months := []zhaoshang.Month{ym(2021, 1), ym(2021, 2), ym(2021, 3)}
		type model struct {
			status  zhaoshang.ReviewStatus
			pending bool
			amount  zhaoshang.Money // live receipts of the month
		}
		st := map[zhaoshang.Month]*model{}
		for _, m := range months {
			st[m] = &model{status: zhaoshang.ReviewFilling}
		}
		open := func(m zhaoshang.Month) bool {
			for _, l := range months {
				if !l.Before(m) && st[l].status.Locks() {
					return false
				}
			}
			return true
		}
		rng := rand.New(rand.NewPCG(6, 2021))
		actions := []zhaoshang.ReviewAction{zhaoshang.StepSubmit, zhaoshang.StepApprove, zhaoshang.StepReturn, zhaoshang.StepRequestReopen,
			zhaoshang.StepApproveReopen, zhaoshang.StepRejectReopen}
		for i := 0; i < 120; i++ {
			m := months[rng.IntN(len(months))]
			if rng.IntN(3) == 0 { // a change of the month's records
				amt := zhaoshang.Money(1+rng.IntN(9)) * zhaoshang.Wan
				_, err := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: f.ids["K1"].ID, Month: m, Amount: amt, Source: outProv, EvidenceNo: fmt.Sprint("R", i)})
				if open(m) != (err == nil) {
					t.Fatalf("step %d: a receipt in %s (open %v): %v", i, m, open(m), err)
				}
				if err == nil {
					st[m].amount += amt
				}
			} else {
				a := actions[rng.IntN(len(actions))]
				who := "bureau"
				if a == zhaoshang.StepSubmit || a == zhaoshang.StepRequestReopen {
					who = "clerk"
				}
				err := f.step(t, who, a, "原因", m)
				next, merr := zhaoshang.NextReview(st[m].status, st[m].pending, a)
				for _, e := range months {
					if e.Before(m) && (a == zhaoshang.StepSubmit && !st[e].status.Locks() || a == zhaoshang.StepApprove && st[e].status != zhaoshang.ReviewApproved) {
						merr = fmt.Errorf("out of order")
					}
				}
				if (merr == nil) != (err == nil) {
					t.Fatalf("step %d: %s on %s (%s): got %v, model %v", i, a, m, st[m].status, err, merr)
				}
				if err == nil {
					st[m].status = next
					switch a {
					case zhaoshang.StepRequestReopen:
						st[m].pending = true
					case zhaoshang.StepRejectReopen:
						st[m].pending = false
					case zhaoshang.StepApproveReopen:
						st[m].pending = false
						for _, l := range months {
							if m.Before(l) && st[l].status.Locks() {
								st[l].status, st[l].pending = zhaoshang.ReviewFilling, false
							}
						}
					}
				}
			}
			var want zhaoshang.Money
			for _, l := range months {
				if st[l].status == zhaoshang.ReviewApproved {
					want += st[l].amount
				}
			}
			if got := f.official(t, ym(2021, 3)).Money(zhaoshang.MFundsInPlace); got != want {
				t.Fatalf("step %d: the official figure is %d, the approved months hold %d", i, got, want)
			}
		}
	})
}

// TestNoReceiptLandsInAMonthWhileItIsBeingSubmitted races receipts of a
// month against its submission: in the order the audit trail gives
// (the order of commits), no receipt of the month follows the submission.
func TestNoReceiptLandsInAMonthWhileItIsBeingSubmitted(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		f.add(t, proj{"K1", kaili, "甲公司", false, true, true, 100000, day(2021, 1, 1), none, none})
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for w := 0; w < 3; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: f.ids["K1"].ID, Month: ym(2021, 1), Amount: zhaoshang.Wan,
						Source: outProv, EvidenceNo: fmt.Sprintf("W%d-%d", w, i)})
				}
			}(w)
		}
		time.Sleep(50 * time.Millisecond)
		err := f.step(t, "clerk", zhaoshang.StepSubmit, "", ym(2021, 1))
		time.Sleep(50 * time.Millisecond)
		close(stop)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		reviews, _, err := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "month_review", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		receiptEntries, _, err := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "fund_receipt", Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		entries := append(reviews, receiptEntries...)
		var submitted int64
		receipts := 0
		for _, e := range entries {
			if e.Entity == "month_review" && e.Action == string(zhaoshang.StepSubmit) {
				submitted = e.ID
			}
		}
		for _, e := range entries {
			if e.Entity == "fund_receipt" && e.Action == zhaoshang.ActCreate {
				receipts++
				if e.ID > submitted {
					t.Errorf("receipt entry %d came after the submission %d", e.ID, submitted)
				}
			}
		}
		if submitted == 0 || receipts == 0 {
			t.Fatalf("the race did not happen: submission %d, %d receipts", submitted, receipts)
		}
	})
}
