package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"zhaoshang"
)

const roleColumns = `id, code, name, builtin, permissions, scope, scope_units, version`

func scanRole(row interface{ Scan(...any) error }) (*zhaoshang.Role, error) {
	var r zhaoshang.Role
	var perms, units, scope string
	if err := row.Scan(&r.ID, &r.Code, &r.Name, &r.Builtin, &perms, &scope, &units, &r.Version); err != nil {
		return nil, err
	}
	r.Scope = zhaoshang.DataScope(scope)
	json.Unmarshal([]byte(perms), &r.Permissions)
	json.Unmarshal([]byte(units), &r.ScopeUnits)
	return &r, nil
}

func loadRoles(ctx context.Context, q queryer, where string, args ...any) ([]*zhaoshang.Role, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+roleColumns+" FROM roles "+where+" ORDER BY builtin DESC, id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Role
	for rows.Next() {
		r, err := scanRole(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func userRoles(ctx context.Context, q queryer, userID int64) ([]*zhaoshang.Role, error) {
	return loadRoles(ctx, q, "WHERE id IN (SELECT role_id FROM user_roles WHERE user_id = $1)", userID)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// roleAudit is what the audit trail keeps of a role.
type roleAudit struct {
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Permissions []string `json:"permissions"`
	Scope       string   `json:"scope"`
	ScopeUnits  []int64  `json:"scope_units,omitempty"`
}

func auditRole(r *zhaoshang.Role) roleAudit {
	return roleAudit{r.Code, r.Name, r.Permissions, string(r.Scope), r.ScopeUnits}
}

// EnsureRoles creates the built-in roles on first start and, after an
// upgrade, grants each built-in role the default permissions it has never
// been offered; a permission the security administrator removed stays
// removed.
func (s *UserService) EnsureRoles(ctx context.Context) error {
	existing, err := loadRoles(ctx, s.db.read, "WHERE builtin")
	if err != nil {
		return err
	}
	byCode := map[string]*zhaoshang.Role{}
	for _, r := range existing {
		byCode[r.Code] = r
	}
	seen := map[string][]string{}
	rows, err := s.db.read.QueryContext(ctx, "SELECT code, defaults_seen FROM roles WHERE builtin")
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, js string
		rows.Scan(&code, &js)
		var l []string
		json.Unmarshal([]byte(js), &l)
		seen[code] = l
	}
	rows.Close()
	for _, def := range zhaoshang.BuiltinRoles() {
		r := byCode[def.Code]
		if r == nil {
			err := s.db.Write(ctx, zhaoshang.PermRoleEdit, func(tx *Tx) error {
				var id int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO roles (code, name, builtin, permissions, scope, scope_units, defaults_seen, version, created_at, updated_at)
					VALUES ($1, $2, TRUE, $3, $4, '[]', $3, 1, $5, $5) RETURNING id`, def.Code, def.Name, jsonText(def.Permissions), string(def.Scope), tx.now).Scan(&id); err != nil {
					return err
				}
				tx.Audit(zhaoshang.ActCreate, "role", id, nil, auditRole(&def), "内置角色")
				return nil
			})
			if err != nil {
				return err
			}
			continue
		}
		var fresh []string
		for _, p := range def.Permissions {
			if !slices.Contains(seen[def.Code], p) {
				fresh = append(fresh, p)
			}
		}
		if len(fresh) == 0 {
			continue
		}
		err := s.db.Write(ctx, zhaoshang.PermRoleEdit, func(tx *Tx) error {
			after := *r
			after.Permissions = append(slices.Clone(r.Permissions), fresh...)
			slices.Sort(after.Permissions)
			after.Permissions = slices.Compact(after.Permissions)
			if _, err := tx.ExecContext(ctx, "UPDATE roles SET permissions = $1, defaults_seen = $2, version = version + 1, updated_at = $3 WHERE id = $4",
				jsonText(after.Permissions), jsonText(append(seen[def.Code], fresh...)), tx.now, r.ID); err != nil {
				return err
			}
			tx.Audit(zhaoshang.ActPermission, "role", r.ID, auditRole(r), auditRole(&after), "升级后授予内置角色的新默认权限")
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Roles lists every role.
func (s *UserService) Roles(ctx context.Context) ([]*zhaoshang.Role, error) {
	if _, err := zhaoshang.AuthorizeAny(ctx, zhaoshang.PermUserView, zhaoshang.PermRoleEdit, zhaoshang.PermUserGrant); err != nil {
		return nil, err
	}
	return loadRoles(ctx, s.db.read, "")
}

// Role returns one role.
func (s *UserService) Role(ctx context.Context, id int64) (*zhaoshang.Role, error) {
	if _, err := zhaoshang.AuthorizeAny(ctx, zhaoshang.PermUserView, zhaoshang.PermRoleEdit, zhaoshang.PermUserGrant); err != nil {
		return nil, err
	}
	r, err := scanRole(s.db.read.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "角色不存在")
	}
	return r, err
}

// SaveRole creates a custom role (ID 0) or changes a role's name,
// permissions and scope. A change that would give a user two duty classes
// is refused.
func (s *UserService) SaveRole(ctx context.Context, in *zhaoshang.Role) (*zhaoshang.Role, error) {
	if err := zhaoshang.ValidateRole(in); err != nil {
		return nil, err
	}
	var out *zhaoshang.Role
	err := s.db.Write(ctx, zhaoshang.PermRoleEdit, func(tx *Tx) error {
		if in.Scope != zhaoshang.ScopeCustom {
			in.ScopeUnits = nil
		}
		for _, id := range in.ScopeUnits {
			if _, err := getOrg(ctx, tx, id); err != nil {
				return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "scope_units", "自定义数据范围中的单位不存在")
			}
		}
		slices.Sort(in.Permissions)
		if in.ID == 0 {
			if in.Code == "" || !validRoleCode(in.Code) {
				return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "code", "角色代码须为2至32位小写字母、数字或下划线")
			}
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO roles (code, name, builtin, permissions, scope, scope_units, version, created_at, updated_at)
				VALUES ($1, $2, FALSE, $3, $4, $5, 1, $6, $6) RETURNING id`, in.Code, in.Name, jsonText(in.Permissions), string(in.Scope), jsonText(in.ScopeUnits), tx.now).Scan(&id)
			if tx.db.dialect.isUniqueViolation(err) {
				return zhaoshang.FieldErrorf(zhaoshang.EConflict, "code", "角色代码“%s”已被使用", in.Code)
			}
			if err != nil {
				return err
			}
			tx.Audit(zhaoshang.ActCreate, "role", id, nil, auditRole(in), "")
			out, err = scanRole(tx.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", id))
			return err
		}
		if err := tx.lock("roles", in.ID); err != nil {
			return err
		}
		before, err := scanRole(tx.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", in.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "角色不存在")
		}
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return staleError(ctx, tx, "role", in.ID)
		}
		after := *in
		after.Code, after.Builtin = before.Code, before.Builtin
		holders, holdsIt, err := roleHolders(ctx, tx, in.ID, tx.p.UserID)
		if err != nil {
			return err
		}
		if err := zhaoshang.CheckRoleChange(tx.p, before, &after, holdsIt, holders); err != nil {
			return err
		}
		if err := checkHoldersStayInOneClass(ctx, tx, &after); err != nil {
			return err
		}
		err = keepAuditReaders(ctx, tx, func() error {
			_, err := tx.ExecContext(ctx, `UPDATE roles SET name = $1, permissions = $2, scope = $3, scope_units = $4, version = version + 1, updated_at = $5 WHERE id = $6`,
				after.Name, jsonText(after.Permissions), string(after.Scope), jsonText(after.ScopeUnits), tx.now, in.ID)
			return err
		})
		if err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActPermission, "role", in.ID, auditRole(before), auditRole(&after), "")
		out, err = scanRole(tx.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", in.ID))
		return err
	})
	return out, err
}

// roleHolders counts the users holding a role and says whether user is one.
func roleHolders(ctx context.Context, tx *Tx, roleID, user int64) (int, bool, error) {
	var n, mine int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_id = $2 THEN 1 ELSE 0 END), 0) FROM user_roles WHERE role_id = $1",
		roleID, user).Scan(&n, &mine)
	return n, mine > 0, err
}

