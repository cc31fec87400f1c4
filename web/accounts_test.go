package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

var oneTimePassword = regexp.MustCompile(`id="one-time-password">([^<]+)<`)

// oneTime returns the password a page shows once, or fails.
func oneTime(t *testing.T, body string) string {
	t.Helper()
	m := oneTimePassword.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the page shows no one-time password")
	}
	return html.UnescapeString(m[1])
}

// signIn signs in with a password and returns the client and where the
// login sent it.
func signIn(t *testing.T, a *testApp, username, pw string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := do(t, c, "POST", a.URL+"/login", url.Values{"username": {username}, "password": {pw}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", username, resp.StatusCode)
	}
	return c, resp.Header.Get("Location")
}

func userByName(t *testing.T, a *testApp, username string) *zhaoshang.User {
	t.Helper()
	u, err := a.Users.UserByUsername(sys(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func roleByCode(t *testing.T, a *testApp, code string) *zhaoshang.Role {
	t.Helper()
	roles, err := a.Users.Roles(sys())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no role %s", code)
	return nil
}

func idStr(n int64) string { return strconv.FormatInt(n, 10) }

func addUser(t *testing.T, a *testApp, username, unit, phone string, roles ...string) *zhaoshang.User {
	t.Helper()
	in := zhaoshang.UserInput{Username: username, DisplayName: "用户" + username, OrgUnitID: a.Tree.ByCode(unit).ID, Phone: phone}
	u, err := a.Users.CreateUserWithPassword(sys(), in, testPassword, false, roles)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTheSystemAdministratorCreatesAnAccountAndSeesItsPasswordOnceWhichMustBeChangedAtFirstLogin(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_sys")
	resp, body := do(t, c, "GET", a.URL+"/users/new", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="form-create"`) {
		t.Fatalf("new user page: %d", resp.StatusCode)
	}
	form := url.Values{"username": {"zhang.san"}, "display_name": {"张三"}, "org": {idStr(a.Tree.ByCode("522601").ID)}, "phone": {"13812345678"}}
	resp, body = do(t, c, "POST", a.URL+"/users", form)
	if resp.StatusCode != 200 || !strings.Contains(body, "只显示这一次") || !strings.Contains(body, "首次登录时须修改此密码") {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	initial := oneTime(t, body)
	u := userByName(t, a, "zhang.san")
	if !u.MustChangePassword || u.OrgUnitID != a.Tree.ByCode("522601").ID {
		t.Errorf("created %+v", u)
	}
	if _, again := do(t, c, "GET", a.URL+"/users/"+idStr(u.ID), nil); strings.Contains(again, initial) {
		t.Error("the initial password is shown a second time")
	}

	resp, body = do(t, c, "POST", a.URL+"/users", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "用户名“zhang.san”已被使用") || !strings.Contains(body, `id="create-error"`) {
		t.Errorf("a taken username: %d", resp.StatusCode)
	}

	nc, next := signIn(t, a, "zhang.san", initial)
	if next != "/account/password" {
		t.Errorf("first login goes to %q, not the password change", next)
	}
	if resp, _ := do(t, nc, "GET", a.URL+"/account/tokens", nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/password" {
		t.Errorf("before the change: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	const fresh = "Lq4!zrWn-8tse"
	resp, _ = do(t, nc, "POST", a.URL+"/account/password", url.Values{"old": {initial}, "new": {fresh}, "confirm": {fresh}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", resp.StatusCode)
	}
	if _, next := signIn(t, a, "zhang.san", fresh); next == "/account/password" {
		t.Error("still forced to change after changing")
	}
}

func TestAResetPasswordIsShownOnceAndMustBeChanged(t *testing.T) {
	a := newApp(t, "sqlite")
	u := addUser(t, a, "wang.wu", "522601", "")
	c := a.as(t, "t_sys")
	resp, body := do(t, c, "POST", a.URL+"/users/"+idStr(u.ID)+"/password", url.Values{})
	if resp.StatusCode != 200 || resp.Header.Get("HX-Push-Url") != "/users/"+idStr(u.ID) {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	if _, next := signIn(t, a, "wang.wu", oneTime(t, body)); next != "/account/password" {
		t.Errorf("after a reset the login goes to %q", next)
	}
}

func TestPhoneNumbersAreMaskedInTheListAndTheJSONAPI(t *testing.T) {
	a := newApp(t, "sqlite")
	u := addUser(t, a, "li.si", "522601", "13812345678")
	c := a.as(t, "t_sys")
	_, body := do(t, c, "GET", a.URL+"/users?q=li.si", nil)
	if !strings.Contains(body, "138****5678") || strings.Contains(body, "13812345678") {
		t.Error("the list shows the phone unmasked")
	}
	resp, body := do(t, c, "GET", a.URL+"/api/v1/users?q=li.si", nil)
	if resp.StatusCode != 200 || strings.Contains(body, "13812345678") {
		t.Fatalf("api: %d", resp.StatusCode)
	}
	var got struct {
		Items []struct {
			ID          int64   `json:"id"`
			Username    string  `json:"username"`
			DisplayName string  `json:"display_name"`
			OrgUnitID   int64   `json:"org_unit_id"`
			Phone       string  `json:"phone"`
			Active      bool    `json:"active"`
			RoleIDs     []int64 `json:"role_ids"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Total != 1 || len(got.Items) != 1 || got.Items[0].ID != u.ID || got.Items[0].Phone != "138****5678" || !got.Items[0].Active || got.Items[0].RoleIDs == nil {
		t.Errorf("api answered %s", body)
	}
	// the security administrator, who reads but does not keep accounts, sees it masked too
	if _, body := do(t, a.as(t, "t_sec"), "GET", a.URL+"/users/"+idStr(u.ID), nil); !strings.Contains(body, "138****5678") || strings.Contains(body, "13812345678") {
		t.Error("the account page shows the phone unmasked to a reader")
	}
}

func TestTheUserListFiltersByTextAndUnitAndPagesFiftyAtATime(t *testing.T) {
	a := newApp(t, "sqlite")
	for i := range 55 {
		addUser(t, a, fmt.Sprintf("kl%02d", i), "522601", "")
	}
	c := a.as(t, "t_sys")
	kaili := idStr(a.Tree.ByCode("522601").ID)
	_, body := do(t, c, "GET", a.URL+"/users?org="+kaili, nil)
	if !strings.Contains(body, "共56个用户") || strings.Count(body, "<tr data-username=") != 50 || !strings.Contains(body, "page=2") {
		t.Errorf("first page of Kaili: %d rows", strings.Count(body, "<tr data-username="))
	}
	_, body = do(t, c, "GET", a.URL+"/users?org="+kaili+"&page=2", nil)
	if strings.Count(body, "<tr data-username=") != 6 {
		t.Errorf("second page: %d rows", strings.Count(body, "<tr data-username="))
	}
	_, body = do(t, c, "GET", a.URL+"/users?q=kl07", nil)
	if !strings.Contains(body, "共1个用户") || !strings.Contains(body, `data-username="kl07"`) {
		t.Error("text filter")
	}
}

func TestTheSecurityAdministratorGrantsACountyClerkRoleAndTheGrantIsInTheAuditTrail(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		u := addUser(t, a, "zhao.liu", "522601", "")
		clerk := roleByCode(t, a, zhaoshang.RoleCountyClerk)
		c := a.as(t, "t_sec")
		_, page := do(t, c, "GET", a.URL+"/users/"+idStr(u.ID), nil)
		if !strings.Contains(page, `id="form-roles"`) || strings.Contains(page, `id="form-edit"`) {
			t.Error("the security administrator should see the role form and no account form")
		}
		resp, _ := do(t, c, "POST", a.URL+"/users/"+idStr(u.ID)+"/roles", url.Values{"role": {idStr(clerk.ID)}, "version": {idStr(u.Version)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("grant: %d", resp.StatusCode)
		}
		if got := userByName(t, a, "zhao.liu").RoleIDs; len(got) != 1 || got[0] != clerk.ID {
			t.Errorf("roles after the grant: %v", got)
		}
		entries, _, err := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "user", EntityID: idStr(u.ID), Action: zhaoshang.ActPermission})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].ActorName != "t_sec" || !strings.Contains(string(entries[0].After), fmt.Sprintf(`"role_ids":[%d]`, clerk.ID)) {
			t.Errorf("audit of the grant: %d entries", len(entries))
		}
	})
}

func TestGrantingABusinessRoleToASystemAdministratorIsRefusedAndChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		before := userByName(t, a, "t_sys")
		form := url.Values{"role": {idStr(roleByCode(t, a, zhaoshang.RoleSysAdmin).ID), idStr(roleByCode(t, a, zhaoshang.RoleBureauAdmin).ID)}, "version": {idStr(before.Version)}}
		resp, body := do(t, a.as(t, "t_sec"), "POST", a.URL+"/users/"+idStr(before.ID)+"/roles", form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "同一用户不能同时承担系统管理和业务职责（等保三员分立）") || !strings.Contains(body, `id="roles-error"`) {
			t.Errorf("grant across duties: %d", resp.StatusCode)
		}
		after := userByName(t, a, "t_sys")
		if fmt.Sprint(after.RoleIDs) != fmt.Sprint(before.RoleIDs) || after.Version != before.Version {
			t.Errorf("roles %v -> %v", before.RoleIDs, after.RoleIDs)
		}
	})
}

