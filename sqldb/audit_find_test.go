package sqldb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// trail is a small audit trail over three days in Beijing time:
//
//	2026-03-01 the organisation file is imported (system)
//	2026-03-02 alice of 凯里市 creates a zone
//	2026-03-03 bob of 黄平县 renames it
//	2026-03-04 someone fails to sign in as "mallory"
type trail struct {
	audit  *sqldb.AuditService
	tree   *zhaoshang.OrgTree
	day    func(d int) time.Time // 2026-03-d 00:00 Beijing time
	kaili  int64
	huangp int64
}

func newTrail(t *testing.T, db *sqldb.DB) *trail {
	t.Helper()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, zhaoshang.Shanghai) }
	at := func(d int) { db.SetNow(func() time.Time { return day(d).Add(10 * time.Hour).UTC() }) }
	at(1)
	org, tree := seededOrg(t, db)
	tr := &trail{audit: sqldb.NewAuditService(db), tree: tree, day: day,
		kaili: tree.ByCode("522601").ID, huangp: tree.ByCode("522622").ID}
	editor := func(id int64, name string, unit int64) context.Context {
		roles := []*zhaoshang.Role{{Permissions: []string{zhaoshang.PermOrgView, zhaoshang.PermOrgEdit}, Scope: zhaoshang.ScopeAll}}
		return zhaoshang.WithPrincipal(context.Background(), zhaoshang.NewPrincipal(&zhaoshang.User{ID: id, Username: name, OrgUnitID: unit}, roles, tree))
	}
	at(2)
	u, err := org.CreateUnit(editor(101, "alice", tr.kaili), zhaoshang.OrgUnitInput{Code: "KL-Z1", Name: "凯里园区", Kind: zhaoshang.OrgZone, ParentID: tr.kaili})
	if err != nil {
		t.Fatal(err)
	}
	at(3)
	if _, err := org.UpdateUnit(editor(102, "bob", tr.huangp), u.ID, u.Version, zhaoshang.OrgUnitInput{Code: "KL-Z1", Name: "凯里经济开发区", Kind: zhaoshang.OrgZone, ParentID: tr.kaili}); err != nil {
		t.Fatal(err)
	}
	at(4)
	if _, err := sqldb.NewAuthService(db).Login(context.Background(), "mallory", "guess", "10.0.0.9", "curl/8"); zhaoshang.ErrorCode(err) != zhaoshang.EUnauthorized {
		t.Fatalf("a wrong sign-in: %v", err)
	}
	return tr
}

func TestEachAuditFilterNarrowsTheEntriesAndTheTotal(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		tr := newTrail(t, db)
		all, total, err := tr.audit.FindAudit(sys(), zhaoshang.AuditFilter{})
		if err != nil || total != 4 || len(all) != 4 {
			t.Fatalf("whole trail: %d entries, total %d, %v", len(all), total, err)
		}
		for i := 1; i < len(all); i++ {
			if all[i-1].ID <= all[i].ID {
				t.Fatalf("not newest first: %d before %d", all[i-1].ID, all[i].ID)
			}
		}
		cases := []struct {
			name string
			f    zhaoshang.AuditFilter
			want []string // actions of the entries expected, newest first
		}{
			{"from a day", zhaoshang.AuditFilter{From: tr.day(3)}, []string{zhaoshang.ActLoginFailed, zhaoshang.ActUpdate}},
			{"up to a day", zhaoshang.AuditFilter{To: tr.day(2)}, []string{zhaoshang.ActImport}},
			{"one day", zhaoshang.AuditFilter{From: tr.day(2), To: tr.day(3)}, []string{zhaoshang.ActCreate}},
			{"actor by name", zhaoshang.AuditFilter{ActorName: "alice"}, []string{zhaoshang.ActCreate}},
			{"actor by id", zhaoshang.AuditFilter{ActorID: 102}, []string{zhaoshang.ActUpdate}},
			{"unknown name of a failed sign-in", zhaoshang.AuditFilter{ActorName: "mallory"}, []string{zhaoshang.ActLoginFailed}},
			{"actor's unit", zhaoshang.AuditFilter{OrgUnitID: tr.huangp}, []string{zhaoshang.ActUpdate}},
			{"entity", zhaoshang.AuditFilter{Entity: "user"}, []string{zhaoshang.ActLoginFailed}},
			{"entity and id", zhaoshang.AuditFilter{Entity: "org_unit", EntityID: "*"}, []string{zhaoshang.ActImport}},
			{"action", zhaoshang.AuditFilter{Action: zhaoshang.ActUpdate}, []string{zhaoshang.ActUpdate}},
			{"any of actions", zhaoshang.AuditFilter{Actions: []string{zhaoshang.ActLogin, zhaoshang.ActLoginFailed, zhaoshang.ActLogout}}, []string{zhaoshang.ActLoginFailed}},
			{"filters combine", zhaoshang.AuditFilter{Entity: "org_unit", From: tr.day(2), OrgUnitID: tr.kaili}, []string{zhaoshang.ActCreate}},
			{"nothing matches", zhaoshang.AuditFilter{ActorName: "alice", Action: zhaoshang.ActDelete}, nil},
		}
		for _, c := range cases {
			got, total, err := tr.audit.FindAudit(sys(), c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var acts []string
			for _, e := range got {
				acts = append(acts, e.Action)
			}
			if fmt.Sprint(acts) != fmt.Sprint(c.want) || total != len(c.want) {
				t.Errorf("%s: got %v (total %d), want %v", c.name, acts, total, c.want)
			}
		}
	})
}

