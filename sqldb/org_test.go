package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func seededOrg(t *testing.T, db *sqldb.DB) (*sqldb.OrgService, *zhaoshang.OrgTree) {
	t.Helper()
	ctx := sys()
	s := sqldb.NewOrgService(db)
	if err := s.ImportTree(ctx, ledger.DefaultOrgRows()); err != nil {
		t.Fatal(err)
	}
	tree, err := s.Tree(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s, tree
}

func TestFreshDatabaseGetsThePrefectureAndItsSixteenCounties(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		_, tree := seededOrg(t, db)
		root := tree.ByCode("522600")
		if root == nil || root.Name != "黔东南州" || root.ParentID != 0 {
			t.Fatalf("root = %+v", root)
		}
		counties := tree.Counties(root.ID)
		if len(counties) != 16 {
			t.Fatalf("got %d counties, want 16", len(counties))
		}
		if c := tree.ByCode("522601"); c == nil || c.Name != "凯里市" {
			t.Errorf("522601 = %+v", c)
		}
		for _, name := range []string{"州发展改革委", "人行黔东南州支行", "州投资促进局", "项目调度综合专班", "驻深圳招商工作队"} {
			if tree.Find(name) == nil {
				t.Errorf("%s missing", name)
			}
		}
	})
}

func TestUnitCodesAreUniqueAndMovesCannotMakeCycles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sys()
		s, tree := seededOrg(t, db)
		kaili := tree.ByCode("522601")
		_, err := s.CreateUnit(ctx, zhaoshang.OrgUnitInput{Code: "522601", Name: "重复", Kind: zhaoshang.OrgZone, ParentID: kaili.ID})
		if zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "已被其他单位使用") {
			t.Fatalf("duplicate code: %v", err)
		}
		zone, err := s.CreateUnit(ctx, zhaoshang.OrgUnitInput{Code: "522601-Z1", Name: "凯里经济开发区", Kind: zhaoshang.OrgZone, ParentID: kaili.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.MoveUnit(ctx, kaili.ID, kaili.Version, zone.ID)
		if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.Contains(err.Error(), "下级单位") {
			t.Fatalf("cycle move: %v", err)
		}
		_, err = s.MoveUnit(ctx, kaili.ID, kaili.Version, kaili.ID)
		if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Fatalf("move under itself: %v", err)
		}
	})
}

func TestAUnitWithRecordsIsDeactivatedNeverDeleted(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sys()
		s, tree := seededOrg(t, db)
		kaili := tree.ByCode("522601")
		zone, err := s.CreateUnit(ctx, zhaoshang.OrgUnitInput{Code: "Z1", Name: "园区", Kind: zhaoshang.OrgZone, ParentID: kaili.ID})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteUnit(ctx, kaili.ID, kaili.Version); zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "只能停用") {
			t.Fatalf("delete with child: %v", err)
		}
		if _, err := s.SetUnitActive(ctx, kaili.ID, kaili.Version, false); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Fatalf("deactivate with active child: %v", err)
		}
		zone, err = s.SetUnitActive(ctx, zone.ID, zone.Version, false)
		if err != nil || zone.Active {
			t.Fatalf("deactivate zone: %v %+v", err, zone)
		}
		if _, err := s.CreateUnit(ctx, zhaoshang.OrgUnitInput{Code: "Z2", Name: "x", Kind: zhaoshang.OrgZone, ParentID: zone.ID}); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Fatalf("child under inactive: %v", err)
		}
		if err := s.DeleteUnit(ctx, zone.ID, zone.Version); err != nil {
			t.Fatalf("delete a unit created by mistake: %v", err)
		}
	})
}

func TestAStaleVersionIsRefusedNamingWhoChangedTheUnit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, tree := seededOrg(t, db)
		kaili := tree.ByCode("522601")
		ctx := zhaoshang.WithPrincipal(context.Background(), &zhaoshang.Principal{UserID: 7, Username: "张三", System: true})
		if _, err := s.UpdateUnit(ctx, kaili.ID, kaili.Version, zhaoshang.OrgUnitInput{Code: "522601", Name: "凯里市（改）", Kind: zhaoshang.OrgCounty}); err != nil {
			t.Fatal(err)
		}
		_, err := s.UpdateUnit(sys(), kaili.ID, kaili.Version, zhaoshang.OrgUnitInput{Code: "522601", Name: "凯里", Kind: zhaoshang.OrgCounty})
		if zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "张三") {
			t.Fatalf("stale update: %v", err)
		}
	})
}

func TestEveryOrgChangeIsInTheAuditChain(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := sys()
		s, tree := seededOrg(t, db)
		kaili := tree.ByCode("522601")
		if _, err := s.UpdateUnit(ctx, kaili.ID, kaili.Version, zhaoshang.OrgUnitInput{Code: "522601", Name: "凯里", Kind: zhaoshang.OrgCounty}); err != nil {
			t.Fatal(err)
		}
		a := sqldb.NewAuditService(db)
		entries, total, err := a.FindAudit(ctx, zhaoshang.AuditFilter{Entity: "org_unit"})
		if err != nil || total != 2 {
			t.Fatalf("audit: %d entries, %v", total, err)
		}
		if e := entries[0]; e.Action != zhaoshang.ActUpdate || !strings.Contains(string(e.Before), "凯里市") || !strings.Contains(string(e.After), "凯里") {
			t.Errorf("newest entry = %+v", e)
		}
		if n, err := a.VerifyAudit(ctx); err != nil || n != 2 {
			t.Fatalf("verify: %d %v", n, err)
		}
	})
}

// sys is a context acting as the program itself.
func sys() context.Context { return zhaoshang.SystemContext(context.Background()) }
