package quality

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
)

// Q106 looks for one investment counted by two counties. Weighing every
// pair of 20,000 projects would take 200 million comparisons, so only
// candidates are weighed:
//
//   - projects with the same credit code (few per code);
//   - for the name test, which needs close amounts and alike names:
//     projects whose contract investments fall in the same or a
//     neighbouring bucket of a logarithmic scale whose step is the amount
//     tolerance (two amounts within the tolerance are never further apart
//     than one bucket), and whose names share one of their rarest bigrams.
//     This is the prefix filter of similarity joins: a name of n bigrams
//     can be at least least-alike only to names sharing ⌈least·n/(2−least)⌉
//     of its bigrams, so two such names share one of the first
//     n−⌈least·n/(2−least)⌉+1 bigrams of each, taken rarest first.
//
// So no pair that qualifies is missed (a test checks it against weighing
// every pair), and on real ledgers the work grows with the projects, not
// with their pairs.

type dupItem struct {
	p      *zhaoshang.Project
	id     int64
	org    int64
	amount zhaoshang.Money
	code   string   // normalised credit code, "" when none
	name   string   // zhaoshang.NormalizeName of the project name
	grams  []uint64 // rune bigrams of name, sorted
	bucket int64    // amount bucket; noBucket when there is no amount
}

const noBucket = math.MinInt64

// token is a bigram with the number of its occurrence in the name, so that
// the overlap of two multisets is that of two sets; packed in a word (21
// bits per rune, the second rune's -1 kept as 22 ones, 21 bits of count) to
// make a cheap map key.
type token uint64

type blockKey struct {
	tok    token
	bucket int64
}

func checkDuplicatesAcrossCounties(r *run) []Detection {
	least := r.cfg.DuplicateNameSimilarity
	step := -math.Log(1 - r.cfg.DuplicateAmountTolerance)
	if !(step > 0) || !(least > 0) { // a configuration Validate refuses
		return nil
	}
	items := make([]dupItem, len(r.projects)) // in ID order, as r.projects
	toks := make([][]token, len(items))
	freq := map[token]int32{}
	for i, p := range r.projects {
		it := &items[i]
		it.p, it.id, it.org, it.amount = p, p.ID, p.OrgUnitID, p.ContractInvestment
		it.code, it.name = zhaoshang.NormalizeCreditCode(p.CreditCode), zhaoshang.NormalizeName(p.Name)
		it.grams = bigrams(it.name)
		it.bucket = noBucket
		if p.ContractInvestment > 0 && it.name != "" {
			it.bucket = int64(math.Floor(math.Log(float64(p.ContractInvestment)) / step))
			toks[i] = tokens(it.grams)
			for _, t := range toks[i] {
				freq[t]++
			}
		}
	}
	byCode := map[string][]int32{}
	byBlock := map[blockKey][]int32{}
	type ranked struct {
		freq int32
		tok  token
	}
	var rs []ranked
	for i := range items {
		if items[i].code != "" {
			byCode[items[i].code] = append(byCode[items[i].code], int32(i))
		}
		rs = rs[:0]
		for _, t := range toks[i] {
			rs = append(rs, ranked{freq[t], t})
		}
		slices.SortFunc(rs, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.freq, b.freq), cmp.Compare(a.tok, b.tok)) })
		toks[i] = toks[i][:0] // from here on: the prefix only
		for _, x := range rs[:prefixLen(len(rs), least)] {
			toks[i] = append(toks[i], x.tok)
			k := blockKey{x.tok, items[i].bucket}
			byBlock[k] = append(byBlock[k], int32(i))
		}
	}

	var out []Detection
	seen := make([]int32, len(items)) // seen[j] == i+1: j already weighed against i
	for i := range items {
		a := &items[i]
		if !r.wants(a.id) {
			continue
		}
		weigh := func(js []int32) {
			for _, j := range js {
				b := &items[j]
				// Each pair once: when both are asked for, from the lower ID.
				if int(j) == i || seen[j] == int32(i+1) || (r.wants(b.id) && b.id < a.id) {
					continue
				}
				seen[j] = int32(i + 1)
				if d, ok := r.duplicate(a, b); ok {
					out = append(out, d)
				}
			}
		}
		if a.code != "" {
			weigh(byCode[a.code])
		}
		for _, t := range toks[i] {
			for k := a.bucket - 1; k <= a.bucket+1; k++ {
				weigh(byBlock[blockKey{t, k}])
			}
		}
	}
	return out
}

