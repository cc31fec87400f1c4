package web_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/i18n"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
	"zhaoshang/web"
)

// testApp is the real server over a fresh database on a random port, with
// one signed-in account per built-in role.
type testApp struct {
	URL    string
	DB     *sqldb.DB
	Org    *sqldb.OrgService
	Users  *sqldb.UserService
	Server *web.Server
	Logs   *bytes.Buffer
	Tree   *zhaoshang.OrgTree
}

// testPassword is the password of every test account.
const testPassword = "Kx7#mPq2-zhao"

// testAccounts: one per built-in role, and a second county's clerk for
// the tests of data scope.
var testAccounts = []struct{ Username, Unit, Role string }{
	{"t_sys", "522600", zhaoshang.RoleSysAdmin},
	{"t_sec", "522600", zhaoshang.RoleSecAdmin},
	{"t_audit", "522600", zhaoshang.RoleAuditAdmin},
	{"t_bureau", "522600-BM01", zhaoshang.RoleBureauAdmin},
	{"t_kaili", "522601", zhaoshang.RoleCountyClerk},
	{"t_huangping", "522622", zhaoshang.RoleCountyClerk},
	{"t_dept", "522600-BM02", zhaoshang.RoleDeptHandler},
	{"t_leader", "522600", zhaoshang.RoleLeader},
	{"t_zb", "522600-ZB01", zhaoshang.RoleTaskForceMem},
}

func sys() context.Context { return zhaoshang.SystemContext(context.Background()) }

func newApp(t *testing.T, dialect string) *testApp {
	t.Helper()
	db := sqldbtest.Open(t, dialect)
	org := sqldb.NewOrgService(db)
	if err := org.ImportTree(sys(), ledger.DefaultOrgRows()); err != nil {
		t.Fatal(err)
	}
	users := sqldb.NewUserService(db)
	if err := users.EnsureRoles(sys()); err != nil {
		t.Fatal(err)
	}
	tree, _ := org.Tree(sys())
	for _, a := range testAccounts {
		in := zhaoshang.UserInput{Username: a.Username, DisplayName: a.Username, OrgUnitID: tree.ByCode(a.Unit).ID}
		if _, err := users.CreateUserWithPassword(sys(), in, testPassword, false, []string{a.Role}); err != nil {
			t.Fatal(err)
		}
	}
	logs := &bytes.Buffer{}
	s := web.New(web.Services{Org: org, Audit: sqldb.NewAuditService(db), Auth: sqldb.NewAuthService(db), Users: users, Ping: db.Ping, Now: db.Now,
		Projects: sqldb.NewProjectService(db), Enterprises: sqldb.NewEnterpriseService(db),
		Stats: sqldb.NewStatsService(db), Targets: sqldb.NewTargetService(db), Schemes: sqldb.NewSchemeService(db),
		Reviews: sqldb.NewReviewService(db), Quality: sqldb.NewQualityService(db)},
		slog.New(slog.NewTextHandler(logs, nil)))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &testApp{URL: ts.URL, DB: db, Org: org, Users: users, Server: s, Logs: logs, Tree: tree}
}

