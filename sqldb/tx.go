package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhaoshang"
)

// errUnaudited guards the rule that every change lands in the audit trail:
// a write transaction that recorded no audit entry is rolled back.
var errUnaudited = errors.New("sqldb: write transaction without an audit entry")

// Tx is a write transaction. Services change records through it and call
// Audit for each change; the entries are chained and written just before
// COMMIT, in the same transaction, so a change and its audit entry land
// together or not at all.
type Tx struct {
	*sql.Tx
	ctx     context.Context
	db      *DB
	p       *zhaoshang.Principal
	now     time.Time
	entries []*zhaoshang.AuditEntry
	// approving: an import --approve of historic data (see checkOpen)
	approving bool
	// touched: projects whose records changed; their data-quality
	// findings are brought up to date before COMMIT (refreshFindings)
	touched map[int64]bool
	// prior: where touched projects stood before this transaction moved
	// them (county, signing month), so their old cells are recomputed too
	prior map[int64]cellKey
	// quiet: the transaction changed no business data and has nothing to
	// audit (the count of a sign-in attempt, whose outcome is audited next)
	quiet bool
	// ceiling: the largest amount of one record, once read (amountCeiling)
	ceiling zhaoshang.Money
	// strong: the tags that make an enterprise 优强, once read (strongTags)
	strong []string
	// stmts: the statements prepared in this transaction, by their text
	stmts map[string]*sql.Stmt
}

// maxCachedStatements bounds the statement cache of a transaction: texts
// built per call (IN lists, CASE over counties) must not grow it without end.
const maxCachedStatements = 256

