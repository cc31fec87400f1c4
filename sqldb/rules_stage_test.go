package sqldb_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// stageLists lists the codes of the live projects under each stage filter.
func stageLists(t *testing.T, ps *sqldb.ProjectService) map[zhaoshang.Stage][]string {
	t.Helper()
	out := map[zhaoshang.Stage][]string{}
	for _, s := range zhaoshang.Stages() {
		list, tot, err := ps.Projects(sys(), zhaoshang.ProjectFilter{Stage: s, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if tot.Count != len(list) {
			t.Fatalf("%s: %d listed, %d counted", s, len(list), tot.Count)
		}
		for _, p := range list {
			out[s] = append(out[s], p.Code)
		}
		slices.Sort(out[s])
	}
	return out
}

func TestAProjectSignedInMarchAndProducingInMayWithoutAStartDateIsListedUnderProducingOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		in := f.input("K1", "522601")
		in.SignedOn, in.ProducingOn = day(2021, 3, 10), day(2021, 5, 20)
		p, err := f.projects.CreateProject(sys(), in)
		if err != nil {
			t.Fatal(err)
		}
		if p.Stage() != zhaoshang.StageProducing {
			t.Fatalf("the project is %s", p.Stage())
		}
		for s, codes := range stageLists(t, f.projects) {
			if listed := slices.Contains(codes, "K1"); listed != (s == zhaoshang.StageProducing) {
				t.Errorf("listed under %s: %v", s, listed)
			}
		}
	})
}

// TestPropertyTheStageFilterSelectsExactlyTheProjectsWhoseStageIsThatStage
// stores random projects, each with a random subset of the four stage
// dates (in order), some voided, and checks that the list filtered by
// each stage holds exactly the live projects that Project.Stage puts there.
func TestPropertyTheStageFilterSelectsExactlyTheProjectsWhoseStageIsThatStage(t *testing.T) {
	for _, seed := range []uint64{1, 20210310, 522601} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
				f := newLedger(t, db)
				ctx := context.Background()
				now := time.Now().UTC().Truncate(time.Second)
				insertRows(t, db, "enterprises", []string{"name", "norm_name", "tags", "created_at", "updated_at"}, [][]any{{"投资者", "投资者", "[]", now, now}})
				var ent int64
				if err := db.QueryRowRaw(ctx, "SELECT id FROM enterprises", &ent); err != nil {
					t.Fatal(err)
				}
				rng := rand.New(rand.NewPCG(seed, 4))
				want := map[zhaoshang.Stage][]string{}
				var rows [][]any
				for i := 0; i < 240; i++ {
					p := zhaoshang.Project{Code: fmt.Sprintf("S%03d", i), Voided: rng.IntN(8) == 0}
					d := day(2019, 1, 1).Time().AddDate(0, 0, rng.IntN(700))
					for _, date := range []*zhaoshang.Date{&p.SignedOn, &p.StartedOn, &p.ProducingOn, &p.EffectiveOn} {
						if rng.IntN(2) == 0 {
							*date = zhaoshang.DateOf(d)
						}
						d = d.AddDate(0, 0, rng.IntN(120)) // in order, sometimes on the same day
					}
					if !p.Voided {
						want[p.Stage()] = append(want[p.Stage()], p.Code)
					}
					county := f.tree.ByCode(randCounties[rng.IntN(len(randCounties))]).ID
					rows = append(rows, []any{p.Code, "项目" + p.Code, county, ent, "投资者", string(zhaoshang.AreaIndustry), true, true, 1,
						p.SignedOn, p.StartedOn, p.ProducingOn, p.EffectiveOn, p.Voided, now, now})
				}
				insertRows(t, db, "projects", []string{"code", "name", "org_unit_id", "enterprise_id", "investor_name", "area", "key_industry", "industrial",
					"contract_investment", "signed_on", "started_on", "producing_on", "effective_on", "voided", "created_at", "updated_at"}, rows)
				got := stageLists(t, f.projects)
				for _, s := range zhaoshang.Stages() {
					slices.Sort(want[s])
					if !slices.Equal(got[s], want[s]) {
						t.Errorf("%s: the filter lists %d projects %v,\n Stage() puts %d there %v", s, len(got[s]), got[s], len(want[s]), want[s])
					}
				}
				if n := len(slices.Collect(maps.Keys(want))); n < len(zhaoshang.Stages()) {
					t.Errorf("the random projects reach only %d of the stages", n)
				}
			})
		})
	}
}
