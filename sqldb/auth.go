package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhaoshang"
	"zhaoshang/password"
)

var _ zhaoshang.AuthService = (*AuthService)(nil)

// AuthService signs users in and out, keeps sessions and API tokens.
type AuthService struct {
	db    *DB
	users *UserService
}

func NewAuthService(db *DB) *AuthService { return &AuthService{db: db, users: NewUserService(db)} }

// errLoginFailed is the one answer to every failed sign-in: it must not
// tell an unknown name from a wrong password or a locked account.
func errLoginFailed(p zhaoshang.PasswordPolicy) error {
	return zhaoshang.Errorf(zhaoshang.EUnauthorized, "用户名或密码不正确，或账户已被暂时锁定。连续输错%d次密码将锁定%d分钟，如需帮助请联系系统管理员", p.MaxFailures, p.LockMinutes)
}

// loginKey is the case-folded username under which failures are counted.
func loginKey(username string) string { return strings.ToLower(strings.TrimSpace(username)) }

func newToken(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Login checks a username and password. Failures are counted per name,
// existing or not, and audited; after MaxFailures the name is locked for
// LockMinutes. A success opens a new session (a new id at every login).
//
// The attempt is counted before the password is checked, in one write
// transaction that also decides whether the name is locked (reserveAttempt):
// concurrent guesses each take a place in the count, so no more than
// MaxFailures passwords are ever checked per lock period, however many
// arrive at once. The slow hash is verified outside any transaction.
func (s *AuthService) Login(ctx context.Context, username, plain, ip, userAgent string) (*zhaoshang.LoginResult, error) {
	pol, err := s.users.policy(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	key := loginKey(username)
	u, uerr := getUser(ctx, s.db.read, "username = $1", strings.TrimSpace(username))
	if uerr != nil && zhaoshang.ErrorCode(uerr) != zhaoshang.ENotFound {
		return nil, uerr
	}
	actor := &zhaoshang.Principal{Username: strings.TrimSpace(username), IP: ip, UserAgent: userAgent}
	if u != nil {
		actor.UserID, actor.OrgUnitID = u.ID, u.OrgUnitID
	}
	locked, err := s.reserveAttempt(ctx, actor, key, pol)
	if err != nil {
		return nil, err
	}
	if locked {
		return nil, errLoginFailed(pol)
	}
	ok := false
	if u != nil {
		var hash string
		if err := s.db.read.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = $1", u.ID).Scan(&hash); err != nil {
			return nil, err
		}
		ok, _ = password.Verify(plain, hash)
	} else {
		password.DummyVerify(plain) // the same time whether the name exists or not
	}
	if !ok || u == nil || !u.Active {
		reason := "密码错误"
		switch {
		case u == nil:
			reason = "用户名不存在"
		case !u.Active:
			reason = "账户已停用"
		}
		err := s.db.writeAs(ctx, actor, func(tx *Tx) error {
			// the attempt was counted on reservation; the name locks as soon
			// as the count reaches the limit
			res, err := tx.ExecContext(ctx, "UPDATE login_failures SET locked_until = $1, failures = 0 WHERE username = $2 AND failures >= $3 AND locked_until IS NULL",
				tx.now.Add(time.Duration(pol.LockMinutes)*time.Minute), key, pol.MaxFailures)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				reason += "，已锁定"
			}
			tx.Audit(zhaoshang.ActLoginFailed, "user", actor.UserID, nil, nil, reason)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return nil, errLoginFailed(pol)
	}
	token := newToken("")
	var p *zhaoshang.Principal
	err = s.db.writeAs(ctx, actor, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE username = $1", key); err != nil {
			return err
		}
		var setBy string
		if err := tx.QueryRowContext(ctx, "SELECT password_set_by FROM users WHERE id = $1", u.ID).Scan(&setBy); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent, password_set_by) VALUES ($1, $2, $3, $3, $4, $5, $6)",
			tokenHash(token), u.ID, tx.now, ip, userAgent, setBy); err != nil {
			return err
		}
		actor.PasswordSetBy = setBy
		if _, err := tx.ExecContext(ctx, "UPDATE users SET last_login_at = $1 WHERE id = $2", tx.now, u.ID); err != nil {
			return err
		}
		if p, err = s.principal(ctx, tx, u, pol); err != nil {
			return err
		}
		p.PasswordSetBy = setBy
		tx.Audit(zhaoshang.ActLogin, "user", u.ID, nil, nil, "")
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.IP, p.UserAgent = ip, userAgent
	return &zhaoshang.LoginResult{Token: token, Principal: p}, nil
}