// tokens numbers the occurrences of each bigram of a sorted list.
func tokens(grams []uint64) []token {
	ts := make([]token, len(grams))
	nth := uint64(0)
	for i, g := range grams {
		if i > 0 && grams[i-1] == g {
			nth++
		} else {
			nth = 0
		}
		ts[i] = token(g>>32<<43 | (g&0x3FFFFF)<<21 | nth&0x1FFFFF)
	}
	return ts
}

// prefixLen is how many of a name's n tokens, rarest first, must be
// indexed so that every name at least least-alike shares one of them.
func prefixLen(n int, least float64) int {
	if n == 0 {
		return 0
	}
	overlap := int(math.Ceil(least*float64(n)/(2-least) - 1e-9))
	return n - min(max(overlap, 1), n) + 1
}

// duplicate weighs one pair of live projects of different counties and
// makes the detection, attached to the later-created (higher ID) project.
func (r *run) duplicate(a, b *dupItem) (Detection, bool) {
	if a.org == b.org {
		return Detection{}, false
	}
	sameCode := a.code != "" && a.code == b.code
	sameName := a.name != "" && a.name == b.name
	near := amountsClose(a.amount, b.amount, r.cfg.DuplicateAmountTolerance)
	sim := 1.0
	if !sameName {
		sim = 0
		if near { // the similarity only counts together with close amounts
			sim = dice(a.grams, b.grams, r.cfg.DuplicateNameSimilarity)
		}
	}
	similar := sim >= r.cfg.DuplicateNameSimilarity
	if !(sameCode && (sameName || near)) && !(similar && near) {
		return Detection{}, false
	}
	var why []string
	if sameCode {
		why = append(why, "投资方统一社会信用代码相同（"+a.code+"）")
	}
	switch {
	case sameName:
		why = append(why, "项目名称相同")
	case similar:
		why = append(why, fmt.Sprintf("项目名称高度相似（相似度%.0f%%）", sim*100))
	}
	if near {
		why = append(why, "合同投资额相差不超过"+percent(r.cfg.DuplicateAmountTolerance))
	}
	hi, lo := a.p, b.p
	if hi.ID < lo.ID {
		hi, lo = lo, hi
	}
	label := func(p *zhaoshang.Project) string {
		code := ""
		if p.Code != "" {
			code = p.Code + "，"
		}
		return fmt.Sprintf("%s项目“%s”（%s合同投资额%s）", r.county(p.OrgUnitID), p.Name, code, wan(p.ContractInvestment))
	}
	msg := label(hi) + "与" + label(lo) + strings.Join(why, "，") + "，疑似跨县市重复统计。"
	return Detection{OrgUnitID: hi.OrgUnitID, ProjectID: hi.ID, OtherProjectID: lo.ID, Year: projectYear(hi),
		Key: "pair:" + strconv.FormatInt(lo.ID, 10) + ":" + strconv.FormatInt(hi.ID, 10), Message: msg}, true
}

// amountsClose: both positive and differing by at most tol of the larger.
func amountsClose(a, b zhaoshang.Money, tol float64) bool {
	if a <= 0 || b <= 0 {
		return false
	}
	return float64(max(a, b)-min(a, b)) <= tol*float64(max(a, b))
}

// bigrams lists the rune bigrams of a normalised name, sorted, exactly as
// zhaoshang.NameSimilarity counts them (a one-rune name is that rune paired
// with -1), so that dice gives the same figure without allocating per pair.
func bigrams(s string) []uint64 {
	rs := []rune(s)
	var gs []uint64
	switch len(rs) {
	case 0:
		return nil
	case 1:
		gs = []uint64{uint64(rs[0])<<32 | math.MaxUint32}
	default:
		gs = make([]uint64, 0, len(rs)-1)
		for i := 0; i+1 < len(rs); i++ {
			gs = append(gs, uint64(rs[i])<<32|uint64(uint32(rs[i+1])))
		}
	}
	slices.Sort(gs)
	return gs
}

// dice is the Dice coefficient of two sorted bigram multisets (the figure
// zhaoshang.NameSimilarity gives for names that are not equal). It answers
// 0 early when the sizes alone keep it below least.
func dice(a, b []uint64, least float64) float64 {
	n := len(a) + len(b)
	if n == 0 || 2*float64(min(len(a), len(b))) < least*float64(n) {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(n)
}