// as returns a client signed in as the test account (no redirects followed).
func (a *testApp) as(t *testing.T, username string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(a.URL+"/login", url.Values{"username": {username}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", username, resp.StatusCode)
	}
	return c
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends a request with the client and returns status and body.
func do(t *testing.T, c *http.Client, method, u string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func post(t *testing.T, u string, form url.Values, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, u string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func unitCount(t *testing.T, a *testApp) int {
	tree, err := a.Org.Tree(sys())
	if err != nil {
		t.Fatal(err)
	}
	return len(tree.Units)
}

func TestBadUnitInputIsExplainedInChineseAndChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		c := a.as(t, "t_bureau")
		before := unitCount(t, a)
		resp, body := do(t, c, "POST", a.URL+"/org/units", url.Values{"code": {"522601"}, "name": {"重复编码"}, "kind": {"zone"}, "parent": {"1"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "单位编码“522601”已被其他单位使用") {
			t.Errorf("duplicate code: %d", resp.StatusCode)
		}
		resp, body = do(t, c, "POST", a.URL+"/org/units", url.Values{"code": {"a b"}, "name": {""}, "kind": {"zone"}, "parent": {"1"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "单位编码只能由字母、数字和 - _ . 组成") {
			t.Errorf("bad code: %d", resp.StatusCode)
		}
		if after := unitCount(t, a); after != before {
			t.Errorf("units %d -> %d", before, after)
		}
		resp, _ = do(t, c, "POST", a.URL+"/org/units", url.Values{"code": {"KF1"}, "name": {"开发区"}, "kind": {"zone"}, "parent": {"2"}})
		if resp.StatusCode != http.StatusSeeOther || unitCount(t, a) != before+1 {
			t.Errorf("good input: %d", resp.StatusCode)
		}
	})
}

func TestACrossOriginPostIsRefusedAndChangesNothing(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	before := unitCount(t, a)
	resp, body := do(t, c, "POST", a.URL+"/org/units", url.Values{"code": {"X1"}, "name": {"外站"}, "kind": {"zone"}, "parent": {"1"}},
		"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "请求来源不被允许") {
		t.Errorf("cross-origin post: %d", resp.StatusCode)
	}
	if unitCount(t, a) != before {
		t.Error("a cross-origin post changed data")
	}
}

func TestStaticAssetsAreCachedForAYearOnlyWithTheirVersion(t *testing.T) {
	a := newApp(t, "sqlite")
	_, page := get(t, a.URL+"/login")
	m := regexp.MustCompile(`/static/app\.css\?v=([0-9a-f]+)`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("page links no versioned app.css")
	}
	resp, _ := get(t, a.URL+m[0])
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age=31536000") {
		t.Errorf("versioned asset: %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	resp, _ = get(t, a.URL+"/static/app.css")
	if resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("unversioned asset: %q", resp.Header.Get("Cache-Control"))
	}
	for _, v := range []string{"vendor/htmx/htmx.min.js", "vendor/tabler/tabler.min.css", "vendor/echarts/echarts.min.js"} {
		if resp, _ := get(t, a.URL+"/static/"+v); resp.StatusCode != 200 {
			t.Errorf("%s: %d", v, resp.StatusCode)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	a := newApp(t, "sqlite")
	if resp, body := get(t, a.URL+"/healthz"); resp.StatusCode != 200 || body != "ok\n" {
		t.Errorf("/healthz %d %q", resp.StatusCode, body)
	}
	if resp, _ := get(t, a.URL+"/readyz"); resp.StatusCode != 200 {
		t.Errorf("/readyz %d", resp.StatusCode)
	}
	a.DB.Close()
	if resp, _ := get(t, a.URL+"/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database closed: %d", resp.StatusCode)
	}
}

func TestTheEnglishSwitchTranslatesThePage(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	_, zh := do(t, c, "GET", a.URL+"/org", nil)
	if !strings.Contains(zh, "组织机构树") {
		t.Fatal("Chinese is not the default")
	}
	_, en := do(t, c, "GET", a.URL+"/org", nil, "Cookie", "lang=en")
	if !strings.Contains(en, "Organisation tree") || strings.Contains(en, "组织机构树") {
		t.Error("English page is not translated")
	}
}

// Every key the templates pass to T has an English translation.
func TestEveryTemplateTextHasAnEnglishTranslation(t *testing.T) {
	re := regexp.MustCompile(`\.T "([^"]+)"`)
	var keys []string
	fs.WalkDir(os.DirFS("templates"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile("templates/" + p)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
		return nil
	})
	for _, k := range zhaoshang.OrgKinds() {
		keys = append(keys, k.Label())
	}
	for _, p := range zhaoshang.Permissions() {
		keys = append(keys, p.Label)
	}
	for _, sc := range zhaoshang.DataScopes() {
		keys = append(keys, sc.Label())
	}
	for _, r := range zhaoshang.BuiltinRoles() {
		keys = append(keys, r.Name)
	}
	if len(keys) < 20 {
		t.Fatalf("found only %d keys", len(keys))
	}
	if missing := i18n.Missing(keys); len(missing) > 0 {
		t.Errorf("no English for: %q", missing)
	}
}

func TestUnknownPagesAnswer404InTheShell(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	resp, body := do(t, c, "GET", a.URL+"/no/such/page", nil)
	if resp.StatusCode != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("%d", resp.StatusCode)
	}
	resp, _ = do(t, c, "GET", a.URL+"/org?unit=999999", nil)
	if resp.StatusCode != 404 {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}
}
