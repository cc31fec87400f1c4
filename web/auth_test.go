package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func TestEverythingButLoginHealthAndAssetsNeedsASignIn(t *testing.T) {
	a := newApp(t, "sqlite")
	for _, path := range []string{"/", "/org", "/account/tokens"} {
		resp, _ := get(t, a.URL+path)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if resp, body := get(t, a.URL+"/api/v1/org/units"); resp.StatusCode != 401 || !strings.Contains(body, `"unauthorized"`) {
		t.Errorf("API without a token: %d %s", resp.StatusCode, body)
	}
	for _, path := range []string{"/login", "/healthz", "/readyz", "/static/app.css"} {
		if resp, _ := get(t, a.URL+path); resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
}

func TestTheSessionCookieIsHttpOnlyLaxAndSecureUnderTLS(t *testing.T) {
	a := newApp(t, "sqlite")
	ts := httptest.NewTLSServer(a.Server.Handler())
	defer ts.Close()
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(ts.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var sc *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "zs_session" {
			sc = ck
		}
	}
	if sc == nil || !sc.HttpOnly || !sc.Secure || sc.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v", sc)
	}
}

func TestFiveWrongPasswordsLockTheAccountWithAMessageThatRevealsNothing(t *testing.T) {
	a := newApp(t, "sqlite")
	var msgs []string
	for i := 0; i < 6; i++ {
		code, body := post(t, a.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {"wrong"}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i, code)
		}
		msgs = append(msgs, between(body, `id="login-error">`, "<"))
	}
	code, body := post(t, a.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {testPassword}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("the right password during the lock: %d", code)
	}
	msgs = append(msgs, between(body, `id="login-error">`, "<"))
	_, body = post(t, a.URL+"/login", url.Values{"username": {"no_such_user"}, "password": {"wrong"}})
	msgs = append(msgs, between(body, `id="login-error">`, "<"))
	for _, m := range msgs {
		if m != msgs[0] || !strings.Contains(m, "用户名或密码不正确") {
			t.Fatalf("messages differ or say too much: %q", msgs)
		}
	}
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return strings.TrimSpace(v)
}

