package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
)

// Item 10 of the security review, the low ones, each as the reviewer met it.

func TestAHugePageNumberIsClampedNotAPanic(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	for _, u := range []string{"/enterprises", "/projects", "/quality"} {
		if resp, _ := do(t, c, "GET", a.URL+u+"?page=9223372036854775807", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
	if resp, _ := do(t, a.as(t, "t_sys"), "GET", a.URL+"/users?page=9223372036854775807", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("/users: %d", resp.StatusCode)
	}
	if resp, _ := do(t, a.as(t, "t_audit"), "GET", a.URL+"/audit?page=9223372036854775807", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("/audit: %d", resp.StatusCode)
	}
	if strings.Contains(a.Logs.String(), "panic") {
		t.Error("a page number panicked")
	}
}

func TestAFormNameWithANulOrTenThousandCharactersIsRefused(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	for _, name := range []string{"甲\x00公司", strings.Repeat("甲", 10000)} {
		if resp, _ := do(t, c, "POST", a.URL+"/enterprises", url.Values{"name": {name}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("an enterprise named %.20q…: %d", name, resp.StatusCode)
		}
	}
	if list, _, _ := sqldb.NewEnterpriseService(a.DB).Enterprises(sys(), zhaoshang.EnterpriseFilter{}); len(list) != 0 {
		t.Errorf("%d enterprises stored", len(list))
	}
}

func TestAnOversizedFormBodyIsRefusedUnread(t *testing.T) {
	a := newApp(t, "sqlite")
	big := strings.Repeat("x", 3<<20)
	code, body := post(t, a.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {big}})
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "提交的内容过大") {
		t.Errorf("a 3 MB login: %d", code)
	}
}

func TestExportsOfTheOrganisationAndTheOfficialDocumentsAreAudited(t *testing.T) {
	a := withDemo(t)
	bureau := a.as(t, "t_bureau")
	for _, u := range []string{"/org/export.csv", "/reports/dispatch.xlsx?through=2021-06", "/reports/bulletin/download?quarter=2021Q2&format=docx",
		"/reports/assessment/download?year=2020&format=xlsx"} {
		if resp, _ := do(t, bureau, "GET", a.URL+u, nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", u, resp.StatusCode)
		}
	}
	es, _, err := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActExport, ActorName: "t_bureau"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range es {
		got[e.Entity] = true
	}
	for _, want := range []string{"org_tree", "dispatch", "bulletin", "assessment"} {
		if !got[want] {
			t.Errorf("no audit entry for the %s export (have %v)", want, got)
		}
	}
}

// An import message must not confirm that another county's project code
// exists: the code is only said to be unavailable.
func TestAnImportDoesNotConfirmAnotherCountysProjectCode(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	f.project("HP2021007", "黄平某项目", f.huangping, "1000", "2021-03-01")
	c := a.as(t, "t_kaili")
	resp, body := upload(t, c, a.URL+"/import/projects", "凯里.csv", []byte(projectHeader+"HP2021007,凯里项目,凯里市,甲公司,新型工业化,是,是,100,2021-03-15\n"))
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(body, "其他县市") || strings.Contains(body, "黄平") {
		t.Errorf("the import said whose code it is: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "该项目编号不可用") {
		t.Error("the import should say the code cannot be used")
	}
}

// The redirects after login and after switching the language stay on this
// site, whatever the next parameter says.
func TestRedirectsStayOnThisSite(t *testing.T) {
	a := newApp(t, "sqlite")
	for _, next := range []string{"//evil.example", "/\\evil.example", "/%09/evil.example", "/\t/evil.example", "https://evil.example", "/%5Cevil.example"} {
		resp, _ := do(t, noRedirect, "POST", a.URL+"/lang", url.Values{"lang": {"en"}, "back": {next}})
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("/lang with next=%q went to %q", next, loc)
		}
		jar := a.as(t, "t_kaili") // signed in: the login page sends on at once
		resp, _ = do(t, jar, "GET", a.URL+"/login?next="+url.QueryEscape(next), nil)
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("/login with next=%q went to %q", next, loc)
		}
	}
}

func TestEveryPageCarriesAContentSecurityPolicy(t *testing.T) {
	a := newApp(t, "sqlite")
	resp, _ := do(t, noRedirect, "GET", a.URL+"/login", nil)
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
		t.Errorf("security headers: %v", resp.Header)
	}
}
