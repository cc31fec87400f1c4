package sqldb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/ledger"

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

// Another process holding the SQLite file longer than a write will wait
// (a command-line import beside the server) makes the write answer
// zhaoshang.EBusy, which the web shows as 503 系统繁忙, never as a 500; the
// write changes nothing.
func TestAWriteThatFindsTheFileHeldByAnotherProcessIsBusyNotAFault(t *testing.T) {
	old := sqldb.SetBusyTimeout(200 * time.Millisecond)
	defer sqldb.SetBusyTimeout(old)
	url := sqldbtest.URL(t, "sqlite")
	db, err := sqldb.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	orgs := sqldb.NewOrgService(db)
	if err := orgs.ImportTree(sys(), ledger.DefaultOrgRows()); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", "file:"+strings.TrimPrefix(url, "sqlite:")+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	hold, err := other.Begin() // BEGIN IMMEDIATE: the other process's write lock
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	err = sqldb.NewEnterpriseService(db).SetStrongTags(sys(), []string{"央企"})
	if zhaoshang.ErrorCode(err) != zhaoshang.EBusy || !strings.Contains(err.Error(), "系统繁忙，请稍后重试") {
		t.Fatalf("a write while another process holds the file: %v", err)
	}
	hold.Rollback()
	if tags, _ := sqldb.NewEnterpriseService(db).StrongTags(sys()); slices.Equal(tags, []string{"央企"}) {
		t.Error("the busy write changed the setting")
	}
}