func TestAuditPagesKeepTheTotalAndPageByOffsetOrByID(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		tr := newTrail(t, db)
		page, total, err := tr.audit.FindAudit(sys(), zhaoshang.AuditFilter{Limit: 3})
		if err != nil || len(page) != 3 || total != 4 {
			t.Fatalf("first page: %d of %d, %v", len(page), total, err)
		}
		next, total, _ := tr.audit.FindAudit(sys(), zhaoshang.AuditFilter{Limit: 3, Offset: 3})
		if len(next) != 1 || total != 4 || next[0].ID != 1 {
			t.Fatalf("second page by offset: %d of %d", len(next), total)
		}
		next, total, _ = tr.audit.FindAudit(sys(), zhaoshang.AuditFilter{Limit: 3, BeforeID: page[2].ID, NoTotal: true})
		if len(next) != 1 || total != -1 || next[0].ID != 1 {
			t.Fatalf("second page by id: %d, total %d", len(next), total)
		}
		one, _, _ := tr.audit.FindAudit(sys(), zhaoshang.AuditFilter{ID: 2})
		if len(one) != 1 || one[0].ActorName != "alice" || one[0].After == nil || one[0].Before != nil {
			t.Fatalf("entry 2: %+v", one)
		}
	})
}

func TestFindAuditWithoutAuditViewIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		tr := newTrail(t, db)
		clerk := zhaoshang.NewPrincipal(&zhaoshang.User{ID: 7, Username: "clerk", OrgUnitID: tr.kaili},
			[]*zhaoshang.Role{{Permissions: []string{zhaoshang.PermOrgView, zhaoshang.PermOrgEdit}, Scope: zhaoshang.ScopeAll}}, tr.tree)
		ctx := zhaoshang.WithPrincipal(context.Background(), clerk)
		if _, _, err := tr.audit.FindAudit(ctx, zhaoshang.AuditFilter{}); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("FindAudit by a clerk: %v", err)
		}
		if _, err := tr.audit.VerifyAudit(ctx); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("VerifyAudit by a clerk: %v", err)
		}
		if err := tr.audit.RecordExport(ctx, zhaoshang.AuditFilter{}, 1); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("RecordExport by a clerk: %v", err)
		}
		if _, _, err := tr.audit.FindAudit(context.Background(), zhaoshang.AuditFilter{}); zhaoshang.ErrorCode(err) != zhaoshang.EUnauthorized {
			t.Errorf("FindAudit by nobody: %v", err)
		}
	})
}

func TestAnExportOfTheTrailIsItselfInTheTrail(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		tr := newTrail(t, db)
		auditor := zhaoshang.NewPrincipal(&zhaoshang.User{ID: 9, Username: "auditor", OrgUnitID: tr.kaili},
			[]*zhaoshang.Role{{Permissions: []string{zhaoshang.PermAuditView}, Scope: zhaoshang.ScopeAll}}, tr.tree)
		ctx := zhaoshang.WithPrincipal(context.Background(), auditor)
		f := zhaoshang.AuditFilter{From: tr.day(2), To: tr.day(4), ActorName: "alice"}
		if err := tr.audit.RecordExport(ctx, f, 1); err != nil {
			t.Fatal(err)
		}
		got, _, err := tr.audit.FindAudit(ctx, zhaoshang.AuditFilter{Action: zhaoshang.ActExport, Entity: "audit_log"})
		if err != nil || len(got) != 1 {
			t.Fatalf("export entries: %d, %v", len(got), err)
		}
		e := got[0]
		if want := "导出审计日志1条；筛选条件：时间 2026-03-02 至 2026-03-03，操作人 alice"; e.ActorName != "auditor" || e.Note != want {
			t.Errorf("export entry by %s: %q, want %q", e.ActorName, e.Note, want)
		}
		if n, err := tr.audit.VerifyAudit(ctx); err != nil || n != 5 {
			t.Errorf("chain after the export: %d %v", n, err)
		}
	})
}
