package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"zhaoshang"
	"zhaoshang/i18n"
)

const sessionCookie = "zs_session"

// authenticate puts the principal of the request (session cookie or API
// bearer token) into its context; anonymous requests go on without one and
// meet the guard of their route.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			next.ServeHTTP(w, r)
			return
		}
		ip, ua := s.clientIP(r), r.UserAgent()
		var p *zhaoshang.Principal
		var err error
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			if !isAPI(r) { // a token is for scripts on /api/v1, never for the screens and their forms
				s.apiError(w, r, zhaoshang.Errorf(zhaoshang.EUnauthorized, "API 令牌只能用于 /api/v1 接口"))
				return
			}
			p, err = s.svc.Auth.Bearer(r.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")), ip, ua)
			if err != nil {
				s.apiError(w, r, err)
				return
			}
		} else if c, cerr := r.Cookie(sessionCookie); cerr == nil && c.Value != "" {
			p, err = s.svc.Auth.Session(r.Context(), c.Value, ip, ua)
			if err != nil {
				if zhaoshang.ErrorCode(err) != zhaoshang.EUnauthorized {
					s.fail(w, r, err)
					return
				}
				s.clearSession(w, r)
				p = nil
			}
		}
		if p != nil {
			r = r.WithContext(zhaoshang.WithPrincipal(r.Context(), p))
		}
		next.ServeHTTP(w, r)
	})
}

// guard opens a route to those its access level admits.
func (s *Server) guard(access string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if access == accessPublic {
			h(w, r)
			return
		}
		p := zhaoshang.PrincipalFrom(r.Context())
		if p == nil {
			s.needLogin(w, r)
			return
		}
		if access == accessSignedIn {
			h(w, r)
			return
		}
		if p.MustChange {
			if r.Method == http.MethodGet && !isAPI(r) {
				redirect(w, r, "/account/password")
				return
			}
			s.denied(w, r, zhaoshang.Errorf(zhaoshang.EForbidden, "请先修改初始密码"))
			return
		}
		if access != accessUser && !p.Can(access) {
			s.denied(w, r, zhaoshang.Errorf(zhaoshang.EForbidden, "您没有此项操作的权限"))
			return
		}
		h(w, r)
	}
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) needLogin(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		s.apiError(w, r, zhaoshang.Errorf(zhaoshang.EUnauthorized, "请先登录"))
		return
	}
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", target)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodGet {
		redirect(w, r, target)
		return
	}
	s.renderError(w, r, http.StatusUnauthorized, "登录已失效，请重新登录")
}

func (s *Server) denied(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.renderError(w, r, http.StatusForbidden, errText(i18n.FromRequest(r), err))
}

func (s *Server) setSession(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
}

func (s *Server) clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.isTLS(r)})
}

// safeNext keeps a redirect after login or a language switch on this
// site: a path of ours, never one a browser could read as another host
// ("//x", "/\\x", or either with tabs or line breaks that browsers drop,
// written plainly or percent-encoded).
func safeNext(next string) string {
	dec, err := url.PathUnescape(next)
	if err != nil {
		return "/"
	}
	for _, v := range []string{next, dec} {
		if !strings.HasPrefix(v, "/") || strings.ContainsAny(v, "\\\x00\t\n\r") {
			return "/"
		}
		if squeezed := strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || r == ' ' {
				return -1
			}
			return r
		}, v); strings.HasPrefix(squeezed, "//") {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "/"
	}
	return next
}

