package sqldb_test

import (
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func TestAYearWithoutItsOwnSchemeIsScoredByTheDefaultAndASavedOneIsKeptAndAudited(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		schemes := sqldb.NewSchemeService(db)
		cur, err := schemes.Scheme(sys(), 2022)
		if err != nil || cur.Stored || cur.Version != 0 || len(cur.Scheme.Items) != len(zhaoshang.DefaultScheme(2022).Items) {
			t.Fatalf("a year without a scheme: %+v %v", cur, err)
		}
		sc := zhaoshang.DefaultScheme(2022)
		sc.Items[0].Weight, sc.Items[1].Weight = 30, 10
		sc.Bonus = []zhaoshang.Adjustment{{Name: "招商引资工作获省级表彰", Points: 2, Counties: []string{"522601"}}}
		saved, err := schemes.SetScheme(sys(), sc, 0)
		if err != nil || !saved.Stored || saved.Version != 1 {
			t.Fatalf("save: %+v %v", saved, err)
		}
		got, _ := schemes.Scheme(f.kaili, 2022)
		if got.Scheme.Items[0].Weight != 30 || len(got.Scheme.Bonus) != 1 || got.Scheme.Bonus[0].Counties[0] != "522601" {
			t.Errorf("read back: %+v", got.Scheme)
		}
		if other, _ := schemes.Scheme(sys(), 2021); other.Stored {
			t.Error("saving 2022 stored a scheme for 2021")
		}
		entries, _, err := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "scheme"})
		if err != nil || len(entries) != 1 || entries[0].EntityID != "2022" {
			t.Errorf("audit: %d entries, %v", len(entries), err)
		}
		// saving over a version read before someone else's save is refused
		sc.Items[0].Weight, sc.Items[1].Weight = 25, 15
		if _, err := schemes.SetScheme(sys(), sc, 0); zhaoshang.ErrorCode(err) != zhaoshang.EConflict {
			t.Errorf("a stale save: %v", err)
		}
		if _, err := schemes.SetScheme(sys(), sc, 1); err != nil {
			t.Errorf("a save at the current version: %v", err)
		}
	})
}

func TestABadSchemeOrOneNamingANonCountyIsRefusedAndChangesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		schemes := sqldb.NewSchemeService(db)
		sc := zhaoshang.DefaultScheme(2022)
		sc.Items[0].Weight = 40 // sums to 115
		if _, err := schemes.SetScheme(sys(), sc, 0); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.Contains(err.Error(), "合计须为100分") {
			t.Errorf("weights not adding up to 100: %v", err)
		}
		sc = zhaoshang.DefaultScheme(2022)
		sc.Penalty = []zhaoshang.Adjustment{{Name: "统计数据造假", Points: 5, Counties: []string{"522600"}}}
		if _, err := schemes.SetScheme(sys(), sc, 0); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.Contains(err.Error(), "不是县（市）") {
			t.Errorf("a penalty on the prefecture: %v", err)
		}
		if _, err := schemes.SetScheme(f.kaili, zhaoshang.DefaultScheme(2022), 0); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a county clerk sets the scheme: %v", err)
		}
		if cur, _ := schemes.Scheme(sys(), 2022); cur.Stored {
			t.Error("a refused scheme was stored")
		}
	})
}
