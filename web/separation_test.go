package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// roleForm is the role editor's form for a role with the given permissions.
func roleForm(r *zhaoshang.Role, scope string, perms ...string) url.Values {
	return url.Values{"name": {r.Name}, "perm": perms, "scope": {scope}, "version": {idStr(r.Version)}}
}

// The security review's attack: secadmin cut audit_admin to org:view (no
// account could read the audit trail), then rewrote his own sec_admin role
// into a business role with scope 全部. Each step is refused and nothing
// changes.
func TestTheSecurityAdministratorCanNeitherBlindTheAuditorsNorRewriteHisOwnRole(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		c := a.as(t, "t_sec")

		audit := roleByCode(t, a, zhaoshang.RoleAuditAdmin)
		resp, body := do(t, c, "POST", a.URL+"/roles/"+idStr(audit.ID), roleForm(audit, "all", zhaoshang.PermOrgView))
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "内置角色“审计管理员”只能包含审计职责的权限") {
			t.Errorf("cutting the auditors' role: %d", resp.StatusCode)
		}
		if got := roleByCode(t, a, zhaoshang.RoleAuditAdmin); !slices.Contains(got.Permissions, zhaoshang.PermAuditView) {
			t.Errorf("the auditors' role lost audit:view: %v", got.Permissions)
		}

		sec := roleByCode(t, a, zhaoshang.RoleSecAdmin)
		if _, page := do(t, c, "GET", a.URL+"/roles/"+idStr(sec.ID), nil); !strings.Contains(page, `id="role-readonly"`) || strings.Contains(page, `type="submit">保存`) {
			t.Error("his own role should be shown read-only, without a save button")
		}
		if _, page := do(t, c, "GET", a.URL+"/roles/"+idStr(audit.ID), nil); strings.Contains(page, `id="role-readonly"`) {
			t.Error("another's role should be editable")
		}
		resp, body = do(t, c, "POST", a.URL+"/roles/"+idStr(sec.ID), roleForm(sec, "all", zhaoshang.PermOrgView, zhaoshang.PermProjectView, zhaoshang.PermContactReveal))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "不能修改自己持有的角色“安全管理员”") {
			t.Errorf("rewriting his own role: %d", resp.StatusCode)
		}
		if got := roleByCode(t, a, zhaoshang.RoleSecAdmin); got.Version != sec.Version || slices.Contains(got.Permissions, zhaoshang.PermProjectView) {
			t.Errorf("his own role changed: %+v", got)
		}
		// and he still reads no ledger
		if resp, _ := do(t, c, "GET", a.URL+"/projects", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the security administrator reads the ledger: %d", resp.StatusCode)
		}
	})
}

// A role somebody holds keeps its duty class: the security administrator
// may change a business role's permissions, but may not turn it into an
// auditors' or administrators' role under its holders' feet.
func TestAHeldRoleNeverMovesToAnotherDutyClass(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_sec")
	resp, _ := do(t, c, "POST", a.URL+"/roles", url.Values{"code": {"readers"}, "name": {"台账查阅"}, "perm": {zhaoshang.PermOrgView, zhaoshang.PermProjectView}, "scope": {"unit"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	readers := roleByCode(t, a, "readers")
	// not held yet: free to become anything
	if resp, _ := do(t, c, "POST", a.URL+"/roles/"+idStr(readers.ID), roleForm(readers, "unit", zhaoshang.PermOrgView, zhaoshang.PermAuditView)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an unheld role changing class: %d", resp.StatusCode)
	}
	readers = roleByCode(t, a, "readers")
	if resp, _ := do(t, c, "POST", a.URL+"/roles/"+idStr(readers.ID), roleForm(readers, "unit", zhaoshang.PermOrgView, zhaoshang.PermProjectView)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("back to business: %d", resp.StatusCode)
	}
	readers = roleByCode(t, a, "readers")
	holder := addUser(t, a, "t_reader", "522601", "", "readers")

	resp, body := do(t, c, "POST", a.URL+"/roles/"+idStr(readers.ID), roleForm(readers, "unit", zhaoshang.PermOrgView, zhaoshang.PermAuditView))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "角色“台账查阅”已有1个用户持有，其职责不能从业务改为审计") {
		t.Errorf("a held role moving to the audit class: %d", resp.StatusCode)
	}
	resp, _ = do(t, c, "POST", a.URL+"/roles/"+idStr(readers.ID), roleForm(readers, "unit", zhaoshang.PermOrgView))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a held business role emptied of its class: %d", resp.StatusCode)
	}
	// within its class it may change
	resp, _ = do(t, c, "POST", a.URL+"/roles/"+idStr(readers.ID), roleForm(readers, "subtree", zhaoshang.PermOrgView, zhaoshang.PermProjectView, zhaoshang.PermReportView))
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a change within the class: %d", resp.StatusCode)
	}
	if u := userByName(t, a, holder.Username); len(u.RoleIDs) != 1 {
		t.Errorf("holder's roles %v", u.RoleIDs)
	}
}

// At least one active account always holds audit:view: neither taking the
// role from the last auditor nor disabling the account is accepted.
func TestTheLastAuditorCanBeNeitherUngrantedNorDisabled(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		auditor := userByName(t, a, "t_audit")
		sec := a.as(t, "t_sec")
		resp, body := do(t, sec, "POST", a.URL+"/users/"+idStr(auditor.ID)+"/roles", url.Values{"version": {idStr(auditor.Version)}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "至少须保留一个在用账户持有") {
			t.Errorf("taking the last auditor's role: %d", resp.StatusCode)
		}
		sys := a.as(t, "t_sys")
		form := url.Values{"display_name": {auditor.DisplayName}, "org": {idStr(auditor.OrgUnitID)}, "version": {idStr(auditor.Version)}}
		resp, body = do(t, sys, "POST", a.URL+"/users/"+idStr(auditor.ID), form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "至少须保留一个在用账户持有") {
			t.Errorf("disabling the last auditor: %d", resp.StatusCode)
		}
		if u := userByName(t, a, "t_audit"); !u.Active || len(u.RoleIDs) != 1 {
			t.Errorf("the auditor changed: %+v", u)
		}
		// with a second auditor, the first may go
		addUser(t, a, "t_audit2", "522600", "", zhaoshang.RoleAuditAdmin)
		resp, _ = do(t, sys, "POST", a.URL+"/users/"+idStr(auditor.ID), form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("disabling one of two auditors: %d", resp.StatusCode)
		}
	})
}
