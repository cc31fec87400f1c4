package sqldb

import (
	"context"
	"database/sql"
	"strings"

	"github.com/pressly/goose/v3"
)

// dialect holds every difference between SQLite and PostgreSQL that the
// queries meet. Queries themselves are written once, with $1 placeholders
// (both drivers accept them).
type dialect interface {
	name() string
	gooseDialect() goose.Dialect
	// lockAudit serialises writers of the audit chain within tx.
	lockAudit(ctx context.Context, tx *sql.Tx) error
	isUniqueViolation(err error) bool
	isForeignKeyViolation(err error) bool
	// isBusy says whether err means another writer held the database or a
	// row too long (nothing was written; a retry later will do).
	isBusy(err error) bool
	// like is the case-insensitive LIKE operator.
	like() string
	// lockRow holds one row until the transaction ends, so that the
	// version a change checks cannot move under it.
	lockRow(ctx context.Context, tx *sql.Tx, table string, id int64) error
	// forUpdate ends a SELECT that holds the rows it reads until COMMIT.
	forUpdate() string
	// lockReview holds a county's review against concurrent change: a
	// review step takes it exclusively, a change of the county's records
	// shared, so that no record lands in a month approved meanwhile.
	lockReview(ctx context.Context, tx *sql.Tx, orgID int64, exclusive bool) error
}

type sqliteDialect struct{}

func (sqliteDialect) name() string                { return "sqlite" }
func (sqliteDialect) gooseDialect() goose.Dialect { return goose.DialectSQLite3 }

// The writer is a single connection and takes its lock at BEGIN
// (_txlock=immediate): transactions are already serial.
func (sqliteDialect) lockAudit(context.Context, *sql.Tx) error { return nil }
func (sqliteDialect) isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}
func (sqliteDialect) isForeignKeyViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
func (sqliteDialect) isBusy(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "SQLITE_BUSY") || strings.Contains(err.Error(), "database is locked"))
}
func (sqliteDialect) like() string { return "LIKE" }

// The single writer already holds the database from BEGIN on.
func (sqliteDialect) lockRow(context.Context, *sql.Tx, string, int64) error  { return nil }
func (sqliteDialect) forUpdate() string                                      { return "" }
func (sqliteDialect) lockReview(context.Context, *sql.Tx, int64, bool) error { return nil }

type postgresDialect struct{}

func (postgresDialect) name() string                { return "postgres" }
func (postgresDialect) gooseDialect() goose.Dialect { return goose.DialectPostgres }

// auditLockKey is an arbitrary constant naming the audit chain's advisory lock.
const auditLockKey = 7_341_120_226

func (postgresDialect) lockAudit(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", auditLockKey)
	return err
}
func (postgresDialect) isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "SQLSTATE 23505")
}
func (postgresDialect) isForeignKeyViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "SQLSTATE 23503")
}

// serialization_failure, deadlock_detected, lock_not_available
func (postgresDialect) isBusy(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "SQLSTATE 40001") || strings.Contains(m, "SQLSTATE 40P01") || strings.Contains(m, "SQLSTATE 55P03")
}
func (postgresDialect) like() string { return "ILIKE" }

func (postgresDialect) forUpdate() string { return " FOR UPDATE" }

func (postgresDialect) lockRow(ctx context.Context, tx *sql.Tx, table string, id int64) error {
	_, err := tx.ExecContext(ctx, "SELECT id FROM "+table+" WHERE id = $1 FOR UPDATE", id)
	return err
}

// reviewLockKey names the advisory locks of the monthly review, one per county.
const reviewLockKey = 7_341_120_227

func (postgresDialect) lockReview(ctx context.Context, tx *sql.Tx, orgID int64, exclusive bool) error {
	fn := "pg_advisory_xact_lock_shared"
	if exclusive {
		fn = "pg_advisory_xact_lock"
	}
	_, err := tx.ExecContext(ctx, "SELECT "+fn+"($1, $2)", int32(reviewLockKey%(1<<31)), int32(orgID))
	return err
}
