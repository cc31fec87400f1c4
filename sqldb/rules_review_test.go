package sqldb_test

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// TestPropertyCheckOpenRefusesExactlyWhenTheDomainSaysTheMonthIsLocked
// writes random review states for two counties over three years (random
// statuses per month, random by_import flags, months never touched) and
// asks storage's lock check about random touched months, as an approving
// import or not: it refuses exactly when zhaoshang.LockingReviewFor says
// one of them is locked, naming the month that locks it.
func TestPropertyCheckOpenRefusesExactlyWhenTheDomainSaysTheMonthIsLocked(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedger(t, db)
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		counties := []*zhaoshang.OrgUnit{f.tree.ByCode(kaili), f.tree.ByCode(hp)}
		statuses := []zhaoshang.ReviewStatus{zhaoshang.ReviewFilling, zhaoshang.ReviewFilling, zhaoshang.ReviewReturned,
			zhaoshang.ReviewSubmitted, zhaoshang.ReviewApproved, zhaoshang.ReviewApproved}
		rng := rand.New(rand.NewPCG(11, 2021))
		refused, allowed := 0, 0
		for trial := 0; trial < 200; trial++ {
			if err := db.ExecRaw(ctx, "DELETE FROM month_reviews"); err != nil {
				t.Fatal(err)
			}
			reviews := map[int64][]*zhaoshang.MonthReview{}
			var rows [][]any
			sparse := 2 + rng.IntN(6) // one month in sparse has a review row
			for _, c := range counties {
				for m := ym(2020, 1); m.Before(ym(2023, 1)); m = m.Add(1) {
					if rng.IntN(sparse) != 0 {
						continue
					}
					r := &zhaoshang.MonthReview{OrgUnitID: c.ID, Month: m, Status: statuses[rng.IntN(len(statuses))], ByImport: rng.IntN(2) == 0}
					reviews[c.ID] = append(reviews[c.ID], r)
					rows = append(rows, []any{c.ID, m, m.First(), m.Last(), string(r.Status), r.ByImport, now})
				}
			}
			insertRows(t, db, "month_reviews", []string{"org_unit_id", "month", "first_day", "last_day", "status", "by_import", "updated_at"}, rows)
			var touched []sqldb.TouchedMonth
			for k := 1 + rng.IntN(3); k > 0; k-- {
				touched = append(touched, sqldb.TouchedMonth{Org: counties[rng.IntN(2)].ID, Month: ym(2020+rng.IntN(3), 1+rng.IntN(12))})
			}
			approving := rng.IntN(2) == 0
			err := db.CheckOpen(ctx, approving, touched...)

			// the domain: the earliest touched month of each county and year, in that order
			earliest := map[[2]int64]zhaoshang.Month{}
			for _, tm := range touched {
				k := [2]int64{tm.Org, int64(tm.Month.Y)}
				if m, ok := earliest[k]; !ok || tm.Month.Before(m) {
					earliest[k] = tm.Month
				}
			}
			keys := slices.SortedFunc(func(yield func([2]int64) bool) {
				for k := range earliest {
					if !yield(k) {
						return
					}
				}
			}, func(a, b [2]int64) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
			var lock *zhaoshang.MonthReview
			for _, k := range keys {
				if lock = zhaoshang.LockingReviewFor(reviews[k[0]], earliest[k], approving); lock != nil {
					break
				}
			}
			switch {
			case lock == nil && err != nil:
				t.Fatalf("trial %d: %v (approving %v) refused: %v; the domain says open", trial, touched, approving, err)
			case lock != nil && err == nil:
				t.Fatalf("trial %d: %v (approving %v) allowed; the domain says locked by %s (%s, by import %v)", trial, touched, approving, lock.Month, lock.Status, lock.ByImport)
			case lock != nil:
				name := f.tree.ByID(lock.OrgUnitID).Name
				if want := name + lock.Month.Chinese() + "的数据" + lock.Status.Label(); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.HasPrefix(err.Error(), want) {
					t.Fatalf("trial %d: refused with %v, want a message starting %q", trial, err, want)
				}
				refused++
			default:
				allowed++
			}
		}
		if refused < 20 || allowed < 20 {
			t.Errorf("the trials were one-sided: %d refused, %d allowed", refused, allowed)
		}
	})
}