// failureMemory is how long the failures of a name are kept after the
// last one (unless it is locked longer): rows for names nobody has, typed
// by mistake or by a guesser, do not pile up.
const failureMemory = 24 * time.Hour

// reserveAttempt counts a sign-in attempt of the name and says whether it
// must be refused unchecked: the name is locked, or MaxFailures attempts are
// already counted (then it locks now). An attempt during a lock is audited
// here. Old rows of the failure count are removed on the way.
func (s *AuthService) reserveAttempt(ctx context.Context, actor *zhaoshang.Principal, key string, pol zhaoshang.PasswordPolicy) (bool, error) {
	locked := false
	err := s.db.writeAs(ctx, actor, func(tx *Tx) error {
		// the name's row, made if missing and held until COMMIT: concurrent
		// attempts of one name take their turn here
		if _, err := tx.ExecContext(ctx, "INSERT INTO login_failures (username, failures, last_failure_at) VALUES ($1, 0, $2) ON CONFLICT (username) DO NOTHING", key, tx.now); err != nil {
			return err
		}
		var failures int
		var until sql.NullTime
		if err := tx.QueryRowContext(ctx, "SELECT failures, locked_until FROM login_failures WHERE username = $1"+tx.db.dialect.forUpdate(), key).Scan(&failures, &until); err != nil {
			return err
		}
		if until.Valid && !until.Time.After(tx.now) { // the lock is over: a fresh count
			failures, until = 0, sql.NullTime{}
		}
		note := ""
		switch {
		case until.Valid:
			locked, note = true, "账户锁定期间尝试登录"
		case failures >= pol.MaxFailures:
			locked, note = true, "连续失败次数已达上限，已锁定"
			until, failures = sql.NullTime{Time: tx.now.Add(time.Duration(pol.LockMinutes) * time.Minute), Valid: true}, 0
		default:
			failures++
		}
		var lockedUntil any
		if until.Valid {
			lockedUntil = until.Time
		}
		if _, err := tx.ExecContext(ctx, "UPDATE login_failures SET failures = $1, locked_until = $2, last_failure_at = $3 WHERE username = $4", failures, lockedUntil, tx.now, key); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2)",
			tx.now.Add(-failureMemory), tx.now); err != nil {
			return err
		}
		if locked {
			tx.Audit(zhaoshang.ActLoginFailed, "user", actor.UserID, nil, nil, note)
			return nil
		}
		tx.quiet = true // a reservation changes no business data; the outcome is audited
		return nil
	})
	return locked, err
}

// principal builds what the checks see of a user: roles, permissions,
// scope, and whether the password must be changed first.
func (s *AuthService) principal(ctx context.Context, q queryer, u *zhaoshang.User, pol zhaoshang.PasswordPolicy) (*zhaoshang.Principal, error) {
	roles, err := userRoles(ctx, q, u.ID)
	if err != nil {
		return nil, err
	}
	tree, err := loadTree(ctx, q)
	if err != nil {
		return nil, err
	}
	if pol.ExpiryDays > 0 && s.db.now().After(u.PasswordChangedAt.AddDate(0, 0, pol.ExpiryDays)) {
		u.MustChangePassword = true
	}
	return zhaoshang.NewPrincipal(u, roles, tree), nil
}

