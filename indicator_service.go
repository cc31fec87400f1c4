package zhaoshang

import (
	"context"
	"fmt"
	"time"
)

// This file holds what the indicator reports share between the storage
// (sqldb), the computation (indicator) and the screens and commands: the
// period a report covers, the measures counted from the records, annual
// targets, and the services that deliver them. The definitions of the
// indicators themselves (DOMAIN.md, "Indicators") live in package
// indicator, which both sqldb and the screens may import.

// PeriodSpan names how a period was chosen; it decides its label only.
type PeriodSpan string

const (
	SpanYTD     PeriodSpan = "ytd"     // 1—N月: the year to date through a month
	SpanMonth   PeriodSpan = "month"   // N月
	SpanQuarter PeriodSpan = "quarter" // 一季度…四季度
	SpanHalf    PeriodSpan = "half"    // 上半年, 下半年
	SpanYear    PeriodSpan = "year"    // 全年
)

// Period is a run of whole months within one calendar year that a report
// covers, From and Through included. Package indicator has the
// constructors (YTD, Month, Quarter, Half, Year).
type Period struct {
	From, Through Month
	Span          PeriodSpan // "" is read from the months
}

// First and Last are the first and the last day of the period.
func (p Period) First() Date { return p.From.First() }
func (p Period) Last() Date  { return p.Through.Last() }

// Valid reports whether the period is a run of months within one year.
func (p Period) Valid() bool {
	return p.From.Valid() && p.Through.Valid() && p.From.Y == p.Through.Y && !p.Through.Before(p.From)
}

// Year is the calendar year of the period.
func (p Period) Year() int { return p.Through.Y }

// PreviousYear is the same period one year earlier (上年同期).
func (p Period) PreviousYear() Period {
	return Period{From: p.From.Add(-12), Through: p.Through.Add(-12), Span: p.Span}
}

// Contains reports whether the month lies in the period.
func (p Period) Contains(m Month) bool { return !m.Before(p.From) && !p.Through.Before(m) }

var quarterNames = []string{"一季度", "二季度", "三季度", "四季度"}

// Label is the period in the words of a report, without the year:
// "1—6月", "6月", "一季度", "上半年", "全年".
func (p Period) Label() string {
	span := p.Span
	if span == "" {
		switch {
		case p.From == p.Through:
			span = SpanMonth
		case p.From.M == 1 && p.Through.M == 12:
			span = SpanYear
		case p.From.M == 1:
			span = SpanYTD
		}
	}
	switch span {
	case SpanMonth:
		if p.From == p.Through {
			return fmt.Sprintf("%d月", p.Through.M)
		}
	case SpanYTD:
		if p.Through.M == 1 {
			return "1月"
		}
		if p.From.M == 1 {
			return fmt.Sprintf("1—%d月", p.Through.M)
		}
	case SpanQuarter:
		if q := p.Through.M / 3; p.Through.M%3 == 0 && p.From.M == p.Through.M-2 {
			return quarterNames[q-1]
		}
	case SpanHalf:
		switch {
		case p.From.M == 1 && p.Through.M == 6:
			return "上半年"
		case p.From.M == 7 && p.Through.M == 12:
			return "下半年"
		}
	case SpanYear:
		if p.From.M == 1 && p.Through.M == 12 {
			return "全年"
		}
	}
	if p.From == p.Through {
		return fmt.Sprintf("%d月", p.Through.M)
	}
	return fmt.Sprintf("%d—%d月", p.From.M, p.Through.M)
}

// Title is the period with its year: "2021年1—6月", "2021年一季度".
func (p Period) Title() string { return fmt.Sprintf("%d年%s", p.Year(), p.Label()) }

// TimeProgress is 序时进度: the months of the year elapsed through the
// period's last month, / 12 × 100.
func (p Period) TimeProgress() float64 { return float64(p.Through.M) / 12 * 100 }

// MeasureSource counts the measures from the records.
type MeasureSource interface {
	// Measures counts each unit's measures for the period: a county its own
	// records, any other unit those of its whole subtree. Every unit must
	// lie, with its subtree, within the caller's data scope (report:view);
	// one that does not is answered ENotFound.
	Measures(ctx context.Context, unitIDs []int64, p Period) (map[int64]Measures, error)
}

// Target is the annual value of one indicator for one org unit (目标任务):
// a count (个/家), or an amount in 元.
type Target struct {
	ID        int64
	Year      int
	OrgUnitID int64
	Indicator string // the indicator's code
	Value     int64
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TargetInput is a target as a form, a 目标任务 file or the API gives it.
// Indicator is a code or a Chinese name; Value is the number as written in
// the indicator's ledger unit: a whole count for 个/家, 万元 (up to four
// decimals) for money. Row is the file's row number when it comes from one.
type TargetInput struct {
	Row       int
	Year      int
	OrgUnitID int64
	Indicator string
	Value     string
}

// Decomposition is how one unit's annual target of one indicator is split
// over the units below it (目标分解): the counties of a prefecture.
type Decomposition struct {
	Year      int
	Indicator string // code
	OrgUnitID int64
	Target    *int64 // the unit's own target, nil when none is set
	Parts     []TargetPart
	Sum       int64  // of the parts' targets
	Gap       *int64 // Target − Sum: what is not yet assigned (negative: over-assigned); nil without a target
}

// TargetPart is one unit's share in a decomposition.
type TargetPart struct {
	OrgUnitID int64
	Name      string
	Target    *int64 // nil when none is set
}

// TargetService keeps the annual targets. Reading needs report:view or
// target:edit and is limited to the caller's data scope; every change needs
// target:edit and is audited. A target for a rate (unit %) is refused.
type TargetService interface {
	// Targets lists the targets of a year for the units in scope.
	Targets(ctx context.Context, year int) ([]*Target, error)
	// SetTarget creates a target (version 0) or changes the one read at
	// version; a stale version is refused.
	SetTarget(ctx context.Context, in TargetInput, version int64) (*Target, error)
	// Decomposition splits the target of unitID (0: the root) over its
	// counties (or prefectures).
	Decomposition(ctx context.Context, year int, indicator string, unitID int64) (*Decomposition, error)
	// ImportTargets loads a 目标任务 file all or nothing, upserting by
	// (year, unit, indicator); dry checks and counts without writing.
	ImportTargets(ctx context.Context, rows []TargetInput, sha256 string, dry bool) (*ImportResult, error)
	// ExportTargets lists the targets of a year (0: every year) as file
	// rows, Value in the ledger unit; the export is audited.
	ExportTargets(ctx context.Context, year int) ([]TargetInput, error)
	// TargetYears lists the years that have targets, newest first.
	TargetYears(ctx context.Context) ([]int, error)
}
