package reportcheck

import (
	"regexp"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

var (
	yearRe  = regexp.MustCompile(`(\d{4})\s*年`)
	rangeRe = regexp.MustCompile(`(?:(\d{4})\s*年\s*)?(\d{1,2})\s*[—–\-~至到]+\s*(\d{1,2})\s*月`)
	wordRe  = regexp.MustCompile(`(?:(\d{4})\s*年\s*)?(?:度)?(上半年|下半年|前三季度|第?[一二三四]季度|全年|半年)`)
	untilRe = regexp.MustCompile(`(?:截至|截止|截止到|截至到)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月`)
	leadRe  = regexp.MustCompile(`^\s*(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*[—–\-~至到]+\s*)?(\d{1,2})\s*月(?:份)?\s*[,，:]|^\s*(?:(\d{4})\s*年\s*)?(上半年|下半年|前三季度|第?[一二三四]季度|全年)`)
)

var quarterDigits = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4}

// wordPeriod is the months a word of period covers.
func wordPeriod(w string, year int) (zhaoshang.Period, bool) {
	switch w {
	case "上半年", "半年":
		return indicator.Half(year, 1), true
	case "下半年":
		return indicator.Half(year, 2), true
	case "前三季度":
		return indicator.YTD(zhaoshang.Month{Y: year, M: 9}), true
	case "全年":
		return indicator.Year(year), true
	}
	q := strings.TrimSuffix(strings.TrimPrefix(w, "第"), "季度")
	if n, ok := quarterDigits[q]; ok {
		return indicator.Quarter(year, n), true
	}
	return zhaoshang.Period{}, false
}

// PeriodOf is the period a report speaks of, for the caller to build the
// report to compare it with: the first range of months it states ("1—6月"
// is the year to date through June), else the words of its title (上半年,
// 半年, 一季度, 前三季度, 全年), else 截至N月; the year is the one stated with
// it, else the first year of the title, else the first of the text. ok is
// false when the text says no period or no year.
func PeriodOf(text string) (zhaoshang.Period, bool) { return periodOf(parse(text)) }

func periodOf(d *document) (zhaoshang.Period, bool) {
	text := string(d.fold)
	title := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) != "" {
			title = line
			break
		}
	}
	year := 0
	if m := yearRe.FindStringSubmatch(title); m != nil {
		year, _ = strconv.Atoi(m[1])
	} else if m := yearRe.FindStringSubmatch(text); m != nil {
		year, _ = strconv.Atoi(m[1])
	}
	yearOf := func(s string) int {
		if s != "" {
			y, _ := strconv.Atoi(s)
			return y
		}
		return year
	}
	valid := func(p zhaoshang.Period) (zhaoshang.Period, bool) { return p, p.Valid() }
	if m := rangeRe.FindStringSubmatch(text); m != nil {
		y := yearOf(m[1])
		from, _ := strconv.Atoi(m[2])
		through, _ := strconv.Atoi(m[3])
		if from == 1 {
			return valid(indicator.YTD(zhaoshang.Month{Y: y, M: through}))
		}
		return valid(zhaoshang.Period{From: zhaoshang.Month{Y: y, M: from}, Through: zhaoshang.Month{Y: y, M: through}})
	}
	for _, s := range []string{title, text} {
		if m := wordRe.FindStringSubmatch(s); m != nil {
			if p, ok := wordPeriod(m[2], yearOf(m[1])); ok {
				return valid(p)
			}
		}
	}
	if m := untilRe.FindStringSubmatch(text); m != nil {
		through, _ := strconv.Atoi(m[2])
		return valid(indicator.YTD(zhaoshang.Month{Y: yearOf(m[1]), M: through}))
	}
	return zhaoshang.Period{}, false
}

// periodAt reads the period a paragraph opens with ("1—6月，", "6月，",
// "二季度，", "上半年"): its first and last month; ok false when it opens
// with none. year is the year it states with it, 0 when none.
func periodAt(fold []rune, from, to int) (first, last, year int, ok bool) {
	s := string(fold[from:min(to, from+40)])
	m := leadRe.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, 0, false
	}
	if y := m[1] + m[4]; y != "" {
		year, _ = strconv.Atoi(y)
	}
	if m[3] != "" {
		last, _ = strconv.Atoi(m[3])
		first = last
		if m[2] != "" {
			first, _ = strconv.Atoi(m[2])
		}
		return first, last, year, last >= 1 && last <= 12 && first >= 1 && first <= last
	}
	p, ok := wordPeriod(m[5], 2000)
	return p.From.M, p.Through.M, year, ok
}
