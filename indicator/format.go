package indicator

import (
	"math"
	"math/big"
	"strconv"

	"zhaoshang"
)

// This file is the one place where figures become text: every screen,
// document and the command line show numbers through these functions
// (money in 亿元 or 万元 with their decimals, percentages and points rounded
// half-up to one decimal, "—" for no value).

// None is what a report shows for no value.
const None = "—"

// FormatPercent shows a percentage rounded half-up (away from zero) to one
// decimal: 64.2222… → "64.2". The float is read as the shortest decimal
// that gives it back (the exact ratio it was computed from, when that has
// up to 15 digits), so a ratio that lies exactly on a half (0.05, 12.25)
// rounds up although its nearest binary double lies just below it.
func FormatPercent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return None
	}
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'g', -1, 64))
	if !ok {
		return None
	}
	return FormatRat(r, 1)
}

// FormatRat rounds an exact number half-up (away from zero) to the given
// number of decimals, without separators.
func FormatRat(r *big.Rat, decimals int) string {
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
	a := new(big.Rat).Abs(r)
	a.Mul(a, new(big.Rat).SetInt(pow))
	a.Add(a, big.NewRat(1, 2))
	q := new(big.Int).Quo(a.Num(), a.Denom()) // floor: a is not negative
	whole, frac := new(big.Int).QuoRem(q, pow, new(big.Int))
	s := whole.String()
	if decimals > 0 {
		f := frac.String()
		for len(f) < decimals {
			f = "0" + f
		}
		s += "." + f
	}
	if r.Sign() < 0 && q.Sign() != 0 {
		s = "-" + s
	}
	return s
}

// FormatValue shows a value the way a report table does: counts as whole
// numbers, money in 亿元 with one decimal, rates with one decimal, "—" for
// no value.
func FormatValue(d *Definition, v *float64) string {
	if v == nil {
		return None
	}
	switch d.Kind {
	case KindMoney:
		return zhaoshang.Money(math.Round(*v)).FormatYi(1)
	case KindRate:
		return FormatPercent(*v)
	}
	return strconv.FormatFloat(math.Round(*v), 'f', 0, 64)
}

// DisplayUnit is the unit a report table shows the value in: 亿元 for money.
func DisplayUnit(d *Definition) string {
	if d.Kind == KindMoney {
		return "亿元"
	}
	return d.Unit
}

// FormatChange shows a year-on-year change with its sign: "+9.9%" for
// counts and money, "+1.2个百分点" for rates, "—" for none.
func FormatChange(d *Definition, v *float64) string {
	if v == nil {
		return None
	}
	s := FormatPercent(*v)
	if s != "0.0" && s[0] != '-' {
		s = "+" + s
	}
	if d.Kind == KindRate {
		return s + "个百分点"
	}
	return s + "%"
}

// Figure shows an exact value the way the dispatch table does: counts as
// whole numbers, money in 亿元 with two decimals, rates with one decimal,
// all rounded half-up; "—" for no value.
func Figure(def *Definition, v *big.Rat) string {
	if v == nil {
		return None
	}
	switch def.Kind {
	case KindMoney:
		return FormatRat(new(big.Rat).Quo(v, big.NewRat(int64(zhaoshang.Yi), 1)), 2)
	case KindRate:
		return FormatRat(v, 1)
	}
	return FormatRat(v, 0)
}

// TargetFigure shows an annual target like Figure; "—" without one.
func TargetFigure(def *Definition, t *int64) string {
	if t == nil {
		return None
	}
	return Figure(def, big.NewRat(*t, 1))
}

// PercentText shows a percentage (completion, time progress) with one
// decimal half-up; "—" for none.
func PercentText(v *float64) string {
	if v == nil {
		return None
	}
	return FormatPercent(*v)
}

// TotalLabel names the row of the unit itself in a table of its counties:
// 全州合计 for a prefecture, a county's own name for a county.
func TotalLabel(u *zhaoshang.OrgUnit) string {
	switch u.Kind {
	case zhaoshang.OrgPrefecture:
		return "全州合计"
	case zhaoshang.OrgCounty:
		return u.Name
	}
	return u.Name + "合计"
}

// ShareText is part as a percentage of whole, rounded half-up to one
// decimal ("62.5%"), exactly; "—" when whole is not above zero.
func ShareText(part, whole zhaoshang.Money) string {
	if whole <= 0 {
		return None
	}
	return FormatRat(new(big.Rat).SetFrac64(int64(part)*100, int64(whole)), 1) + "%"
}
