package reportcheck

import (
	"math/big"
	"strings"
	"unicode"

	"zhaoshang"
)

// kind is what a figure measures.
type kind int

const (
	kindCount  kind = iota + 1 // 个, 家, 件, …: exact
	kindMoney                  // 亿元, 万元, 元: rounded at the printed decimals
	kindPct                    // %
	kindPoints                 // 个百分点
)

// role is what a figure does in its sentence.
type role int

const (
	rolePrimary    role = iota + 1 // a figure of the period: 新引进重点产业项目289个
	roleTarget                     // the target of a completion: 目标任务450个(的)
	roleCompletion                 // 完成…的64.2%
	roleGrowth                     // 同比增长9.9%, 同比提高1.2个百分点
	roleFlat                       // 与上年持平 (no number: a change of 0)
	roleRate                       // 开工率98.9%, 占比58.9%
	rolePrev                       // a figure of last year: 上年同期263个
	roleOther                      // anything else: approximate, an absolute change, a plain percentage
)

// span is one stated figure of the text.
type span struct {
	start, end int      // rune offsets of the figure (number and unit; a 持平 clause whole)
	digits     string   // the number as printed, without separators: "314.5"
	val        *big.Rat // the number as printed
	dec        int      // decimals printed
	unit       string
	kind       kind
	approx     bool
	role       role
	sign       int    // a growth: +1 (增长, 提高), −1 (下降, 减少)
	rateName   string // a rate: the words before 率 ("开工"), or 占比
	clause     string // the words from the clause's start to the number
	near       string // the words between the previous figure (or the clause's start) and the number
	after      string // the words after the unit up to the clause's end
	clauseAt   int    // rune offset of the clause's start
	sent       int    // index of its sentence
}

type sentence struct {
	start, end int // rune offsets, trimmed
	para       int
	spans      []*span
}

type paragraph struct {
	start, end int
	sents      []int
}

// document is a parsed text: the runes as written and folded to
// half-width (the same length: FoldWidth maps rune to rune), its
// paragraphs, sentences and figures.
type document struct {
	orig, fold []rune
	paras      []paragraph
	sents      []sentence
}

func (d *document) text(from, to int) string { return string(d.orig[from:to]) }

// folded is the folded text between two offsets.
func (d *document) folded(from, to int) string { return string(d.fold[from:to]) }

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '!', '?', ';', '\n', '\r':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool {
	if isSentenceEnd(r) {
		return true
	}
	switch r {
	case ',', '、', ':', '(', ')', '“', '”', '"', '《', '》', '【', '】', '[', ']':
		return true
	}
	return false
}

