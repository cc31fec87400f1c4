package sqldb

import (
	"context"
	"database/sql"
	"errors"

	"zhaoshang"
)

var _ zhaoshang.OrgService = (*OrgService)(nil)

// OrgService keeps the organisation tree.
type OrgService struct{ db *DB }

func NewOrgService(db *DB) *OrgService { return &OrgService{db: db} }

const orgColumns = `id, code, name, kind, parent_id, active, sort_order, version, created_at, updated_at`

// orgAudit is what the audit trail keeps of a unit.
type orgAudit struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	ParentID int64  `json:"parent_id"`
	Active   bool   `json:"active"`
	Version  int64  `json:"version"`
}

func auditOrg(u *zhaoshang.OrgUnit) orgAudit {
	return orgAudit{u.Code, u.Name, string(u.Kind), u.ParentID, u.Active, u.Version}
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func scanOrg(row interface{ Scan(...any) error }) (*zhaoshang.OrgUnit, error) {
	var u zhaoshang.OrgUnit
	var parent sql.NullInt64
	var kind string
	if err := row.Scan(&u.ID, &u.Code, &u.Name, &kind, &parent, &u.Active, &u.SortOrder, &u.Version, &u.CreatedAt, &u.UpdatedAt); err != nil {
		return nil, err
	}
	u.Kind, u.ParentID = zhaoshang.OrgKind(kind), parent.Int64
	return &u, nil
}

func loadTree(ctx context.Context, q queryer) (*zhaoshang.OrgTree, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+orgColumns+" FROM org_units")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var units []*zhaoshang.OrgUnit
	for rows.Next() {
		u, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return zhaoshang.NewOrgTree(units), nil
}

// Tree loads the organisation as far as the user may see it.
func (s *OrgService) Tree(ctx context.Context) (*zhaoshang.OrgTree, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermOrgView)
	if err != nil {
		return nil, err
	}
	t, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	return t.VisibleTo(p), nil
}

func getOrg(ctx context.Context, q queryer, id int64) (*zhaoshang.OrgUnit, error) {
	u, err := scanOrg(q.QueryRowContext(ctx, "SELECT "+orgColumns+" FROM org_units WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在")
	}
	return u, err
}

func (s *OrgService) codeTaken(err error, code string) error {
	if s.db.dialect.isUniqueViolation(err) {
		return zhaoshang.FieldErrorf(zhaoshang.EConflict, "code", "单位编码“%s”已被其他单位使用", code)
	}
	return err
}

