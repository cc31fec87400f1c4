package zhaoshang_test

import (
	"testing"

	"zhaoshang"
)

var findingStatuses = []zhaoshang.FindingStatus{zhaoshang.FindingOpen, zhaoshang.FindingExplained, zhaoshang.FindingFixed}

var findingActions = []zhaoshang.FindingAction{zhaoshang.FindingExplain, zhaoshang.FindingSendBack, zhaoshang.FindingFoundAgain, zhaoshang.FindingGone}

// TestTheFindingStateMachineAllowsExactlyTheseSteps lists every action
// from every status: what is not listed is refused with a message.
func TestTheFindingStateMachineAllowsExactlyTheseSteps(t *testing.T) {
	open, explained, fixed := zhaoshang.FindingOpen, zhaoshang.FindingExplained, zhaoshang.FindingFixed
	allowed := map[zhaoshang.FindingStatus]map[zhaoshang.FindingAction]zhaoshang.FindingStatus{
		open:      {zhaoshang.FindingExplain: explained, zhaoshang.FindingFoundAgain: open, zhaoshang.FindingGone: fixed},
		explained: {zhaoshang.FindingSendBack: open, zhaoshang.FindingFoundAgain: explained, zhaoshang.FindingGone: fixed},
		fixed:     {zhaoshang.FindingFoundAgain: open, zhaoshang.FindingGone: fixed},
	}
	for _, s := range findingStatuses {
		for _, a := range findingActions {
			got, err := zhaoshang.NextFinding(s, a)
			want, ok := allowed[s][a]
			switch {
			case ok && (err != nil || got != want):
				t.Errorf("%s + %s: %s, %v; want %s", s, a, got, err, want)
			case !ok && err == nil:
				t.Errorf("%s + %s is allowed (→ %s)", s, a, got)
			case !ok && (zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || zhaoshang.AsError(err).Message == "" || got != s):
				t.Errorf("%s + %s refused without a clear message or changed the status: %s, %v", s, a, got, err)
			}
			if s.Allows(a) != ok {
				t.Errorf("%s allows %s: %v", s, a, s.Allows(a))
			}
		}
	}
	if _, err := zhaoshang.NextFinding(zhaoshang.FindingOpen, "delete"); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
		t.Errorf("an unknown action: %v", err)
	}
}

// TestAnExplanationIsTheCountysAndSendingItBackTheBureausWhileRunsNeedNoPermission:
// the county explains (project:edit), the bureau sends back
// (review:approve); the runs of the checks follow the records.
func TestAnExplanationIsTheCountysAndSendingItBackTheBureausWhileRunsNeedNoPermission(t *testing.T) {
	for a, perm := range map[zhaoshang.FindingAction]string{
		zhaoshang.FindingExplain: zhaoshang.PermProjectEdit, zhaoshang.FindingSendBack: zhaoshang.PermReviewApprove,
		zhaoshang.FindingFoundAgain: "", zhaoshang.FindingGone: "",
	} {
		if a.Permission() != perm {
			t.Errorf("%s needs %q, want %q", a, a.Permission(), perm)
		}
	}
}

func TestAPersonMayTakeAFindingStepWhenItAppliesToItsStatusAndTheyHoldItsPermission(t *testing.T) {
	tree := zhaoshang.NewOrgTree([]*zhaoshang.OrgUnit{{ID: 1, Code: "522600", Name: "黔东南州", Kind: zhaoshang.OrgPrefecture, Active: true}})
	who := func(perms ...string) *zhaoshang.Principal {
		return zhaoshang.NewPrincipal(&zhaoshang.User{ID: 9, OrgUnitID: 1}, []*zhaoshang.Role{{Permissions: perms, Scope: zhaoshang.ScopeAll}}, tree)
	}
	clerk, bureau := who(zhaoshang.PermProjectView, zhaoshang.PermProjectEdit), who(zhaoshang.PermProjectView, zhaoshang.PermReviewApprove)
	if !clerk.MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingOpen}, zhaoshang.FindingExplain) ||
		clerk.MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingExplained}, zhaoshang.FindingSendBack) ||
		!bureau.MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingExplained}, zhaoshang.FindingSendBack) ||
		bureau.MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingOpen}, zhaoshang.FindingExplain) ||
		zhaoshang.SystemPrincipal.MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingFixed}, zhaoshang.FindingGone) ||
		(*zhaoshang.Principal)(nil).MayStepFinding(&zhaoshang.Finding{Status: zhaoshang.FindingOpen}, zhaoshang.FindingExplain) {
		t.Error("the county explains, the bureau sends back, nobody takes a run's step by hand, and nobody signed out does anything")
	}
}
