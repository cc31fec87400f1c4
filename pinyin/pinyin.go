// Package pinyin turns Chinese names into pinyin initials and full pinyin for search.
//
// The readings come from github.com/mozillazg/go-pinyin, one reading per
// character (its first, most common one). Where that reading is wrong in a
// word that enterprise and place names often hold (重庆 is chóngqìng, not
// zhòngqìng), a small table of words overrides it. Letters and digits
// (full-width ones folded) are kept, lowercased; everything else is dropped.
package pinyin

import (
	"strings"
	"sync"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// overrides gives the readings of words whose characters go-pinyin reads
// wrong on their own. Keep it small: place names and words that names of
// enterprises and bureaus carry.
var overrides = map[string][]string{
	"重庆": {"chong", "qing"},
	"长沙": {"chang", "sha"},
	"长春": {"chang", "chun"},
	"长江": {"chang", "jiang"},
	"长城": {"chang", "cheng"},
	"成都": {"cheng", "du"},
	"都匀": {"du", "yun"},
	"厦门": {"xia", "men"},
	"佛山": {"fo", "shan"},
	"银行": {"yin", "hang"},
	"行业": {"hang", "ye"},
}

// overrideRunes is the length in runes of the longest word in overrides.
const overrideRunes = 2

// args are go-pinyin's settings: no tones, one reading, no fallback for
// characters it does not know (they are dropped).
var args = gopinyin.Args{
	Style:     gopinyin.Normal,
	Heteronym: false,
	Fallback:  func(rune, gopinyin.Args) []string { return nil },
}

// syllables splits s into its units for search: the pinyin syllable of
// each Han character it knows, and each ASCII letter or digit lowercased.
// A unit is reported with whether it is a syllable.
func syllables(s string, emit func(unit string, han bool)) {
	for i := 0; i < len(s); {
		if word, py := overrideAt(s[i:]); py != nil {
			for _, p := range py {
				emit(p, true)
			}
			i += len(word)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFF01 - 0x21
		}
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			emit(string(r), false)
		case 'A' <= r && r <= 'Z':
			emit(string(r-'A'+'a'), false)
		case r >= utf8.RuneSelf: // Han characters, and others the dictionary lacks
			if p := syllableOf(r); p != "" {
				emit(p, true)
			}
		}
	}
}

// overrideAt finds a word of overrides at the start of s.
// known holds the syllable of each character met so far: the dictionary
// look-up runs regular expressions and was most of the cost of a search key.
var known sync.Map // rune → string

// syllableOf is the toneless, lower-case syllable of a Han character, or "".
func syllableOf(r rune) string {
	if v, ok := known.Load(r); ok {
		return v.(string)
	}
	p := ""
	if py := gopinyin.SinglePinyin(r, args); len(py) > 0 {
		p = asciiLower(py[0])
	}
	if p != "" { // the dictionary bounds the cache; other characters are not kept
		known.Store(r, p)
	}
	return p
}

func overrideAt(s string) (string, []string) {
	if s == "" || s[0] < utf8.RuneSelf {
		return "", nil
	}
	end := 0
	for n := 0; n < overrideRunes && end < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		if py, ok := overrides[s[:end]]; ok {
			return s[:end], py
		}
	}
	return "", nil
}

// asciiLower keeps only the letters a–z of a reading (go-pinyin writes ü
// as v already), so that the result is plain ASCII.
func asciiLower(p string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z':
			return r
		case 'A' <= r && r <= 'Z':
			return r - 'A' + 'a'
		}
		return -1
	}, p)
}

// Initials is the first letter of each Han character's pinyin, in order,
// with ASCII letters and digits kept (lowercased) and everything else
// dropped: Initials("凯里市经济开发区") is "klsjjkfq", Initials("贵州ABC铝业")
// is "gzabcly".
func Initials(s string) string {
	var b strings.Builder
	syllables(s, func(unit string, han bool) {
		if han {
			b.WriteByte(unit[0])
		} else {
			b.WriteString(unit)
		}
	})
	return b.String()
}

// Full is the pinyin of s without tones or separators, lowercase, with
// ASCII letters and digits kept: Full("凯里市") is "kailishi".
func Full(s string) string {
	var b strings.Builder
	syllables(s, func(unit string, _ bool) { b.WriteString(unit) })
	return b.String()
}

// Key is the text a search index stores for s, Initials and Full separated
// by a space, so that a query typed as either matches: Key("凯里市") is
// "kls kailishi". A text with nothing to spell gives "".
func Key(s string) string {
	ini, full := Initials(s), Full(s)
	if ini == "" && full == "" {
		return ""
	}
	return ini + " " + full
}
