package report

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"zhaoshang/indicator"
)

// This file holds the scoring scheme of 季通报: the counties of a report are
// ranked by a composite score computed from a scheme that is configurable
// per year and stored as JSON.

// Scheme is one year's scoring scheme (综合评分办法).
type Scheme struct {
	Year    int          `json:"year"`
	Items   []SchemeItem `json:"items"`
	Bonus   []Adjustment `json:"bonus,omitempty"`
	Penalty []Adjustment `json:"penalty,omitempty"`
}

// StoredScheme is a year's scheme as the store keeps it.
type StoredScheme struct {
	Scheme    Scheme
	Stored    bool  // false: the default, never saved for this year
	Version   int64 // 0 when not stored
	UpdatedAt time.Time
}

// SchemeItem is one scored indicator. An item is scored by completion when
// every county has a (non-zero) annual target for it: Weight × min(完成率,
// Cap) / 100. Otherwise (no targets, as for 合同约定投资总额 or a rate) it is
// scored by rank among the n counties: Weight × (n − rank + 1) / n, so the
// first gets the full weight and the last 1/n of it; a county without a
// value (a rate with nothing to divide) gets 0.
type SchemeItem struct {
	Indicator string  `json:"indicator"` // an indicator.Definitions code
	Weight    float64 `json:"weight"`    // points
	Cap       float64 `json:"cap"`       // the highest completion % counted, e.g. 120
}

// Adjustment is a bonus (加分) or penalty (减分) item: Points added to (or
// taken from) each county listed by code.
type Adjustment struct {
	Name     string   `json:"name"`
	Points   float64  `json:"points"`
	Counties []string `json:"counties"`
}

// DefaultScheme is the scheme used when a year has none of its own: 100
// points over six indicators, completion counted up to 120%.
//
//	新引进重点产业项目个数  25  by completion (target)
//	合同约定投资总额        15  by rank (no target)
//	新增到位资金            25  by completion (target)
//	重点产业项目到位资金    20  by completion (target)
//	新引进优强企业          10  by rank (no target)
//	工业项目到位资金占比     5  by rank (a share)
func DefaultScheme(year int) Scheme {
	return Scheme{Year: year, Items: []SchemeItem{
		{Indicator: "new_key_projects", Weight: 25, Cap: 120},
		{Indicator: "contract_investment", Weight: 15, Cap: 120},
		{Indicator: "funds_in_place", Weight: 25, Cap: 120},
		{Indicator: "key_funds_in_place", Weight: 20, Cap: 120},
		{Indicator: "new_strong_enterprises", Weight: 10, Cap: 120},
		{Indicator: "industrial_funds_share", Weight: 5, Cap: 120},
	}}
}