func TestAnInitialPasswordMustBeChangedBeforeAnythingElse(t *testing.T) {
	a := newApp(t, "sqlite")
	_, initial, err := a.Users.CreateUser(sys(), zhaoshang.UserInput{Username: "newclerk", DisplayName: "新填报员", OrgUnitID: a.Tree.ByCode("522601").ID})
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, _ := do(t, c, "POST", a.URL+"/login", url.Values{"username": {"newclerk"}, "password": {initial}})
	if resp.Header.Get("Location") != "/account/password" {
		t.Fatalf("after login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := do(t, c, "GET", a.URL+"/account/tokens", nil); resp.Header.Get("Location") != "/account/password" {
		t.Errorf("another page before the change: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := do(t, c, "POST", a.URL+"/account/password", url.Values{"old": {initial}, "new": {"12345678"}, "confirm": {"12345678"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "连续") {
		t.Errorf("a weak new password: %d", resp.StatusCode)
	}
	resp, _ = do(t, c, "POST", a.URL+"/account/password", url.Values{"old": {initial}, "new": {"Qd8!river-kl"}, "confirm": {"Qd8!river-kl"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "GET", a.URL+"/account/tokens", nil); resp.StatusCode != 200 {
		t.Errorf("after the change: %d", resp.StatusCode)
	}
}

// A county clerk who guesses another county's record id gets nothing,
// through the pages or the API, and changes nothing.
func TestACountyUserGuessingAnotherCountysIdGetsNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		huangping := a.Tree.ByCode("522622")
		kaili := a.Tree.ByCode("522601")
		clerk := a.as(t, "t_kaili")
		if resp, _ := do(t, clerk, "GET", fmt.Sprintf("%s/org?unit=%d", a.URL, huangping.ID), nil); resp.StatusCode != 404 {
			t.Errorf("page of another county's unit: %d", resp.StatusCode)
		}
		if resp, _ := do(t, clerk, "GET", fmt.Sprintf("%s/org?unit=%d", a.URL, kaili.ID), nil); resp.StatusCode != 200 {
			t.Errorf("page of her own county: %d", resp.StatusCode)
		}
		_, body := do(t, clerk, "GET", a.URL+"/org", nil)
		if strings.Contains(body, "黄平县") || !strings.Contains(body, "凯里市") {
			t.Error("the clerk's tree shows another county")
		}
		// the API, with the clerk's own token
		res, err := sqldb.NewAuthService(a.DB).Login(context.Background(), "t_kaili", testPassword, "", "")
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := sqldb.NewAuthService(a.DB).CreateToken(zhaoshang.WithPrincipal(context.Background(), res.Principal), "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := do(t, noRedirect, "GET", fmt.Sprintf("%s/api/v1/org/units/%d", a.URL, huangping.ID), nil, "Authorization", "Bearer "+token)
		if resp.StatusCode != 404 || strings.Contains(body, "黄平") {
			t.Errorf("API read of another county: %d %s", resp.StatusCode, body)
		}
		resp, body = do(t, noRedirect, "GET", a.URL+"/api/v1/org/units", nil, "Authorization", "Bearer "+token)
		var list struct {
			Items []struct{ Code string }
			Total int
		}
		json.Unmarshal([]byte(body), &list)
		if resp.StatusCode != 200 || list.Total != 1 || list.Items[0].Code != "522601" {
			t.Errorf("API list for the clerk: %d %s", resp.StatusCode, body)
		}
		// a county role that may edit its own units still cannot touch another county's
		role, err := a.Users.SaveRole(sys(), &zhaoshang.Role{Code: "county_org", Name: "县市组织维护", Permissions: []string{zhaoshang.PermOrgView, zhaoshang.PermOrgEdit}, Scope: zhaoshang.ScopeSubtree})
		if err != nil {
			t.Fatal(err)
		}
		u, _ := a.Users.UserByUsername(sys(), "t_kaili")
		if _, err := a.Users.GrantRoles(sys(), u.ID, u.Version, append(u.RoleIDs, role.ID)); err != nil {
			t.Fatal(err)
		}
		clerk = a.as(t, "t_kaili")
		resp, _ = do(t, clerk, "POST", fmt.Sprintf("%s/org/units/%d", a.URL, huangping.ID), url.Values{"version": {"1"}, "code": {"522622"}, "name": {"改名"}, "kind": {"county"}})
		if resp.StatusCode != 404 {
			t.Errorf("edit of another county's unit: %d", resp.StatusCode)
		}
		resp, _ = do(t, clerk, "POST", a.URL+"/org/units", url.Values{"parent": {fmt.Sprint(huangping.ID)}, "code": {"HP1"}, "name": {"黄平园区"}, "kind": {"zone"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("a unit under another county: %d", resp.StatusCode)
		}
		tree, _ := a.Org.Tree(sys())
		if tree.ByCode("522622").Name != "黄平县" || tree.ByCode("HP1") != nil {
			t.Error("another county's units changed")
		}
	})
}

func TestAnAPITokenIsShownOnceAndWorksUntilRevoked(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	resp, body := do(t, c, "POST", a.URL+"/account/tokens", url.Values{"name": {"月度同步"}})
	token := between(body, `id="new-token-value">`, "<")
	if resp.StatusCode != 200 || !strings.HasPrefix(token, "zs_") {
		t.Fatalf("token page: %d %q", resp.StatusCode, token)
	}
	if _, again := do(t, c, "GET", a.URL+"/account/tokens", nil); strings.Contains(again, token) {
		t.Error("the token is shown a second time")
	}
	resp, body = do(t, noRedirect, "GET", a.URL+"/api/v1/me", nil, "Authorization", "Bearer "+token)
	if resp.StatusCode != 200 || !strings.Contains(body, `"t_bureau"`) || !strings.Contains(body, "org:edit") {
		t.Fatalf("/api/v1/me: %d %s", resp.StatusCode, body)
	}
	tokens, _ := sqldb.NewAuthService(a.DB).Tokens(zhaoshang.WithPrincipal(context.Background(), &zhaoshang.Principal{UserID: userID(t, a, "t_bureau")}))
	resp, _ = do(t, c, "POST", fmt.Sprintf("%s/account/tokens/%d/revoke", a.URL, tokens[0].ID), url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if resp, _ := do(t, noRedirect, "GET", a.URL+"/api/v1/me", nil, "Authorization", "Bearer "+token); resp.StatusCode != 401 {
		t.Errorf("a revoked token: %d", resp.StatusCode)
	}
}

func userID(t *testing.T, a *testApp, username string) int64 {
	u, err := a.Users.UserByUsername(sys(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestLogoutEndsTheSessionAndIsAudited(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_leader")
	if resp, _ := do(t, c, "POST", a.URL+"/logout", url.Values{}); resp.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "GET", a.URL+"/org", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %d", resp.StatusCode)
	}
	entries, _, _ := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActLogout})
	if len(entries) != 1 || entries[0].ActorName != "t_leader" {
		t.Errorf("logout in the trail: %+v", entries)
	}
}

// One client guessing many names is slowed down: after 20 failed sign-ins
// from its address it is answered 429 without any password being checked
// or any audit row being written, until the address's allowance refills.
func TestFailedSignInsFromOneAddressAreThrottled(t *testing.T) {
	a := newApp(t, "sqlite")
	for i := 0; i < 20; i++ {
		if code, _ := post(t, a.URL+"/login", url.Values{"username": {fmt.Sprintf("guess%02d", i)}, "password": {"wrong"}}); code != http.StatusUnprocessableEntity {
			t.Fatalf("attempt %d: %d", i+1, code)
		}
	}
	audits := func() int {
		es, _, err := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActLoginFailed, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	before := audits()
	code, body := post(t, a.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {testPassword}})
	if code != http.StatusTooManyRequests || !strings.Contains(body, "登录失败的次数过多") {
		t.Errorf("the 21st attempt: %d", code)
	}
	if audits() != before {
		t.Error("a throttled attempt reached the service")
	}
}
