package sqldb_test

import (
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

func TestAFindingIsFoundOnSaveExplainedAndMarkedFixedWhenTheDataAreCorrected(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		qs := sqldb.NewQualityService(db)
		f.add(t, proj{"K1", kaili, "广东某某集团有限公司", false, false, true, 100, day(2021, 1, 10), none, none})
		f.receipt(t, "K1", ym(2021, 2), 60, outProv)
		if list, _, _ := qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q103"}); len(list) != 0 {
			t.Fatalf("60 of 100万元 flagged: %v", list[0].Message)
		}
		r := f.receipt(t, "K1", ym(2021, 3), 50, outProv) // 110 of 100万元: found on save
		list, _, err := qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q103"})
		if err != nil || len(list) != 1 || list[0].Status != zhaoshang.FindingOpen || list[0].ProjectCode != "K1" ||
			!strings.Contains(list[0].Message, "累计到位资金110.00万元，超过合同约定投资额100.00万元") {
			t.Fatalf("on save: %v %v", list, err)
		}
		x := list[0]
		if _, err := qs.Explain(f.kaili, x.ID, x.Version, "  "); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Errorf("an empty explanation: %v", err)
		}
		if _, err := qs.Explain(f.hp, x.ID, x.Version, "黄平县说明"); zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			t.Errorf("another county explains: %v", err)
		}
		ex, err := qs.Explain(f.kaili, x.ID, x.Version, "合同已增资至120万元，补充协议待上传")
		if err != nil || ex.Status != zhaoshang.FindingExplained {
			t.Fatalf("explain: %v", err)
		}
		if _, err := qs.Reopen(f.kaili, ex.ID, ex.Version, "不认可"); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("the county sends its own explanation back: %v", err)
		}
		// found again on the next save: the explanation stays
		f.receipt(t, "K1", ym(2021, 4), 1, outProv)
		list, _, _ = qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q103"})
		if len(list) != 1 || list[0].Status != zhaoshang.FindingExplained || !strings.Contains(list[0].Explanation, "补充协议") {
			t.Errorf("after another save: %+v", list)
		}
		// corrected: the finding is fixed
		if err := f.projects.VoidReceipt(f.kaili, r.ID, r.Version, "金额重复"); err != nil {
			t.Fatal(err)
		}
		list, _, _ = qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q103"})
		if len(list) != 1 || list[0].Status != zhaoshang.FindingFixed {
			t.Errorf("after the correction: %+v", list[0])
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "quality_finding"})
		if len(entries) != 1 || !strings.Contains(string(entries[0].After), "补充协议") {
			t.Errorf("the explanation's trail: %d entries", len(entries))
		}
	})
}

func TestTheBureauSendsAnExplanationBackAndRunsEveryRuleOverEverything(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		qs := sqldb.NewQualityService(db)
		f.add(t, proj{"K1", kaili, "广东某某集团有限公司", false, false, true, 100000, day(2021, 1, 10), none, none})
		// eleven quiet months and a December of 100 times as much: a year-end spike, found by the full run only
		for m := 1; m <= 11; m++ {
			f.receipt(t, "K1", ym(2021, m), 10, outProv)
		}
		f.receipt(t, "K1", ym(2021, 12), 1000, outProv)
		if list, _, _ := qs.Findings(sys(), zhaoshang.FindingFilter{Rule: "Q107"}); len(list) != 0 {
			t.Fatal("a county statistic found on save")
		}
		if _, err := qs.RunChecks(f.kaili); zhaoshang.ErrorCode(err) != zhaoshang.EForbidden {
			t.Errorf("a county clerk runs the checks over everything: %v", err)
		}
		run, err := qs.RunChecks(sys())
		if err != nil || run.New < 1 || run.Projects != 1 || run.Receipts != 12 {
			t.Fatalf("run: %+v %v", run, err)
		}
		list, _, _ := qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q107"})
		if len(list) != 1 || !strings.Contains(list[0].Message, "年末") || list[0].Month != ym(2021, 12) {
			t.Fatalf("the spike: %+v", list)
		}
		ex, err := qs.Explain(f.kaili, list[0].ID, list[0].Version, "年底集中拨付")
		if err != nil {
			t.Fatal(err)
		}
		back, err := qs.Reopen(sys(), ex.ID, ex.Version, "请附拨付凭证")
		if err != nil || back.Status != zhaoshang.FindingOpen || !strings.Contains(back.Explanation, "请附拨付凭证") {
			t.Errorf("sent back: %+v %v", back, err)
		}
		// a second run finds nothing new and keeps the status
		run, _ = qs.RunChecks(sys())
		if run.New != 0 || run.Fixed != 0 {
			t.Errorf("second run: %+v", run)
		}
		counts, err := qs.Counts(f.kaili, 2021)
		if err != nil || len(counts) == 0 || counts[0].OrgUnitID != f.tree.ByCode(kaili).ID {
			t.Errorf("counts: %+v %v", counts, err)
		}
		if list, _, _ := qs.Findings(f.hp, zhaoshang.FindingFilter{}); len(list) != 0 {
			t.Errorf("黄平县 sees 凯里市's findings: %d", len(list))
		}
		entries, _, _ := sqldb.NewAuditService(db).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "quality"})
		if len(entries) != 2 || !strings.Contains(entries[0].Note, "数据质量检查") {
			t.Errorf("the runs' trail: %d", len(entries))
		}
	})
}

func TestASuspectedDuplicateAcrossCountiesIsFoundWhicheverSideIsSavedLast(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		qs := sqldb.NewQualityService(db)
		f.add(t, proj{"K1", kaili, "广东某某集团有限公司", false, false, true, 30000, day(2021, 1, 10), none, none})
		in := f.input("H1", hp)
		in.Name, in.Investor, in.ContractInvestment, in.Key = "项目K1", "广东某某集团有限公司", 30500*zhaoshang.Wan, false
		if _, err := f.projects.CreateProject(f.hp, in); err != nil {
			t.Fatal(err)
		}
		list, _, _ := qs.Findings(sys(), zhaoshang.FindingFilter{Rule: "Q106"})
		if len(list) != 1 || !strings.Contains(list[0].Message, "凯里市") || !strings.Contains(list[0].Message, "黄平县") {
			t.Fatalf("duplicate: %+v", list)
		}
		// a bigger key project with a local investor and a real-estate industry misses the criteria
		key := f.input("K2", kaili)
		key.InvestorRegion, key.Industry, key.ContractInvestment = "贵州省黔东南州凯里市", "房地产开发", 1000*zhaoshang.Wan
		if _, err := f.projects.CreateProject(f.kaili, key); err != nil {
			t.Fatal(err)
		}
		list, _, _ = qs.Findings(f.kaili, zhaoshang.FindingFilter{Rule: "Q105"})
		if len(list) != 1 || !strings.Contains(list[0].Message, "房地产") {
			t.Fatalf("key criteria: %+v", list)
		}
	})
}