// prepared returns the statement for query, preparing it once per
// transaction: an import runs the same few statements for every row, and
// parsing them again each time was a third of its cost.
func (tx *Tx) prepared(query string) (*sql.Stmt, error) {
	if st, ok := tx.stmts[query]; ok {
		return st, nil
	}
	if len(tx.stmts) >= maxCachedStatements {
		return nil, nil
	}
	st, err := tx.Tx.PrepareContext(tx.ctx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st, nil
}

// ExecContext runs a statement of the transaction through its cache.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := tx.prepared(query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return tx.Tx.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a query of the transaction through its cache.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := tx.prepared(query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return tx.Tx.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a one-row query of the transaction through its cache.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := tx.prepared(query)
	if err != nil || st == nil {
		return tx.Tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// Write runs fn in a write transaction for the principal of ctx, who must
// hold perm: the one door through which every change passes.
func (db *DB) Write(ctx context.Context, perm string, fn func(tx *Tx) error) error {
	p, err := zhaoshang.Authorize(ctx, perm)
	if err != nil {
		return err
	}
	return db.writeAs(ctx, p, fn)
}

// writeAs runs fn in a write transaction on behalf of p, without a
// permission check: for signing in, where nobody is signed in yet. A
// database busy with another writer beyond its wait is zhaoshang.ErrBusy.
func (db *DB) writeAs(ctx context.Context, p *zhaoshang.Principal, fn func(tx *Tx) error) error {
	err := db.runWrite(ctx, p, fn)
	if err != nil && zhaoshang.AsError(err) == nil && db.dialect.isBusy(err) {
		return fmt.Errorf("%w (%v)", zhaoshang.ErrBusy(), err)
	}
	return err
}

func (db *DB) runWrite(ctx context.Context, p *zhaoshang.Principal, fn func(tx *Tx) error) error {
	sqltx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	tx := &Tx{Tx: sqltx, ctx: ctx, db: db, p: p, now: db.now()}
	if err := fn(tx); err != nil {
		sqltx.Rollback()
		return err
	}
	if len(tx.touched) > 0 {
		if err := refreshAggregates(ctx, tx); err != nil {
			sqltx.Rollback()
			return fmt.Errorf("aggregates: %w", err)
		}
		if err := refreshFindings(ctx, tx); err != nil {
			sqltx.Rollback()
			return fmt.Errorf("quality: %w", err)
		}
	}
	if len(tx.entries) == 0 && !tx.quiet {
		sqltx.Rollback()
		return errUnaudited
	}
	if len(tx.entries) > 0 {
		if err := tx.flushAudit(); err != nil {
			sqltx.Rollback()
			return fmt.Errorf("audit: %w", err)
		}
	}
	if err := sqltx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// lock holds a row for the rest of the transaction. Every versioned change
// takes it before reading the version it checks: under PostgreSQL's READ
// COMMITTED, two writers would otherwise both pass the check.
func (tx *Tx) lock(table string, id int64) error {
	return tx.db.dialect.lockRow(tx.ctx, tx.Tx, table, id)
}

// Audit records one change. before and after are marshalled to JSON as
// they are; pass nil for a side that does not exist.
func (tx *Tx) Audit(action, entity string, id any, before, after any, note string) {
	e := &zhaoshang.AuditEntry{
		At:         tx.now,
		ActorID:    tx.p.UserID,
		ActorName:  tx.p.Username,
		ActorOrgID: tx.p.OrgUnitID,
		IP:         tx.p.IP,
		UserAgent:  tx.p.UserAgent,
		Action:     action,
		Entity:     entity,
		EntityID:   fmt.Sprint(id),
		Before:     toJSON(before),
		After:      toJSON(after),
		Note:       note,
	}
	if by := tx.p.PasswordSetBy; by != "" {
		e.Note = strings.TrimSpace(note + " 〔在以" + by + "所设密码登录的会话中进行〕")
	}
	tx.entries = append(tx.entries, e)
}

func toJSON(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(fmt.Sprint(v))
	}
	return b
}

// flushAudit appends the transaction's entries to the chain. The chain lock
// is the last lock a transaction takes, and is held only until COMMIT.
func (tx *Tx) flushAudit() error {
	ctx := tx.ctx
	if err := tx.db.dialect.lockAudit(ctx, tx.Tx); err != nil {
		return err
	}
	var lastID int64
	var lastHash string
	if err := tx.QueryRowContext(ctx, "SELECT last_id, last_hash FROM audit_head WHERE id = 1").Scan(&lastID, &lastHash); err != nil {
		return err
	}
	for _, e := range tx.entries {
		e.ID = lastID + 1
		e.Seal(lastHash)
		_, err := tx.ExecContext(ctx, `INSERT INTO audit_log
			(id, at, actor_id, actor_name, actor_org_id, ip, user_agent, action, entity, entity_id, before_json, after_json, note, alg, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			e.ID, e.At, nullInt(e.ActorID), e.ActorName, nullInt(e.ActorOrgID), e.IP, e.UserAgent, e.Action, e.Entity, e.EntityID,
			nullJSON(e.Before), nullJSON(e.After), e.Note, e.Alg, e.PrevHash, e.Hash)
		if err != nil {
			return err
		}
		lastID, lastHash = e.ID, e.Hash
	}
	_, err := tx.ExecContext(ctx, "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1", lastID, lastHash)
	return err
}

func nullInt(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

func nullJSON(b json.RawMessage) sql.NullString {
	return sql.NullString{String: string(b), Valid: b != nil}
}

// housekeeping runs fn in a write transaction that changes no business
// data (a session's last-seen time, an expired session): nothing to audit.
func (db *DB) housekeeping(ctx context.Context, fn func(tx *sql.Tx) error) error {
	sqltx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(sqltx); err != nil {
		sqltx.Rollback()
		return err
	}
	return sqltx.Commit()
}

// saveSetting writes one value of the settings table (key → text), its
// row created on first save. The caller audits the change.
func (tx *Tx) saveSetting(key, value string) error {
	res, err := tx.ExecContext(tx.ctx, "UPDATE settings SET value = $1, version = version + 1, updated_at = $2 WHERE key = $3", value, tx.now, key)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = tx.ExecContext(tx.ctx, "INSERT INTO settings (key, value, version, updated_at) VALUES ($1, $2, 1, $3)", key, value, tx.now)
	return err
}