func TestNobodyCanChangeTheirOwnRoles(t *testing.T) {
	a := newApp(t, "sqlite")
	me := userByName(t, a, "t_sec")
	c := a.as(t, "t_sec")
	_, page := do(t, c, "GET", a.URL+"/users/"+idStr(me.ID), nil)
	if !strings.Contains(page, "不能修改自己的角色") {
		t.Error("the own account page does not say that roles cannot be changed")
	}
	all := url.Values{"version": {idStr(me.Version)}}
	for _, code := range []string{zhaoshang.RoleSecAdmin, zhaoshang.RoleCountyClerk} {
		all.Add("role", idStr(roleByCode(t, a, code).ID))
	}
	resp, body := do(t, c, "POST", a.URL+"/users/"+idStr(me.ID)+"/roles", all)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "不能修改自己的角色") {
		t.Errorf("self-grant: %d", resp.StatusCode)
	}
	if got := userByName(t, a, "t_sec").RoleIDs; fmt.Sprint(got) != fmt.Sprint(me.RoleIDs) {
		t.Errorf("own roles changed: %v -> %v", me.RoleIDs, got)
	}
}

func TestTheSystemAdministratorCannotReachRolesAndTheSecurityAdministratorCannotCreateUsers(t *testing.T) {
	a := newApp(t, "sqlite")
	sysC, secC := a.as(t, "t_sys"), a.as(t, "t_sec")
	for _, path := range []string{"/roles", "/roles/new", "/security/policy"} {
		if resp, _ := do(t, sysC, "GET", a.URL+path, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("system administrator GET %s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := do(t, secC, "GET", a.URL+"/users/new", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("security administrator GET /users/new: %d", resp.StatusCode)
	}
	form := url.Values{"username": {"sneaky"}, "display_name": {"越权"}, "org": {idStr(a.Tree.ByCode("522601").ID)}}
	if resp, _ := do(t, secC, "POST", a.URL+"/users", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("security administrator POST /users: %d", resp.StatusCode)
	}
	if _, err := a.Users.UserByUsername(sys(), "sneaky"); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
		t.Error("the refused account exists")
	}
	if _, body := do(t, sysC, "GET", a.URL+"/users", nil); !strings.Contains(body, `id="new-user"`) {
		t.Error("the system administrator sees no 新增用户")
	}
	if _, body := do(t, secC, "GET", a.URL+"/users", nil); strings.Contains(body, `id="new-user"`) {
		t.Error("the security administrator sees 新增用户")
	}
}

func policyForm(change ...string) url.Values {
	f := url.Values{"min_length": {"8"}, "required_classes": {"0"}, "expiry_days": {"0"}, "max_failures": {"5"}, "lock_minutes": {"15"}, "idle_minutes": {"30"}, "absolute_hours": {"12"}}
	for i := 0; i+1 < len(change); i += 2 {
		f.Set(change[i], change[i+1])
	}
	return f
}

func TestABadPolicyValueIsRefusedWithItsMessageAndAGoodOneIsKept(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_sec")
	resp, body := do(t, c, "POST", a.URL+"/security/policy", policyForm("min_length", "4"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "密码最小长度应在8至64位之间（当前为4）") || !strings.Contains(body, `id="min_length-error"`) {
		t.Errorf("min_length 4: %d", resp.StatusCode)
	}
	resp, body = do(t, c, "POST", a.URL+"/security/policy", policyForm("lock_minutes", "十五"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写整数") || !strings.Contains(body, `value="十五"`) {
		t.Errorf("a word for a number: %d", resp.StatusCode)
	}
	if pol, _ := a.Users.Policy(sys()); pol.MinLength != 8 || pol.LockMinutes != 15 {
		t.Errorf("a refused policy was stored: %+v", pol)
	}
	resp, _ = do(t, c, "POST", a.URL+"/security/policy", policyForm("min_length", "12", "required_classes", "3"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good policy: %d", resp.StatusCode)
	}
	if pol, _ := a.Users.Policy(sys()); pol.MinLength != 12 || pol.RequiredClasses != 3 {
		t.Errorf("stored %+v", pol)
	}
	if _, body := do(t, c, "GET", a.URL+"/security/policy", nil); !strings.Contains(body, `name="min_length" value="12"`) {
		t.Error("the form does not show the stored policy")
	}
}

func TestARoleEditWithAStaleVersionIsRefusedNamingWhoChangedIt(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		c := a.as(t, "t_sec")
		resp, _ := do(t, c, "POST", a.URL+"/roles", url.Values{"code": {"invest_clerk"}, "name": {"招商填报员"}, "perm": {zhaoshang.PermOrgView}, "scope": {"unit"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create role: %d", resp.StatusCode)
		}
		path := resp.Header.Get("Location")
		role := roleByCode(t, a, "invest_clerk")
		edit := url.Values{"name": {"招商填报员（县）"}, "perm": {zhaoshang.PermOrgView}, "scope": {"subtree"}, "version": {idStr(role.Version)}}
		if resp, _ := do(t, c, "POST", a.URL+path, edit); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first edit: %d", resp.StatusCode)
		}
		edit.Set("name", "覆盖者")
		resp, body := do(t, c, "POST", a.URL+path, edit)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "该记录已被t_sec于") || !strings.Contains(body, `id="role-error"`) {
			t.Errorf("stale edit: %d", resp.StatusCode)
		}
		if !strings.Contains(body, `value="招商填报员（县）"`) {
			t.Error("after a stale edit the form should show the stored role")
		}
		if got := roleByCode(t, a, "invest_clerk"); got.Name != "招商填报员（县）" || got.Scope != zhaoshang.ScopeSubtree {
			t.Errorf("stored %+v", got)
		}
	})
}

func TestRolesAreListedWithTheirHoldersAndOnlyCustomRolesCanBeDeleted(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_sec")
	_, body := do(t, c, "GET", a.URL+"/roles", nil)
	if !strings.Contains(body, `data-code="county_clerk"`) || !regexp.MustCompile(`data-code="county_clerk">(?s:.*?)<td class="num">2</td>`).MatchString(body) {
		t.Error("the county clerk role should list its 2 holders")
	}
	builtin := roleByCode(t, a, zhaoshang.RoleLeader)
	if _, body := do(t, c, "GET", a.URL+"/roles/"+idStr(builtin.ID), nil); strings.Contains(body, `id="form-delete"`) {
		t.Error("a built-in role offers deletion")
	}
	resp, body := do(t, c, "POST", a.URL+"/roles", url.Values{"code": {"temp"}, "name": {"临时"}, "scope": {"custom"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "自定义数据范围须至少选择一个单位") {
		t.Errorf("custom scope without units: %d", resp.StatusCode)
	}
	kaili := a.Tree.ByCode("522601").ID
	resp, _ = do(t, c, "POST", a.URL+"/roles", url.Values{"code": {"temp"}, "name": {"临时"}, "scope": {"custom"}, "scope_units": {idStr(kaili)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	temp := roleByCode(t, a, "temp")
	if fmt.Sprint(temp.ScopeUnits) != fmt.Sprint([]int64{kaili}) {
		t.Errorf("custom units %v", temp.ScopeUnits)
	}
	resp, _ = do(t, c, "POST", a.URL+"/roles/"+idStr(temp.ID)+"/delete", url.Values{"version": {idStr(temp.Version)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", resp.StatusCode)
	}
}

func TestALockedAccountIsShownAndUnlocked(t *testing.T) {
	a := newApp(t, "sqlite")
	u := addUser(t, a, "sun.qi", "522601", "")
	for range 5 {
		post(t, a.URL+"/login", url.Values{"username": {"sun.qi"}, "password": {"wrong-Password-1"}})
	}
	if status, _ := post(t, a.URL+"/login", url.Values{"username": {"sun.qi"}, "password": {testPassword}}); status == http.StatusSeeOther {
		t.Fatal("the account is not locked")
	}
	c := a.as(t, "t_sys")
	if _, body := do(t, c, "GET", a.URL+"/users?q=sun.qi", nil); !strings.Contains(body, "已锁定") {
		t.Error("the list does not show the lock")
	}
	if _, body := do(t, c, "GET", a.URL+"/users/"+idStr(u.ID), nil); !strings.Contains(body, `id="form-unlock"`) {
		t.Error("the account page offers no unlock")
	}
	if resp, _ := do(t, c, "POST", a.URL+"/users/"+idStr(u.ID)+"/unlock", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("unlock: %d", resp.StatusCode)
	}
	if status, _ := post(t, a.URL+"/login", url.Values{"username": {"sun.qi"}, "password": {testPassword}}); status != http.StatusSeeOther {
		t.Errorf("login after unlock: %d", status)
	}
}

func TestTheSystemAdministratorEditsAnAccountAndABadPhoneIsExplainedInTheForm(t *testing.T) {
	a := newApp(t, "sqlite")
	u := addUser(t, a, "qian.ba", "522601", "")
	c := a.as(t, "t_sys")
	form := url.Values{"display_name": {"钱八"}, "org": {idStr(a.Tree.ByCode("522622").ID)}, "phone": {"abc"}, "active": {"1"}, "version": {idStr(u.Version)}}
	resp, body := do(t, c, "POST", a.URL+"/users/"+idStr(u.ID), form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(body), "电话号码只能包含数字、空格和 + -") || !strings.Contains(body, `id="edit-error"`) || !strings.Contains(body, `value="钱八"`) {
		t.Errorf("bad phone: %d", resp.StatusCode)
	}
	form.Set("phone", "0855-8221234")
	form.Del("active")
	if resp, _ := do(t, c, "POST", a.URL+"/users/"+idStr(u.ID), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	got := userByName(t, a, "qian.ba")
	if got.DisplayName != "钱八" || got.OrgUnitID != a.Tree.ByCode("522622").ID || got.Active || got.Phone != "0855-8221234" {
		t.Errorf("stored %+v", got)
	}
}