type loginData struct {
	Username string
	Next     string
	Err      string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if zhaoshang.PrincipalFrom(r.Context()) != nil {
		redirect(w, r, safeNext(r.FormValue("next")))
		return
	}
	p := s.newPage(r, "登录", "")
	p.Bare = true
	p.Data = &loginData{Next: r.FormValue("next")}
	s.render(w, r, http.StatusOK, "login", p)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	username, pw, next := r.FormValue("username"), r.FormValue("password"), r.FormValue("next")
	ip := s.clientIP(r)
	if s.failedLogins.Blocked(ip) {
		w.Header().Set("Retry-After", fmt.Sprint(int(failedLoginEvery.Seconds())))
		p := s.newPage(r, "登录", "")
		p.Bare = true
		p.Data = &loginData{Username: username, Next: next, Err: p.T("从您所在网络地址登录失败的次数过多，请稍候1分钟再试")}
		s.render(w, r, http.StatusTooManyRequests, "login", p)
		return
	}
	res, err := s.svc.Auth.Login(r.Context(), username, pw, ip, r.UserAgent())
	if err != nil {
		if zhaoshang.ErrorCode(err) != zhaoshang.EUnauthorized {
			s.fail(w, r, err)
			return
		}
		if s.failedLogins.Hit(ip) {
			s.log.Warn("failed sign-ins throttled", "remote", ip)
		}
		p := s.newPage(r, "登录", "")
		p.Bare = true
		p.Data = &loginData{Username: username, Next: next, Err: p.Msg(err)}
		s.render(w, r, http.StatusUnprocessableEntity, "login", p)
		return
	}
	s.setSession(w, r, res.Token)
	if res.Principal.MustChange {
		redirect(w, r, "/account/password")
		return
	}
	redirect(w, r, safeNext(next))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.Auth.Logout(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSession(w, r)
	setFlash(w, "您已安全退出")
	redirect(w, r, "/login")
}

type passwordData struct {
	Must   bool
	Err    string
	Field  string
	Hint   string // what the policy asks of a new password
	Tokens int    // the user's API tokens in use
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, nil)
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, err error) {
	pr := zhaoshang.PrincipalFrom(r.Context())
	p := s.newPage(r, "修改密码", "")
	d := &passwordData{Must: pr.MustChange, Hint: p.T("至少8位，不能包含用户名，不能由姓名、单位或地区名称加数字组成，不能使用常见密码。")}
	if classes, err := s.svc.Auth.PasswordClasses(r.Context()); err == nil && classes > 0 {
		d.Hint = p.T("至少8位，须包含大写字母、小写字母、数字、特殊符号中的至少%d类；不能包含用户名，不能由姓名、单位或地区名称加数字组成，不能使用常见密码。", classes)
	}
	if ts, err := s.svc.Auth.Tokens(r.Context()); err == nil {
		for _, t := range ts {
			if t.Active(s.now()) {
				d.Tokens++
			}
		}
	}
	if err != nil {
		d.Err = p.Msg(err)
		if e := zhaoshang.AsError(err); e != nil {
			d.Field = e.Field
		}
	}
	p.Data = d
	s.render(w, r, status, "password", p)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	oldPw, newPw := r.FormValue("old"), r.FormValue("new")
	if newPw != r.FormValue("confirm") {
		s.renderPassword(w, r, http.StatusUnprocessableEntity, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "confirm", "两次输入的新密码不一致"))
		return
	}
	token, err := s.svc.Auth.ChangePassword(r.Context(), oldPw, newPw, r.FormValue("revoke_tokens") == "1")
	if err != nil {
		if e := zhaoshang.AsError(err); e != nil && e.Code == zhaoshang.EInvalid {
			s.renderPassword(w, r, http.StatusUnprocessableEntity, err)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.setSession(w, r, token)
	setFlash(w, "密码已修改，其他设备上的登录已失效")
	redirect(w, r, "/")
}

// home sends a user to the first module they may use.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	pr := zhaoshang.PrincipalFrom(r.Context())
	if pr.MustChange {
		redirect(w, r, "/account/password")
		return
	}
	p := s.newPage(r, "", "")
	if items := p.NavItems(); len(items) > 0 {
		redirect(w, r, items[0].URL)
		return
	}
	p.Title = p.T("工作台")
	s.render(w, r, http.StatusOK, "noroles", p)
}

type tokensData struct {
	Tokens      []tokenRow
	New         string // the token just made, shown once
	Err         string
	Days        []int // the lifetimes offered
	DefaultDays int
}

type tokenRow struct {
	ID                              int64
	Name, Prefix                    string
	Created, Used, Revoked, Expires string
	Active, Expired                 bool
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, "", nil)
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, fresh string, err error) {
	ts, lerr := s.svc.Auth.Tokens(r.Context())
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	p := s.newPage(r, "API 令牌", "")
	p.Crumbs = []crumb{{Label: p.T("个人设置")}, {Label: p.T("API 令牌"), URL: "/account/tokens"}}
	d := &tokensData{New: fresh, Days: zhaoshang.TokenDays(), DefaultDays: zhaoshang.DefaultTokenDays}
	if err != nil {
		d.Err = p.Msg(err)
	}
	now := s.now()
	for _, t := range ts {
		row := tokenRow{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Created: formatTime(t.CreatedAt), Active: t.Active(now),
			Expired: t.RevokedAt.IsZero() && !t.Active(now)}
		if !t.ExpiresAt.IsZero() {
			row.Expires = formatTime(t.ExpiresAt)
		}
		if !t.LastUsedAt.IsZero() {
			row.Used = formatTime(t.LastUsedAt)
		}
		if !t.RevokedAt.IsZero() {
			row.Revoked = formatTime(t.RevokedAt)
		}
		d.Tokens = append(d.Tokens, row)
	}
	p.Data = d
	s.render(w, r, status, "tokens", p)
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	plain, _, err := s.svc.Auth.CreateToken(r.Context(), r.FormValue("name"), int(formInt(r, "days")))
	if err != nil {
		if zhaoshang.ErrorCode(err) == zhaoshang.EInvalid {
			s.renderTokens(w, r, http.StatusUnprocessableEntity, "", err)
			return
		}
		s.fail(w, r, err)
		return
	}
	// shown once, on this response; never stored in plain text
	s.renderTokens(w, r, http.StatusOK, plain, nil)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.Auth.RevokeToken(r.Context(), pathID(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	setFlash(w, "令牌已撤销")
	redirect(w, r, "/account/tokens")
}

// principal of a request, for handlers behind a guard.
func principal(ctx context.Context) *zhaoshang.Principal { return zhaoshang.PrincipalFrom(ctx) }
