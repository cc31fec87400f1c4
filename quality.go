package zhaoshang

import (
	"context"
	"time"
)

// This file holds the vocabulary that the data-quality checks (package
// quality), the report checker (package reportcheck), the storage and the
// screens share: how serious a finding is, and where it stands.

// Severity is how serious a data-quality finding is.
type Severity string

const (
	SeverityError   Severity = "error"   // 严重: the figure is wrong as it stands
	SeverityWarning Severity = "warning" // 警告: implausible; someone must look
	SeverityInfo    Severity = "info"    // 提示: unusual, worth a glance
)

// Label is the severity in the words of the screens: 严重, 警告, 提示.
func (s Severity) Label() string {
	switch s {
	case SeverityError:
		return "严重"
	case SeverityWarning:
		return "警告"
	case SeverityInfo:
		return "提示"
	}
	return string(s)
}

// Rank orders severities, most serious first (error 0, warning 1, info 2).
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// FindingStatus is where a data-quality finding stands.
type FindingStatus string

const (
	FindingOpen      FindingStatus = "open"      // 待处理: found, not yet dealt with
	FindingExplained FindingStatus = "explained" // 已说明: the county explained why the data are right
	FindingFixed     FindingStatus = "fixed"     // 已纠正: the data no longer trigger the rule
)

// Label is the status in the words of the screens.
func (s FindingStatus) Label() string {
	switch s {
	case FindingOpen:
		return "待处理"
	case FindingExplained:
		return "已说明"
	case FindingFixed:
		return "已纠正"
	}
	return string(s)
}

// FindingAction is a step in a finding's life: a person's (the county
// explains it, the bureau sends the explanation back) or a run's of the
// checks (it is found, or no longer found).
type FindingAction string

const (
	FindingExplain    FindingAction = "explain" // the county says why the data are right
	FindingSendBack   FindingAction = "reopen"  // the bureau does not accept the explanation: open again
	FindingFoundAgain FindingAction = "found"   // a run of the checks finds it (again)
	FindingGone       FindingAction = "gone"    // a run of the checks no longer finds it: the data were corrected
)

// Permission is what a person needs for the action; "" for a run's, which
// follow the records and need none of their own.
func (a FindingAction) Permission() string {
	switch a {
	case FindingExplain:
		return PermProjectEdit
	case FindingSendBack:
		return PermReviewApprove
	}
	return ""
}

// NextFinding is the finding state machine: the status after the action,
// or an EInvalid error saying why the action does not apply.
//
//	待处理 ──explain──▶ 已说明 ──send back──▶ 待处理
//	any ──gone──▶ 已纠正 ──found again──▶ 待处理 (an explanation stays: 已说明 found again stays 已说明)
func NextFinding(s FindingStatus, a FindingAction) (FindingStatus, error) {
	switch a {
	case FindingExplain:
		if s == FindingOpen {
			return FindingExplained, nil
		}
		return s, Errorf(EInvalid, "只有待处理的问题需要说明，该问题当前为“%s”", s.Label())
	case FindingSendBack:
		if s == FindingExplained {
			return FindingOpen, nil
		}
		return s, Errorf(EInvalid, "只有已说明的问题可以退回重新处理")
	case FindingFoundAgain:
		if s == FindingFixed {
			return FindingOpen, nil
		}
		return s, nil
	case FindingGone:
		return FindingFixed, nil
	}
	return s, Errorf(EInvalid, "未知的数据质量问题处理操作")
}

// Allows reports whether the action applies to a finding of this status.
func (s FindingStatus) Allows(a FindingAction) bool {
	_, err := NextFinding(s, a)
	return err == nil
}

// MayStepFinding says whether p may take a person's action on a finding p
// sees: the action applies to its status and p holds its permission. The
// screens offer the action's form exactly then; the service checks the
// same two (QualityService.Explain, Reopen).
func (p *Principal) MayStepFinding(f *Finding, a FindingAction) bool {
	return a.Permission() != "" && f.Status.Allows(a) && p.Can(a.Permission())
}

// Finding is a data-quality rule's finding as kept: found by a run of the
// checks (on save, nightly, on demand), explained by the county, marked
// fixed when the records no longer trigger it, reopened when they do again.
type Finding struct {
	ID             int64
	Key            string // the rule's stable identity of the finding
	Rule           string // Q101…
	RuleTitle      string
	Severity       Severity
	OrgUnitID      int64
	Unit           string
	ProjectID      int64 // 0 when about a county's month or year
	ProjectCode    string
	OtherProjectID int64 // the other project of a suspected duplicate
	ReceiptID      int64
	Month          Month
	Year           int
	Message        string
	Status         FindingStatus
	Explanation    string
	ExplainedBy    string
	ExplainedAt    time.Time
	FirstSeen      time.Time
	LastSeen       time.Time
	Version        int64
}

// FindingFilter picks findings; zero fields do not filter.
type FindingFilter struct {
	OrgUnitID int64 // a county, or any unit: its subtree
	Rule      string
	Status    FindingStatus
	Severity  Severity
	Year      int
	ProjectID int64
	Offset    int
	Limit     int
}

// FindingCount is how many findings of a rule a county has, by status.
type FindingCount struct {
	OrgUnitID              int64
	Rule                   string
	Open, Explained, Fixed int
}

// QualityRun is what one run of the checks found.
type QualityRun struct {
	Projects, Receipts int // records examined
	Found              int // findings the rules give now
	New, Fixed         int // findings new since the last run, and no longer found
	Reopened           int // fixed ones found again
}

// QualityService keeps the data-quality findings. Reading needs
// project:view, within the caller's scope; explaining a finding
// project:edit; running the checks over everything and sending an
// explanation back review:approve; every change of a finding's status by
// a person is audited.
type QualityService interface {
	Findings(ctx context.Context, f FindingFilter) ([]*Finding, int, error)
	Counts(ctx context.Context, year int) ([]FindingCount, error)
	// Explain records why the data are right; an explanation is required.
	Explain(ctx context.Context, id, version int64, explanation string) (*Finding, error)
	// Reopen sends an explanation back: the finding is open again.
	Reopen(ctx context.Context, id, version int64, reason string) (*Finding, error)
	// RunChecks runs every rule over every record and brings the findings
	// up to date (nightly, and on demand).
	RunChecks(ctx context.Context) (*QualityRun, error)
	// QualitySettings are the bureau's thresholds; SetQualitySettings
	// changes them (ledger:config) and runs the checks again.
	QualitySettings(ctx context.Context) (QualitySettings, error)
	SetQualitySettings(ctx context.Context, s QualitySettings) error
}

// QualitySettings are the thresholds of the data-quality rules the bureau
// may set: those of the evidence check and of the key-industry criteria.
// Money in 元.
type QualitySettings struct {
	EvidenceThreshold  Money    `json:"evidence_threshold"`
	KeyMinInvestment   Money    `json:"key_min_investment"`
	LocalRegions       []string `json:"local_regions"`       // empty: the short names of the prefecture and its counties
	ExcludedIndustries []string `json:"excluded_industries"` // industries never key
}