// Validate checks the scheme and says in Chinese what is wrong: a year,
// at least one item, known indicators each once, positive weights adding
// up to 100, caps of at least 100, named adjustments with positive points
// and at least one county each.
func (s Scheme) Validate() error {
	var errs []string
	if s.Year < 1900 || s.Year > 9999 {
		errs = append(errs, fmt.Sprintf("年度“%d”无效", s.Year))
	}
	if len(s.Items) == 0 {
		errs = append(errs, "评分办法至少须有一项评分指标")
	}
	seen := map[string]bool{}
	sum := new(big.Rat)
	for i, it := range s.Items {
		d := indicator.Lookup(it.Indicator)
		switch {
		case d == nil:
			errs = append(errs, fmt.Sprintf("第%d项：指标“%s”不存在", i+1, it.Indicator))
		case seen[d.Code]:
			errs = append(errs, fmt.Sprintf("第%d项：指标“%s”重复", i+1, d.Name))
		default:
			seen[d.Code] = true
		}
		if !(it.Weight > 0) || math.IsInf(it.Weight, 0) {
			errs = append(errs, fmt.Sprintf("第%d项：分值须大于0", i+1))
		} else {
			sum.Add(sum, rat(it.Weight))
		}
		if !(it.Cap >= 100) || math.IsInf(it.Cap, 0) {
			errs = append(errs, fmt.Sprintf("第%d项：完成率封顶值须不低于100%%", i+1))
		}
	}
	if len(s.Items) > 0 && sum.Cmp(big.NewRat(100, 1)) != 0 {
		errs = append(errs, "各项分值合计须为100分，现为"+trimZeros(sum.FloatString(4))+"分")
	}
	for _, g := range []struct {
		kind string
		list []Adjustment
	}{{"加分项", s.Bonus}, {"减分项", s.Penalty}} {
		for i, a := range g.list {
			if strings.TrimSpace(a.Name) == "" {
				errs = append(errs, fmt.Sprintf("%s第%d项：须填写名称", g.kind, i+1))
			}
			if !(a.Points > 0) || math.IsInf(a.Points, 0) {
				errs = append(errs, fmt.Sprintf("%s第%d项：分值须大于0", g.kind, i+1))
			}
			if len(a.Counties) == 0 {
				errs = append(errs, fmt.Sprintf("%s第%d项：须至少指定一个县（市）", g.kind, i+1))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("评分办法有误：%s", strings.Join(errs, "；"))
	}
	return nil
}

// rat is the decimal a float64 was written as (25.5 → 51/2), exactly.
func rat(f float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// ItemScore is a county's points on one item of the scheme.
type ItemScore struct {
	Indicator  string
	Name       string
	ByRank     bool     // scored by rank (no targets), else by completion
	Completion *float64 // unrounded 完成率 when scored by completion
	Rank       *int     // the county's rank on the indicator when scored by rank
	Points     float64

	exact *big.Rat
}

// ExactPoints is the item's points exactly.
func (s ItemScore) ExactPoints() *big.Rat { return s.exact }

// CountyScore is one county's composite score.
type CountyScore struct {
	UnitID         int64
	Code, Name     string
	Items          []ItemScore
	Bonus, Penalty float64 // points added and taken (both ≥ 0)
	Total          float64
	Rank           int // 1 = best; equal totals share a rank ("1, 2, 2, 4")

	total *big.Rat
}

// ExactTotal is the total exactly.
func (c CountyScore) ExactTotal() *big.Rat { return c.total }

// Score scores the counties of the report by the scheme, best first; equal
// totals keep the order of the report's counties (the tree's order). All
// sums are exact (math/big); the floats are for display.
func Score(rep *indicator.Report, s Scheme) []CountyScore {
	n := len(rep.Counties)
	if n == 0 {
		return nil
	}
	out := make([]CountyScore, n)
	for i, c := range rep.Counties {
		out[i] = CountyScore{UnitID: c.Unit.ID, Code: c.Unit.Code, Name: c.Unit.Name, total: new(big.Rat)}
	}
	for _, it := range s.Items {
		def := indicator.Lookup(it.Indicator)
		if def == nil {
			continue
		}
		k := defIndex(def)
		weight, capv := rat(it.Weight), rat(it.Cap)
		byRank := false
		for _, c := range rep.Counties {
			if t := c.Rows[k].Target; t == nil || *t == 0 {
				byRank = true
			}
		}
		for i, c := range rep.Counties {
			row := &c.Rows[k]
			sc := ItemScore{Indicator: def.Code, Name: def.Name, ByRank: byRank, exact: new(big.Rat)}
			v := row.ExactValue()
			switch {
			case v == nil:
			case byRank:
				if row.Rank != nil {
					r := *row.Rank
					sc.Rank = &r
					sc.exact.SetFrac64(int64(n-r+1), int64(n))
					sc.exact.Mul(sc.exact, weight)
				}
			default:
				comp := new(big.Rat).Quo(v, big.NewRat(*row.Target, 1))
				comp.Mul(comp, big.NewRat(100, 1))
				f, _ := comp.Float64()
				sc.Completion = &f
				if comp.Cmp(capv) > 0 {
					comp.Set(capv)
				}
				if comp.Sign() < 0 {
					comp.SetInt64(0)
				}
				sc.exact.Mul(weight, comp)
				sc.exact.Quo(sc.exact, big.NewRat(100, 1))
			}
			sc.Points, _ = sc.exact.Float64()
			out[i].Items = append(out[i].Items, sc)
			out[i].total.Add(out[i].total, sc.exact)
		}
	}
	adjust := func(list []Adjustment, sign int) {
		for _, a := range list {
			p := rat(a.Points)
			f, _ := p.Float64()
			if sign < 0 {
				p.Neg(p)
			}
			for i := range out {
				for _, code := range a.Counties {
					if code == out[i].Code {
						out[i].total.Add(out[i].total, p)
						if sign < 0 {
							out[i].Penalty += f // points taken, shown positive
						} else {
							out[i].Bonus += f
						}
					}
				}
			}
		}
	}
	adjust(s.Bonus, 1)
	adjust(s.Penalty, -1)
	for i := range out {
		out[i].Total, _ = out[i].total.Float64()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].total.Cmp(out[j].total) > 0 })
	for i := range out {
		if i > 0 && out[i].total.Cmp(out[i-1].total) == 0 {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	return out
}

func defIndex(d *indicator.Definition) int {
	for i := range indicator.Definitions {
		if &indicator.Definitions[i] == d {
			return i
		}
	}
	return -1
}

// FormatPoints shows points with two decimals, rounded half-up.
func FormatPoints(r *big.Rat) string {
	if r == nil {
		return indicator.None
	}
	return indicator.FormatRat(r, 2)
}
