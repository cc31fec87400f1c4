package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

type ledgerFixture struct {
	db       *sqldb.DB
	projects *sqldb.ProjectService
	tree     *zhaoshang.OrgTree
	kaili    context.Context // a 凯里市 county clerk
	hp       context.Context // a 黄平县 county clerk
}

func newLedger(t *testing.T, db *sqldb.DB) *ledgerFixture {
	t.Helper()
	_, tree := seededOrg(t, db)
	users := sqldb.NewUserService(db)
	if err := users.EnsureRoles(sys()); err != nil {
		t.Fatal(err)
	}
	f := &ledgerFixture{db: db, projects: sqldb.NewProjectService(db), tree: tree}
	auth := sqldb.NewAuthService(db)
	for _, c := range []struct {
		name, unit string
		ctx        *context.Context
	}{{"kaili", "522601", &f.kaili}, {"huangping", "522622", &f.hp}} {
		in := zhaoshang.UserInput{Username: c.name, DisplayName: c.name, OrgUnitID: tree.ByCode(c.unit).ID}
		if _, err := users.CreateUserWithPassword(sys(), in, pw, false, []string{zhaoshang.RoleCountyClerk}); err != nil {
			t.Fatal(err)
		}
		res, err := auth.Login(context.Background(), c.name, pw, "", "")
		if err != nil {
			t.Fatal(err)
		}
		*c.ctx = zhaoshang.WithPrincipal(context.Background(), res.Principal)
	}
	return f
}

func (f *ledgerFixture) input(code, county string) zhaoshang.ProjectInput {
	return zhaoshang.ProjectInput{Code: code, Name: "项目" + code, OrgUnitID: f.tree.ByCode(county).ID, Investor: "贵州某某实业有限公司",
		Area: zhaoshang.AreaIndustry, Key: true, Industrial: true, ContractInvestment: 5000 * zhaoshang.Wan,
		SignedOn: zhaoshang.NewDate(2021, 3, 15)}
}

func TestAProjectIsKeptWithItsEnterpriseTimelineAndAudit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		p, err := f.projects.CreateProject(f.kaili, f.input("KL-001", "522601"))
		if err != nil {
			t.Fatal(err)
		}
		in := f.input("KL-001", "522601")
		in.StartedOn = zhaoshang.NewDate(2021, 5, 1)
		if _, err := f.projects.UpdateProject(f.kaili, p.ID, p.Version, in, ""); err == nil || !strings.Contains(err.Error(), "阶段日期有变化") {
			t.Fatalf("a stage change without a note: %v", err)
		}
		p, err = f.projects.UpdateProject(f.kaili, p.ID, p.Version, in, "厂房已动工")
		if err != nil || p.Stage() != zhaoshang.StageStarted {
			t.Fatalf("update: %v %+v", err, p)
		}
		tl, err := f.projects.Timeline(f.kaili, p.ID)
		if err != nil || len(tl) != 2 || tl[1].Note != "厂房已动工" || tl[0].DaysSpent != 47 {
			t.Fatalf("timeline: %+v %v", tl, err)
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "project", EntityID: fmt.Sprint(p.ID)})
		if len(entries) != 2 || !strings.Contains(string(entries[0].After), "2021-05-01") {
			t.Errorf("audit of the project: %d entries", len(entries))
		}
	})
}

func TestAStageDateAfterTodayOrOutOfOrderIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		in := f.input("KL-002", "522601")
		in.StartedOn = zhaoshang.NewDate(2021, 1, 1)
		if _, err := f.projects.CreateProject(f.kaili, in); err == nil || !strings.Contains(err.Error(), "开工日期（2021-01-01）早于签约日期（2021-03-15）") {
			t.Fatalf("out of order: %v", err)
		}
		in = f.input("KL-002", "522601")
		in.SignedOn = zhaoshang.NewDate(2099, 1, 1)
		if _, err := f.projects.CreateProject(f.kaili, in); err == nil || !strings.Contains(err.Error(), "晚于今天") {
			t.Fatalf("future: %v", err)
		}
	})
}

func TestTwoPeopleEditingOneProjectLoseNoUpdate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		p, err := f.projects.CreateProject(f.kaili, f.input("KL-003", "522601"))
		if err != nil {
			t.Fatal(err)
		}
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				in := f.input("KL-003", "522601")
				in.Note = fmt.Sprintf("第%d人的修改", i)
				_, errs[i] = f.projects.UpdateProject(f.kaili, p.ID, p.Version, in, "")
			}(i)
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "kaili"):
				t.Errorf("a refused save must name who changed it first: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d saves on the same version succeeded, want exactly 1", won)
		}
		after, _ := f.projects.Project(f.kaili, p.ID)
		if after.Version != p.Version+1 {
			t.Errorf("version %d, want %d", after.Version, p.Version+1)
		}
	})
}

func TestACountyClerkCannotReadOrChangeAnotherCountysProject(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		p, err := f.projects.CreateProject(f.kaili, f.input("KL-004", "522601"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.projects.Project(f.hp, p.ID); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("read: %v", err)
		}
		if _, err := f.projects.UpdateProject(f.hp, p.ID, p.Version, f.input("KL-004", "522622"), "x"); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("update: %v", err)
		}
		if _, err := f.projects.AddReceipt(f.hp, zhaoshang.FundInput{ProjectID: p.ID, Month: zhaoshang.Month{Y: 2021, M: 5}, Amount: zhaoshang.Wan, Source: zhaoshang.SourceInProvince}); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("receipt: %v", err)
		}
		if _, err := f.projects.CreateProject(f.hp, f.input("HP-001", "522601")); err == nil {
			t.Error("a project created in another county")
		}
		list, tot, _ := f.projects.Projects(f.hp, zhaoshang.ProjectFilter{})
		if len(list) != 0 || tot.Count != 0 {
			t.Errorf("the list shows another county's projects: %d", tot.Count)
		}
	})
}