// TestPropertyReviewStepsInStorageFollowTheDomainsOrderAndCascade plays
// random batches of review steps (every action, approving imports
// included) on the first half of one county's year and predicts each from
// the domain alone: NextReview for the month's own status,
// CheckReviewOrder for the order of the year, ReopenCascade for the months
// an approved reopen takes along. Storage takes a batch exactly when the
// domain allows every step of it, refuses an out-of-order step with the
// domain's message, and afterwards holds exactly the predicted states.
func TestPropertyReviewStepsInStorageFollowTheDomainsOrderAndCascade(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newReview(t, db)
		name := f.tree.ByID(f.county).Name
		months := []zhaoshang.Month{ym(2021, 1), ym(2021, 2), ym(2021, 3), ym(2021, 4), ym(2021, 5), ym(2021, 6)}
		model := map[zhaoshang.Month]*zhaoshang.MonthReview{}
		for _, m := range months {
			model[m] = &zhaoshang.MonthReview{Month: m, Status: zhaoshang.ReviewFilling}
		}
		// weighted so that months move through the whole cycle; an approving import takes any month at once, so it is rare
		weights := map[zhaoshang.ReviewAction]int{zhaoshang.StepSubmit: 12, zhaoshang.StepApprove: 12, zhaoshang.StepReturn: 3,
			zhaoshang.StepRequestReopen: 6, zhaoshang.StepApproveReopen: 6, zhaoshang.StepRejectReopen: 2, zhaoshang.StepApproveImport: 1}
		var actions []zhaoshang.ReviewAction
		for _, a := range []zhaoshang.ReviewAction{zhaoshang.StepSubmit, zhaoshang.StepApprove, zhaoshang.StepReturn, zhaoshang.StepRequestReopen,
			zhaoshang.StepApproveReopen, zhaoshang.StepRejectReopen, zhaoshang.StepApproveImport} {
			for range weights[a] {
				actions = append(actions, a)
			}
		}
		rng := rand.New(rand.NewPCG(12, 2021))
		seen := map[string]int{}
		for i := 0; i < 400; i++ {
			a := actions[rng.IntN(len(actions))]
			// mostly months whose own status takes the action (the earliest of them half the time,
			// with the month after it now and then), otherwise any one or two months
			var fits []zhaoshang.Month
			for _, m := range months {
				if _, err := zhaoshang.NextReview(model[m].Status, model[m].ReopenPending, a); err == nil {
					fits = append(fits, m)
				}
			}
			var batch []zhaoshang.Month
			switch {
			case len(fits) > 0 && rng.IntN(4) > 0:
				m := fits[rng.IntN(len(fits))]
				if rng.IntN(2) == 0 {
					m = fits[0]
				}
				batch = []zhaoshang.Month{m}
				if rng.IntN(4) == 0 && m.M < 6 {
					batch = append(batch, m.Add(1))
				}
			default:
				picked := slices.Clone(months)
				rng.Shuffle(len(picked), func(x, y int) { picked[x], picked[y] = picked[y], picked[x] })
				batch = picked[:1+rng.IntN(2)]
				slices.SortFunc(batch, zhaoshang.Month.Compare)
			}

			// the domain's prediction, step by step on a copy
			next := map[zhaoshang.Month]*zhaoshang.MonthReview{}
			for m, r := range model {
				c := *r
				next[m] = &c
			}
			list := func() []*zhaoshang.MonthReview {
				var out []*zhaoshang.MonthReview
				for _, r := range next {
					out = append(out, r)
				}
				return out
			}
			var want error
			cascaded := false
			for _, m := range batch {
				r := next[m]
				st, err := zhaoshang.NextReview(r.Status, r.ReopenPending, a)
				if err != nil {
					want = err
					break
				}
				if err := zhaoshang.CheckReviewOrder(name, list(), m, a); err != nil {
					want = err
					break
				}
				var cascade []zhaoshang.Month
				if a == zhaoshang.StepApproveReopen {
					cascade = zhaoshang.ReopenCascade(list(), m)
					cascaded = cascaded || len(cascade) > 0
				}
				r.Status, r.ByImport = st, a == zhaoshang.StepApproveImport
				switch a {
				case zhaoshang.StepRequestReopen:
					r.ReopenPending = true
				case zhaoshang.StepApproveReopen, zhaoshang.StepRejectReopen:
					r.ReopenPending = false
				}
				for _, l := range cascade {
					next[l].Status, next[l].ReopenPending, next[l].ByImport = zhaoshang.ReviewFilling, false, false
				}
			}

			who := "bureau"
			if a == zhaoshang.StepSubmit || a == zhaoshang.StepRequestReopen {
				who = "clerk"
			}
			err := f.step(t, who, a, "原因", batch...)
			switch {
			case (err == nil) != (want == nil):
				t.Fatalf("step %d: %s on %v: storage %v, domain %v", i, a, batch, err, want)
			case err != nil && strings.Contains(want.Error(), "按月份顺序") && err.Error() != want.Error():
				t.Fatalf("step %d: %s on %v refused with %q, the domain says %q", i, a, batch, err, want)
			case err == nil:
				model = next
				seen[string(a)]++
				if cascaded {
					seen["cascade"]++
				}
			case strings.Contains(want.Error(), "按月份顺序"):
				seen["out of order"]++
			}
			for _, m := range months {
				got, w := f.state(t, m), model[m]
				if got.Status != w.Status || got.ReopenPending != w.ReopenPending || got.ByImport != w.ByImport {
					t.Fatalf("step %d (%s on %v): %s is %s (reopen pending %v, by import %v); the domain says %s (%v, %v)",
						i, a, batch, m, got.Status, got.ReopenPending, got.ByImport, w.Status, w.ReopenPending, w.ByImport)
				}
			}
		}
		for _, a := range append(actions, "out of order", "cascade") {
			if seen[string(a)] == 0 {
				t.Errorf("no %s was ever taken: %v", a, seen)
			}
		}
		t.Logf("steps taken: %v", seen)
	})
}
