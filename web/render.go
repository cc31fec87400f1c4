package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"zhaoshang"
	"zhaoshang/i18n"
)

// templates holds one parsed set per screen: the layout plus that screen.
type templates struct {
	pages map[string]*template.Template
}

var funcs = template.FuncMap{
	"kindLabel": func(k zhaoshang.OrgKind) string { return k.Label() },
	"add":       func(a, b int) int { return a + b },
	"fmtTime":   formatTime,
}

func mustTemplates() *templates {
	base := template.Must(template.New("").Funcs(funcs).ParseFS(assets, "templates/layout/*.html"))
	files, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		panic(err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		t.pages[name] = template.Must(template.Must(base.Clone()).ParseFS(assets, f))
	}
	return t
}

// assetVersion changes whenever any static file changes, so assets can be
// cached for a year and still never be stale.
var assetVersion = func() string {
	h := sha256.New()
	fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := assets.ReadFile(p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:10]
}()

// crumb is one step of the breadcrumbs.
type crumb struct {
	Label string
	URL   string
}

// page is what every template receives.
type page struct {
	Lang   i18n.Lang
	Title  string
	Nav    string // the active navigation item
	Crumbs []crumb
	Flash  string
	Error  string // a message for the whole form
	Here   string // this page's URL, to come back to
	Bare   bool   // no navigation (the login page)
	User   *zhaoshang.Principal
	Data   any
}

// T translates a catalogue key for this page's reader.
func (p *page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

// Msg shows a domain error in the reader's language.
func (p *page) Msg(err error) string { return errText(p.Lang, err) }

// Asset is the cache-busting URL of a static file.
func (p *page) Asset(name string) string { return "/static/" + name + "?v=" + assetVersion }

// NavItems are the modules shown in the left navigation; a module appears
// here only once it works.
// Each shows only to users holding its permission.
func (p *page) NavItems() []navItem {
	if p.User == nil || p.User.MustChange {
		return nil
	}
	var out []navItem
	for _, n := range navigation {
		if p.User.Can(n.Perm) {
			out = append(out, navItem{Key: n.Key, Label: p.T(n.Label), URL: n.URL, Group: p.T(n.Group)})
		}
	}
	return out
}

type navItem struct {
	Key, Label, URL, Group string
}

// navigation lists the modules in menu order with the permission each needs.
var navigation = []struct {
	Key, Label, URL, Group, Perm string
}{
	{"projects", "项目台账", "/projects", "项目台账", zhaoshang.PermProjectView},
	{"funds", "到位资金填报", "/funds/grid", "项目台账", zhaoshang.PermProjectView},
	{"enterprises", "企业库", "/enterprises", "项目台账", zhaoshang.PermProjectView},
	{"import", "台账导入", "/import", "项目台账", zhaoshang.PermLedgerImport},
	{"targets", "目标任务", "/targets", "统计报表", zhaoshang.PermReportView},
	{"dispatch", "月调度", "/reports/dispatch", "统计报表", zhaoshang.PermReportView},
	{"review", "月度审核", "/review", "统计报表", zhaoshang.PermReportView},
	{"quality", "数据质量", "/quality", "统计报表", zhaoshang.PermProjectView},
	{"check-report", "报告数字核对", "/quality/check-report", "统计报表", zhaoshang.PermReportView},
	{"bulletin", "季通报", "/reports/bulletin", "统计报表", zhaoshang.PermReportView},
	{"assessment", "年考核", "/reports/assessment", "统计报表", zhaoshang.PermReportView},
	{"scheme", "考核办法", "/reports/scheme", "统计报表", zhaoshang.PermReportView},
	{"ledger-settings", "台账规则", "/settings/ledger", "系统管理", zhaoshang.PermLedgerConfig},
	{"org", "组织机构", "/org", "系统管理", zhaoshang.PermOrgView},
	{"users", "用户管理", "/users", "系统管理", zhaoshang.PermUserView},
	{"roles", "角色与权限", "/roles", "安全管理", zhaoshang.PermRoleEdit},
	{"policy", "密码与登录策略", "/security/policy", "安全管理", zhaoshang.PermPolicyEdit},
	{"audit", "审计日志", "/audit", "安全审计", zhaoshang.PermAuditView},
	{"logins", "登录日志", "/audit/logins", "安全审计", zhaoshang.PermAuditView},
}

func errText(lang i18n.Lang, err error) string {
	if err == nil {
		return ""
	}
	if e := zhaoshang.AsError(err); e != nil {
		return i18n.T(lang, e.Message, e.Args...)
	}
	return i18n.T(lang, "系统内部错误，请稍后重试；如果问题持续，请联系系统管理员")
}

func (s *Server) newPage(r *http.Request, title, nav string) *page {
	p := &page{Lang: i18n.FromRequest(r), Nav: nav, Here: r.URL.RequestURI(), User: zhaoshang.PrincipalFrom(r.Context())}
	p.Title = p.T(title)
	return p
}

// render writes a screen with the status given.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		panic(fmt.Sprintf("no template %q", name))
	}
	if p.Flash == "" {
		p.Flash = takeFlash(w, r, p.Lang)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	if status == http.StatusUnprocessableEntity && r.Header.Get("HX-Request") == "true" {
		// htmx swaps the page either way; a 2xx keeps the browser console
		// free of "failed to load resource" for a mere typing mistake.
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderError shows a message page with the status.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p := s.newPage(r, "出错了", "")
	p.Error = p.T(msg)
	p.Data = status
	s.render(w, r, status, "error", p)
}

// fail answers a failed service call: a user's mistake is shown with its
// message, anything else is logged and shown as an internal error.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the browser went away (a new click); nobody reads an answer
	}
	switch zhaoshang.ErrorCode(err) {
	case zhaoshang.ENotFound:
		s.renderError(w, r, http.StatusNotFound, errText(i18n.FromRequest(r), err))
	case zhaoshang.EForbidden:
		s.renderError(w, r, http.StatusForbidden, errText(i18n.FromRequest(r), err))
	case zhaoshang.EInvalid, zhaoshang.EConflict:
		s.renderError(w, r, http.StatusUnprocessableEntity, errText(i18n.FromRequest(r), err))
	case zhaoshang.EBusy:
		s.log.Warn("database busy", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "5")
		s.renderError(w, r, http.StatusServiceUnavailable, errText(i18n.FromRequest(r), err))
	default:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "系统内部错误，请稍后重试；如果问题持续，请联系系统管理员")
	}
}

// setFlash keeps a message for the next page (after a redirect).
func setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: "flash", Value: urlEscape(key), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

func takeFlash(w http.ResponseWriter, r *http.Request, lang i18n.Lang) string {
	c, err := r.Cookie("flash")
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: "flash", Path: "/", MaxAge: -1})
	return i18n.T(lang, urlUnescape(c.Value))
}

// redirect after a successful POST (303: the browser follows with GET).
func redirect(w http.ResponseWriter, r *http.Request, url string) {
	http.Redirect(w, r, url, http.StatusSeeOther)
}

// formatTime shows a stored time as 2021-06-30 14:05 in Beijing time (a
// string is shown as it is, anything else as "").
func formatTime(v any) string {
	switch t := v.(type) {
	case time.Time:
		return t.In(zhaoshang.Shanghai).Format(zhaoshang.TimeLayout)
	case string:
		return t
	}
	return ""
}
