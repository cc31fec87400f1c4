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
	"zhaoshang/pinyin"
)

var _ zhaoshang.EnterpriseService = (*EnterpriseService)(nil)

// EnterpriseService keeps investors and their contacts. Enterprises are
// one registry for the whole region (an investor may build in several
// counties); the projects under them stay within each user's scope.
type EnterpriseService struct{ db *DB }

func NewEnterpriseService(db *DB) *EnterpriseService { return &EnterpriseService{db: db} }

const enterpriseColumns = `id, name, credit_code, home_region, tags, version, created_at, updated_at`

const strongTagsKey = "strong_tags"

// strongTags are the tags that make an enterprise 优强 (configurable),
// read once per write transaction.
func strongTags(ctx context.Context, q queryer) ([]string, error) {
	tx, _ := q.(*Tx)
	if tx != nil && tx.strong != nil {
		return tx.strong, nil
	}
	tags := zhaoshang.DefaultStrongTags()
	var js string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", strongTagsKey).Scan(&js)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return nil, err
	default:
		tags = nil
		if err := json.Unmarshal([]byte(js), &tags); err != nil {
			return nil, err
		}
	}
	if tx != nil {
		tx.strong = tags
	}
	return tags, nil
}

func scanEnterprise(row interface{ Scan(...any) error }, strong []string) (*zhaoshang.Enterprise, error) {
	var e zhaoshang.Enterprise
	var tags string
	if err := row.Scan(&e.ID, &e.Name, &e.CreditCode, &e.HomeRegion, &tags, &e.Version, &e.CreatedAt, &e.UpdatedAt); err != nil {
		return nil, err
	}
	json.Unmarshal([]byte(tags), &e.Tags)
	e.Strong = zhaoshang.IsStrong(e.Tags, strong)
	return &e, nil
}

func getEnterprise(ctx context.Context, q queryer, id int64) (*zhaoshang.Enterprise, error) {
	strong, err := strongTags(ctx, q)
	if err != nil {
		return nil, err
	}
	e, err := scanEnterprise(q.QueryRowContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE id = $1", id), strong)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "企业不存在")
	}
	return e, err
}

// enterpriseReach reads the units of an enterprise's projects and who
// registered it.
func enterpriseReach(ctx context.Context, q queryer, id int64) (zhaoshang.EnterpriseReach, error) {
	var r zhaoshang.EnterpriseReach
	var by, unit sql.NullInt64
	err := q.QueryRowContext(ctx, "SELECT e.created_by, u.org_unit_id FROM enterprises e LEFT JOIN users u ON u.id = e.created_by WHERE e.id = $1", id).Scan(&by, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return r, zhaoshang.Errorf(zhaoshang.ENotFound, "企业不存在")
	}
	if err != nil {
		return r, err
	}
	r.CreatedBy, r.CreatorUnit = by.Int64, unit.Int64
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT org_unit_id FROM projects WHERE enterprise_id = $1 ORDER BY org_unit_id", id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return r, err
		}
		r.ProjectUnits = append(r.ProjectUnits, u)
	}
	return r, rows.Err()
}

