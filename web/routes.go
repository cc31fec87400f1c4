package web

import (
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

// Route is one registered pattern and the access it needs.
type Route struct {
	Pattern string
	Access  string
}

// handle registers a route behind the access its pattern has in
// accessTable; a pattern missing from the table is a programming error.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	access, ok := accessTable[pattern]
	if !ok {
		panic("web: route " + pattern + " is missing from accessTable")
	}
	s.routes = append(s.routes, Route{pattern, access})
	s.mux.Handle(pattern, s.guard(access, h))
}

// Routes lists every registered pattern with the access it needs.
func (s *Server) Routes() []Route { return s.routes }

// AccessTable returns a copy of the table (for the access test).
func AccessTable() map[string]string {
	out := make(map[string]string, len(accessTable))
	for k, v := range accessTable {
		out[k] = v
	}
	return out
}

func (s *Server) registerRoutes() {
	s.handle("GET /healthz", s.healthz)
	s.handle("GET /readyz", s.readyz)
	s.handle("GET /static/", s.static())
	s.handle("POST /lang", s.setLang)
	s.handle("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { redirect(w, r, "/static/favicon.svg?v="+assetVersion) })
	s.handle("GET /{$}", s.home)
	s.handle("GET /login", s.loginPage)
	s.handle("POST /login", s.login)
	s.handle("POST /logout", s.logout)
	s.handle("GET /account/password", s.passwordPage)
	s.handle("POST /account/password", s.changePassword)
	s.handle("GET /account/tokens", s.tokensPage)
	s.handle("POST /account/tokens", s.createToken)
	s.handle("POST /account/tokens/{id}/revoke", s.revokeToken)

	s.handle("GET /org", s.orgPage)
	s.handle("POST /org/units", s.orgCreate)
	s.handle("POST /org/units/{id}", s.orgUpdate)
	s.handle("POST /org/units/{id}/move", s.orgMove)
	s.handle("POST /org/units/{id}/active", s.orgSetActive)
	s.handle("POST /org/units/{id}/delete", s.orgDelete)
	s.handle("GET /org/export.csv", s.orgExport)

	s.registerAccountRoutes()
	s.registerAuditRoutes()
	s.registerLedgerRoutes()
	s.registerImportRoutes()
	s.registerReportRoutes()
	s.registerScoringRoutes()
	s.registerReviewRoutes()
	s.registerQualityRoutes()
	s.registerQualityAPIRoutes()
	s.registerTargetRoutes()
	s.handle("GET /settings/ledger", s.ledgerSettingsPage)
	s.handle("POST /settings/ledger", s.saveLedgerSettings)
	s.registerLedgerAPIRoutes()

	s.handle("GET /api/v1/me", s.apiMe)
	s.handle("GET /api/v1/org/units", s.apiOrgUnits)
	s.handle("GET /api/v1/org/units/{id}", s.apiOrgUnit)

	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusNotFound, "页面不存在")
	})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.svc.Ping(r.Context()); err != nil {
		s.log.Warn("readyz: database unreachable", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

// static serves the embedded assets. A URL carrying the current asset
// version is cached for a year; anything else must be revalidated.
func (s *Server) static() http.HandlerFunc {
	sub, _ := fs.Sub(assets, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			s.renderError(w, r, http.StatusNotFound, "页面不存在")
			return
		}
		if r.URL.Query().Get("v") == assetVersion {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	}
}

// setLang switches the language (a cookie; no business data changes).
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	lang := "zh-CN"
	if strings.HasPrefix(r.FormValue("lang"), "en") {
		lang = "en"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	redirect(w, r, safeNext(r.FormValue("back")))
}

func urlEscape(s string) string   { return url.QueryEscape(s) }
func urlUnescape(s string) string { v, _ := url.QueryUnescape(s); return v }
