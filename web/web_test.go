package web_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
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

// testApp is the real server over a fresh database on a random port.
type testApp struct {
	URL  string
	DB   *sqldb.DB
	Org  *sqldb.OrgService
	Logs *bytes.Buffer
}

func newApp(t *testing.T, dialect string) *testApp {
	t.Helper()
	db := sqldbtest.Open(t, dialect)
	org := sqldb.NewOrgService(db)
	if err := org.ImportTree(context.Background(), ledger.DefaultOrgRows()); err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	s := web.New(web.Services{Org: org, Audit: sqldb.NewAuditService(db), Ping: db.Ping}, slog.New(slog.NewTextHandler(logs, nil)))
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return &testApp{URL: ts.URL, DB: db, Org: org, Logs: logs}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

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
	tree, err := a.Org.Tree(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(tree.Units)
}

func TestBadUnitInputIsExplainedInChineseAndChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		before := unitCount(t, a)
		code, body := post(t, a.URL+"/org/units", url.Values{"code": {"522601"}, "name": {"重复编码"}, "kind": {"zone"}, "parent": {"1"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "单位编码“522601”已被其他单位使用") {
			t.Errorf("duplicate code: %d", code)
		}
		code, body = post(t, a.URL+"/org/units", url.Values{"code": {"a b"}, "name": {""}, "kind": {"zone"}, "parent": {"1"}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "单位编码只能由字母、数字和 - _ . 组成") {
			t.Errorf("bad code: %d", code)
		}
		if after := unitCount(t, a); after != before {
			t.Errorf("units %d -> %d", before, after)
		}
		code, _ = post(t, a.URL+"/org/units", url.Values{"code": {"KF1"}, "name": {"开发区"}, "kind": {"zone"}, "parent": {"2"}})
		if code != http.StatusSeeOther || unitCount(t, a) != before+1 {
			t.Errorf("good input: %d", code)
		}
	})
}

func TestACrossOriginPostIsRefusedAndChangesNothing(t *testing.T) {
	a := newApp(t, "sqlite")
	before := unitCount(t, a)
	code, body := post(t, a.URL+"/org/units", url.Values{"code": {"X1"}, "name": {"外站"}, "kind": {"zone"}, "parent": {"1"}},
		"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if code != http.StatusForbidden || !strings.Contains(body, "请求来源不被允许") {
		t.Errorf("cross-origin post: %d", code)
	}
	if unitCount(t, a) != before {
		t.Error("a cross-origin post changed data")
	}
}

func TestStaticAssetsAreCachedForAYearOnlyWithTheirVersion(t *testing.T) {
	a := newApp(t, "sqlite")
	_, page := get(t, a.URL+"/org")
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
	_, zh := get(t, a.URL+"/org")
	if !strings.Contains(zh, "组织机构树") {
		t.Fatal("Chinese is not the default")
	}
	_, en := get(t, a.URL+"/org", "Cookie", "lang=en")
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
	for _, k := range zhaoshang.OrgKinds {
		keys = append(keys, k.Label())
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
	resp, body := get(t, a.URL+"/no/such/page")
	if resp.StatusCode != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("%d", resp.StatusCode)
	}
	resp, _ = get(t, a.URL+"/org?unit=999999")
	if resp.StatusCode != 404 {
		t.Errorf("unknown unit: %d", resp.StatusCode)
	}
}