// mayEditEnterprise refuses a change of an enterprise that has projects
// beyond the caller's scope (zhaoshang.Principal.MayEditEnterprise).
func mayEditEnterprise(ctx context.Context, tx *Tx, e *zhaoshang.Enterprise) error {
	r, err := enterpriseReach(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	if !tx.p.MayEditEnterprise(r) {
		return zhaoshang.Errorf(zhaoshang.EForbidden, "企业“%s”在您的数据范围以外也有项目，其信息和联系人须由州局或项目所在县（市）维护", e.Name)
	}
	return nil
}

// checkStrongLock refuses a change that makes enterprises start or stop
// counting as 优强 when that would alter a figure of a locked month: an
// enterprise counts as a new strong enterprise in the month of its first
// signing in each county (and, for the prefecture, the earliest of those),
// so those county-months must be open (checkOpen).
func checkStrongLock(ctx context.Context, tx *Tx, enterpriseIDs []int64) error {
	if len(enterpriseIDs) == 0 {
		return nil
	}
	var touched []countyMonth
	for start := 0; start < len(enterpriseIDs); start += 500 {
		args := []any{}
		in := sqlList(enterpriseIDs[start:min(start+500, len(enterpriseIDs))], &args)
		rows, err := tx.QueryContext(ctx, "SELECT org_unit_id, MIN(signed_on) FROM projects WHERE enterprise_id IN ("+in+") AND NOT voided GROUP BY enterprise_id, org_unit_id", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var org int64
			var d zhaoshang.Date
			if err := rows.Scan(&org, &d); err != nil {
				rows.Close()
				return err
			}
			touched = append(touched, countyMonth{org, d.Month()})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return checkOpen(ctx, tx, touched...)
}

func enterpriseSearchKey(name, code string) string {
	return strings.ToLower(name + " " + code + " " + pinyin.Key(name))
}

// normalizeEnterprise trims the input and checks it.
func normalizeEnterprise(in *zhaoshang.EnterpriseInput) error {
	in.Name = strings.TrimSpace(in.Name)
	in.HomeRegion = strings.TrimSpace(in.HomeRegion)
	in.CreditCode = zhaoshang.NormalizeCreditCode(in.CreditCode)
	if in.CreditCode != "" {
		if err := zhaoshang.CheckCreditCode(in.CreditCode); err != nil {
			return err
		}
	}
	var tags []string
	for _, t := range in.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	in.Tags = tags
	return in.Validate()
}

// duplicateOf finds an enterprise with the same credit code or the same
// normalised name, other than self.
func duplicateOf(ctx context.Context, q queryer, name, code string, self int64) (*zhaoshang.Enterprise, string, error) {
	strong, err := strongTags(ctx, q)
	if err != nil {
		return nil, "", err
	}
	if code != "" {
		e, err := scanEnterprise(q.QueryRowContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE credit_code = $1 AND credit_code <> '' AND id <> $2", code, self), strong)
		if err == nil {
			return e, "统一社会信用代码相同", nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, "", err
		}
	}
	e, err := scanEnterprise(q.QueryRowContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE norm_name = $1 AND id <> $2 ORDER BY id LIMIT 1", zhaoshang.NormalizeName(name), self), strong)
	if err == nil {
		if code != "" && e.CreditCode != "" && e.CreditCode != code {
			return nil, "", nil // same name, different registered codes: two enterprises
		}
		return e, "名称相同", nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", nil
	}
	return nil, "", err
}

type enterpriseAudit struct {
	Name       string   `json:"name"`
	CreditCode string   `json:"credit_code"`
	HomeRegion string   `json:"home_region"`
	Tags       []string `json:"tags"`
}

func auditEnterprise(e *zhaoshang.Enterprise) enterpriseAudit {
	return enterpriseAudit{e.Name, e.CreditCode, e.HomeRegion, e.Tags}
}

// insertEnterprise adds an enterprise inside tx (forms and imports).
func insertEnterprise(ctx context.Context, tx *Tx, in zhaoshang.EnterpriseInput, note string) (*zhaoshang.Enterprise, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO enterprises (name, norm_name, credit_code, home_region, tags, search_key, created_by, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id`,
		in.Name, zhaoshang.NormalizeName(in.Name), in.CreditCode, in.HomeRegion, jsonText(in.Tags), enterpriseSearchKey(in.Name, in.CreditCode), nullInt(tx.p.UserID), tx.now).Scan(&id)
	if err != nil {
		return nil, err
	}
	e, err := getEnterprise(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	tx.Audit(zhaoshang.ActCreate, "enterprise", id, nil, auditEnterprise(e), note)
	return e, nil
}

// CreateEnterprise adds an enterprise, refusing a duplicate by name.
func (s *EnterpriseService) CreateEnterprise(ctx context.Context, in zhaoshang.EnterpriseInput) (*zhaoshang.Enterprise, error) {
	if err := normalizeEnterprise(&in); err != nil {
		return nil, err
	}
	var out *zhaoshang.Enterprise
	err := s.db.Write(ctx, zhaoshang.PermEnterpriseEdit, func(tx *Tx) error {
		dup, why, err := duplicateOf(ctx, tx, in.Name, in.CreditCode, 0)
		if err != nil {
			return err
		}
		if dup != nil {
			return zhaoshang.FieldErrorf(zhaoshang.EConflict, "name", "企业库中已有“%s”（%s），请勿重复录入", dup.Name, why)
		}
		out, err = insertEnterprise(ctx, tx, in, "")
		return err
	})
	return out, err
}

// UpdateEnterprise changes an enterprise's details.
func (s *EnterpriseService) UpdateEnterprise(ctx context.Context, id, version int64, in zhaoshang.EnterpriseInput) (*zhaoshang.Enterprise, error) {
	if err := normalizeEnterprise(&in); err != nil {
		return nil, err
	}
	var out *zhaoshang.Enterprise
	err := s.db.Write(ctx, zhaoshang.PermEnterpriseEdit, func(tx *Tx) error {
		if err := tx.lock("enterprises", id); err != nil {
			return err
		}
		before, err := getEnterprise(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return staleError(ctx, tx, "enterprise", id)
		}
		if err := mayEditEnterprise(ctx, tx, before); err != nil {
			return err
		}
		dup, why, err := duplicateOf(ctx, tx, in.Name, in.CreditCode, id)
		if err != nil {
			return err
		}
		if dup != nil {
			return zhaoshang.FieldErrorf(zhaoshang.EConflict, "name", "企业库中已有“%s”（%s），请勿重复录入", dup.Name, why)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET name = $1, norm_name = $2, credit_code = $3, home_region = $4, tags = $5, search_key = $6,
			version = version + 1, updated_at = $7 WHERE id = $8`, in.Name, zhaoshang.NormalizeName(in.Name), in.CreditCode, in.HomeRegion, jsonText(in.Tags),
			enterpriseSearchKey(in.Name, in.CreditCode), tx.now, id); err != nil {
			return err
		}
		if out, err = getEnterprise(ctx, tx, id); err != nil {
			return err
		}
		if out.Strong != before.Strong {
			if err := checkStrongLock(ctx, tx, []int64{id}); err != nil {
				return err
			}
		}
		tx.Audit(zhaoshang.ActUpdate, "enterprise", id, auditEnterprise(before), auditEnterprise(out), "")
		return nil
	})
	return out, err
}

// Enterprise returns one enterprise.
func (s *EnterpriseService) Enterprise(ctx context.Context, id int64) (*zhaoshang.Enterprise, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return nil, err
	}
	return getEnterprise(ctx, s.db.read, id)
}

// Enterprises lists enterprises by name, code or pinyin initials.
func (s *EnterpriseService) Enterprises(ctx context.Context, f zhaoshang.EnterpriseFilter) ([]*zhaoshang.Enterprise, int, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return nil, 0, err
	}
	strong, err := strongTags(ctx, s.db.read)
	if err != nil {
		return nil, 0, err
	}
	var args []any
	where := []string{"TRUE"}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		args = append(args, "%"+q+"%")
		where = append(where, fmt.Sprintf("search_key LIKE $%d", len(args)))
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE "+strings.Join(where, " AND ")+" ORDER BY name", args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	// strong is derived from tags and a configurable set: filter in Go
	var all []*zhaoshang.Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows, strong)
		if err != nil {
			return nil, 0, err
		}
		if f.Strong == nil || *f.Strong == e.Strong {
			all = append(all, e)
		}
	}
	total := len(all)
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	f.Offset = max(f.Offset, 0)
	if f.Offset >= len(all) {
		return nil, total, rows.Err()
	}
	all = all[f.Offset:]
	if len(all) > limit {
		all = all[:limit]
	}
	return all, total, rows.Err()
}

