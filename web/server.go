// Package web is the HTTP face of zhaoshang: the server and its middleware
// (logging, recovery, cross-origin protection, language), one file per
// screen, the templates and the embedded static assets. Handlers read
// input, call a domain service and render; rules live in the services.
package web

import (
	"context"
	"embed"
	"log/slog"
	"net"
	"net/http"
	"time"

	"zhaoshang"
	"zhaoshang/app"
)

//go:embed templates static
var assets embed.FS

// Services are the domain services the screens use.
type Services struct {
	Org   zhaoshang.OrgService
	Audit zhaoshang.AuditService
	Auth  zhaoshang.AuthService
	Users zhaoshang.UserService
	// Projects and Enterprises keep the ledger.
	Projects    zhaoshang.ProjectService
	Enterprises zhaoshang.EnterpriseService
	// Stats gives the measures behind the indicators; Targets the annual targets.
	Stats   zhaoshang.MeasureSource
	Targets zhaoshang.TargetService
	// Schemes keeps each year's scoring scheme of 季通报 and 年考核.
	Schemes zhaoshang.SchemeService
	// Reviews keeps the monthly review of each county's data (月度审核).
	Reviews zhaoshang.ReviewService
	// Quality keeps the data-quality findings.
	Quality zhaoshang.QualityService
	// Ping answers whether the database is reachable (for /readyz).
	Ping func(ctx context.Context) error
	// Now is the clock of the screens and their use cases (time.Now when nil).
	Now func() time.Time
}

// Server is the web application.
type Server struct {
	svc    Services
	log    *slog.Logger
	mux    *http.ServeMux
	tmpl   *templates
	routes []Route
	// TrustProxy: a reverse proxy in front sets X-Real-IP and
	// X-Forwarded-Proto, and nobody can reach the server around it.
	TrustProxy bool
	http       *http.Server
	// failedLogins throttles the failed sign-ins of each client address
	failedLogins *throttle
	// app runs the use cases (import a file, build a report) over svc
	app *app.Services
}

// Failed sign-ins allowed per client address: a burst of 20, then one
// every 6 seconds. An office behind one address has room for typing
// mistakes; a guesser is slowed to ten names a minute, each audited.
const (
	failedLoginBurst = 20
	failedLoginEvery = 6 * time.Second
)

// New builds the server and its routes.
func New(svc Services, log *slog.Logger) *Server {
	if svc.Now == nil {
		svc.Now = time.Now
	}
	s := &Server{svc: svc, log: log, mux: http.NewServeMux(), failedLogins: newThrottle(failedLoginBurst, failedLoginEvery)}
	s.app = &app.Services{Org: svc.Org, Projects: svc.Projects, Targets: svc.Targets, Stats: svc.Stats, Schemes: svc.Schemes,
		Audit: svc.Audit, Now: svc.Now}
	s.tmpl = mustTemplates()
	s.registerRoutes()
	return s
}

// Handler is the whole application with its middleware, outermost first:
// request log, security headers, panic recovery, cross-origin protection
// of state changes, limits on request bodies.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusForbidden, "请求来源不被允许：请从本系统的页面提交")
	}))
	return s.logRequests(securityHeaders(s.recoverPanics(cop.Handler(s.limitBodies(s.authenticate(s.mux))))))
}

// Serve answers on l until ctx ends, then lets in-flight requests finish
// (up to 30 seconds) and returns.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	s.http = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // uploads of large ledgers
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: waiting for requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := s.http.Shutdown(sctx)
	<-errc
	return err
}

// now is the time by the one clock of the screens (Services.Now).
func (s *Server) now() time.Time { return s.svc.Now() }

// today is the date in Asia/Shanghai by that clock.
func (s *Server) today() zhaoshang.Date { return zhaoshang.DateOf(s.svc.Now()) }
