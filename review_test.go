package zhaoshang_test

import (
	"testing"

	"zhaoshang"
)

var allSteps = []zhaoshang.ReviewAction{zhaoshang.StepSubmit, zhaoshang.StepApprove, zhaoshang.StepReturn, zhaoshang.StepRequestReopen,
	zhaoshang.StepApproveReopen, zhaoshang.StepRejectReopen, zhaoshang.StepApproveImport}

// TestTheReviewStateMachineAllowsExactlyTheseSteps lists every step from
// every state: what is not listed is refused with a message.
func TestTheReviewStateMachineAllowsExactlyTheseSteps(t *testing.T) {
	type from struct {
		s       zhaoshang.ReviewStatus
		pending bool
	}
	allowed := map[from]map[zhaoshang.ReviewAction]zhaoshang.ReviewStatus{
		{zhaoshang.ReviewFilling, false}:   {zhaoshang.StepSubmit: zhaoshang.ReviewSubmitted, zhaoshang.StepApproveImport: zhaoshang.ReviewApproved},
		{zhaoshang.ReviewReturned, false}:  {zhaoshang.StepSubmit: zhaoshang.ReviewSubmitted, zhaoshang.StepApproveImport: zhaoshang.ReviewApproved},
		{zhaoshang.ReviewSubmitted, false}: {zhaoshang.StepApprove: zhaoshang.ReviewApproved, zhaoshang.StepReturn: zhaoshang.ReviewReturned, zhaoshang.StepApproveImport: zhaoshang.ReviewApproved},
		{zhaoshang.ReviewApproved, false}:  {zhaoshang.StepRequestReopen: zhaoshang.ReviewApproved, zhaoshang.StepApproveImport: zhaoshang.ReviewApproved},
		{zhaoshang.ReviewApproved, true}: {zhaoshang.StepApproveReopen: zhaoshang.ReviewFilling, zhaoshang.StepRejectReopen: zhaoshang.ReviewApproved,
			zhaoshang.StepApproveImport: zhaoshang.ReviewApproved},
	}
	for f, steps := range allowed {
		for _, a := range allSteps {
			got, err := zhaoshang.NextReview(f.s, f.pending, a)
			want, ok := steps[a]
			switch {
			case ok && (err != nil || got != want):
				t.Errorf("%s (reopen pending %v) + %s: %s, %v; want %s", f.s, f.pending, a, got, err, want)
			case !ok && err == nil:
				t.Errorf("%s (reopen pending %v) + %s is allowed (→ %s)", f.s, f.pending, a, got)
			case !ok && (zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || zhaoshang.AsError(err).Message == ""):
				t.Errorf("%s + %s refused without a clear message: %v", f.s, a, err)
			}
		}
	}
}

// TestOnlyTheBureausApprovalOrAVerifiedImportMakesAMonthCount walks every
// path of up to six steps: a month is approved (and so counts) only right
// after an approval of a submitted month, a refused reopen, or an
// approving import, and leaves approved only through an approved reopen.
func TestOnlyTheBureausApprovalOrAVerifiedImportMakesAMonthCount(t *testing.T) {
	type state struct {
		s       zhaoshang.ReviewStatus
		pending bool
	}
	var walk func(st state, depth int)
	walk = func(st state, depth int) {
		if depth == 0 {
			return
		}
		for _, a := range allSteps {
			next, err := zhaoshang.NextReview(st.s, st.pending, a)
			if err != nil {
				continue
			}
			pending := st.pending
			switch a {
			case zhaoshang.StepRequestReopen:
				pending = true
			case zhaoshang.StepApproveReopen, zhaoshang.StepRejectReopen, zhaoshang.StepApproveImport:
				pending = false
			}
			if next == zhaoshang.ReviewApproved && st.s != zhaoshang.ReviewApproved &&
				!(a == zhaoshang.StepApprove && st.s == zhaoshang.ReviewSubmitted) && a != zhaoshang.StepApproveImport {
				t.Fatalf("%s became approved by %s", st.s, a)
			}
			if st.s == zhaoshang.ReviewApproved && next != zhaoshang.ReviewApproved && a != zhaoshang.StepApproveReopen {
				t.Fatalf("an approved month left approved by %s", a)
			}
			if a == zhaoshang.StepApproveReopen && !st.pending {
				t.Fatal("a reopen without a request")
			}
			walk(state{next, pending}, depth-1)
		}
	}
	walk(state{zhaoshang.ReviewFilling, false}, 6)
}

func TestEachStepNeedsItsPermissionAndAReasonWhereItSendsSomethingBack(t *testing.T) {
	for a, perm := range map[zhaoshang.ReviewAction]string{
		zhaoshang.StepSubmit: zhaoshang.PermReviewSubmit, zhaoshang.StepRequestReopen: zhaoshang.PermReviewSubmit,
		zhaoshang.StepApprove: zhaoshang.PermReviewApprove, zhaoshang.StepReturn: zhaoshang.PermReviewApprove,
		zhaoshang.StepApproveReopen: zhaoshang.PermReviewApprove, zhaoshang.StepRejectReopen: zhaoshang.PermReviewApprove,
		zhaoshang.StepApproveImport: zhaoshang.PermLedgerImport,
	} {
		if a.Permission() != perm {
			t.Errorf("%s needs %s, want %s", a, a.Permission(), perm)
		}
	}
	for _, a := range allSteps {
		want := a == zhaoshang.StepReturn || a == zhaoshang.StepRequestReopen || a == zhaoshang.StepRejectReopen
		if a.NeedsReason() != want {
			t.Errorf("%s needs a reason: %v", a, a.NeedsReason())
		}
	}
	if d := zhaoshang.Deadline(zhaoshang.Month{Y: 2021, M: 12}, zhaoshang.DefaultDeadlineDay); d != zhaoshang.NewDate(2022, 1, 5) {
		t.Errorf("December 2021 is due %s", d)
	}
}

func TestAMonthIsLockedByItselfOrByALaterMonthOfItsYearThatIsSubmittedOrApproved(t *testing.T) {
	m := func(y, mo int) zhaoshang.Month { return zhaoshang.Month{Y: y, M: mo} }
	reviews := []*zhaoshang.MonthReview{
		{Month: m(2021, 5), Status: zhaoshang.ReviewApproved},
		{Month: m(2021, 3), Status: zhaoshang.ReviewSubmitted},
		{Month: m(2021, 4), Status: zhaoshang.ReviewReturned},
		{Month: m(2022, 1), Status: zhaoshang.ReviewApproved},
	}
	for _, c := range []struct {
		month zhaoshang.Month
		want  zhaoshang.Month // zero: open
	}{{m(2021, 1), m(2021, 3)}, {m(2021, 3), m(2021, 3)}, {m(2021, 4), m(2021, 5)}, {m(2021, 6), zhaoshang.Month{}}, {m(2020, 12), zhaoshang.Month{}}} {
		got := zhaoshang.LockingReview(reviews, c.month)
		if (got == nil) != c.want.IsZero() || got != nil && got.Month != c.want {
			t.Errorf("%s locked by %v, want %s", c.month, got, c.want)
		}
	}
}
