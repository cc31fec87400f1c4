// Package sqldbtest opens real databases for tests: a fresh SQLite file
// always, and a fresh PostgreSQL schema when ZHAOSHANG_TEST_PG holds a
// connection URL. There are no mocks of the database.
package sqldbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhaoshang/sqldb"
)

// PGEnv names the variable that turns the PostgreSQL runs on.
const PGEnv = "ZHAOSHANG_TEST_PG"

// Dialects lists the databases this run tests against.
func Dialects() []string {
	if os.Getenv(PGEnv) != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// URL makes a fresh, empty database of the dialect and returns its URL;
// it is removed when the test ends.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	switch dialect {
	case "sqlite":
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	case "postgres":
		base := os.Getenv(PGEnv)
		if base == "" {
			t.Skipf("PostgreSQL tests skipped: set %s to a connection URL to run them", PGEnv)
		}
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 6)
		rand.Read(b)
		schema := "t_" + hex.EncodeToString(b)
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			admin.Close()
			t.Fatalf("create schema: %v", err)
		}
		t.Cleanup(func() {
			admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		})
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		return base + sep + "search_path=" + schema
	}
	t.Fatalf("unknown dialect %q", dialect)
	return ""
}

// Open returns a fresh migrated database of the dialect, closed at the end.
func Open(t testing.TB, dialect string) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), URL(t, dialect))
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Each runs f as a subtest on a fresh database of every dialect in use.
func Each(t *testing.T, f func(t *testing.T, db *sqldb.DB)) {
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { f(t, Open(t, d)) })
	}
}