// CreateUnit adds a unit under an active parent.
func (s *OrgService) CreateUnit(ctx context.Context, in zhaoshang.OrgUnitInput) (*zhaoshang.OrgUnit, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *zhaoshang.OrgUnit
	err := s.db.Write(ctx, zhaoshang.PermOrgEdit, func(tx *Tx) error {
		if in.ParentID == 0 {
			return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "parent", "请选择上级单位")
		}
		p, err := getOrg(ctx, tx, in.ParentID)
		if err != nil || !tx.p.SeesUnit(in.ParentID) {
			return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "parent", "上级单位不存在")
		}
		if !p.Active {
			return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "parent", "上级单位“%s”已停用，不能新增下级单位", p.Name)
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO org_units (code, name, kind, parent_id, active, sort_order, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, TRUE, 0, 1, $5, $5) RETURNING id`, in.Code, in.Name, string(in.Kind), in.ParentID, tx.now).Scan(&id)
		if err != nil {
			return s.codeTaken(err, in.Code)
		}
		if out, err = getOrg(ctx, tx, id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActCreate, "org_unit", id, nil, auditOrg(out), "")
		return nil
	})
	return out, err
}

// change applies one versioned update to a unit: load it, let check decide,
// write the given columns, audit before and after.
func (s *OrgService) change(ctx context.Context, id, version int64, action string, check func(tx *Tx, u *zhaoshang.OrgUnit) (set string, args []any, err error)) (*zhaoshang.OrgUnit, error) {
	var out *zhaoshang.OrgUnit
	err := s.db.Write(ctx, zhaoshang.PermOrgEdit, func(tx *Tx) error {
		if err := tx.lock("org_units", id); err != nil {
			return err
		}
		before, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if !tx.p.SeesUnit(id) {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在")
		}
		if before.Version != version {
			return staleError(ctx, tx, "org_unit", id)
		}
		set, args, err := check(tx, before)
		if err != nil {
			return err
		}
		args = append(args, tx.now, id, version)
		n := len(args)
		res, err := tx.ExecContext(ctx, "UPDATE org_units SET "+set+", version = version + 1, updated_at = $"+itoa(n-2)+
			" WHERE id = $"+itoa(n-1)+" AND version = $"+itoa(n), args...)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k != 1 {
			return staleError(ctx, tx, "org_unit", id)
		}
		if out, err = getOrg(ctx, tx, id); err != nil {
			return err
		}
		tx.Audit(action, "org_unit", id, auditOrg(before), auditOrg(out), "")
		return nil
	})
	return out, err
}

// UpdateUnit changes a unit's code, name and kind.
func (s *OrgService) UpdateUnit(ctx context.Context, id, version int64, in zhaoshang.OrgUnitInput) (*zhaoshang.OrgUnit, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	u, err := s.change(ctx, id, version, zhaoshang.ActUpdate, func(tx *Tx, u *zhaoshang.OrgUnit) (string, []any, error) {
		return "code = $1, name = $2, kind = $3", []any{in.Code, in.Name, string(in.Kind)}, nil
	})
	return u, s.codeTaken(err, in.Code)
}

// MoveUnit puts a unit under another parent; cycles are refused.
func (s *OrgService) MoveUnit(ctx context.Context, id, version, newParentID int64) (*zhaoshang.OrgUnit, error) {
	return s.change(ctx, id, version, zhaoshang.ActMove, func(tx *Tx, u *zhaoshang.OrgUnit) (string, []any, error) {
		tree, err := loadTree(ctx, tx)
		if err != nil {
			return "", nil, err
		}
		if !tx.p.SeesUnit(newParentID) {
			return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "parent", "上级单位不存在")
		}
		if err := tree.CheckMove(id, newParentID); err != nil {
			return "", nil, err
		}
		return "parent_id = $1", []any{newParentID}, nil
	})
}

// SetUnitActive deactivates or reactivates a unit. A unit with active
// children stays active; a unit under an inactive parent stays inactive.
func (s *OrgService) SetUnitActive(ctx context.Context, id, version int64, active bool) (*zhaoshang.OrgUnit, error) {
	action := zhaoshang.ActDeactivate
	if active {
		action = zhaoshang.ActActivate
	}
	return s.change(ctx, id, version, action, func(tx *Tx, u *zhaoshang.OrgUnit) (string, []any, error) {
		if u.Active == active {
			return "", nil, zhaoshang.Errorf(zhaoshang.EInvalid, "单位“%s”已是该状态", u.Name)
		}
		if !active {
			if u.ParentID == 0 {
				return "", nil, zhaoshang.Errorf(zhaoshang.EInvalid, "根单位“%s”不能停用", u.Name)
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM org_units WHERE parent_id = $1 AND active", id).Scan(&n); err != nil {
				return "", nil, err
			}
			if n > 0 {
				return "", nil, zhaoshang.Errorf(zhaoshang.EInvalid, "单位“%s”还有%d个在用的下级单位，请先停用或移走下级单位", u.Name, n)
			}
		} else if u.ParentID != 0 {
			p, err := getOrg(ctx, tx, u.ParentID)
			if err != nil {
				return "", nil, err
			}
			if !p.Active {
				return "", nil, zhaoshang.Errorf(zhaoshang.EInvalid, "上级单位“%s”已停用，请先启用上级单位", p.Name)
			}
		}
		return "active = $1", []any{active}, nil
	})
}

// DeleteUnit removes a unit created by mistake. Any record that points to
// the unit (a child, a project, a user…) makes the database refuse, and the
// clerk is told to deactivate it instead.
func (s *OrgService) DeleteUnit(ctx context.Context, id, version int64) error {
	return s.db.Write(ctx, zhaoshang.PermOrgEdit, func(tx *Tx) error {
		if err := tx.lock("org_units", id); err != nil {
			return err
		}
		u, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if !tx.p.SeesUnit(id) {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在")
		}
		if u.Version != version {
			return staleError(ctx, tx, "org_unit", id)
		}
		if u.ParentID == 0 {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "根单位“%s”不能删除", u.Name)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM org_units WHERE id = $1", id); err != nil {
			if s.db.dialect.isForeignKeyViolation(err) {
				return zhaoshang.Errorf(zhaoshang.EConflict, "单位“%s”已有下级单位或业务记录，不能删除，只能停用", u.Name)
			}
			return err
		}
		tx.Audit(zhaoshang.ActDelete, "org_unit", id, auditOrg(u), nil, "")
		return nil
	})
}

// ImportTree loads a checked organisation file into an empty database, as
// one audited import.
func (s *OrgService) ImportTree(ctx context.Context, rows []zhaoshang.OrgRow) error {
	if probs := zhaoshang.ValidateOrgRows(rows); len(probs) > 0 {
		return &zhaoshang.ImportRefused{Problems: probs}
	}
	return s.db.Write(ctx, zhaoshang.PermOrgEdit, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM org_units").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return zhaoshang.Errorf(zhaoshang.EConflict, "数据库中已有%d个单位，组织机构文件只能导入空数据库；请在组织机构页面逐个调整", n)
		}
		ids := map[string]int64{}
		byCode := map[string]zhaoshang.OrgRow{}
		for _, r := range rows {
			byCode[r.Code] = r
		}
		var insert func(r zhaoshang.OrgRow, order int) error
		insert = func(r zhaoshang.OrgRow, order int) error {
			if _, done := ids[r.Code]; done {
				return nil
			}
			var parent sql.NullInt64
			if r.ParentCode != "" {
				if err := insert(byCode[r.ParentCode], order); err != nil {
					return err
				}
				parent = sql.NullInt64{Int64: ids[r.ParentCode], Valid: true}
			}
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO org_units (code, name, kind, parent_id, active, sort_order, version, created_at, updated_at)
				VALUES ($1, $2, $3, $4, TRUE, $5, 1, $6, $6) RETURNING id`, r.Code, r.Name, string(r.Kind), parent, order, tx.now).Scan(&id)
			ids[r.Code] = id
			return err
		}
		for i, r := range rows {
			if err := insert(r, i); err != nil {
				return err
			}
		}
		tx.Audit(zhaoshang.ActImport, "org_unit", "*", nil, map[string]int{"units": len(rows)}, "导入组织机构")
		return nil
	})
}
