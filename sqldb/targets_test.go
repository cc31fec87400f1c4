package sqldb_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func (f *ledgerFixture) target(row, year int, unit, ind, value string) zhaoshang.TargetInput {
	return zhaoshang.TargetInput{Row: row, Year: year, OrgUnitID: f.tree.ByCode(unit).ID, Indicator: ind, Value: value}
}

func TestATargetsImportIsAllOrNothingAndADryRunWritesNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		targets := sqldb.NewTargetService(db)
		good := []zhaoshang.TargetInput{
			f.target(2, 2021, pref, "new_key_projects", "450"),
			f.target(3, 2021, pref, "新增到位资金", "6,000,000"), // 万元: 600亿
			f.target(4, 2021, kaili, "新引进重点产业项目个数", "100"),
			f.target(5, 2021, hp, "key_funds_in_place", "12345.6789"),
		}
		bad := append(slices.Clone(good),
			f.target(6, 2021, kaili, "start_rate", "85"),              // a rate
			f.target(7, 2021, kaili, "新引进项目", "3"),                    // no such indicator
			f.target(8, 2021, kaili, "new_strong_enterprises", "2.5"), // not a whole count
			f.target(9, 2021, "522600-BM01", "new_key_projects", "1"), // a department
			f.target(10, 2021, kaili, "NEW_KEY_PROJECTS", "120"),      // row 4 again, by its code
			f.target(11, 2021, kaili, "funds_in_place", "-1"),
		)
		_, err := targets.ImportTargets(sys(), bad, "bad", false)
		ir, ok := err.(*zhaoshang.ImportRefused)
		if !ok {
			t.Fatalf("a file with wrong rows: %v", err)
		}
		var rows []int
		for _, p := range ir.Problems {
			rows = append(rows, p.Row)
		}
		if !slices.Equal(rows, []int{6, 7, 8, 9, 10, 11}) {
			t.Errorf("problems on rows %v:\n%v", rows, ir)
		}
		for _, want := range []string{"“开工率”是比率指标", "未知指标“新引进项目”", "应为整数", "“州投资促进局”不是州（市）或县（市）", "与第4行重复", "不能为负数"} {
			if !strings.Contains(ir.Error(), want) {
				t.Errorf("the refusal does not say %q:\n%v", want, ir)
			}
		}
		if ir.Problems[0].Column != "指标" || ir.Problems[3].Column != "单位" || ir.Problems[5].Column != "目标值" || ir.Problems[5].Value != "-1" {
			t.Errorf("columns: %+v", ir.Problems)
		}
		if list, _ := targets.Targets(sys(), 2021); len(list) != 0 {
			t.Fatalf("a refused file wrote %d targets", len(list))
		}
		res, err := targets.ImportTargets(sys(), good, "dry", true)
		if err != nil || res.Created != 4 {
			t.Fatalf("dry run: %+v %v", res, err)
		}
		if list, _ := targets.Targets(sys(), 2021); len(list) != 0 {
			t.Fatalf("a dry run wrote %d targets", len(list))
		}
		res, err = targets.ImportTargets(sys(), good, "abc123", false)
		if err != nil || res.Created != 4 || res.SHA256 != "abc123" {
			t.Fatalf("import: %+v %v", res, err)
		}
		list, err := targets.Targets(sys(), 2021)
		if err != nil || len(list) != 4 {
			t.Fatalf("%d targets, %v", len(list), err)
		}
		got := map[string]int64{}
		for _, x := range list {
			got[f.tree.ByID(x.OrgUnitID).Code+" "+x.Indicator] = x.Value
		}
		want := map[string]int64{pref + " new_key_projects": 450, pref + " funds_in_place": int64(600 * zhaoshang.Yi),
			kaili + " new_key_projects": 100, hp + " key_funds_in_place": 123456789}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("stored %v", got)
		}
		// export, import again: nothing changes; the export names indicators in Chinese and money in 万元
		rowsOut, err := targets.ExportTargets(sys(), 2021)
		if err != nil || len(rowsOut) != 4 {
			t.Fatalf("export: %v %v", rowsOut, err)
		}
		if r := rowsOut[1]; r.Indicator != "新增到位资金" || r.Value != "6000000" {
			t.Errorf("export row %+v", r)
		}
		res, err = targets.ImportTargets(sys(), rowsOut, "again", false)
		if err != nil || res.Unchanged != 4 || res.Created+res.Updated != 0 {
			t.Errorf("re-import of the export: %+v %v", res, err)
		}
		changed := []zhaoshang.TargetInput{f.target(2, 2021, pref, "new_key_projects", "460")}
		if res, err := targets.ImportTargets(sys(), changed, "c", false); err != nil || res.Updated != 1 {
			t.Errorf("a changed target: %+v %v", res, err)
		}
		// a county no longer in use keeps its targets but takes no new or changed one
		u := f.tree.ByCode(hp)
		if _, err := sqldb.NewOrgService(db).SetUnitActive(sys(), u.ID, u.Version, false); err != nil {
			t.Fatal(err)
		}
		rowsOut, _ = targets.ExportTargets(sys(), 0)
		if res, err := targets.ImportTargets(sys(), rowsOut, "again", false); err != nil || res.Unchanged != 4 {
			t.Errorf("re-import with a county out of use: %+v %v", res, err)
		}
		changed = []zhaoshang.TargetInput{f.target(2, 2021, hp, "key_funds_in_place", "1"), f.target(3, 2021, hp, "new_key_projects", "1")}
		if _, err := targets.ImportTargets(sys(), changed, "d", false); err == nil || !strings.Contains(err.Error(), "第2行【单位】“黄平县”：“黄平县”已停用") || !strings.Contains(err.Error(), "第3行") {
			t.Errorf("targets for a county out of use: %v", err)
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "target_ledger", Action: zhaoshang.ActImport})
		if len(entries) != 4 || !strings.Contains(string(entries[len(entries)-1].After), `"sha256":"abc123"`) {
			t.Errorf("%d import entries", len(entries))
		}
		entries, _, _ = sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "target", Action: zhaoshang.ActUpdate})
		if len(entries) != 1 || !strings.Contains(string(entries[0].Before), `"value":450`) || !strings.Contains(string(entries[0].After), `"value":460`) {
			t.Errorf("the change of a target in the trail: %d entries", len(entries))
		}
	})
}