func TestTheListFiltersByPinyinAndTotalsEveryFilteredProject(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		for i := 0; i < 5; i++ {
			in := f.input(fmt.Sprintf("KL-1%02d", i), "522601")
			in.Name = []string{"凯里铝加工项目", "凯里玻璃项目", "凯里食品项目", "凯里铝箔项目", "凯里民族医药项目"}[i]
			p, err := f.projects.CreateProject(f.kaili, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.projects.AddReceipt(f.kaili, zhaoshang.FundInput{ProjectID: p.ID, Month: zhaoshang.Month{Y: 2021, M: 4}, Amount: zhaoshang.Money(i+1) * zhaoshang.Wan, Source: zhaoshang.SourceOutOfProvince}); err != nil {
				t.Fatal(err)
			}
		}
		list, tot, err := f.projects.Projects(f.kaili, zhaoshang.ProjectFilter{Query: "kll", Limit: 1})
		if err != nil || tot.Count != 2 || len(list) != 1 {
			t.Fatalf("pinyin 'kll' (凯里铝…): %d rows of %d, %v", len(list), tot.Count, err)
		}
		if tot.ContractInvestment != 2*5000*zhaoshang.Wan || tot.Receipts != (1+4)*zhaoshang.Wan {
			t.Errorf("totals %+v", tot)
		}
	})
}

func TestAReceiptTwiceWithTheSameEvidenceIsRefusedAndVoidedOnesDoNotCount(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		p, _ := f.projects.CreateProject(f.kaili, f.input("KL-005", "522601"))
		in := zhaoshang.FundInput{ProjectID: p.ID, Month: zhaoshang.Month{Y: 2021, M: 4}, Amount: 100 * zhaoshang.Wan, Source: zhaoshang.SourceForeign, EvidenceNo: "PZ-1"}
		r, err := f.projects.AddReceipt(f.kaili, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.projects.AddReceipt(f.kaili, in); zhaoshang.ErrorCode(err) != zhaoshang.EConflict {
			t.Fatalf("the same receipt twice: %v", err)
		}
		if err := f.projects.VoidReceipt(f.kaili, r.ID, r.Version, ""); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Fatalf("void without a reason: %v", err)
		}
		if err := f.projects.VoidReceipt(f.kaili, r.ID, r.Version, "重复录入"); err != nil {
			t.Fatal(err)
		}
		_, tot, _ := f.projects.Projects(f.kaili, zhaoshang.ProjectFilter{})
		if tot.Receipts != 0 {
			t.Errorf("a voided receipt still counts: %v", tot.Receipts)
		}
		if _, err := f.projects.AddReceipt(f.kaili, in); err != nil {
			t.Errorf("re-entering after voiding: %v", err)
		}
	})
}

func TestAnImportIsAllOrNothingAndADryRunWritesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		rows := []zhaoshang.ProjectInput{f.input("IM-1", "522601"), f.input("IM-2", "522601"), f.input("IM-3", "522622")}
		for i := range rows {
			rows[i].Row = i + 2
		}
		_, err := f.projects.ImportProjects(f.kaili, rows, "abc", zhaoshang.ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "第4行") {
			t.Fatalf("a row of another county: %v", err)
		}
		if _, tot, _ := f.projects.Projects(sys(), zhaoshang.ProjectFilter{}); tot.Count != 0 {
			t.Fatalf("a refused import wrote %d projects", tot.Count)
		}
		res, err := f.projects.ImportProjects(f.kaili, rows[:2], "abc", zhaoshang.ImportOptions{Dry: true})
		if err != nil || res.Created != 2 {
			t.Fatalf("dry run: %+v %v", res, err)
		}
		if _, tot, _ := f.projects.Projects(sys(), zhaoshang.ProjectFilter{}); tot.Count != 0 {
			t.Fatal("a dry run wrote projects")
		}
		res, err = f.projects.ImportProjects(f.kaili, rows[:2], "abc", zhaoshang.ImportOptions{})
		if err != nil || res.Created != 2 {
			t.Fatalf("import: %+v %v", res, err)
		}
		res, err = f.projects.ImportProjects(f.kaili, rows[:2], "abc", zhaoshang.ImportOptions{})
		if err != nil || res.Unchanged != 2 {
			t.Fatalf("the same file again: %+v %v", res, err)
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActImport, Entity: "project_ledger"})
		if len(entries) != 2 || entries[0].EntityID != "abc" {
			t.Errorf("imports in the trail: %d", len(entries))
		}
	})
}

// An uploaded ledger waits an hour for its confirmation, no longer.
func TestAnUploadedLedgerIsKeptForAnHour(t *testing.T) {
	db := sqldbtest.Open(t, "sqlite")
	seededOrg(t, db)
	ps := sqldb.NewProjectService(db)
	now := time.Now().UTC()
	db.SetNow(func() time.Time { return now })
	id, err := ps.StashUpload(sys(), "projects", "a.csv", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetNow(func() time.Time { return now.Add(59 * time.Minute) })
	if _, _, _, err := ps.StashedUpload(sys(), id); err != nil {
		t.Fatalf("after 59 minutes: %v", err)
	}
	db.SetNow(func() time.Time { return now.Add(61 * time.Minute) })
	if _, _, _, err := ps.StashedUpload(sys(), id); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
		t.Errorf("after 61 minutes: %v", err)
	}
}
