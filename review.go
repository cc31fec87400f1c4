package zhaoshang

import (
	"context"
	"time"
)

// This file holds the monthly review (月度审核) of each county's data: the
// states of a county-month, the one function that says which step may
// follow which, and the rules of what counts and what is locked. Storage
// (sqldb/review.go) and the screens only apply them.
//
//	填报中 ──submit──▶ 已提交 ──approve──▶ 已审核 ──reopen approved──▶ 填报中
//	   ▲                 │                   │
//	   └──── 退回 ◀─return┘                   └─request reopen / reject: stays 已审核
//
// Which records count: only records of approved months count in the
// official figures (dispatch, bulletin, assessment, dashboard, report
// indicators): a project by the month of its signing date, its start and
// production by the months of those dates, a receipt by its month.
//
// Which records are locked: a county's records of month m may change only
// while no month from m to December of that year is submitted or approved,
// because the year-to-date figures of every later month include month m;
// only an approving import may still write into months that an earlier
// approving import approved (LockingReviewFor). Hence a month is submitted
// only after every earlier month of its year is submitted or approved, and
// approved only after every earlier month is approved (CheckReviewOrder),
// and approving a month's reopening reopens the later months of its year
// that are submitted or approved (ReopenCascade).

// ReviewStatus is where a county-month stands.
type ReviewStatus string

const (
	ReviewFilling   ReviewStatus = "filling"   // 填报中: the county enters its data
	ReviewSubmitted ReviewStatus = "submitted" // 已提交: the county confirmed; waiting for the prefecture
	ReviewApproved  ReviewStatus = "approved"  // 已审核: counts in the official figures; locked
	ReviewReturned  ReviewStatus = "returned"  // 退回: sent back with a reason; the county corrects and submits again
)

// Label is the status in the words of the screens.
func (s ReviewStatus) Label() string {
	switch s {
	case ReviewFilling, "":
		return "填报中"
	case ReviewSubmitted:
		return "已提交"
	case ReviewApproved:
		return "已审核"
	case ReviewReturned:
		return "退回"
	}
	return string(s)
}

// Locks reports whether the status freezes the county's records of its
// month and of every earlier month of the year.
func (s ReviewStatus) Locks() bool { return s == ReviewSubmitted || s == ReviewApproved }

// LockingReview is the review that locks a county's records of month m:
// the earliest of its months from m to December of that year that is
// submitted or approved; nil while m is open. reviews are one county's
// months, in any order. It is LockingReviewFor a writer that is not an
// approving import.
func LockingReview(reviews []*MonthReview, m Month) *MonthReview {
	return LockingReviewFor(reviews, m, false)
}

// LockingReviewFor is the review that locks a county's records of month m
// against a writer; approvingImport says whether the writer is an approving
// import (import --approve of historic, verified data). Such an import may
// still write into the months that an earlier approving import approved
// (MonthReview.ByImport), so that a historic project ledger and its fund
// ledger can both come in as approved; to anything else they are locked
// like any approved month. (sqldb's checkOpen asks the same in SQL.)
func LockingReviewFor(reviews []*MonthReview, m Month, approvingImport bool) *MonthReview {
	var lock *MonthReview
	for _, r := range reviews {
		if r.Month.Y == m.Y && !r.Month.Before(m) && r.LocksAgainst(approvingImport) && (lock == nil || r.Month.Before(lock.Month)) {
			lock = r
		}
	}
	return lock
}

// LocksAgainst reports whether the review freezes its month (and the
// earlier months of its year) against a writer, approvingImport saying
// whether the writer is an approving import (see LockingReviewFor).
func (r *MonthReview) LocksAgainst(approvingImport bool) bool {
	return r.Status.Locks() && !(approvingImport && r.ByImport)
}

// statusOf is the status of month m among a county's reviews; a month not
// among them is 填报中.
func statusOf(reviews []*MonthReview, m Month) ReviewStatus {
	for _, r := range reviews {
		if r.Month == m && r.Status != "" {
			return r.Status
		}
	}
	return ReviewFilling
}

// CheckReviewOrder says whether action a may be taken on month m as far as
// the order of the year goes, given one county's reviews (any order; a
// month not among them is 填报中) and the county's name for the message: a
// month is submitted only after every earlier month of its year is
// submitted or approved, and approved only after every earlier month is
// approved, because the year-to-date figures of a month hold the months
// before it. The error (EInvalid) names the first earlier month out of
// order; other actions are not bound by the order. Whether the action
// applies to the month's own status is NextReview's to say.
func CheckReviewOrder(county string, reviews []*MonthReview, m Month, a ReviewAction) error {
	for e := (Month{Y: m.Y, M: 1}); e.Before(m); e = e.Add(1) {
		earlier := statusOf(reviews, e)
		switch {
		case a == StepSubmit && !earlier.Locks():
			return Errorf(EInvalid, "%s%s尚未提交，请按月份顺序先提交%s", county, e.Chinese(), e.Chinese())
		case a == StepApprove && earlier != ReviewApproved:
			return Errorf(EInvalid, "%s%s尚未审核，请按月份顺序先审核%s", county, e.Chinese(), e.Chinese())
		}
	}
	return nil
}

// ReopenCascade lists the months that reopen with month m when the
// prefecture approves its reopening: the later months of its year that are
// submitted or approved, whose year-to-date figures hold month m, in the
// order of the year. reviews are one county's months, in any order.
func ReopenCascade(reviews []*MonthReview, m Month) []Month {
	var out []Month
	for l := m.Add(1); l.Y == m.Y; l = l.Add(1) {
		if statusOf(reviews, l).Locks() {
			out = append(out, l)
		}
	}
	return out
}

// ReviewAction is a step of the review.
type ReviewAction string

