package reportcheck

import (
	"fmt"
	"math/big"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

var hundred = big.NewRat(100, 1)

// printed is the claim's number with its sign, as FormatRat writes it.
func printed(s *span) string {
	if s.sign < 0 && s.val.Sign() != 0 {
		return "-" + s.digits
	}
	return s.digits
}

// agrees reports whether a percentage computed from figures (exact, or a
// range when some are rounded) may be printed as the claim: exactly, when
// it rounds half-up to the printed digits; for a range, when some value in
// it does.
func agrees(r interval, claim *span) bool {
	if r.lo.Cmp(r.hi) == 0 {
		return indicator.FormatRat(r.mid, claim.dec) == printed(claim)
	}
	p := claim.value() // the range that rounds to the claim (unsigned)
	lo, hi := p.lo, p.hi
	if claim.sign < 0 {
		lo, hi = new(big.Rat).Neg(p.hi), new(big.Rat).Neg(p.lo)
	}
	return r.lo.Cmp(hi) <= 0 && r.hi.Cmp(lo) >= 0
}

// ratio is a ÷ b × 100 over the ranges of a and b (b > 0).
func ratio(a, b interval) interval {
	q := func(x, y *big.Rat) *big.Rat {
		r := new(big.Rat).Quo(x, y)
		return r.Mul(r, hundred)
	}
	return interval{q(a.lo, b.hi), q(a.mid, b.mid), q(a.hi, b.lo)}
}

// growth is (v − p) ÷ p × 100 over the ranges (p > 0).
func growth(v, p interval) interval {
	r := ratio(v, p)
	for _, x := range []*big.Rat{r.lo, r.mid, r.hi} {
		x.Sub(x, hundred)
	}
	return r
}

// difference is v − p over the ranges.
func difference(v, p interval) interval {
	return interval{new(big.Rat).Sub(v.lo, p.hi), new(big.Rat).Sub(v.mid, p.mid), new(big.Rat).Sub(v.hi, p.lo)}
}

func positive(i interval) bool { return i.lo.Sign() > 0 }

// expected is what the figures give: "286÷289＝98.96%，应为99.0%", with the
// range when operands are rounded.
func expected(expr string, r interval, claim *span) string {
	s := expr + "＝" + indicator.FormatRat(r.mid, claim.dec+1) + unitWord(claim)
	if r.lo.Cmp(r.hi) != 0 {
		s += "（按所列数值的四舍五入范围为" + indicator.FormatRat(r.lo, claim.dec+1) + "～" + indicator.FormatRat(r.hi, claim.dec+1) + "）"
	}
	return s + "，应为" + indicator.FormatRat(r.mid, claim.dec) + unitWord(claim)
}

func unitWord(s *span) string {
	if s.kind == kindPoints {
		return "个百分点"
	}
	return "%"
}

func textFinding(d *document, s *span, exp, reason string) Finding {
	return Finding{Sentence: d.sentenceText(s), Claim: d.claimText(s), Expected: exp, Reason: reason,
		Severity: zhaoshang.SeverityWarning, Source: SourceText, Offset: s.start}
}

// checkText lists the claims that do not follow from the figures stated
// beside them.
func (d *document) checkText() []Finding {
	var out []Finding
	for si := range d.sents {
		spans := d.sents[si].spans
		for i, s := range spans {
			var f *Finding
			switch s.role {
			case roleCompletion:
				f = d.checkCompletion(spans, i)
			case roleRate:
				f = d.checkRate(spans, i)
			case roleGrowth:
				f = d.checkGrowth(spans, i)
			}
			if f != nil {
				out = append(out, *f)
			}
		}
	}
	if f := d.checkAreas(); f != nil {
		out = append(out, *f)
	}
	return out
}

// lastPrimary is the nearest figure of the period before spans[i] of the
// kind (and, for a count, the unit); nil when there is none.
func lastPrimary(spans []*span, i int, k kind, unit string) *span {
	for j := i - 1; j >= 0; j-- {
		s := spans[j]
		if s.role == rolePrimary && s.kind == k && (k != kindCount || s.unit == unit) {
			return s
		}
	}
	return nil
}

// checkCompletion: 新引进重点产业项目289个，完成州级年度目标任务450个的64.2%.
func (d *document) checkCompletion(spans []*span, i int) *Finding {
	c := spans[i]
	t := spans[i-1] // classify made it the target
	v := lastPrimary(spans, i-1, t.kind, t.unit)
	if v == nil || !positive(t.value()) {
		return nil
	}
	r := ratio(v.value(), t.value())
	if agrees(r, c) {
		return nil
	}
	f := textFinding(d, c, expected(v.digits+"÷"+t.digits, r, c), "完成比例与所列完成值和目标值不符。")
	return &f
}

// numerators are the figures a rate named name may count: those before it
// in the sentence whose words end with the name (开工286个 for 开工率).
func numerators(spans []*span, i int, name string) []*span {
	var out []*span
	for j := i - 1; j >= 0; j-- {
		s := spans[j]
		if s.role == rolePrimary && s.kind == kindCount && name != "" &&
			(strings.HasSuffix(trimLinks(s.near), name) || strings.HasSuffix(trimLinks(s.clause), name)) {
			out = append(out, s)
		}
	}
	return out
}

// stated is the last figure of the period of the kind, said with one of the
// words, in the paragraph before a figure: the 289 new key projects that
// are the base of 开工率 and 投产率.
func (d *document) stated(before *span, k kind, words ...string) *span {
	p := d.paras[d.sents[before.sent].para]
	var found *span
	for _, si := range p.sents {
		for _, s := range d.sents[si].spans {
			if s.start >= before.start {
				return found
			}
			if s.role == rolePrimary && s.kind == k && containsAny(s.clause, words...) {
				found = s
			}
		}
	}
	return found
}

var keyProjectWords = []string{"新引进重点产业项目", "新增重点产业项目"}

// checkRate: 开工286个、开工率98.9% over the 289 new key projects; 工业项目
// 到位资金128.2亿元，占比58.9% over the key-industry funds; 办结67个…办结率
// 88.16% over the 76 listed.
func (d *document) checkRate(spans []*span, i int) *Finding {
	c := spans[i]
	if c.rateName == "占比" {
		num := lastPrimary(spans, i, kindMoney, "")
		if num == nil || !strings.Contains(num.clause, "工业项目到位资金") {
			return nil // a share of what is not said
		}
		den := d.stated(num, kindMoney, "重点产业项目到位资金")
		if den == nil || !positive(den.value()) {
			return nil
		}
		r := ratio(num.value(), den.value())
		if agrees(r, c) {
			return nil
		}
		f := textFinding(d, c, expected(num.digits+"÷"+den.digits, r, c), "工业项目到位资金占比与所列工业项目、重点产业项目到位资金不符。")
		return &f
	}
	nums := numerators(spans, i, c.rateName)
	if len(nums) == 0 {
		return nil
	}
	if c.rateName == "开工" || c.rateName == "投产" {
		if den := d.stated(c, kindCount, keyProjectWords...); den != nil && den.unit == nums[0].unit && den.val.Sign() > 0 {
			num := nums[0]
			r := ratio(num.value(), den.value())
			if agrees(r, c) {
				return nil
			}
			f := textFinding(d, c, expected(num.digits+"÷"+den.digits, r, c),
				fmt.Sprintf("%s率与所列%s项目数和新引进重点产业项目数不符。", c.rateName, c.rateName))
			return &f
		}
	}
	// Any other rate: its base is a larger count stated before its
	// numerator in the same sentence. Flag only an unambiguous pairing.
	type pair struct{ num, den *span }
	var pairs []pair
	for _, num := range nums {
		for j := 0; j < len(spans) && spans[j].start < num.start; j++ {
			den := spans[j]
			if den.role == rolePrimary && den.kind == kindCount && den.unit == num.unit && den.val.Sign() > 0 && den.val.Cmp(num.val) >= 0 {
				pairs = append(pairs, pair{num, den})
			}
		}
	}
	for _, p := range pairs {
		if agrees(ratio(p.num.value(), p.den.value()), c) {
			return nil
		}
	}
	if len(pairs) != 1 {
		return nil
	}
	p := pairs[0]
	r := ratio(p.num.value(), p.den.value())
	f := textFinding(d, c, expected(p.num.digits+"÷"+p.den.digits, r, c), c.rateName+"率与所列数值不符。")
	return &f
}

// checkGrowth: a growth with last year's figure stated in the same
// sentence (比上年同期263个增长9.9%), or a change in percentage points with
// both rates stated. Without last year's figure it cannot be checked.
func (d *document) checkGrowth(spans []*span, i int) *Finding {
	c := spans[i]
	want := kindPct
	if c.kind == kindPct {
		want = 0 // a count or money
	}
	var prev *span
	for _, s := range spans {
		if s.role == rolePrev && ((want == kindPct && s.kind == kindPct) || (want == 0 && (s.kind == kindCount || s.kind == kindMoney))) {
			if prev != nil {
				return nil // which one?
			}
			prev = s
		}
	}
	if prev == nil {
		return nil
	}
	var cur *span
	if want == kindPct {
		for j := i - 1; j >= 0 && cur == nil; j-- {
			if s := spans[j]; s.kind == kindPct && (s.role == roleRate || s.role == roleOther && !s.approx) {
				cur = s
			}
		}
	} else {
		cur = lastPrimary(spans, i, prev.kind, prev.unit)
	}
	if cur == nil {
		return nil
	}
	var r interval
	var expr string
	if want == kindPct {
		r, expr = difference(cur.value(), prev.value()), cur.digits+"－"+prev.digits
	} else {
		if !positive(prev.value()) {
			return nil
		}
		r, expr = growth(cur.value(), prev.value()), "("+cur.digits+"－"+prev.digits+")÷"+prev.digits
	}
	if agrees(r, c) {
		return nil
	}
	f := textFinding(d, c, expected(expr, r, c), "同比变化与所列本期和上年同期数值不符。")
	return &f
}

// areas are the four investment areas (四化) and 其他, as a count of
// projects names them: 175个工业项目, 新型城镇化项目37个.
var areas = []struct{ name, key string }{
	{"工业", "工业"}, {"城镇化", "城镇化"}, {"农业", "农业"}, {"旅游", "旅游"},
}

// areaOf is the area a count of projects is of, or "".
func areaOf(s *span) string {
	if s.role != rolePrimary || s.kind != kindCount || s.unit != "个" {
		return ""
	}
	// the words after the count up to 项目 (175个工业项目), else those before it (工业项目175个)
	words := ""
	if k := strings.Index(s.after, "项目"); k >= 0 && len([]rune(s.after[:k])) <= 8 {
		words = s.after[:k]
	} else if strings.HasSuffix(trimLinks(s.near), "项目") {
		w := []rune(strings.TrimSuffix(trimLinks(s.near), "项目"))
		words = string(w[max(0, len(w)-8):])
	}
	if words == "" || strings.Contains(words, "重点") || strings.Contains(words, "招商") {
		return ""
	}
	for _, a := range areas {
		if strings.Contains(words, a.key) {
			return a.name
		}
	}
	return ""
}

// checkAreas: when the text gives the new key projects of each of the four
// areas (once each), they break down the total of new key projects it
// states, and must add up to it. Amounts of the areas (投资总额) are a
// different measure from 合同约定投资总额 and are not compared.
func (d *document) checkAreas() *Finding {
	parts := map[string]*span{}
	seen := map[string]int{}
	var total *span
	for si := range d.sents {
		for _, s := range d.sents[si].spans {
			if a := areaOf(s); a != "" {
				parts[a] = s
				seen[a]++
			} else if total == nil && s.role == rolePrimary && s.kind == kindCount && strings.Contains(s.clause, "新引进重点产业项目") {
				total = s
			}
		}
	}
	if total == nil {
		return nil
	}
	sum := new(big.Rat)
	var terms, claims []string
	var last *span
	for _, a := range areas {
		s := parts[a.name]
		if s == nil || seen[a.name] != 1 {
			return nil
		}
		sum.Add(sum, s.val)
		terms = append(terms, s.digits)
		claims = append(claims, a.name+s.digits+s.unit)
		if last == nil || s.start > last.start {
			last = s
		}
	}
	if sum.Cmp(total.val) == 0 {
		return nil
	}
	diff := new(big.Rat).Sub(total.val, sum)
	word := "少"
	if diff.Sign() < 0 {
		word, diff = "多", diff.Neg(diff)
	}
	var sents []string
	for _, a := range areas {
		s := parts[a.name]
		sents = append(sents, strings.TrimSpace(d.text(s.clauseAt, s.end+len([]rune(s.after)))))
	}
	return &Finding{
		Sentence: strings.Join(sents, "……"),
		Claim:    strings.Join(claims, "、") + "，合计应为新引进重点产业项目" + total.digits + total.unit,
		Expected: fmt.Sprintf("%s＝%s%s，比新引进重点产业项目%s%s%s%s%s", strings.Join(terms, "＋"), sum.RatString(), total.unit,
			total.digits, total.unit, word, diff.RatString(), total.unit),
		Reason:   "四个领域的项目数之和与新引进重点产业项目总数不符。",
		Severity: zhaoshang.SeverityWarning, Source: SourceText, Offset: parts[areas[0].name].start,
	}
}