// SimilarEnterprises finds enterprises a new name or code may duplicate:
// the same code, the same normalised name, or a very similar name.
func (s *EnterpriseService) SimilarEnterprises(ctx context.Context, name, code string) ([]*zhaoshang.Enterprise, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return nil, err
	}
	name, code = strings.TrimSpace(name), zhaoshang.NormalizeCreditCode(code)
	if name == "" && code == "" {
		return nil, nil
	}
	strong, err := strongTags(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	norm := zhaoshang.NormalizeName(name)
	rows, err := s.db.read.QueryContext(ctx, "SELECT "+enterpriseColumns+", norm_name FROM enterprises")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Enterprise
	for rows.Next() {
		var e zhaoshang.Enterprise
		var tags, n string
		if err := rows.Scan(&e.ID, &e.Name, &e.CreditCode, &e.HomeRegion, &tags, &e.Version, &e.CreatedAt, &e.UpdatedAt, &n); err != nil {
			return nil, err
		}
		if (code != "" && e.CreditCode == code) || (norm != "" && (n == norm || zhaoshang.NameSimilarity(n, norm) >= 0.8)) {
			json.Unmarshal([]byte(tags), &e.Tags)
			e.Strong = zhaoshang.IsStrong(e.Tags, strong)
			out = append(out, &e)
		}
		if len(out) >= 10 {
			break
		}
	}
	return out, rows.Err()
}