const (
	StepSubmit        ReviewAction = "submit"         // the county confirms its month
	StepApprove       ReviewAction = "approve"        // the prefecture approves
	StepReturn        ReviewAction = "return"         // the prefecture sends it back, with a reason
	StepRequestReopen ReviewAction = "request_reopen" // the county asks to correct an approved month, with a reason
	StepApproveReopen ReviewAction = "approve_reopen" // the prefecture reopens it: back to 填报中
	StepRejectReopen  ReviewAction = "reject_reopen"  // the prefecture refuses, with a reason; it stays approved
	StepApproveImport ReviewAction = "approve_import" // historic, verified data imported as approved (import --approve)
)

// Label is the action in the words of the screens and the audit trail.
func (a ReviewAction) Label() string {
	switch a {
	case StepSubmit:
		return "提交"
	case StepApprove:
		return "审核通过"
	case StepReturn:
		return "退回"
	case StepRequestReopen:
		return "申请重新开放"
	case StepApproveReopen:
		return "批准重新开放"
	case StepRejectReopen:
		return "驳回重新开放申请"
	case StepApproveImport:
		return "历史数据导入并审核"
	}
	return string(a)
}

// Permission is what the action needs.
func (a ReviewAction) Permission() string {
	switch a {
	case StepSubmit, StepRequestReopen:
		return PermReviewSubmit
	case StepApproveImport:
		return PermLedgerImport
	}
	return PermReviewApprove
}

// NeedsReason reports whether the action must say why.
func (a ReviewAction) NeedsReason() bool {
	return a == StepReturn || a == StepRequestReopen || a == StepRejectReopen
}

// NextReview is the review state machine: the status after the action, or
// an EInvalid error saying why the action does not apply. reopenPending
// says whether a reopen request is waiting.
func NextReview(s ReviewStatus, reopenPending bool, a ReviewAction) (ReviewStatus, error) {
	if s == "" {
		s = ReviewFilling
	}
	switch a {
	case StepSubmit:
		if s == ReviewFilling || s == ReviewReturned {
			return ReviewSubmitted, nil
		}
	case StepApprove, StepReturn:
		if s == ReviewSubmitted {
			if a == StepApprove {
				return ReviewApproved, nil
			}
			return ReviewReturned, nil
		}
	case StepRequestReopen:
		if s == ReviewApproved && !reopenPending {
			return ReviewApproved, nil
		}
		if s == ReviewApproved {
			return s, Errorf(EInvalid, "该月已有待审批的重新开放申请")
		}
		return s, Errorf(EInvalid, "只有已审核的月份需要申请重新开放；%s的月份可直接修改或等待审核", s.Label())
	case StepApproveReopen, StepRejectReopen:
		if s == ReviewApproved && reopenPending {
			if a == StepApproveReopen {
				return ReviewFilling, nil
			}
			return ReviewApproved, nil
		}
		return s, Errorf(EInvalid, "该月没有待审批的重新开放申请")
	case StepApproveImport:
		return ReviewApproved, nil
	default:
		return s, Errorf(EInvalid, "未知的审核操作")
	}
	return s, Errorf(EInvalid, "该月当前状态为“%s”，不能%s", s.Label(), a.Label())
}

// MonthReview is the review of one county's month.
type MonthReview struct {
	OrgUnitID     int64
	Unit          string // the county's name
	Month         Month
	Status        ReviewStatus
	Reason        string // why it was returned, or why a reopen was asked or refused
	ReopenPending bool
	ReopenReason  string
	ByImport      bool // its last step was an approving import (StepApproveImport); see LockingReviewFor
	SubmittedBy   string
	SubmittedAt   time.Time
	ReviewedBy    string
	ReviewedAt    time.Time
	Deadline      Date // the day the county must submit by
	Overdue       bool // not submitted (or returned and not resubmitted) after the deadline
	Version       int64
}

// ReviewStep names one county-month and the version read, for a step
// taken on many at once (bulk approval).
type ReviewStep struct {
	OrgUnitID int64
	Month     Month
	Version   int64 // the version read; 0 for a month never touched
}

// DefaultDeadlineDay is the day of the following month by which a month is
// submitted, unless the bureau sets another (审核设置).
const DefaultDeadlineDay = 5

// Deadline is the day month m is due: day of the following month.
func Deadline(m Month, day int) Date {
	n := m.Add(1)
	return NewDate(n.Y, n.M, day)
}

// ReviewService keeps the monthly review. Reading needs report:view or
// review:submit or review:approve within the caller's scope; each step the
// permission of its action (ReviewAction.Permission), and is audited.
type ReviewService interface {
	// Reviews lists the county-months of a year for the counties in scope,
	// through the month given (its zero: December), untouched months as
	// 填报中.
	Reviews(ctx context.Context, year int, through Month) ([]*MonthReview, error)
	// Step takes one step on each of the months, all or nothing.
	Step(ctx context.Context, a ReviewAction, steps []ReviewStep, reason string) ([]*MonthReview, error)
	// DeadlineDay is the day of the following month a month is due.
	DeadlineDay(ctx context.Context) (int, error)
	// SetDeadlineDay sets it (1–28); needs ledger:config.
	SetDeadlineDay(ctx context.Context, day int) error
}

type previewKey struct{}

// WithUnapproved marks ctx for a preview: the measures counted in it
// include records of months not yet approved (未审核数据预览). Official
// figures never use it.
func WithUnapproved(ctx context.Context) context.Context {
	return context.WithValue(ctx, previewKey{}, true)
}

// Unapproved reports whether ctx asks for a preview with unapproved data.
func Unapproved(ctx context.Context) bool {
	v, _ := ctx.Value(previewKey{}).(bool)
	return v
}
