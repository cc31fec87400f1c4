package zhaoshang_test

import (
	"slices"
	"strings"
	"testing"

	"zhaoshang"
)

func rm(mo int) zhaoshang.Month { return zhaoshang.Month{Y: 2021, M: mo} }

func TestAnApprovingImportMayWriteIntoMonthsAnEarlierApprovingImportApprovedAndNothingElseMay(t *testing.T) {
	reviews := []*zhaoshang.MonthReview{
		{Month: rm(2), Status: zhaoshang.ReviewApproved, ByImport: true},
		{Month: rm(4), Status: zhaoshang.ReviewApproved},
		{Month: rm(6), Status: zhaoshang.ReviewSubmitted},
		{Month: rm(8), Status: zhaoshang.ReviewApproved, ByImport: true},
	}
	for _, c := range []struct {
		month           zhaoshang.Month
		approvingImport bool
		want            zhaoshang.Month // zero: open
	}{
		{rm(1), false, rm(2)}, {rm(1), true, rm(4)}, // January: under February's import, and April's approval
		{rm(2), true, rm(4)}, {rm(5), true, rm(6)}, {rm(7), false, rm(8)},
		{rm(7), true, zhaoshang.Month{}}, {rm(8), true, zhaoshang.Month{}}, // only imported months ahead
		{rm(9), false, zhaoshang.Month{}},
	} {
		got := zhaoshang.LockingReviewFor(reviews, c.month, c.approvingImport)
		if (got == nil) != c.want.IsZero() || got != nil && got.Month != c.want {
			t.Errorf("%s (approving import %v) locked by %v, want %s", c.month, c.approvingImport, got, c.want)
		}
		if !c.approvingImport && got != zhaoshang.LockingReview(reviews, c.month) {
			t.Errorf("%s: LockingReview disagrees with LockingReviewFor a plain writer", c.month)
		}
	}
}

func TestAMonthIsSubmittedOnlyAfterEveryEarlierMonthIsSubmittedAndApprovedOnlyAfterEveryEarlierMonthIsApproved(t *testing.T) {
	reviews := []*zhaoshang.MonthReview{ // March, April and everything after untouched: 填报中
		{Month: rm(2), Status: zhaoshang.ReviewSubmitted},
		{Month: rm(1), Status: zhaoshang.ReviewApproved},
		{Month: zhaoshang.Month{Y: 2020, M: 12}, Status: zhaoshang.ReviewFilling}, // another year does not count
	}
	for _, c := range []struct {
		month  zhaoshang.Month
		action zhaoshang.ReviewAction
		want   string // "" allowed; else the start of the message
	}{
		{rm(1), zhaoshang.StepSubmit, ""}, {rm(3), zhaoshang.StepSubmit, ""}, {rm(4), zhaoshang.StepSubmit, "凯里市2021年3月尚未提交"},
		{rm(2), zhaoshang.StepApprove, ""}, {rm(3), zhaoshang.StepApprove, "凯里市2021年2月尚未审核"},
		{rm(12), zhaoshang.StepApprove, "凯里市2021年2月尚未审核"},
		// the other steps follow the month's own status only
		{rm(4), zhaoshang.StepReturn, ""}, {rm(4), zhaoshang.StepRequestReopen, ""}, {rm(4), zhaoshang.StepApproveReopen, ""},
		{rm(4), zhaoshang.StepRejectReopen, ""}, {rm(4), zhaoshang.StepApproveImport, ""},
	} {
		err := zhaoshang.CheckReviewOrder("凯里市", reviews, c.month, c.action)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %s: %v", c.action, c.month, err)
		case c.want != "" && (err == nil || zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.HasPrefix(err.Error(), c.want)):
			t.Errorf("%s %s: %v, want %q…", c.action, c.month, err, c.want)
		}
	}
}

func TestApprovingAReopenReopensTheLaterSubmittedOrApprovedMonthsOfItsYear(t *testing.T) {
	reviews := []*zhaoshang.MonthReview{
		{Month: rm(1), Status: zhaoshang.ReviewApproved},
		{Month: rm(3), Status: zhaoshang.ReviewApproved, ReopenPending: true},
		{Month: rm(4), Status: zhaoshang.ReviewReturned},
		{Month: rm(6), Status: zhaoshang.ReviewSubmitted},
		{Month: rm(5), Status: zhaoshang.ReviewApproved},
		{Month: rm(7), Status: zhaoshang.ReviewFilling},
		{Month: zhaoshang.Month{Y: 2022, M: 1}, Status: zhaoshang.ReviewApproved},
	}
	if got, want := zhaoshang.ReopenCascade(reviews, rm(3)), []zhaoshang.Month{rm(5), rm(6)}; !slices.Equal(got, want) {
		t.Errorf("reopening March reopens %v, want %v", got, want)
	}
	if got := zhaoshang.ReopenCascade(reviews, rm(12)); len(got) != 0 {
		t.Errorf("reopening December reopens %v", got)
	}
}
