package sqldb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func TestADatabaseWithANewerSchemaIsRefused(t *testing.T) {
	for _, d := range sqldbtest.Dialects() {
		t.Run(d, func(t *testing.T) {
			url := sqldbtest.URL(t, d)
			db, err := sqldb.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			driver, dsn := "pgx", url
			if d == "sqlite" {
				driver, dsn = "sqlite", strings.TrimPrefix(url, "sqlite:")
			}
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, TRUE)"); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			_, err = sqldb.Open(context.Background(), url)
			if err == nil || !strings.Contains(err.Error(), "比本程序支持的版本") {
				t.Fatalf("newer schema: %v", err)
			}
		})
	}
}

func TestSQLiteRunsInWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	db, err := sqldb.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, _ := sql.Open("sqlite", path)
	defer raw.Close()
	var mode string
	raw.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode = %s", mode)
	}
}
