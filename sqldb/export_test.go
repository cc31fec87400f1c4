package sqldb

import "context"

// ExecRaw runs a statement outside every service and outside the audit
// trail, for tests that play someone tampering with the database.
func (db *DB) ExecRaw(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, query, args...)
	return err
}