// Session returns the principal of a session token. A session ends after
// IdleMinutes without a request and after AbsoluteHours in any case.
func (s *AuthService) Session(ctx context.Context, token, ip, userAgent string) (*zhaoshang.Principal, error) {
	if token == "" {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "请先登录")
	}
	h := tokenHash(token)
	var userID int64
	var created, seen time.Time
	var setBy string
	err := s.db.read.QueryRowContext(ctx, "SELECT user_id, created_at, last_seen_at, password_set_by FROM sessions WHERE token_hash = $1", h).Scan(&userID, &created, &seen, &setBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "登录已失效，请重新登录")
	}
	if err != nil {
		return nil, err
	}
	pol, err := s.users.policy(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	now := s.db.now()
	if now.Sub(seen) > time.Duration(pol.IdleMinutes)*time.Minute || now.Sub(created) > time.Duration(pol.AbsoluteHours)*time.Hour {
		s.db.housekeeping(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", h)
			return err
		})
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "登录已超时，请重新登录")
	}
	u, err := getUser(ctx, s.db.read, "id = $1", userID)
	if err != nil || !u.Active {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "登录已失效，请重新登录")
	}
	p, err := s.principal(ctx, s.db.read, u, pol)
	if err != nil {
		return nil, err
	}
	p.PasswordSetBy = setBy
	if now.Sub(seen) > time.Minute { // one write a minute at most per session
		s.db.housekeeping(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", now, h)
			return err
		})
	}
	p.IP, p.UserAgent = ip, userAgent
	return p, nil
}

// Logout ends the session of token.
func (s *AuthService) Logout(ctx context.Context, token string) error {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return err
	}
	return s.db.writeAs(ctx, p, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash(token)); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActLogout, "user", p.UserID, nil, nil, "")
		return nil
	})
}

// ChangePassword changes the signed-in user's own password; allowed while
// an initial password is still to be changed. Every session of the user
// ends (another browser may be someone who learnt the old password) and
// the one asking gets a new session; revokeTokens revokes the API tokens too.
func (s *AuthService) ChangePassword(ctx context.Context, oldPlain, newPlain string, revokeTokens bool) (string, error) {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return "", err
	}
	if p.ViaToken {
		return "", zhaoshang.Errorf(zhaoshang.EForbidden, "API 令牌不能用于修改密码")
	}
	var hash string
	if err := s.db.read.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = $1", p.UserID).Scan(&hash); err != nil {
		return "", err
	}
	if ok, _ := password.Verify(oldPlain, hash); !ok {
		return "", zhaoshang.FieldErrorf(zhaoshang.EInvalid, "old", "原密码不正确")
	}
	if oldPlain == newPlain {
		return "", zhaoshang.FieldErrorf(zhaoshang.EInvalid, "new", "新密码不能与原密码相同")
	}
	pol, err := s.users.policy(ctx, s.db.read)
	if err != nil {
		return "", err
	}
	u, err := getUser(ctx, s.db.read, "id = $1", p.UserID)
	if err != nil {
		return "", err
	}
	if err := s.users.checkPassword(ctx, pol, newPlain, u.Username, u.DisplayName, u.OrgUnitID); err != nil {
		if e := zhaoshang.AsError(err); e != nil {
			e.Field = "new"
		}
		return "", err
	}
	newHash, err := password.Hash(newPlain)
	if err != nil {
		return "", err
	}
	token := newToken("")
	err = s.db.writeAs(ctx, p, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $1, must_change = FALSE, password_changed_at = $2, password_set_by = '', updated_at = $2 WHERE id = $3", newHash, tx.now, p.UserID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", p.UserID)
		if err != nil {
			return err
		}
		ended, _ := res.RowsAffected()
		// the browser that asked goes on in a new session; it was opened
		// with the old password, so it keeps the mark of who set that one
		if _, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, ip, user_agent, password_set_by) VALUES ($1, $2, $3, $3, $4, $5, $6)",
			tokenHash(token), p.UserID, tx.now, p.IP, p.UserAgent, p.PasswordSetBy); err != nil {
			return err
		}
		note := fmt.Sprintf("本人修改密码；结束其他登录会话%d个", max(ended-1, 0))
		if revokeTokens {
			res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", tx.now, p.UserID)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			note += fmt.Sprintf("，撤销 API 令牌%d个", n)
		}
		tx.Audit(zhaoshang.ActPasswordSet, "user", p.UserID, nil, nil, note)
		return nil
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

const apiTokenPrefix = "zs_"

