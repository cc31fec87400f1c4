package web

import (
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// route is one registered pattern and the access it needs.
type route struct {
	Pattern string
	Access  string // "public", or a permission such as "org:view"
}

func (s *Server) handle(pattern, access string, h http.HandlerFunc) {
	s.routes = append(s.routes, route{pattern, access})
	s.mux.Handle(pattern, h)
}

// Routes lists every registered pattern with the access it needs.
func (s *Server) Routes() []route { return s.routes }

func (s *Server) registerRoutes() {
	s.handle("GET /healthz", "public", s.healthz)
	s.handle("GET /readyz", "public", s.readyz)
	s.handle("GET /static/", "public", s.static())
	s.handle("POST /lang", "public", s.setLang)
	s.handle("GET /{$}", "public", func(w http.ResponseWriter, r *http.Request) { redirect(w, r, "/org") })

	s.handle("GET /org", "org:view", s.orgPage)
	s.handle("POST /org/units", "org:edit", s.orgCreate)
	s.handle("POST /org/units/{id}", "org:edit", s.orgUpdate)
	s.handle("POST /org/units/{id}/move", "org:edit", s.orgMove)
	s.handle("POST /org/units/{id}/active", "org:edit", s.orgSetActive)
	s.handle("POST /org/units/{id}/delete", "org:edit", s.orgDelete)
	s.handle("GET /org/export.csv", "org:view", s.orgExport)

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
	back := r.FormValue("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
		back = "/"
	}
	redirect(w, r, back)
}

func urlEscape(s string) string   { return url.QueryEscape(s) }
func urlUnescape(s string) string { v, _ := url.QueryUnescape(s); return v }

// formInt reads an integer form value; 0 when missing or malformed.
func formInt(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.FormValue(name)), 10, 64)
	return n
}

func pathID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}
