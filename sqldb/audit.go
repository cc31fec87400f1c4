package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"zhaoshang"
)

var _ zhaoshang.AuditService = (*AuditService)(nil)

// AuditService reads and verifies the audit trail.
type AuditService struct{ db *DB }

func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

const auditColumns = `id, at, actor_id, actor_name, actor_org_id, ip, user_agent, action, entity, entity_id, before_json, after_json, note, alg, prev_hash, hash`

func scanAudit(row interface{ Scan(...any) error }) (*zhaoshang.AuditEntry, error) {
	var e zhaoshang.AuditEntry
	var actorID, orgID sql.NullInt64
	var before, after sql.NullString
	if err := row.Scan(&e.ID, &e.At, &actorID, &e.ActorName, &orgID, &e.IP, &e.UserAgent, &e.Action, &e.Entity, &e.EntityID,
		&before, &after, &e.Note, &e.Alg, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = e.At.UTC()
	e.ActorID, e.ActorOrgID = actorID.Int64, orgID.Int64
	if before.Valid {
		e.Before = []byte(before.String)
	}
	if after.Valid {
		e.After = []byte(after.String)
	}
	return &e, nil
}

// FindAudit lists entries, newest first, with the total count: two
// queries, each served by an index on at, entity or actor where the filter
// names one; never more than one page of rows is read.
func (s *AuditService) FindAudit(ctx context.Context, f zhaoshang.AuditFilter) ([]*zhaoshang.AuditEntry, int, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermAuditView); err != nil {
		return nil, 0, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if !f.From.IsZero() {
		add("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < $%d", f.To.UTC())
	}
	if f.ID != 0 {
		add("id = $%d", f.ID)
	}
	if f.BeforeID != 0 {
		add("id < $%d", f.BeforeID)
	}
	if f.ActorID != 0 {
		add("actor_id = $%d", f.ActorID)
	}
	if f.ActorName != "" {
		add("actor_name = $%d", f.ActorName)
	}
	if f.OrgUnitID != 0 {
		add("actor_org_id = $%d", f.OrgUnitID)
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if f.Action != "" {
		add("action = $%d", f.Action)
	}
	if len(f.Actions) > 0 {
		in := make([]string, len(f.Actions))
		for i, a := range f.Actions {
			args = append(args, a)
			in[i] = fmt.Sprintf("$%d", len(args))
		}
		where = append(where, "action IN ("+strings.Join(in, ", ")+")")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	total := -1
	if !f.NoTotal {
		if err := s.db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_log"+cond, args...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	offset := max(f.Offset, 0)
	args = append(args, limit, offset)
	rows, err := s.db.read.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM audit_log%s ORDER BY id DESC LIMIT $%d OFFSET $%d", auditColumns, cond, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*zhaoshang.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// RecordExport writes the audit entry of an export of the trail: who took
// which rows (the filter, in words in the note and as fields in after) and
// how many.
func (s *AuditService) RecordExport(ctx context.Context, f zhaoshang.AuditFilter, rows int) error {
	after := map[string]any{"rows": rows}
	if !f.From.IsZero() {
		after["from"] = f.From.UTC()
	}
	if !f.To.IsZero() {
		after["to"] = f.To.UTC()
	}
	for k, v := range map[string]string{"actor_name": f.ActorName, "entity": f.Entity, "entity_id": f.EntityID, "action": f.Action} {
		if v != "" {
			after[k] = v
		}
	}
	for k, v := range map[string]int64{"actor_id": f.ActorID, "org_unit_id": f.OrgUnitID} {
		if v != 0 {
			after[k] = v
		}
	}
	if len(f.Actions) > 0 {
		after["actions"] = f.Actions
	}
	note := fmt.Sprintf("导出审计日志%d条；筛选条件：%s", rows, f.Describe())
	return s.db.Write(ctx, zhaoshang.PermAuditView, func(tx *Tx) error {
		tx.Audit(zhaoshang.ActExport, "audit_log", "*", nil, after, note)
		return nil
	})
}

// RecordDownload records that the caller took a document out of the
// system; anyone signed in may, for what they may read is theirs to take.
func (s *AuditService) RecordDownload(ctx context.Context, entity, id, note string) error {
	p, err := zhaoshang.SignedIn(ctx)
	if err != nil {
		return err
	}
	return s.db.writeAs(ctx, p, func(tx *Tx) error {
		tx.Audit(zhaoshang.ActExport, entity, id, nil, nil, note)
		return nil
	})
}

// VerifyAudit walks the whole chain in id order and returns the first broken
// link as the error. It reads in pages so a long history needs little memory.
func (s *AuditService) VerifyAudit(ctx context.Context) (int64, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermAuditView); err != nil {
		return 0, err
	}
	var v zhaoshang.ChainVerifier
	var after int64
	const page = 5000
	for {
		rows, err := s.db.read.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2", after, page)
		if err != nil {
			return v.Checked, err
		}
		n := 0
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				rows.Close()
				return v.Checked, err
			}
			n++
			after = e.ID
			if err := v.Next(e); err != nil {
				rows.Close()
				return v.Checked, &zhaoshang.Error{Code: zhaoshang.EConflict, Message: err.Error()}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return v.Checked, err
		}
		if n < page {
			break
		}
	}
	var headID int64
	var headHash string
	if err := s.db.read.QueryRowContext(ctx, "SELECT last_id, last_hash FROM audit_head WHERE id = 1").Scan(&headID, &headHash); err != nil {
		return v.Checked, err
	}
	if err := v.End(headID, headHash); err != nil {
		return v.Checked, &zhaoshang.Error{Code: zhaoshang.EConflict, Message: err.Error()}
	}
	return v.Checked, nil
}