// auditReaders counts the active accounts that may read the audit trail.
func auditReaders(ctx context.Context, tx *Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
		WHERE u.active AND r.permissions LIKE $1`, `%"`+zhaoshang.PermAuditView+`"%`).Scan(&n)
	return n, err
}

// keepAuditReaders runs change inside tx and refuses it when it leaves no
// active account able to read the audit trail (zhaoshang.KeepAuditReaders).
func keepAuditReaders(ctx context.Context, tx *Tx, change func() error) error {
	before, err := auditReaders(ctx, tx)
	if err != nil {
		return err
	}
	if err := change(); err != nil {
		return err
	}
	after, err := auditReaders(ctx, tx)
	if err != nil {
		return err
	}
	return zhaoshang.KeepAuditReaders(before, after)
}

func validRoleCode(s string) bool {
	if len(s) < 2 || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// checkHoldersStayInOneClass refuses a role change that would give one of
// its holders permissions of two duty classes.
func checkHoldersStayInOneClass(ctx context.Context, tx *Tx, changed *zhaoshang.Role) error {
	rows, err := tx.QueryContext(ctx, "SELECT user_id FROM user_roles WHERE role_id = $1", changed.ID)
	if err != nil {
		return err
	}
	var users []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		users = append(users, id)
	}
	rows.Close()
	for _, uid := range users {
		roles, err := userRoles(ctx, tx, uid)
		if err != nil {
			return err
		}
		for i, r := range roles {
			if r.ID == changed.ID {
				roles[i] = changed
			}
		}
		if err := zhaoshang.ValidateGrant(zhaoshang.SystemPrincipal, uid, roles); err != nil {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "已有用户同时持有此角色和其他职责的角色，修改后将违反三员分立：%s", err.Error())
		}
	}
	return nil
}

// DeleteRole removes a custom role that nobody holds.
func (s *UserService) DeleteRole(ctx context.Context, id, version int64) error {
	return s.db.Write(ctx, zhaoshang.PermRoleEdit, func(tx *Tx) error {
		if err := tx.lock("roles", id); err != nil {
			return err
		}
		r, err := scanRole(tx.QueryRowContext(ctx, "SELECT "+roleColumns+" FROM roles WHERE id = $1", id))
		if errors.Is(err, sql.ErrNoRows) {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "角色不存在")
		}
		if err != nil {
			return err
		}
		if r.Builtin {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "内置角色“%s”不能删除，可以修改其权限", r.Name)
		}
		if r.Version != version {
			return staleError(ctx, tx, "role", id)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM user_roles WHERE role_id = $1", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return zhaoshang.Errorf(zhaoshang.EConflict, "角色“%s”仍有%d个用户持有，请先收回后再删除", r.Name, n)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM roles WHERE id = $1", id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActDelete, "role", id, auditRole(r), nil, "")
		return nil
	})
}

// RoleHolders counts the users holding each role (for the role list).
func (s *UserService) RoleHolders(ctx context.Context) (map[int64]int, error) {
	if _, err := zhaoshang.AuthorizeAny(ctx, zhaoshang.PermRoleEdit, zhaoshang.PermUserGrant); err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT role_id, COUNT(*) FROM user_roles GROUP BY role_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
