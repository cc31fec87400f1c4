package zhaoshang_test

import (
	"slices"
	"testing"

	"zhaoshang"
)

// TestAProjectStandsAtTheStageOfItsLatestStageDateWhateverEarlierDatesItLacks:
// a project signed in March that entered production in May without a
// start date is 投产, not 签约 or 开工.
func TestAProjectStandsAtTheStageOfItsLatestStageDateWhateverEarlierDatesItLacks(t *testing.T) {
	d := zhaoshang.NewDate
	var none zhaoshang.Date
	for _, c := range []struct {
		signed, started, producing, effective zhaoshang.Date
		want                                  zhaoshang.Stage
	}{
		{none, none, none, none, zhaoshang.StageIntention},
		{d(2021, 3, 1), none, none, none, zhaoshang.StageSigned},
		{d(2021, 3, 1), d(2021, 4, 1), none, none, zhaoshang.StageStarted},
		{d(2021, 3, 1), none, d(2021, 5, 1), none, zhaoshang.StageProducing},
		{d(2021, 3, 1), d(2021, 4, 1), d(2021, 5, 1), none, zhaoshang.StageProducing},
		{d(2021, 3, 1), none, none, d(2021, 6, 1), zhaoshang.StageEffective},
		{d(2021, 3, 1), d(2021, 4, 1), d(2021, 5, 1), d(2021, 6, 1), zhaoshang.StageEffective},
	} {
		p := &zhaoshang.Project{SignedOn: c.signed, StartedOn: c.started, ProducingOn: c.producing, EffectiveOn: c.effective}
		if got := p.Stage(); got != c.want {
			t.Errorf("signed %s, started %s, producing %s, effective %s: %s, want %s", c.signed, c.started, c.producing, c.effective, got, c.want)
		}
	}
}

// TestEveryCombinationOfStageDatesMatchesTheRuleOfExactlyOneStageTheOneStageSays
// walks all sixteen combinations of the four dates: exactly one stage's
// rule holds, and it is the stage Project.Stage gives.
func TestEveryCombinationOfStageDatesMatchesTheRuleOfExactlyOneStageTheOneStageSays(t *testing.T) {
	for mask := 0; mask < 16; mask++ {
		var p zhaoshang.Project
		for i, f := range []*zhaoshang.Date{&p.SignedOn, &p.StartedOn, &p.ProducingOn, &p.EffectiveOn} {
			if mask&(1<<i) != 0 {
				*f = zhaoshang.NewDate(2021, 3+i, 1)
			}
		}
		var holding []zhaoshang.Stage
		for _, s := range zhaoshang.Stages() {
			r, ok := zhaoshang.StageRuleOf(s)
			if !ok || r.Stage != s {
				t.Fatalf("no rule of %s", s)
			}
			if r.Holds(&p) {
				holding = append(holding, s)
			}
		}
		if len(holding) != 1 || holding[0] != p.Stage() {
			t.Errorf("dates %04b: the rules of %v hold; Stage says %s", mask, holding, p.Stage())
		}
	}
}

func TestTheRuleOfAStageAsksForItsOwnDateAndNoLaterOne(t *testing.T) {
	for i, s := range zhaoshang.Stages() {
		r, _ := zhaoshang.StageRuleOf(s)
		wantHas := s
		if s == zhaoshang.StageIntention {
			wantHas = ""
		}
		if r.Has != wantHas || !slices.Equal(r.Lacks, zhaoshang.Stages()[i+1:]) {
			t.Errorf("%s: has %q, lacks %v", s, r.Has, r.Lacks)
		}
	}
	if _, ok := zhaoshang.StageRuleOf("已撤销"); ok {
		t.Error("an unknown stage has a rule")
	}
}

func TestOnlyALiveProjectIsEditableAndOnlyByWhoeverHoldsProjectEdit(t *testing.T) {
	tree := zhaoshang.NewOrgTree([]*zhaoshang.OrgUnit{{ID: 1, Code: "522600", Name: "黔东南州", Kind: zhaoshang.OrgPrefecture, Active: true},
		{ID: 2, Code: "522601", Name: "凯里市", Kind: zhaoshang.OrgCounty, ParentID: 1, Active: true}})
	who := func(perms ...string) *zhaoshang.Principal {
		return zhaoshang.NewPrincipal(&zhaoshang.User{ID: 9, OrgUnitID: 2}, []*zhaoshang.Role{{Permissions: perms, Scope: zhaoshang.ScopeUnit}}, tree)
	}
	clerk, viewer := who(zhaoshang.PermProjectView, zhaoshang.PermProjectEdit), who(zhaoshang.PermProjectView)
	live, voided := &zhaoshang.Project{OrgUnitID: 2}, &zhaoshang.Project{OrgUnitID: 2, Voided: true}
	for _, c := range []struct {
		name string
		p    *zhaoshang.Principal
		pr   *zhaoshang.Project
		want bool
	}{
		{"a clerk, a live project", clerk, live, true},
		{"a clerk, a voided project", clerk, voided, false},
		{"a viewer, a live project", viewer, live, false},
		{"the system, a live project", zhaoshang.SystemPrincipal, live, true},
		{"the system, a voided project", zhaoshang.SystemPrincipal, voided, false},
		{"nobody", nil, live, false},
	} {
		if got := c.p.MayEditProject(c.pr); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
