package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"zhaoshang"
	"zhaoshang/password"
	"zhaoshang/pinyin"
)

var _ zhaoshang.UserService = (*UserService)(nil)

// UserService keeps accounts, roles and the password policy.
type UserService struct{ db *DB }

func NewUserService(db *DB) *UserService { return &UserService{db: db} }

const userColumns = `id, username, display_name, org_unit_id, phone, active, must_change, password_changed_at, last_login_at, version, created_at, updated_at`

func scanUser(row interface{ Scan(...any) error }) (*zhaoshang.User, error) {
	var u zhaoshang.User
	var last sql.NullTime
	if err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.OrgUnitID, &u.Phone, &u.Active, &u.MustChangePassword,
		&u.PasswordChangedAt, &last, &u.Version, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return nil, err
	}
	u.LastLoginAt = last.Time
	return &u, nil
}

func getUser(ctx context.Context, q queryer, where string, arg any) (*zhaoshang.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "用户不存在")
	}
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, "SELECT role_id FROM user_roles WHERE user_id = $1 ORDER BY role_id", u.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		u.RoleIDs = append(u.RoleIDs, id)
	}
	return u, rows.Err()
}

// userAudit is what the audit trail keeps of an account: never the hash,
// and the phone masked.
type userAudit struct {
	Username    string  `json:"username"`
	DisplayName string  `json:"display_name"`
	OrgUnitID   int64   `json:"org_unit_id"`
	Phone       string  `json:"phone"`
	Active      bool    `json:"active"`
	MustChange  bool    `json:"must_change"`
	RoleIDs     []int64 `json:"role_ids"`
}

func auditUser(u *zhaoshang.User) userAudit {
	return userAudit{u.Username, u.DisplayName, u.OrgUnitID, u.MaskedPhone(), u.Active, u.MustChangePassword, u.RoleIDs}
}

// Users lists the accounts of the units the caller sees.
func (s *UserService) Users(ctx context.Context, f zhaoshang.UserFilter) ([]*zhaoshang.User, int, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermUserView)
	if err != nil {
		return nil, 0, err
	}
	var args []any
	where := []string{scopeCond(p, "org_unit_id", "", &args)}
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+q+"%")
		where = append(where, fmt.Sprintf("(username %s $%d OR display_name %s $%d)", s.db.dialect.like(), len(args), s.db.dialect.like(), len(args)))
	}
	if f.OrgUnitID != 0 {
		args = append(args, f.OrgUnitID)
		where = append(where, fmt.Sprintf("org_unit_id = $%d", len(args)))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := s.db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE "+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	args = append(args, limit, max(f.Offset, 0))
	rows, err := s.db.read.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM users WHERE %s ORDER BY username LIMIT $%d OFFSET $%d", userColumns, cond, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*zhaoshang.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		out = append(out, u)
	}
	rows.Close()
	if err := s.attachRoles(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// attachRoles fills RoleIDs of a page of users in one query.
func (s *UserService) attachRoles(ctx context.Context, users []*zhaoshang.User) error {
	if len(users) == 0 {
		return nil
	}
	byID := map[int64]*zhaoshang.User{}
	ph := make([]string, len(users))
	args := make([]any, len(users))
	for i, u := range users {
		byID[u.ID] = u
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = u.ID
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT user_id, role_id FROM user_roles WHERE user_id IN ("+strings.Join(ph, ",")+") ORDER BY role_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var uid, rid int64
		rows.Scan(&uid, &rid)
		byID[uid].RoleIDs = append(byID[uid].RoleIDs, rid)
	}
	return rows.Err()
}

// User returns one account within the caller's scope.
func (s *UserService) User(ctx context.Context, id int64) (*zhaoshang.User, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermUserView)
	if err != nil {
		return nil, err
	}
	u, err := getUser(ctx, s.db.read, "id = $1", id)
	if err != nil {
		return nil, err
	}
	if err := notFoundUnlessSees(p, u.OrgUnitID, 0, "用户不存在"); err != nil {
		return nil, err
	}
	return u, nil
}

// UserByUsername finds an account by its username (command line).
func (s *UserService) UserByUsername(ctx context.Context, username string) (*zhaoshang.User, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermUserView)
	if err != nil {
		return nil, err
	}
	u, err := getUser(ctx, s.db.read, "username = $1", strings.TrimSpace(username))
	if err != nil {
		return nil, err
	}
	return u, notFoundUnlessSees(p, u.OrgUnitID, 0, "用户不存在")
}

