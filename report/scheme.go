package report

import (
	"math/big"
	"sort"

	"zhaoshang"
	"zhaoshang/indicator"
)

// This file scores the counties of a report by a year's scheme
// (zhaoshang.Scheme, kept by the domain's SchemeService).

// rat is the decimal a float64 was written as, exactly.
func rat(f float64) *big.Rat { return zhaoshang.ExactDecimal(f) }

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
func Score(rep *indicator.Report, s zhaoshang.Scheme) []CountyScore {
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
	adjust := func(list []zhaoshang.Adjustment, sign int) {
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
