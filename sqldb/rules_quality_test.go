package sqldb_test

import (
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// TestTheServiceMovesAFindingExactlyAsTheDomainsStateMachineSays walks one
// finding through every status and tries each person's action in each:
// the service takes it exactly when zhaoshang.NextFinding allows it,
// refuses it with the domain's message otherwise, and the runs on save
// (found again, no longer found) land where the domain says.
func TestTheServiceMovesAFindingExactlyAsTheDomainsStateMachineSays(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newStats(t, db)
		qs := sqldb.NewQualityService(db)
		f.add(t, proj{"K1", kaili, "广东某某集团有限公司", false, false, true, 100, day(2021, 1, 10), none, none})
		over := f.receipt(t, "K1", ym(2021, 2), 150, outProv) // 150 of 100万元: Q103
		finding := func() *zhaoshang.Finding {
			t.Helper()
			list, _, err := qs.Findings(sys(), zhaoshang.FindingFilter{Rule: "Q103"})
			if err != nil || len(list) != 1 {
				t.Fatalf("Q103: %d findings, %v", len(list), err)
			}
			return list[0]
		}
		expect := func(when string, from zhaoshang.FindingStatus, a zhaoshang.FindingAction) {
			t.Helper()
			want, _ := zhaoshang.NextFinding(from, a)
			if got := finding().Status; got != want {
				t.Fatalf("%s: %s, the domain says %s", when, got, want)
			}
		}
		// try takes a person's action on the finding as it stands
		try := func(a zhaoshang.FindingAction) {
			t.Helper()
			x := finding()
			var err error
			switch a {
			case zhaoshang.FindingExplain:
				_, err = qs.Explain(f.kaili, x.ID, x.Version, "合同已增资")
			case zhaoshang.FindingSendBack:
				_, err = qs.Reopen(sys(), x.ID, x.Version, "请上传补充协议")
			}
			_, want := zhaoshang.NextFinding(x.Status, a)
			switch {
			case (err == nil) != (want == nil):
				t.Fatalf("%s on a %s finding: %v, the domain says %v", a, x.Status, err, want)
			case err != nil && err.Error() != want.Error():
				t.Fatalf("%s on a %s finding refused with %q, the domain says %q", a, x.Status, err, want)
			}
			expect(string(a), x.Status, a)
		}
		try(zhaoshang.FindingSendBack) // open
		try(zhaoshang.FindingExplain)
		try(zhaoshang.FindingExplain) // explained
		try(zhaoshang.FindingSendBack)
		try(zhaoshang.FindingExplain)
		f.receipt(t, "K1", ym(2021, 3), 1, outProv) // still over: found again, the explanation stays
		expect("found again while explained", zhaoshang.FindingExplained, zhaoshang.FindingFoundAgain)
		if err := f.projects.VoidReceipt(sys(), over.ID, over.Version, "金额有误"); err != nil {
			t.Fatal(err)
		}
		expect("corrected", zhaoshang.FindingExplained, zhaoshang.FindingGone)
		try(zhaoshang.FindingExplain) // fixed
		try(zhaoshang.FindingSendBack)
		f.receipt(t, "K1", ym(2021, 4), 120, outProv) // over again
		expect("found again once fixed", zhaoshang.FindingFixed, zhaoshang.FindingFoundAgain)
	})
}
