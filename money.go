package zhaoshang

import (
	"strconv"
	"strings"
)

// Money is an amount in whole 元, never a float. Ledgers speak 万元 (with
// up to four decimals, i.e. to the 元) and reports 亿元.
type Money int64

const (
	Wan Money = 10_000      // 1 万元
	Yi  Money = 100_000_000 // 1 亿元
)

// MaxAmount is the largest amount one record may hold (a project's
// contract or total investment, one receipt): 1万亿元. Above it is a typing
// error, and the bound keeps every sum of amounts exact in int64 for more
// than nine million records at the bound. The bureau may set a lower
// ceiling (AmountCeiling); never a higher one.
const MaxAmount Money = 10_000 * Yi

// DefaultAmountCeiling is the ceiling until the bureau sets another.
const DefaultAmountCeiling = MaxAmount

// CheckAmountCeiling refuses an amount above the ceiling (at most
// MaxAmount) as the typing error it is; field and label name the input.
func CheckAmountCeiling(field, label string, v, ceiling Money) error {
	if ceiling <= 0 || ceiling > MaxAmount {
		ceiling = MaxAmount
	}
	if v > ceiling {
		return FieldErrorf(EInvalid, field, "%s%s万元超过单项上限%s亿元，疑为录入错误，请核对单位（万元）和数值", label, v.FormatWan(0), ceiling.FormatYi(0))
	}
	return nil
}

// ValidAmountCeiling checks a ceiling the bureau sets: 1亿元 to MaxAmount.
func ValidAmountCeiling(c Money) error {
	if c < Yi || c > MaxAmount {
		return FieldErrorf(EInvalid, "amount_ceiling", "金额上限应在1亿元至%s亿元之间", MaxAmount.FormatYi(0))
	}
	return nil
}

// ParseWan reads an amount in 万元 as ledgers write it: up to four
// decimals, thousands separators allowed ("1,234.5678"), full-width digits
// already folded by the caller. It refuses more decimals than 元 precision.
func ParseWan(s string) (Money, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "，", ""))
	if s == "" {
		return 0, false
	}
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" && !hasFrac || len(frac) > 4 || (hasFrac && frac == "" && whole == "") {
		return 0, false
	}
	if whole == "" {
		whole = "0"
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	if len(whole) > 12 {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "0000")[:4], 10, 64)
	}
	v := Money(w*10_000 + f)
	if neg {
		v = -v
	}
	return v, true
}

// Wan writes the amount in 万元 with as many decimals as it needs (at most
// four), without separators: what a ledger cell holds, read back exactly.
func (m Money) WanString() string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := strconv.FormatInt(int64(m/Wan), 10)
	if f := int64(m % Wan); f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(f+10_000, 10)[1:], "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatWan shows the amount in 万元 with thousands separators and the
// given number of decimals, rounded half-up (for tables).
func (m Money) FormatWan(decimals int) string { return formatScaled(int64(m), int64(Wan), decimals) }

// FormatYi shows the amount in 亿元 with separators, rounded half-up.
func (m Money) FormatYi(decimals int) string { return formatScaled(int64(m), int64(Yi), decimals) }

// formatScaled divides v by unit and rounds half-up (away from zero) to
// decimals places, in integers only.
func formatScaled(v, unit int64, decimals int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	pow := int64(1)
	for i := 0; i < decimals; i++ {
		pow *= 10
	}
	// round(v * pow / unit), half-up
	q := (v*pow*2 + unit) / (2 * unit)
	if v > (1<<62)/pow { // avoid overflow for huge values: round in two steps
		q = (v/unit)*pow + ((v%unit)*pow*2+unit)/(2*unit)
	}
	whole, frac := q/pow, q%pow
	s := groupThousands(strconv.FormatInt(whole, 10))
	if decimals > 0 {
		s += "." + strconv.FormatInt(frac+pow, 10)[1:]
	}
	if neg && q != 0 {
		s = "-" + s
	}
	return s
}

func groupThousands(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