func TestADecompositionSumsTheCountiesTargetsAndShowsTheGap(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		targets := sqldb.NewTargetService(db)
		if _, err := targets.ImportTargets(sys(), []zhaoshang.TargetInput{
			f.target(2, 2021, pref, "new_key_projects", "450"),
			f.target(3, 2021, kaili, "new_key_projects", "100"),
			f.target(4, 2021, hp, "new_key_projects", "80"),
			f.target(5, 2021, "522636", "new_key_projects", "20"),
			f.target(6, 2020, kaili, "new_key_projects", "999"), // another year
			f.target(7, 2021, kaili, "funds_in_place", "999"),   // another indicator
			f.target(8, 2021, kaili, "key_funds_in_place", "50000"),
			f.target(9, 2021, hp, "key_funds_in_place", "0.5"),
		}, "x", false); err != nil {
			t.Fatal(err)
		}
		d, err := targets.Decomposition(sys(), 2021, "新引进重点产业项目个数", 0)
		if err != nil {
			t.Fatal(err)
		}
		if d.Indicator != "new_key_projects" || d.OrgUnitID != f.tree.ByCode(pref).ID || *d.Target != 450 || d.Sum != 200 || *d.Gap != 250 {
			t.Errorf("decomposition %+v", d)
		}
		if len(d.Parts) != 16 || d.Parts[0].Name != "凯里市" || *d.Parts[0].Target != 100 || d.Parts[2].Target != nil || *d.Parts[15].Target != 20 {
			t.Errorf("%d parts: %+v", len(d.Parts), d.Parts)
		}
		// without a target of its own: the sum, no gap
		d, err = targets.Decomposition(sys(), 2021, "key_funds_in_place", f.tree.ByCode(pref).ID)
		if err != nil || d.Target != nil || d.Gap != nil || d.Sum != int64(50000*zhaoshang.Wan+5000) {
			t.Errorf("money: %+v %v", d, err)
		}
		// over-assigned: a negative gap
		if _, err := targets.SetTarget(sys(), f.target(0, 2021, pref, "key_funds_in_place", "40000"), 0); err != nil {
			t.Fatal(err)
		}
		if d, _ = targets.Decomposition(sys(), 2021, "key_funds_in_place", 0); *d.Gap != -(10000*int64(zhaoshang.Wan) + 5000) {
			t.Errorf("over-assigned gap %d", *d.Gap)
		}
		if _, err := targets.Decomposition(sys(), 2021, "start_rate", 0); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Errorf("a rate's decomposition: %v", err)
		}
		if _, err := targets.Decomposition(f.kaili, 2021, "new_key_projects", 0); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("a county clerk reading the prefecture's decomposition: %v", err)
		}
		years, err := targets.TargetYears(sys())
		if err != nil || !slices.Equal(years, []int{2021, 2020}) {
			t.Errorf("years %v %v", years, err)
		}
	})
}

