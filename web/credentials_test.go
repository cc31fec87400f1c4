package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/sqldb"
)

// changeOwnPassword submits the password form and returns the response.
func changeOwnPassword(t *testing.T, a *testApp, c *http.Client, old, new string, extra ...string) *http.Response {
	t.Helper()
	form := url.Values{"old": {old}, "new": {new}, "confirm": {new}}
	for i := 0; i+1 < len(extra); i += 2 {
		form.Set(extra[i], extra[i+1])
	}
	resp, _ := do(t, c, "POST", a.URL+"/account/password", form)
	return resp
}

// The review: the system administrator resets a clerk's password, is shown
// it, signs in with it and acts as the clerk. The reset password is still
// shown once to be handed over in person and must be changed first; what a
// session opened with it does, the forced change included, is marked in
// the audit trail with the administrator who set it, so an auditor sees it.
// Once the holder has a password of her own, her sessions are unmarked.
func TestWhatASessionOpenedWithAnAdministratorsPasswordDoesIsAuditedAsSuch(t *testing.T) {
	a := newApp(t, "sqlite")
	clerk := userByName(t, a, "t_kaili")
	admin := a.as(t, "t_sys")
	_, body := do(t, admin, "POST", a.URL+"/users/"+idStr(clerk.ID)+"/password", url.Values{})
	reset := oneTime(t, body)

	c, next := signIn(t, a, "t_kaili", reset)
	if next != "/account/password" {
		t.Fatalf("after a reset the login goes to %q", next)
	}
	if resp, _ := do(t, c, "GET", a.URL+"/projects", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("before the change the ledger answers %d", resp.StatusCode)
	}
	const chosen = "Mz8#qTv4-river"
	if resp := changeOwnPassword(t, a, c, reset, chosen); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}

	resp, _ := do(t, c, "POST", a.URL+"/enterprises", url.Values{"name": {"冒名企业有限公司"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a business action in that session: %d", resp.StatusCode)
	}
	trail := sqldb.NewAuditService(a.DB)
	marked := func(action, entity string) []*zhaoshang.AuditEntry {
		es, _, err := trail.FindAudit(sys(), zhaoshang.AuditFilter{Action: action, Entity: entity, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []*zhaoshang.AuditEntry
		for _, e := range es {
			if e.ActorName == "t_kaili" && strings.Contains(e.Note, "在以t_sys所设密码登录的会话中进行") {
				out = append(out, e)
			}
		}
		return out
	}
	if len(marked(zhaoshang.ActLogin, "")) != 1 || len(marked(zhaoshang.ActPasswordSet, "")) != 1 || len(marked(zhaoshang.ActCreate, "enterprise")) != 1 {
		t.Error("the login, the change and the business action of the reset session should each be marked")
	}
	// a new sign-in with her own password is hers alone
	c2, _ := signIn(t, a, "t_kaili", chosen)
	if resp, _ := do(t, c2, "POST", a.URL+"/enterprises", url.Values{"name": {"本人录入企业有限公司"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatal("create as herself")
	}
	if n := len(marked(zhaoshang.ActCreate, "enterprise")); n != 1 {
		t.Errorf("%d marked enterprise entries, want only the reset session's", n)
	}
}

// Changing one's password ends every other session (whoever learnt the old
// password is signed out) and keeps the browser that asked; API tokens
// stay unless the user ticks the box to revoke them too.
func TestChangingOnesPasswordEndsTheOtherSessionsAndOptionallyTheTokens(t *testing.T) {
	a := newApp(t, "sqlite")
	here, there := a.as(t, "t_bureau"), a.as(t, "t_bureau")
	_, body := do(t, here, "POST", a.URL+"/account/tokens", url.Values{"name": {"同步"}})
	token := between(body, `id="new-token-value">`, "<")
	if _, page := do(t, here, "GET", a.URL+"/account/password", nil); !strings.Contains(page, `id="revoke_tokens"`) || !strings.Contains(page, "至少3类") {
		t.Error("the form should offer to revoke the tokens and state the policy's classes")
	}
	const second = "Mz8#qTv4-river"
	if resp := changeOwnPassword(t, a, here, testPassword, second); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %d", resp.StatusCode)
	}
	if resp, _ := do(t, here, "GET", a.URL+"/projects", nil); resp.StatusCode != 200 {
		t.Errorf("the browser that changed it: %d", resp.StatusCode)
	}
	if resp, _ := do(t, there, "GET", a.URL+"/projects", nil); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("another session after the change: %d", resp.StatusCode)
	}
	if resp, _ := do(t, noRedirect, "GET", a.URL+"/api/v1/me", nil, "Authorization", "Bearer "+token); resp.StatusCode != 200 {
		t.Errorf("the token without the box ticked: %d", resp.StatusCode)
	}
	if resp := changeOwnPassword(t, a, here, second, "Wq3$nHz6-lake", "revoke_tokens", "1"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second change: %d", resp.StatusCode)
	}
	if resp, _ := do(t, noRedirect, "GET", a.URL+"/api/v1/me", nil, "Authorization", "Bearer "+token); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the token after revoking: %d", resp.StatusCode)
	}
}

// A token reaches /api/v1 only: not the screens, not their forms, and it
// cannot make another token. It expires (90 days unless chosen), and the
// list shows when.
func TestAnAPITokenReachesTheAPIOnlyAndExpires(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	_, body := do(t, c, "POST", a.URL+"/account/tokens", url.Values{"name": {"同步"}})
	token := between(body, `id="new-token-value">`, "<")
	bearer := []string{"Authorization", "Bearer " + token}
	for _, r := range []struct{ method, path string }{{"GET", "/projects"}, {"POST", "/account/tokens"}, {"POST", "/enterprises"}, {"POST", "/account/password"}} {
		var form url.Values
		if r.method == "POST" {
			form = url.Values{"name": {"再来一个"}}
		}
		if resp, _ := do(t, noRedirect, r.method, a.URL+r.path, form, bearer...); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s %s with a token: %d", r.method, r.path, resp.StatusCode)
		}
	}
	if n := tokenCount(t, a); n != 1 {
		t.Errorf("%d tokens after the attempts, want 1", n)
	}
	if now := time.Now().UTC(); !strings.Contains(body, now.AddDate(0, 0, 90).In(zhaoshang.Shanghai).Format("2006-01-02")) {
		t.Error("the list should show the token's expiry, 90 days on")
	}
}

func tokenCount(t *testing.T, a *testApp) int {
	t.Helper()
	ts, err := sqldb.NewAuthService(a.DB).Tokens(zhaoshang.WithPrincipal(sys(), &zhaoshang.Principal{UserID: userID(t, a, "t_bureau")}))
	if err != nil {
		t.Fatal(err)
	}
	return len(ts)
}

// A new install runs the 等保 level-3 preset; the lighter one is a choice
// the security administrator makes, and the page says which is in force.
func TestTheDengbaoPresetIsTheDefaultAndTheBasicOneIsChosenExplicitly(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_sec")
	if _, body := do(t, c, "GET", a.URL+"/security/policy", nil); !strings.Contains(body, "当前策略为等保三级预设") || !strings.Contains(body, `id="required_classes" name="required_classes" value="3"`) {
		t.Error("a new install should run the 等保 preset")
	}
	if resp, _ := do(t, c, "POST", a.URL+"/security/policy", url.Values{"preset": {"basic"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("choosing the basic preset: %d", resp.StatusCode)
	}
	if _, body := do(t, c, "GET", a.URL+"/security/policy", nil); !strings.Contains(body, "当前策略为基本预设") {
		t.Error("the page should say the basic preset is in force")
	}
}