// Reach tells who may change the enterprise and see its contacts.
func (s *EnterpriseService) Reach(ctx context.Context, enterpriseID int64) (zhaoshang.EnterpriseReach, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return zhaoshang.EnterpriseReach{}, err
	}
	return enterpriseReach(ctx, s.db.read, enterpriseID)
}

// errContactsWithheld answers for the contacts of an enterprise none of
// whose projects the caller reaches.
func errContactsWithheld() error {
	return zhaoshang.Errorf(zhaoshang.EForbidden, "该企业的项目均不在您的数据范围内，不显示其联系人")
}

// Contacts lists an enterprise's contacts with their phones masked, for
// those who reach one of its projects.
func (s *EnterpriseService) Contacts(ctx context.Context, enterpriseID int64) ([]*zhaoshang.Contact, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	reach, err := enterpriseReach(ctx, s.db.read, enterpriseID)
	if err != nil {
		return nil, err
	}
	if !p.ReachesEnterprise(reach) {
		return nil, errContactsWithheld()
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT id, enterprise_id, name, position, phone FROM contacts WHERE enterprise_id = $1 ORDER BY id", enterpriseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Contact
	for rows.Next() {
		var c zhaoshang.Contact
		if err := rows.Scan(&c.ID, &c.EnterpriseID, &c.Name, &c.Position, &c.Phone); err != nil {
			return nil, err
		}
		c.Phone = zhaoshang.MaskPhone(c.Phone)
		out = append(out, &c)
	}
	return out, rows.Err()
}

// AddContact adds a person at an enterprise.
func (s *EnterpriseService) AddContact(ctx context.Context, c zhaoshang.Contact) (*zhaoshang.Contact, error) {
	c.Name, c.Position, c.Phone = strings.TrimSpace(c.Name), strings.TrimSpace(c.Position), strings.TrimSpace(c.Phone)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	err := s.db.Write(ctx, zhaoshang.PermEnterpriseEdit, func(tx *Tx) error {
		e, err := getEnterprise(ctx, tx, c.EnterpriseID)
		if err != nil {
			return err
		}
		if err := mayEditEnterprise(ctx, tx, e); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "INSERT INTO contacts (enterprise_id, name, position, phone, version, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
			c.EnterpriseID, c.Name, c.Position, c.Phone, tx.now).Scan(&c.ID); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActCreate, "contact", c.ID, nil, map[string]any{"enterprise_id": c.EnterpriseID, "name": c.Name, "position": c.Position, "phone": zhaoshang.MaskPhone(c.Phone)}, "")
		return nil
	})
	c.Phone = zhaoshang.MaskPhone(c.Phone)
	return &c, err
}

