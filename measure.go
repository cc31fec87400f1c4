package zhaoshang

import "slices"

// This file holds the measures: the quantities counted from the records,
// for one org unit and one period, from which every indicator is computed
// (package indicator has the indicators: formulas over measures). A measure
// is a definition: its code, what it counts, whether it is a flow over the
// period or a stock on its last day, and its unit; storage keeps one
// source for each (sqldb/measures.go). A module adds its measures here and
// its indicators there, and every report shows them without new code.

// MeasureKind says how a measure spans a period.
type MeasureKind string

const (
	// MeasureFlow counts what happened within the period (projects
	// signed, money received): a report adds up its months.
	MeasureFlow MeasureKind = "flow"
	// MeasureStock counts what stands on the period's last day (problems
	// open): a report reads it on that day, whatever the year.
	MeasureStock MeasureKind = "stock"
)

// Measure is one counted quantity.
type Measure struct {
	Code   string
	Name   string
	Kind   MeasureKind
	Unit   string // 个, 家, 元
	Counts string // which records, in the words of DOMAIN.md
}

// The measure codes.
const (
	MNewKeyProjects       = "new_key_projects"
	MContractInvestment   = "contract_investment"
	MStartedProjects      = "started_projects"
	MProducingProjects    = "producing_projects"
	MFundsInPlace         = "funds_in_place"
	MKeyFunds             = "key_funds_in_place"
	MIndustrialFunds      = "industrial_funds_in_place"
	MForeignFunds         = "foreign_funds_in_place"
	MNewStrongEnterprises = "new_strong_enterprises"
)

var measures = []Measure{
	{MNewKeyProjects, "新引进重点产业项目个数", MeasureFlow, "个", "live key-industry projects whose signing date falls in the period (its month approved)"},
	{MContractInvestment, "合同约定投资总额", MeasureFlow, "元", "the contract investment of those projects"},
	{MStartedProjects, "开工项目", MeasureFlow, "个", "of those projects, the ones started by the period's last day (the start's month approved)"},
	{MProducingProjects, "投产项目", MeasureFlow, "个", "of those projects, the ones in production by the period's last day (that month approved)"},
	{MFundsInPlace, "新增到位资金", MeasureFlow, "元", "live receipts of live projects whose month falls in the period (approved)"},
	{MKeyFunds, "重点产业项目到位资金", MeasureFlow, "元", "those receipts of key-industry projects"},
	{MIndustrialFunds, "工业项目到位资金", MeasureFlow, "元", "those receipts of key-industry projects that are industrial"},
	{MForeignFunds, "境外到位资金", MeasureFlow, "元", "those receipts whose source is 境外"},
	{MNewStrongEnterprises, "新引进优强企业", MeasureFlow, "家", "strong enterprises with a live project signed in the period within the unit's region (in an approved month) and none signed there before it"},
}

// MeasureDefs lists every measure; the list is a copy.
func MeasureDefs() []Measure { return slices.Clone(measures) }

// MeasureByCode finds a measure, or returns nil.
func MeasureByCode(code string) *Measure {
	for i := range measures {
		if measures[i].Code == code {
			return &measures[i]
		}
	}
	return nil
}

// Measures are the values of the measures for one org unit and one
// period, by measure code; a measure not counted is 0. Money is in 元.
type Measures map[string]int64

// Money is the value of a money measure.
func (m Measures) Money(code string) Money { return Money(m[code]) }

// IsZero reports whether every measure is 0 (nothing counted).
func (m Measures) IsZero() bool {
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// Equal reports whether both hold the same values, a missing measure
// counting as 0.
func (m Measures) Equal(o Measures) bool {
	for k, v := range m {
		if o[k] != v {
			return false
		}
	}
	for k, v := range o {
		if m[k] != v {
			return false
		}
	}
	return true
}
