package zhaoshang

import (
	"strings"
	"unicode"
)

// FoldWidth folds the full-width forms of ASCII (U+FF01–U+FF5E: ＡＢＣ,
// １２３, （）) to their half-width characters and the ideographic space
// U+3000 to a space. Nothing else changes.
func FoldWidth(s string) string {
	return strings.Map(foldWidthRune, s)
}

func foldWidthRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000:
		return ' '
	}
	return r
}

// companyFormSuffixes are the endings of a name that only say the legal
// form of a company; names that differ in them name the same enterprise for
// duplicate detection. Longest first. 集团 is not among them: a group and
// its member company are different enterprises.
var companyFormSuffixes = []string{"有限责任公司", "股份有限公司", "有限公司", "公司"}

// NormalizeName reduces an enterprise name to the form duplicate detection
// compares: full-width forms folded to half-width (so （） become ()),
// all whitespace removed, Latin letters uppercased, and the legal form at
// the end (有限责任公司, 股份有限公司, 有限公司, 公司) dropped, as often as
// one is left, so that normalising twice changes nothing. So
// "ＡＢＣ科技有限公司" and "ABC科技有限责任公司" normalise to the same text,
// and "某某集团有限公司" and "某某有限公司" do not. A branch (…分公司) keeps
// its ending: it is not the company it belongs to. A name that is nothing
// but a legal form keeps it.
func NormalizeName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = foldWidthRune(r)
		switch {
		case unicode.IsSpace(r):
			continue
		case 'a' <= r && r <= 'z':
			r = r - 'a' + 'A'
		}
		b.WriteRune(r)
	}
	n := b.String()
	for stripped := true; stripped; {
		stripped = false
		for _, suf := range companyFormSuffixes {
			if rest, ok := strings.CutSuffix(n, suf); ok {
				if rest != "" && !strings.HasSuffix(n, "分公司") {
					n, stripped = rest, true
				}
				break
			}
		}
	}
	return n
}

// NameSimilarity tells how alike two enterprise names are, from 0 (nothing
// in common) to 1 (the same after NormalizeName): the Dice coefficient of
// the bigrams of runes of the normalised names, each bigram counted as
// often as it occurs. A name of one rune counts as that one rune.
func NameSimilarity(a, b string) float64 {
	na, nb := NormalizeName(a), NormalizeName(b)
	if na == nb {
		return 1
	}
	ga, gb := runeBigrams(na), runeBigrams(nb)
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	count := make(map[[2]rune]int, len(ga))
	for _, g := range ga {
		count[g]++
	}
	common := 0
	for _, g := range gb {
		if count[g] > 0 {
			count[g]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ga)+len(gb))
}

// runeBigrams lists the pairs of adjacent runes of s; a single rune gives
// itself (paired with -1, which no rune of a string is), an empty string
// nothing.
func runeBigrams(s string) [][2]rune {
	rs := []rune(s)
	switch len(rs) {
	case 0:
		return nil
	case 1:
		return [][2]rune{{rs[0], -1}}
	}
	gs := make([][2]rune, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		gs = append(gs, [2]rune{rs[i], rs[i+1]})
	}
	return gs
}