func (s *UserService) checkUnit(ctx context.Context, tx *Tx, id int64) error {
	u, err := getOrg(ctx, tx, id)
	if err != nil || !tx.p.SeesUnit(id) {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "所属单位不存在")
	}
	if !u.Active {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "单位“%s”已停用，不能新增或调入用户", u.Name)
	}
	return nil
}

// CreateUser makes an account with a generated initial password.
func (s *UserService) CreateUser(ctx context.Context, in zhaoshang.UserInput) (*zhaoshang.User, string, error) {
	plain := password.Generate()
	u, err := s.createUser(ctx, in, plain, true, nil)
	if err != nil {
		return nil, "", err
	}
	return u, plain, nil
}

// CreateUserWithPassword makes an account with the given password (command
// line and demo); mustChange says whether it has to be changed at first login.
func (s *UserService) CreateUserWithPassword(ctx context.Context, in zhaoshang.UserInput, plain string, mustChange bool, roleCodes []string) (*zhaoshang.User, error) {
	pol, err := s.policy(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	if err := s.checkPassword(ctx, pol, plain, in.Username, in.DisplayName, in.OrgUnitID); err != nil {
		return nil, err
	}
	return s.createUser(ctx, in, plain, mustChange, roleCodes)
}

func (s *UserService) createUser(ctx context.Context, in zhaoshang.UserInput, plain string, mustChange bool, roleCodes []string) (*zhaoshang.User, error) {
	in.Normalize()
	in.Active = true
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := password.Hash(plain)
	if err != nil {
		return nil, err
	}
	var out *zhaoshang.User
	err = s.db.Write(ctx, zhaoshang.PermUserEdit, func(tx *Tx) error {
		if err := s.checkUnit(ctx, tx, in.OrgUnitID); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, org_unit_id, phone, password_hash, active, must_change, password_changed_at, password_set_by, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7, $8, 1, $7, $7) RETURNING id`, in.Username, in.DisplayName, in.OrgUnitID, in.Phone, hash, mustChange, tx.now, passwordSetBy(tx, mustChange)).Scan(&id)
		if tx.db.dialect.isUniqueViolation(err) {
			return zhaoshang.FieldErrorf(zhaoshang.EConflict, "username", "用户名“%s”已被使用", in.Username)
		}
		if err != nil {
			return err
		}
		if len(roleCodes) > 0 {
			if err := grantByCode(ctx, tx, id, roleCodes); err != nil {
				return err
			}
		}
		if out, err = getUser(ctx, tx, "id = $1", id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActCreate, "user", id, nil, auditUser(out), "")
		return nil
	})
	return out, err
}

// passwordWords are the names someone guessing a user's password would
// try besides the username: the user's own name, and the names of their
// unit's region (its county, prefecture and province), in Chinese, without
// the 县/市/州 suffix, and in pinyin and pinyin initials.
func passwordWords(ctx context.Context, q queryer, displayName string, orgID int64) ([]string, error) {
	tree, err := loadTree(ctx, q)
	if err != nil {
		return nil, err
	}
	words := []string{displayName, pinyin.Full(displayName), pinyin.Initials(displayName)}
	for _, u := range tree.Path(orgID) {
		switch u.Kind {
		case zhaoshang.OrgProvince, zhaoshang.OrgPrefecture, zhaoshang.OrgCounty:
		default:
			continue
		}
		short := strings.TrimRight(u.Name, "省州市县区")
		for _, n := range []string{u.Name, short} {
			words = append(words, n, pinyin.Full(n), pinyin.Initials(n))
		}
	}
	return words, nil
}

// checkPassword applies the policy to a new password of the user with
// these details.
func (s *UserService) checkPassword(ctx context.Context, pol zhaoshang.PasswordPolicy, plain, username, displayName string, orgID int64) error {
	words, err := passwordWords(ctx, s.db.read, displayName, orgID)
	if err != nil {
		return err
	}
	if err := pol.Check(plain, username, words...); err != nil {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "password", "%s", err.Error())
	}
	return nil
}

// passwordSetBy is whom a password set in tx is known to besides its
// holder: the administrator who set it, until the holder replaces it (the
// console and first start are the machine's operator, not named).
func passwordSetBy(tx *Tx, mustChange bool) string {
	if !mustChange || tx.p.System || tx.p.UserID == 0 {
		return ""
	}
	return tx.p.Username
}

// grantByCode gives roles named by code (first start, command line, demo).
func grantByCode(ctx context.Context, tx *Tx, userID int64, codes []string) error {
	var roles []*zhaoshang.Role
	for _, c := range codes {
		rs, err := loadRoles(ctx, tx, "WHERE code = $1", strings.TrimSpace(c))
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "roles", "角色“%s”不存在", c)
		}
		roles = append(roles, rs[0])
	}
	if err := zhaoshang.ValidateGrant(tx.p, userID, roles); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, "INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)", userID, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// UpdateUser changes an account's name, unit, phone and active flag. A
// deactivated account is signed out everywhere at once.
func (s *UserService) UpdateUser(ctx context.Context, id, version int64, in zhaoshang.UserInput) (*zhaoshang.User, error) {
	in.Normalize()
	var out *zhaoshang.User
	err := s.db.Write(ctx, zhaoshang.PermUserEdit, func(tx *Tx) error {
		if err := tx.lock("users", id); err != nil {
			return err
		}
		before, err := s.userInScope(ctx, tx, id)
		if err != nil {
			return err
		}
		in.Username = before.Username
		if err := in.Validate(); err != nil {
			return err
		}
		if before.Version != version {
			return staleError(ctx, tx, "user", id)
		}
		if in.OrgUnitID != before.OrgUnitID {
			if err := s.checkUnit(ctx, tx, in.OrgUnitID); err != nil {
				return err
			}
		}
		if !in.Active && id == tx.p.UserID {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "不能停用自己的账户")
		}
		err = keepAuditReaders(ctx, tx, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE users SET display_name = $1, org_unit_id = $2, phone = $3, active = $4, version = version + 1, updated_at = $5 WHERE id = $6`,
				in.DisplayName, in.OrgUnitID, in.Phone, in.Active, tx.now, id)
			return err
		})
		if err != nil {
			return err
		}
		if !in.Active {
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", id); err != nil {
				return err
			}
		}
		if out, err = getUser(ctx, tx, "id = $1", id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActUpdate, "user", id, auditUser(before), auditUser(out), "")
		return nil
	})
	return out, err
}