// RevealPhone returns a contact's full number and records who looked.
func (s *EnterpriseService) RevealPhone(ctx context.Context, contactID int64) (string, error) {
	var phone string
	err := s.db.Write(ctx, zhaoshang.PermContactReveal, func(tx *Tx) error {
		var name string
		var ent int64
		err := tx.QueryRowContext(ctx, "SELECT name, phone, enterprise_id FROM contacts WHERE id = $1", contactID).Scan(&name, &phone, &ent)
		if errors.Is(err, sql.ErrNoRows) {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "联系人不存在或不在您的数据范围内")
		}
		if err != nil {
			return err
		}
		reach, err := enterpriseReach(ctx, tx, ent)
		if err != nil {
			return err
		}
		if !tx.p.ReachesEnterprise(reach) {
			phone = ""
			return zhaoshang.Errorf(zhaoshang.ENotFound, "联系人不存在或不在您的数据范围内")
		}
		tx.Audit(zhaoshang.ActRevealPhone, "contact", contactID, nil, nil, "查看联系人“"+name+"”的完整电话号码")
		return nil
	})
	return phone, err
}

// EnterpriseProjects lists the enterprise's projects within the caller's scope.
func (s *EnterpriseService) EnterpriseProjects(ctx context.Context, enterpriseID int64) ([]*zhaoshang.Project, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	args := []any{enterpriseID}
	cond := scopeCond(p, "p.org_unit_id", "p.created_by", &args)
	return queryProjects(ctx, s.db.read, "WHERE p.enterprise_id = $1 AND "+cond+" ORDER BY p.signed_on DESC, p.code", args...)
}

// StrongTags returns the tags that make an enterprise 优强.
func (s *EnterpriseService) StrongTags(ctx context.Context) ([]string, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return nil, err
	}
	return strongTags(ctx, s.db.read)
}

// SetStrongTags changes which tags make an enterprise 优强; it changes
// which enterprises count as 新引进优强企业 from then on, so it is audited.
func (s *EnterpriseService) SetStrongTags(ctx context.Context, tags []string) error {
	var clean []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(clean, t) {
			clean = append(clean, t)
		}
	}
	if len(clean) == 0 {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "tags", "请至少选择一个计为优强企业的标签")
	}
	return s.db.Write(ctx, zhaoshang.PermLedgerConfig, func(tx *Tx) error {
		before, err := strongTags(ctx, tx)
		if err != nil {
			return err
		}
		flipped, err := strongFlips(ctx, tx, before, clean)
		if err != nil {
			return err
		}
		if err := checkStrongLock(ctx, tx, flipped); err != nil {
			return err
		}
		js := jsonText(clean)
		if err := tx.saveSetting(strongTagsKey, js); err != nil {
			return err
		}
		tx.strong = clean
		tx.Audit(zhaoshang.ActSystemConfig, "setting", strongTagsKey, before, clean, "优强企业标签")
		return nil
	})
}

// strongFlips lists the enterprises that count as 优强 under one set of
// strong tags and not the other.
func strongFlips(ctx context.Context, tx *Tx, before, after []string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, tags FROM enterprises ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var js string
		if err := rows.Scan(&id, &js); err != nil {
			return nil, err
		}
		var tags []string
		json.Unmarshal([]byte(js), &tags)
		if zhaoshang.IsStrong(tags, before) != zhaoshang.IsStrong(tags, after) {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}