// clauseEnd reports whether the rune at i ends a clause: a comma between
// digits written half-width is a thousands separator, not an end.
func (d *document) clauseEnd(i int) bool {
	if d.orig[i] == ',' && i > 0 && i+1 < len(d.fold) && isDigit(d.fold[i-1]) && isDigit(d.fold[i+1]) {
		return false
	}
	return isClauseEnd(d.fold[i])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// units are the units a figure may carry, longest first where one begins
// another. "" (no unit) and dates are not figures.
var units = []struct {
	s string
	k kind
}{
	{"个百分点", kindPoints}, {"百分点", kindPoints},
	{"亿元", kindMoney}, {"万元", kindMoney}, {"元", kindMoney}, {"%", kindPct},
	{"人次", kindCount}, {"个", kindCount}, {"家", kindCount}, {"件", kindCount}, {"项", kindCount},
	{"次", kindCount}, {"条", kindCount}, {"封", kindCount}, {"人", kindCount}, {"批", kindCount},
	{"户", kindCount}, {"名", kindCount}, {"宗", kindCount}, {"场", kindCount}, {"期", kindCount},
}

// scale is how many 元 one printed unit of money is.
func scale(unit string) *big.Rat {
	switch unit {
	case "亿元":
		return big.NewRat(int64(zhaoshang.Yi), 1)
	case "万元":
		return big.NewRat(int64(zhaoshang.Wan), 1)
	}
	return big.NewRat(1, 1)
}

func hasPrefixRunes(rs []rune, at int, s string) bool {
	for _, r := range s {
		if at >= len(rs) || rs[at] != r {
			return false
		}
		at++
	}
	return true
}

// parse reads the text into paragraphs, sentences and figures.
func parse(text string) *document {
	d := &document{orig: []rune(text), fold: []rune(zhaoshang.FoldWidth(text))}
	n := len(d.fold)
	for i := 0; i < n; {
		j := i
		for j < n && d.fold[j] != '\n' {
			j++
		}
		d.paragraph(i, j)
		i = j + 1
	}
	return d
}

func (d *document) paragraph(from, to int) {
	p := paragraph{start: from, end: to}
	pi := len(d.paras)
	for i := from; i < to; {
		j := i
		for j < to && !isSentenceEnd(d.fold[j]) {
			j++
		}
		s, e := i, j
		for s < e && unicode.IsSpace(d.fold[s]) {
			s++
		}
		for e > s && unicode.IsSpace(d.fold[e-1]) {
			e--
		}
		if s < e {
			p.sents = append(p.sents, len(d.sents))
			d.sents = append(d.sents, sentence{start: s, end: e, para: pi})
			d.figures(len(d.sents) - 1)
		}
		i = j + 1
	}
	d.paras = append(d.paras, p)
}

// figures finds the figures of a sentence and says what each one does.
func (d *document) figures(si int) {
	st := &d.sents[si]
	f := d.fold
	var spans []*span
	for i := st.start; i < st.end; {
		if !isDigit(f[i]) || (i > st.start && (isDigit(f[i-1]) || f[i-1] == '.' || f[i-1] < 0x80 && unicode.IsLetter(f[i-1]))) {
			i++
			continue
		}
		s := &span{start: i}
		var b strings.Builder
		j := i
		for j < st.end && isDigit(f[j]) {
			b.WriteRune(f[j])
			j++
		}
		// thousands: ",ddd" written with a half-width comma
		for j+3 < st.end && d.orig[j] == ',' && isDigit(f[j+1]) && isDigit(f[j+2]) && isDigit(f[j+3]) && (j+4 >= st.end || !isDigit(f[j+4])) {
			b.WriteString(string(f[j+1 : j+4]))
			j += 4
		}
		if j+1 < st.end && f[j] == '.' && isDigit(f[j+1]) {
			b.WriteByte('.')
			j++
			for j < st.end && isDigit(f[j]) {
				b.WriteRune(f[j])
				s.dec++
				j++
			}
		}
		s.digits = b.String()
		s.val, _ = new(big.Rat).SetString(s.digits)
		for j < st.end && f[j] == ' ' {
			j++
		}
		if j < st.end && (f[j] == '余' || f[j] == '多') {
			s.approx = true
			j++
		}
		for _, u := range units {
			if hasPrefixRunes(f, j, u.s) {
				s.unit, s.kind = u.s, u.k
				j += len([]rune(u.s))
				break
			}
		}
		if s.unit == "" && hasPrefixRunes(f, j, "亿") && !hasPrefixRunes(f, j, "亿元") {
			s.unit, s.kind = "亿元", kindMoney // 213.794亿
			j++
		}
		i = j
		if s.kind == 0 {
			continue // a year, a date, a name: not a figure
		}
		s.end = j
		rest := string(f[j:st.end])
		for _, w := range []string{"以上", "左右", "以内", "以下", "多", "余"} {
			if strings.HasPrefix(rest, w) {
				s.approx = true
			}
		}
		spans = append(spans, s)
	}
	// 与上年持平, 同比持平: a change of zero
	for i := st.start; i+1 < st.end; i++ {
		if f[i] != '持' || f[i+1] != '平' {
			continue
		}
		c := i
		for c > st.start && !d.clauseEnd(c-1) {
			c--
		}
		if w := string(f[c:i]); strings.Contains(w, "上年") || strings.Contains(w, "去年") || strings.Contains(w, "同比") {
			spans = append(spans, &span{start: c, end: i + 2, digits: "0.0", val: new(big.Rat), dec: 1, kind: kindPct, role: roleFlat, unit: "%"})
		}
	}
	sortSpans(spans)
	prevEnd := st.start
	var prev *span
	for _, s := range spans {
		s.sent = si
		c := s.start
		for c > st.start && !d.clauseEnd(c-1) {
			c--
		}
		s.clauseAt = c
		s.clause = string(f[c:s.start])
		s.near = string(f[max(c, prevEnd):s.start])
		a := s.end
		for a < st.end && !d.clauseEnd(a) {
			a++
		}
		s.after = string(f[s.end:a])
		for _, w := range []string{"约", "近", "超", "逾", "超过", "不足", "不到", "将近", "接近"} {
			if strings.HasSuffix(s.near, w) {
				s.approx = true
			}
		}
		if s.role == 0 {
			s.role = classify(s, prev)
		}
		prevEnd, prev = s.end, s
	}
	st.spans = spans
}

func sortSpans(spans []*span) {
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].start < spans[j-1].start; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
}

