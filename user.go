package zhaoshang

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// User is an account. Phone is personal data: lists show it masked.
type User struct {
	ID                 int64
	Username           string
	DisplayName        string
	OrgUnitID          int64
	Phone              string
	Active             bool
	MustChangePassword bool
	PasswordChangedAt  time.Time
	LastLoginAt        time.Time
	RoleIDs            []int64
	Version            int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// MaskPhone shows a phone number as 138****5678.
func MaskPhone(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) < 7 {
		if len(r) == 0 {
			return ""
		}
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + "****" + string(r[len(r)-4:])
}

// MaskedPhone is the phone as lists show it.
func (u *User) MaskedPhone() string { return MaskPhone(u.Phone) }

// UserInput is what the system administrator gives for an account.
type UserInput struct {
	Username    string
	DisplayName string
	OrgUnitID   int64
	Phone       string
	Active      bool
}

// Normalize trims the input.
func (in *UserInput) Normalize() {
	in.Username = strings.TrimSpace(in.Username)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	in.Phone = strings.TrimSpace(in.Phone)
}

// Validate checks what can be checked without the database.
func (in UserInput) Validate() error {
	n := utf8.RuneCountInString(in.Username)
	if n < 3 || n > 32 {
		return FieldErrorf(EInvalid, "username", "用户名须为3至32个字符")
	}
	for _, r := range in.Username {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return FieldErrorf(EInvalid, "username", "用户名只能由字母、数字和 _ . - 组成")
		}
	}
	if in.DisplayName == "" || utf8.RuneCountInString(in.DisplayName) > 32 {
		return FieldErrorf(EInvalid, "display_name", "请填写姓名（不超过32个字）")
	}
	if err := CheckText("display_name", "姓名", in.DisplayName, 32, false); err != nil {
		return err
	}
	if in.OrgUnitID == 0 {
		return FieldErrorf(EInvalid, "org", "请选择所属单位")
	}
	return ValidatePhone(in.Phone)
}

// ValidatePhone checks a phone number ("" is allowed: not given).
func ValidatePhone(phone string) error {
	digits := 0
	for _, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == ' ' || r == '+':
		default:
			return FieldErrorf(EInvalid, "phone", "电话号码只能包含数字、空格和 + -")
		}
	}
	if phone != "" && (digits < 7 || digits > 15) {
		return FieldErrorf(EInvalid, "phone", "电话号码位数不正确")
	}
	return nil
}

// UserFilter selects users for the list.
type UserFilter struct {
	Query     string // username or display name
	OrgUnitID int64
	Offset    int
	Limit     int
}

// LoginResult is a successful sign-in.
type LoginResult struct {
	Token     string // the session token for the cookie; only its hash is stored
	Principal *Principal
}

// Session is a signed-in browser.
type Session struct {
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// APIToken is a bearer token a user made for scripts. Only its hash is kept.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string // the first characters, to tell tokens apart
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
	ExpiresAt  time.Time
}

// Active says whether the token works at now: not revoked, not expired.
func (t *APIToken) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// API tokens live DefaultTokenDays unless their maker asks for one of
// tokenDays.
const DefaultTokenDays = 90

// tokenDays are the lifetimes a user may choose for an API token.
var tokenDays = []int{30, 90, 180, 365}

// TokenDays lists them; the list is a copy, so no caller can change it for the others.
func TokenDays() []int { return slices.Clone(tokenDays) }

// AuthService signs users in and out and answers who a request is.
type AuthService interface {
	// Login checks a password. Every failure gets the same message, whether
	// the user exists, is disabled, locked or mistyped.
	Login(ctx context.Context, username, password, ip, userAgent string) (*LoginResult, error)
	Logout(ctx context.Context, token string) error
	// Session returns the principal of a session token, renewing its idle time.
	Session(ctx context.Context, token, ip, userAgent string) (*Principal, error)
	// ChangePassword changes the signed-in user's own password and ends
	// every session of the user, returning a new session for the browser
	// that asked; revokeTokens also revokes the user's API tokens.
	ChangePassword(ctx context.Context, oldPassword, newPassword string, revokeTokens bool) (newSession string, err error)
	// Bearer returns the principal of an API token.
	Bearer(ctx context.Context, token, ip, userAgent string) (*Principal, error)
	// CreateToken makes a token valid for validDays (0: DefaultTokenDays);
	// it needs a signed-in browser, not another token.
	CreateToken(ctx context.Context, name string, validDays int) (plain string, t *APIToken, err error)
	RevokeToken(ctx context.Context, id int64) error
	// PasswordClasses is how many character classes the policy asks of a new password.
	PasswordClasses(ctx context.Context) (int, error)
	Tokens(ctx context.Context) ([]*APIToken, error)
}

// UserService keeps accounts, roles and the password policy.
type UserService interface {
	Users(ctx context.Context, f UserFilter) ([]*User, int, error)
	User(ctx context.Context, id int64) (*User, error)
	// CreateUser makes an account with a generated initial password that
	// must be changed at first login.
	CreateUser(ctx context.Context, in UserInput) (u *User, initialPassword string, err error)
	UpdateUser(ctx context.Context, id, version int64, in UserInput) (*User, error)
	ResetPassword(ctx context.Context, id int64) (newPassword string, err error)
	Unlock(ctx context.Context, id int64) error
	GrantRoles(ctx context.Context, id, version int64, roleIDs []int64) (*User, error)

	// Locked says whether an account is locked out by failed sign-ins now.
	Locked(ctx context.Context, username string) (bool, error)

	Roles(ctx context.Context) ([]*Role, error)
	// RoleHolders counts the users holding each role.
	RoleHolders(ctx context.Context) (map[int64]int, error)
	Role(ctx context.Context, id int64) (*Role, error)
	SaveRole(ctx context.Context, r *Role) (*Role, error) // ID 0 creates
	DeleteRole(ctx context.Context, id, version int64) error

	// Policy is the password and sign-in policy (DefaultPasswordPolicy until
	// one is saved); SavePolicy stores another (policy:edit), audited.
	Policy(ctx context.Context) (PasswordPolicy, error)
	SavePolicy(ctx context.Context, p PasswordPolicy) error
}
