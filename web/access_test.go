package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/web"
)

// rolePerms are the default permissions of each built-in role.
func rolePerms(code string) map[string]bool {
	out := map[string]bool{}
	for _, r := range zhaoshang.BuiltinRoles() {
		if r.Code == code {
			for _, p := range r.Permissions {
				out[p] = true
			}
		}
	}
	return out
}

// TestTheAccessTableHoldsForEveryRouteEveryRoleAndAnonymous walks every
// registered route as each built-in role and as an anonymous visitor and
// checks that the door opens exactly when the access table says so.
func TestTheAccessTableHoldsForEveryRouteEveryRoleAndAnonymous(t *testing.T) {
	table := web.AccessTable()
	probe := newApp(t, "sqlite")
	registered := map[string]bool{}
	for _, r := range probe.Server.Routes() {
		registered[r.Pattern] = true
		if table[r.Pattern] != r.Access {
			t.Errorf("route %s registered with access %q, table says %q", r.Pattern, r.Access, table[r.Pattern])
		}
	}
	for pattern := range table {
		if !registered[pattern] {
			t.Errorf("access table names %s, which no route registers", pattern)
		}
	}
	routes := probe.Server.Routes()
	sort.Slice(routes, func(i, j int) bool { return routes[i].Pattern < routes[j].Pattern })

	callers := append([]string{""}, func() []string {
		var out []string
		for _, a := range testAccounts {
			out = append(out, a.Username)
		}
		return out
	}()...)
	for _, caller := range callers {
		name := caller
		if name == "" {
			name = "anonymous"
		}
		t.Run(name, func(t *testing.T) {
			a := newApp(t, "sqlite") // each caller on its own data: the POSTs change things
			c := noRedirect
			var perms map[string]bool
			if caller != "" {
				c = a.as(t, caller)
				for _, acc := range testAccounts {
					if acc.Username == caller {
						perms = rolePerms(acc.Role)
					}
				}
			}
			target := fmt.Sprint(a.Tree.ByCode("522601").ID) // an existing id for {id}
			for _, r := range routes {
				if r.Pattern == "POST /logout" {
					continue // checked last: it ends the session
				}
				check(t, a, c, r, caller != "", perms, target)
			}
			check(t, a, c, web.Route{Pattern: "POST /logout", Access: table["POST /logout"]}, caller != "", perms, target)
		})
	}
}

func check(t *testing.T, a *testApp, c *http.Client, r web.Route, signedIn bool, perms map[string]bool, id string) {
	t.Helper()
	method, path, _ := strings.Cut(r.Pattern, " ")
	path = strings.ReplaceAll(strings.TrimSuffix(path, "{$}"), "{id}", id)
	if strings.HasSuffix(path, "/") && path != "/" {
		path += "app.css"
	}
	var form url.Values
	if method == "POST" {
		form = url.Values{}
	}
	resp, _ := do(t, c, method, a.URL+path, form)
	want := false
	switch r.Access {
	case "public":
		want = true
	case "signedin", "user":
		want = signedIn
	default:
		want = perms[r.Access]
	}
	denied := resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden ||
		(method == "GET" && resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login"))
	if path == "/login" && signedIn {
		denied = false // a signed-in user is sent on from the login page
	}
	if want && denied {
		t.Errorf("%s: allowed by the table (%s) but answered %d", r.Pattern, r.Access, resp.StatusCode)
	}
	if !want && !denied {
		t.Errorf("%s: denied by the table (%s) but answered %d", r.Pattern, r.Access, resp.StatusCode)
	}
	if !want && !signedIn && method == "GET" && !strings.HasPrefix(path, "/api/") && resp.StatusCode != http.StatusSeeOther {
		t.Errorf("%s: an anonymous visitor should be sent to the login page, got %d", r.Pattern, resp.StatusCode)
	}
}

// TestRoleEditsAndSharedEnterpriseEditsHoldForEveryAccount walks, as every
// test account, the two doors whose answer depends on the record as well
// as the route: editing each built-in role (only the security
// administrator, and never the role he holds), and editing an enterprise
// by where its projects lie (the bureau any; a county only one whose
// projects are all its own).
func TestRoleEditsAndSharedEnterpriseEditsHoldForEveryAccount(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	enterprise := func(name string, counties ...int64) *zhaoshang.Enterprise {
		e, err := f.Enterprises.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range counties {
			if _, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: fmt.Sprintf("%s-%d", name, i), Name: name + "项目",
				OrgUnitID: c, Investor: name, Area: zhaoshang.AreaIndustry, ContractInvestment: wan("1000"), SignedOn: date("2022-01-10")}); err != nil {
				t.Fatal(err)
			}
		}
		return e
	}
	enterprises := map[string]*zhaoshang.Enterprise{
		"凯里独有": enterprise("凯里独有企业", f.kaili),
		"黄平独有": enterprise("黄平独有企业", f.huangping),
		"两县共有": enterprise("两县共有企业", f.kaili, f.huangping),
	}
	mayEditEnterprise := map[string][]string{ // who may edit each
		"凯里独有": {"t_bureau", "t_kaili"},
		"黄平独有": {"t_bureau", "t_huangping"},
		"两县共有": {"t_bureau"},
	}
	mayEditRole := map[string][]string{ // who may edit each built-in role
		zhaoshang.RoleSecAdmin: {},
	}
	for _, r := range zhaoshang.BuiltinRoles() {
		if _, ok := mayEditRole[r.Code]; !ok {
			mayEditRole[r.Code] = []string{"t_sec"}
		}
	}
	for _, acc := range testAccounts {
		c := a.as(t, acc.Username)
		for code, allowed := range mayEditRole {
			r := roleByCode(t, a, code)
			resp, _ := do(t, c, "POST", a.URL+"/roles/"+idStr(r.ID), roleForm(r, string(r.Scope), r.Permissions...))
			if want := slices.Contains(allowed, acc.Username); want != (resp.StatusCode == http.StatusSeeOther) {
				t.Errorf("%s editing role %s: %d, allowed %v", acc.Username, code, resp.StatusCode, want)
			}
		}
		for label, e := range enterprises {
			e, _ = f.Enterprises.Enterprise(sys(), e.ID)
			resp, _ := do(t, c, "POST", fmt.Sprintf("%s/enterprises/%d", a.URL, e.ID), url.Values{"name": {e.Name}, "version": {idStr(e.Version)}})
			if want := slices.Contains(mayEditEnterprise[label], acc.Username); want != (resp.StatusCode == http.StatusSeeOther) {
				t.Errorf("%s editing the enterprise %s: %d, allowed %v", acc.Username, label, resp.StatusCode, want)
			}
		}
	}
}