var (
	upWords   = []string{"增长", "增加", "提高", "上升", "提升", "增幅为", "增幅"}
	downWords = []string{"下降", "减少", "降低", "回落", "下滑"}
)

// trimLinks drops the words that join a label to its figure: 开工率达98%.
func trimLinks(s string) string {
	for {
		t := s
		for _, w := range []string{"达到", "达", "为", "是", "了", "共", "累计"} {
			t = strings.TrimSuffix(t, w)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// growthSign is +1 or −1 when the words end with a word of change.
func growthSign(near string) int {
	w := trimLinks(near)
	for _, u := range upWords {
		if strings.HasSuffix(w, u) {
			return 1
		}
	}
	for _, u := range downWords {
		if strings.HasSuffix(w, u) {
			return -1
		}
	}
	return 0
}

// isPrevious reports whether a clause speaks of last year.
func isPrevious(clause string) bool {
	for _, w := range []string{"上年", "去年", "同期", "上一年"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

func classify(s, prev *span) role {
	if s.approx {
		return roleOther
	}
	switch s.kind {
	case kindPoints:
		if s.sign = growthSign(s.near); s.sign != 0 {
			return roleGrowth
		}
		return roleOther
	case kindPct:
		near := trimLinks(s.near)
		switch {
		case strings.HasSuffix(s.near, "的") && prev != nil && prev.role == roleTarget && prev.end > s.clauseAt:
			return roleCompletion
		case growthSign(s.near) != 0:
			s.sign = growthSign(s.near)
			return roleGrowth
		case growthSign(strings.TrimRight(s.near, "-")) != 0:
			s.sign = -growthSign(strings.TrimRight(s.near, "-")) // 同比增长-5.2%
			return roleGrowth
		case strings.HasSuffix(near, "占比"):
			s.rateName = "占比"
			return roleRate
		case strings.HasSuffix(near, "率"):
			s.rateName = rateName(strings.TrimSuffix(near, "率"))
			return roleRate
		case isPrevious(s.clause):
			return rolePrev
		}
		return roleOther
	}
	switch {
	case strings.HasPrefix(s.after, "的") && containsAny(s.clause, "目标", "任务", "计划"):
		return roleTarget
	case isPrevious(s.clause):
		return rolePrev
	case growthSign(s.near) != 0 && containsAny(s.clause, "同比", "比上年", "较上年"):
		return roleOther // an absolute change: 同比增加26个
	}
	return rolePrimary
}

// rateName is the name of what a rate counts, the Han characters before
// 率: 开工 of 开工率, 办结 of 问题办结率.
func rateName(s string) string {
	rs := []rune(s)
	i := len(rs)
	for i > 0 && unicode.Is(unicode.Han, rs[i-1]) {
		i--
	}
	return string(rs[i:])
}

func containsAny(s string, ws ...string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// interval is the range of exact values a printed figure may stand for, in
// 元 for money and as printed otherwise.
type interval struct{ lo, mid, hi *big.Rat }

// exact is the interval of a figure that is not rounded (a count).
func exact(v *big.Rat) interval { return interval{v, v, v} }

// value is the range a figure stands for: a count exactly, money and
// percentages anything that rounds half-up to the printed digits.
func (s *span) value() interval {
	v := new(big.Rat).Set(s.val)
	if s.kind == kindCount {
		return exact(v)
	}
	half := new(big.Rat).SetFrac(big.NewInt(5), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s.dec+1)), nil))
	lo, hi := new(big.Rat).Sub(v, half), new(big.Rat).Add(v, half)
	if lo.Sign() < 0 {
		lo.SetInt64(0)
	}
	if s.kind == kindMoney {
		k := scale(s.unit)
		v.Mul(v, k)
		lo.Mul(lo, k)
		hi.Mul(hi, k)
	}
	return interval{lo, v, hi}
}

// claimText is the claim as written: its clause up to the end of the figure.
func (d *document) claimText(s *span) string {
	return strings.TrimSpace(d.text(s.clauseAt, s.end))
}

// sentenceText is the sentence of a figure as written.
func (d *document) sentenceText(s *span) string {
	st := d.sents[s.sent]
	return d.text(st.start, st.end)
}
