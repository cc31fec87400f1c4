package sqldb

import (
	"context"
	"time"
)

// ExecRaw runs a statement outside every service and outside the audit
// trail, for tests that play someone tampering with the database.
func (db *DB) ExecRaw(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, query, args...)
	return err
}

// SetNow fixes the clock of the database's services (for timeouts).
func (db *DB) SetNow(f func() time.Time) { db.now = f }

// QueryRowRaw reads one value outside every service.
func (db *DB) QueryRowRaw(ctx context.Context, query string, dest any, args ...any) error {
	return db.read.QueryRowContext(ctx, query, args...).Scan(dest)
}

// SetBusyTimeout changes how long SQLite writes of databases opened from
// now on wait for another process; it returns the previous value.
func SetBusyTimeout(d time.Duration) time.Duration {
	old := busyTimeout
	busyTimeout = d
	return old
}