func TestATargetIsSetWithItsVersionAuditedAndNeverForARate(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		targets := sqldb.NewTargetService(db)
		in := f.target(0, 2021, kaili, "new_key_projects", "30")
		tg, err := targets.SetTarget(sys(), in, 0)
		if err != nil || tg.Value != 30 || tg.Version != 1 || tg.Indicator != "new_key_projects" {
			t.Fatalf("set: %+v %v", tg, err)
		}
		in.Value = "35"
		if _, err := targets.SetTarget(sys(), in, 0); zhaoshang.ErrorCode(err) != zhaoshang.EConflict {
			t.Errorf("a second new target for the same unit: %v", err)
		}
		tg, err = targets.SetTarget(sys(), in, 1)
		if err != nil || tg.Value != 35 || tg.Version != 2 {
			t.Fatalf("change: %+v %v", tg, err)
		}
		if _, err := targets.SetTarget(sys(), f.target(0, 2021, kaili, "new_key_projects", "36"), 1); zhaoshang.ErrorCode(err) != zhaoshang.EConflict || !strings.Contains(err.Error(), "system") {
			t.Errorf("a stale version: %v", err)
		}
		if same, err := targets.SetTarget(sys(), in, 2); err != nil || same.Version != 2 {
			t.Errorf("setting the same value: %+v %v", same, err)
		}
		for _, rate := range []string{"start_rate", "开工率", "production_rate", "工业项目到位资金占比"} {
			if _, err := targets.SetTarget(sys(), f.target(0, 2021, kaili, rate, "80"), 0); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.Contains(err.Error(), "比率指标") {
				t.Errorf("a target for %s: %v", rate, err)
			}
		}
		// a county clerk reads the own county's targets only, and sets none
		if _, err := targets.SetTarget(sys(), f.target(0, 2021, hp, "new_key_projects", "20"), 0); err != nil {
			t.Fatal(err)
		}
		if _, err := targets.SetTarget(f.kaili, f.target(0, 2021, kaili, "funds_in_place", "20"), 0); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a clerk setting a target: %v", err)
		}
		list, err := targets.Targets(f.kaili, 2021)
		if err != nil || len(list) != 1 || list[0].OrgUnitID != f.tree.ByCode(kaili).ID {
			t.Errorf("the clerk's targets: %v %v", list, err)
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "target"})
		if len(entries) != 3 {
			t.Errorf("%d target entries in the trail, want 3 (create, change, create)", len(entries))
		}
	})
}
