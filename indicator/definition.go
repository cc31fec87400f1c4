// Package indicator computes the indicators of DOMAIN.md ("Indicators")
// from the measures counted in the records: their definitions, the periods
// reports cover, targets and completion, year-on-year change, time
// progress and the ranking of counties, and (format.go) the one way
// figures are shown. Build reads the measures and targets it is given
// (zhaoshang.MeasureSource, TargetLister) and writes nothing; every number
// is kept exact (math/big) until it is shown.
package indicator

import (
	"math/big"
	"strings"

	"zhaoshang"
)

// Kind says how an indicator's value is counted, which decides its
// year-on-year change (relative for counts and money, in percentage points
// for rates) and whether it may have a target (not a rate).
type Kind string

const (
	KindCount Kind = "count" // 个, 家
	KindMoney Kind = "money" // 元
	KindRate  Kind = "rate"  // %
)

// Definition is one indicator. A new indicator is a new definition here,
// not new code in each report.
type Definition struct {
	Code string // e.g. new_key_projects
	Name string // e.g. 新引进重点产业项目个数
	Unit string // 个, 家, 元, %
	Kind Kind
	// Exact computes the value from the measures as an exact number;
	// ok=false is "no value" (a rate whose denominator is zero).
	Exact func(m zhaoshang.Measures) (v *big.Rat, ok bool)
}

// Compute is the indicator's value as a float (unrounded); ok=false is "no
// value", shown "—" and written null.
func (d *Definition) Compute(m zhaoshang.Measures) (float64, bool) {
	r, ok := d.Exact(m)
	if !ok {
		return 0, false
	}
	f, _ := r.Float64()
	return f, true
}

// Targetable reports whether the indicator may have an annual target: a
// rate may not (its target would be a ratio of targets).
func (d *Definition) Targetable() bool { return d.Kind != KindRate }

// value is a measure as it is: a count or an amount.
func value(code string) func(zhaoshang.Measures) (*big.Rat, bool) {
	return func(m zhaoshang.Measures) (*big.Rat, bool) { return big.NewRat(m[code], 1), true }
}

// rate is one measure over another × 100; no value when the other is zero.
func rate(num, den string) func(zhaoshang.Measures) (*big.Rat, bool) {
	return func(m zhaoshang.Measures) (*big.Rat, bool) { return ratio(m[num], m[den]) }
}

// ratio is num / den × 100 exactly; no value when den is zero.
func ratio(num, den int64) (*big.Rat, bool) {
	if den == 0 {
		return nil, false
	}
	r := new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den))
	return r.Mul(r, hundred), true
}

var hundred = big.NewRat(100, 1)

// Percent is num / den × 100 as the float nearest to the exact ratio (what
// FormatPercent rounds correctly); ok=false when den is zero.
func Percent(num, den int64) (float64, bool) {
	r, ok := ratio(num, den)
	if !ok {
		return 0, false
	}
	f, _ := r.Float64()
	return f, true
}

// Definitions are the indicators of DOMAIN.md, in the order reports list
// them: each a formula over measures (zhaoshang.MeasureDefs).
var Definitions = []Definition{
	{Code: "new_key_projects", Name: "新引进重点产业项目个数", Unit: "个", Kind: KindCount, Exact: value(zhaoshang.MNewKeyProjects)},
	{Code: "contract_investment", Name: "合同约定投资总额", Unit: "元", Kind: KindMoney, Exact: value(zhaoshang.MContractInvestment)},
	{Code: "new_strong_enterprises", Name: "新引进优强企业", Unit: "家", Kind: KindCount, Exact: value(zhaoshang.MNewStrongEnterprises)},
	{Code: "funds_in_place", Name: "新增到位资金", Unit: "元", Kind: KindMoney, Exact: value(zhaoshang.MFundsInPlace)},
	{Code: "key_funds_in_place", Name: "重点产业项目到位资金", Unit: "元", Kind: KindMoney, Exact: value(zhaoshang.MKeyFunds)},
	{Code: "industrial_funds_in_place", Name: "工业项目到位资金", Unit: "元", Kind: KindMoney, Exact: value(zhaoshang.MIndustrialFunds)},
	{Code: "industrial_funds_share", Name: "工业项目到位资金占比", Unit: "%", Kind: KindRate, Exact: rate(zhaoshang.MIndustrialFunds, zhaoshang.MKeyFunds)},
	{Code: "started_projects", Name: "开工项目", Unit: "个", Kind: KindCount, Exact: value(zhaoshang.MStartedProjects)},
	{Code: "start_rate", Name: "开工率", Unit: "%", Kind: KindRate, Exact: rate(zhaoshang.MStartedProjects, zhaoshang.MNewKeyProjects)},
	{Code: "producing_projects", Name: "投产项目", Unit: "个", Kind: KindCount, Exact: value(zhaoshang.MProducingProjects)},
	{Code: "production_rate", Name: "投产率", Unit: "%", Kind: KindRate, Exact: rate(zhaoshang.MProducingProjects, zhaoshang.MNewKeyProjects)},
	{Code: "foreign_funds_in_place", Name: "境外到位资金", Unit: "元", Kind: KindMoney, Exact: value(zhaoshang.MForeignFunds)},
}

// Lookup finds an indicator by its code (any case) or its Chinese name,
// as a 目标任务 file or a form may give it; nil when there is none.
func Lookup(codeOrName string) *Definition {
	s := strings.TrimSpace(zhaoshang.FoldWidth(codeOrName))
	for i := range Definitions {
		d := &Definitions[i]
		if strings.EqualFold(s, d.Code) || s == d.Name {
			return d
		}
	}
	return nil
}

// TargetNames lists the Chinese names of the indicators that take a target, for
// the dropdown of a 目标任务 template.
func TargetNames() []string {
	var out []string
	for i := range Definitions {
		if Definitions[i].Targetable() {
			out = append(out, Definitions[i].Name)
		}
	}
	return out
}

// Names tells an indicator's code and Chinese name from its code or name
// (zhaoshang.IndicatorNames, for validating a scoring scheme).
func Names(codeOrName string) (code, name string, ok bool) {
	if d := Lookup(codeOrName); d != nil {
		return d.Code, d.Name, true
	}
	return "", "", false
}
