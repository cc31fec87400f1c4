package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// auditedChanges makes n audited changes (creating zones under 凯里市).
func auditedChanges(t *testing.T, db *sqldb.DB, n int) {
	t.Helper()
	s, tree := seededOrg(t, db)
	for i := 0; i < n; i++ {
		if _, err := s.CreateUnit(sys(), zhaoshang.OrgUnitInput{Code: fmt.Sprintf("Z%d", i), Name: fmt.Sprintf("园区%d", i), Kind: zhaoshang.OrgZone, ParentID: tree.ByCode("522601").ID}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditVerifyFindsAnEditedEntry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		auditedChanges(t, db, 4)
		a := sqldb.NewAuditService(db)
		if n, err := a.VerifyAudit(sys()); err != nil || n != 5 {
			t.Fatalf("clean chain: %d %v", n, err)
		}
		// an inspector's nightmare: someone edits an entry in the database directly
		if err := db.ExecRaw(context.Background(), "UPDATE audit_log SET actor_name = 'nobody' WHERE id = 3"); err == nil {
			t.Fatal("the database let an audit entry be edited")
		}
		// someone with the database owner's rights drops the guard first
		if err := tamper(t, db, "UPDATE audit_log SET actor_name = 'nobody' WHERE id = 3"); err != nil {
			t.Fatal(err)
		}
		_, err := a.VerifyAudit(sys())
		if err == nil || !strings.Contains(err.Error(), "第3条的内容与其哈希不符") {
			t.Fatalf("edited entry: %v", err)
		}
	})
}

func TestAuditVerifyFindsADeletedEntry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		auditedChanges(t, db, 4)
		if err := tamper(t, db, "DELETE FROM audit_log WHERE id = 2"); err != nil {
			t.Fatal(err)
		}
		_, err := sqldb.NewAuditService(db).VerifyAudit(sys())
		if err == nil || !strings.Contains(err.Error(), "缺少第2条") {
			t.Fatalf("deleted entry: %v", err)
		}
	})
}

func TestAuditVerifyFindsEntriesCutOffTheEnd(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		auditedChanges(t, db, 4)
		if err := tamper(t, db, "DELETE FROM audit_log WHERE id = 5"); err != nil {
			t.Fatal(err)
		}
		_, err := sqldb.NewAuditService(db).VerifyAudit(sys())
		if err == nil || !strings.Contains(err.Error(), "末尾的日志被删除") {
			t.Fatalf("truncated chain: %v", err)
		}
	})
}

func TestConcurrentWritersKeepOneUnbrokenChain(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, tree := seededOrg(t, db)
		parent := tree.ByCode("522601").ID
		errs := make(chan error, 20)
		for i := 0; i < 20; i++ {
			go func(i int) {
				_, err := s.CreateUnit(sys(), zhaoshang.OrgUnitInput{Code: fmt.Sprintf("C%d", i), Name: "并发", Kind: zhaoshang.OrgZone, ParentID: parent})
				errs <- err
			}(i)
		}
		for i := 0; i < 20; i++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		if n, err := sqldb.NewAuditService(db).VerifyAudit(sys()); err != nil || n != 21 {
			t.Fatalf("chain after concurrent writes: %d %v", n, err)
		}
	})
}

// tamper plays a database owner who drops the append-only guard and then
// changes the trail directly.
func tamper(t *testing.T, db *sqldb.DB, stmt string) error {
	t.Helper()
	ctx := sys()
	if db.Dialect() == "sqlite" {
		db.ExecRaw(ctx, "DROP TRIGGER audit_log_no_update")
		db.ExecRaw(ctx, "DROP TRIGGER audit_log_no_delete")
	} else {
		db.ExecRaw(ctx, "DROP TRIGGER audit_log_no_change ON audit_log")
	}
	return db.ExecRaw(ctx, stmt)
}