func (s *UserService) userInScope(ctx context.Context, tx *Tx, id int64) (*zhaoshang.User, error) {
	u, err := getUser(ctx, tx, "id = $1", id)
	if err != nil {
		return nil, err
	}
	return u, notFoundUnlessSees(tx.p, u.OrgUnitID, 0, "用户不存在")
}

// ResetPassword gives an account a new generated password that must be
// changed at the next login, and signs it out everywhere.
func (s *UserService) ResetPassword(ctx context.Context, id int64) (string, error) {
	plain := password.Generate()
	return plain, s.setPassword(ctx, id, plain, true)
}

// SetPassword sets a given password (command line, --password-stdin).
func (s *UserService) SetPassword(ctx context.Context, id int64, plain string, mustChange bool) error {
	u, err := s.User(ctx, id)
	if err != nil {
		return err
	}
	pol, err := s.policy(ctx, s.db.read)
	if err != nil {
		return err
	}
	if err := s.checkPassword(ctx, pol, plain, u.Username, u.DisplayName, u.OrgUnitID); err != nil {
		return err
	}
	return s.setPassword(ctx, id, plain, mustChange)
}

func (s *UserService) setPassword(ctx context.Context, id int64, plain string, mustChange bool) error {
	hash, err := password.Hash(plain)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, zhaoshang.PermUserEdit, func(tx *Tx) error {
		u, err := s.userInScope(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $1, must_change = $2, password_changed_at = $3, password_set_by = $4, version = version + 1, updated_at = $3 WHERE id = $5",
			hash, mustChange, tx.now, passwordSetBy(tx, mustChange), id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE username = $1", loginKey(u.Username)); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActPasswordSet, "user", id, nil, map[string]any{"username": u.Username, "must_change": mustChange}, "重置密码")
		return nil
	})
}