// Bearer returns the principal of an API token: the user's own
// permissions and scope, as if signed in.
func (s *AuthService) Bearer(ctx context.Context, token, ip, userAgent string) (*zhaoshang.Principal, error) {
	var id, userID int64
	var revoked, used, expires sql.NullTime
	err := s.db.read.QueryRowContext(ctx, "SELECT id, user_id, revoked_at, last_used_at, expires_at FROM api_tokens WHERE token_hash = $1", tokenHash(token)).Scan(&id, &userID, &revoked, &used, &expires)
	if errors.Is(err, sql.ErrNoRows) || revoked.Valid {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "API 令牌无效或已撤销")
	}
	if err != nil {
		return nil, err
	}
	if !expires.Valid || !s.db.now().Before(expires.Time) {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "API 令牌已过期，请在个人设置中新建令牌")
	}
	u, err := getUser(ctx, s.db.read, "id = $1", userID)
	if err != nil || !u.Active {
		return nil, zhaoshang.Errorf(zhaoshang.EUnauthorized, "API 令牌无效或已撤销")
	}
	pol, err := s.users.policy(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	p, err := s.principal(ctx, s.db.read, u, pol)
	if err != nil {
		return nil, err
	}
	p.ViaToken = true
	now := s.db.now()
	if !used.Valid || now.Sub(used.Time) > time.Minute {
		s.db.housekeeping(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, id)
			return err
		})
	}
	p.IP, p.UserAgent = ip, userAgent
	return p, nil
}

// CreateToken makes an API token for the signed-in user; the plain token
// is returned once and only its hash is kept.
func (s *AuthService) CreateToken(ctx context.Context, name string, validDays int) (string, *zhaoshang.APIToken, error) {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return "", nil, err
	}
	if p.MustChange {
		return "", nil, zhaoshang.Errorf(zhaoshang.EForbidden, "请先修改初始密码")
	}
	if p.ViaToken {
		return "", nil, zhaoshang.Errorf(zhaoshang.EForbidden, "API 令牌不能用于新建令牌，请登录后在个人设置中新建")
	}
	if validDays == 0 {
		validDays = zhaoshang.DefaultTokenDays
	}
	if !slices.Contains(zhaoshang.TokenDays(), validDays) {
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "days", "请选择令牌有效期")
	}
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 64 {
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "name", "请填写令牌用途（不超过64个字）")
	}
	plain := newToken(apiTokenPrefix)
	t := &zhaoshang.APIToken{UserID: p.UserID, Name: name, Prefix: plain[:10]}
	err = s.db.writeAs(ctx, p, func(tx *Tx) error {
		t.CreatedAt, t.ExpiresAt = tx.now, tx.now.AddDate(0, 0, validDays)
		if err := tx.QueryRowContext(ctx, "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			p.UserID, name, tokenHash(plain), t.Prefix, tx.now, t.ExpiresAt).Scan(&t.ID); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActTokenCreate, "api_token", t.ID, nil, map[string]any{"name": name, "prefix": t.Prefix, "expires_at": t.ExpiresAt}, fmt.Sprintf("有效期%d天", validDays))
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return plain, t, nil
}

// RevokeToken revokes one of the signed-in user's own tokens.
func (s *AuthService) RevokeToken(ctx context.Context, id int64) error {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return err
	}
	return s.db.writeAs(ctx, p, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL", tx.now, id, p.UserID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "令牌不存在或已撤销")
		}
		tx.Audit(zhaoshang.ActTokenRevoke, "api_token", id, nil, nil, "")
		return nil
	})
}

// Tokens lists the signed-in user's tokens.
func (s *AuthService) Tokens(ctx context.Context) ([]*zhaoshang.APIToken, error) {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at, expires_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC", p.UserID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.APIToken
	for rows.Next() {
		var t zhaoshang.APIToken
		var used, revoked, expires sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.CreatedAt, &used, &revoked, &expires); err != nil {
			return nil, err
		}
		t.LastUsedAt, t.RevokedAt, t.ExpiresAt = used.Time, revoked.Time, expires.Time
		out = append(out, &t)
	}
	return out, rows.Err()
}

// PasswordClasses is how many character classes the policy asks of a new
// password (for the hint of the password form).
func (s *AuthService) PasswordClasses(ctx context.Context) (int, error) {
	if _, err := zhaoshang.SignedIn(ctx); err != nil {
		return 0, err
	}
	pol, err := s.users.policy(ctx, s.db.read)
	return pol.RequiredClasses, err
}