// Unlock clears the failed sign-ins of an account.
func (s *UserService) Unlock(ctx context.Context, id int64) error {
	return s.db.Write(ctx, zhaoshang.PermUserEdit, func(tx *Tx) error {
		u, err := s.userInScope(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE username = $1", loginKey(u.Username)); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActUpdate, "user", id, nil, map[string]string{"username": u.Username}, "解除登录锁定")
		return nil
	})
}

// Locked reports whether an account is locked out now (for the user list).
func (s *UserService) Locked(ctx context.Context, username string) (bool, error) {
	var until sql.NullTime
	err := s.db.read.QueryRowContext(ctx, "SELECT locked_until FROM login_failures WHERE username = $1", loginKey(username)).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return until.Valid && until.Time.After(s.db.now()), err
}

// GrantRoles replaces the roles of an account (安全管理员).
func (s *UserService) GrantRoles(ctx context.Context, id, version int64, roleIDs []int64) (*zhaoshang.User, error) {
	var out *zhaoshang.User
	err := s.db.Write(ctx, zhaoshang.PermUserGrant, func(tx *Tx) error {
		if err := tx.lock("users", id); err != nil {
			return err
		}
		before, err := s.userInScope(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return staleError(ctx, tx, "user", id)
		}
		var roles []*zhaoshang.Role
		slices.Sort(roleIDs)
		roleIDs = slices.Compact(roleIDs)
		for _, rid := range roleIDs {
			r, err := scanRole(tx.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", rid))
			if err != nil {
				return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "roles", "角色不存在")
			}
			roles = append(roles, r)
		}
		if err := zhaoshang.ValidateGrant(tx.p, id, roles); err != nil {
			return err
		}
		err = keepAuditReaders(ctx, tx, func() error {
			if _, err := tx.ExecContext(ctx, "DELETE FROM user_roles WHERE user_id = $1", id); err != nil {
				return err
			}
			for _, r := range roles {
				if _, err := tx.ExecContext(ctx, "INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)", id, r.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET version = version + 1, updated_at = $1 WHERE id = $2", tx.now, id); err != nil {
			return err
		}
		if out, err = getUser(ctx, tx, "id = $1", id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActPermission, "user", id, auditUser(before), auditUser(out), "分配角色")
		return nil
	})
	return out, err
}

const policyKey = "password_policy"

// policy reads the password policy; the defaults until one is saved.
func (s *UserService) policy(ctx context.Context, q queryer) (zhaoshang.PasswordPolicy, error) {
	p := zhaoshang.DefaultPasswordPolicy()
	var js string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", policyKey).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	return p, json.Unmarshal([]byte(js), &p)
}

// Policy returns the password and sign-in policy.
func (s *UserService) Policy(ctx context.Context) (zhaoshang.PasswordPolicy, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermPolicyEdit); err != nil {
		return zhaoshang.PasswordPolicy{}, err
	}
	return s.policy(ctx, s.db.read)
}

// SavePolicy stores a new policy (安全管理员).
func (s *UserService) SavePolicy(ctx context.Context, p zhaoshang.PasswordPolicy) error {
	if probs := p.Validate(); len(probs) > 0 {
		return zhaoshang.Errorf(zhaoshang.EInvalid, "%s", strings.Join(probs, "；"))
	}
	return s.db.Write(ctx, zhaoshang.PermPolicyEdit, func(tx *Tx) error {
		before, err := s.policy(ctx, tx)
		if err != nil {
			return err
		}
		js := jsonText(p)
		if err := tx.saveSetting(policyKey, js); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActSystemConfig, "setting", policyKey, before, p, "密码与登录策略")
		return nil
	})
}

// Credential is an account made at first start, with its password to show once.
type Credential struct {
	Username, DisplayName, Role, Password string
}

// Bootstrap makes the first accounts when there are none: the system,
// security and audit administrators of 等保, each a separate person. The
// system administrator's password is adminPassword when given, else
// generated; all must be changed at first login.
func (s *UserService) Bootstrap(ctx context.Context, adminPassword string) ([]Credential, error) {
	var n int
	if err := s.db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, nil
	}
	root, err := s.rootUnit(ctx)
	if err != nil {
		return nil, err
	}
	accounts := []Credential{
		{"admin", "系统管理员", zhaoshang.RoleSysAdmin, adminPassword},
		{"secadmin", "安全管理员", zhaoshang.RoleSecAdmin, ""},
		{"auditadmin", "审计管理员", zhaoshang.RoleAuditAdmin, ""},
	}
	for i, a := range accounts {
		if a.Password == "" {
			accounts[i].Password = password.Generate()
		}
		in := zhaoshang.UserInput{Username: a.Username, DisplayName: a.DisplayName, OrgUnitID: root}
		if _, err := s.CreateUserWithPassword(ctx, in, accounts[i].Password, true, []string{a.Role}); err != nil {
			return nil, fmt.Errorf("%s: %w", a.Username, err)
		}
	}
	return accounts, nil
}

func (s *UserService) rootUnit(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.read.QueryRowContext(ctx, "SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1").Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, zhaoshang.Errorf(zhaoshang.EInvalid, "组织机构为空，请先导入组织机构")
	}
	return id, err
}
