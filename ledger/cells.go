package ledger

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"zhaoshang"
)

// The cell parsers read one cell of a ledger as a clerk or Excel wrote it.
// Each takes the raw text (with RawCellValue an xlsx date arrives as its
// serial number, an xlsx boolean as 1/0), folds full-width forms, and
// returns the typed value or an error whose message is the reason a clerk
// reads in the list of problems. A blank cell is "not given": the zero
// value and no error; whether a column may be blank is the caller's rule.

// cellErr makes the reason for a refused cell (a catalogue key).
func cellErr(format string, args ...any) error {
	return zhaoshang.Errorf(zhaoshang.EInvalid, format, args...)
}

// Reasons shared by the parsers.
const (
	msgDateUnreadable  = "日期无法识别，请按2021-06-03格式填写"
	msgDateInvalid     = "日期不存在，请核对年、月、日"
	msgDateIncomplete  = "日期不完整，请按2021-06-03格式填写年月日"
	msgDateSerial60    = "日期不存在（Excel 序列号60对应的1900年2月29日并不存在）"
	msgMonthUnreadable = "月份无法识别，请按2021-06格式填写"
	msgMonthInvalid    = "月份不存在，请核对年份和月份"
	msgMonthYearOnly   = "月份不完整，请按2021-06格式填写年和月"
	msgAmountBad       = "金额无法识别，请填写以万元为单位的数字，如1234.5678"
	msgAmountDecimals  = "金额最多保留4位小数（精确到元）"
	msgAmountTooLarge  = "金额过大，请核对单位是否为万元"
	msgAmountGrouping  = "千分位分隔符位置不正确，如1,234.5678"
	msgYesNo           = "应填写“是”或“否”"
	msgArea            = "四化领域应为 新型工业化、新型城镇化、农业现代化、旅游产业化、其他 之一"
	msgSource          = "资金来源应为 省外境内、境外、省内 之一"
	msgCounty          = MsgNoSuchCounty
)

// The reasons a county cell is refused, as catalogue keys: no such county
// in the tree the file is read with, and, for a caller who sees part of the
// tree only, the same said without claiming the county does not exist.
const (
	MsgNoSuchCounty     = "县市“%s”不存在（可填写县市名称或6位行政区划代码）"
	MsgCountyOutOfScope = "县市“%s”不存在或不在您的数据范围内"
)

// CountyColumn is the header of the 县市 column of a 项目台账, as row
// problems name it.
const CountyColumn = "县市"

// foldCell folds full-width forms (１２３, ，, ．, ／, the ideographic
// space) to half-width and trims surrounding space.
func foldCell(s string) string {
	return strings.TrimSpace(zhaoshang.FoldWidth(s))
}

// dropSpaces removes every white space, inside too.
func dropSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

var (
	// 2021-06-03, 2021/6/3, 2021.6.3 (one separator throughout)
	reDateSep = regexp.MustCompile(`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*([-/.])\s*(\d{1,2})$`)
	// 2021年6月3日 (日 may be left off)
	reDateCN = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$`)
	// 20210603
	reDate8 = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// a time of day after a date (2021-06-03 00:00:00, 2021-06-03T00:00:00Z
	// as an xlsx cell of type d holds it): dropped
	reTimeTail = regexp.MustCompile(`^(\S+?)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$`)
	// an Excel serial, possibly with a time fraction
	reSerial = regexp.MustCompile(`^\d{1,7}(?:\.\d+)?$`)

	// 2021-06, 2021/6, 2021.6
	reMonthSep = regexp.MustCompile(`^(\d{4})\s*[-/.]\s*(\d{1,2})$`)
	// 2021年6月 (月 may be left off)
	reMonthCN = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月?$`)
	// 202106
	reMonth6 = regexp.MustCompile(`^(\d{4})(\d{2})$`)
)

// maxExcelSerial is 9999-12-31, the last day Excel knows.
const maxExcelSerial = 2958465

// ParseDateCell reads a date as 2021-06-03, 2021/6/3, 2021.6.3,
// 2021年6月3日, 20210603 (eight digits forming a real date) or an Excel
// date serial (1 = 1900-01-01; a fraction is the time of day and is
// dropped). Excel counts the non-existent 1900-02-29 as serial 60, so 60 is
// refused and later serials are counted from 1899-12-30. A time of day
// written after a date is dropped too. A bare number from 1900 to 2100 is
// taken for a year alone and six digits like 202106 for a month alone:
// both are refused as incomplete, not read as days in 1905 or 2453.
func ParseDateCell(s string) (zhaoshang.Date, error) {
	s = foldCell(s)
	if s == "" {
		return zhaoshang.Date{}, nil
	}
	if m := reTimeTail.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	ymd := func(y, mo, d string) (zhaoshang.Date, error) {
		yi, _ := strconv.Atoi(y)
		mi, _ := strconv.Atoi(mo)
		di, _ := strconv.Atoi(d)
		dt := zhaoshang.NewDate(yi, mi, di)
		if !dt.Valid() {
			return zhaoshang.Date{}, cellErr(msgDateInvalid)
		}
		return dt, nil
	}
	if m := reDateSep.FindStringSubmatch(s); m != nil {
		if m[2] != m[4] {
			return zhaoshang.Date{}, cellErr(msgDateUnreadable)
		}
		return ymd(m[1], m[3], m[5])
	}
	if m := reDateCN.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := reDate8.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if m := reMonth6.FindStringSubmatch(s); m != nil {
		// 202106: a month where a date belongs, not serial 202106 (2453)
		if y, _ := strconv.Atoi(m[1]); y >= 1900 && y <= 2100 {
			return zhaoshang.Date{}, cellErr(msgDateIncomplete)
		}
	}
	if reSerial.MatchString(s) {
		return dateOfSerial(s)
	}
	if _, ok := yearOnly(s); ok {
		return zhaoshang.Date{}, cellErr(msgDateIncomplete)
	}
	return zhaoshang.Date{}, cellErr(msgDateUnreadable)
}

// yearOnly recognises 2021 and 2021年.
func yearOnly(s string) (int, bool) {
	s = strings.TrimSuffix(s, "年")
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// dateOfSerial turns an Excel serial (digits, an optional fraction) into
// its date.
func dateOfSerial(s string) (zhaoshang.Date, error) {
	whole, _, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil || n < 1 || n > maxExcelSerial {
		return zhaoshang.Date{}, cellErr(msgDateUnreadable)
	}
	if n >= 1900 && n <= 2100 {
		return zhaoshang.Date{}, cellErr(msgDateIncomplete)
	}
	return SerialDate(n)
}

// SerialDate is the date of an Excel serial day number (the 1900 date
// system): 1 is 1900-01-01, 59 is 1900-02-28, 60 does not exist (Excel's
// 1900-02-29), 61 is 1900-03-01, 44350 is 2021-06-03.
func SerialDate(n int) (zhaoshang.Date, error) {
	var t time.Time
	switch {
	case n < 1 || n > maxExcelSerial:
		return zhaoshang.Date{}, cellErr(msgDateUnreadable)
	case n == 60:
		return zhaoshang.Date{}, cellErr(msgDateSerial60)
	case n < 60:
		t = time.Date(1899, 12, 31+n, 0, 0, 0, 0, time.UTC)
	default:
		t = time.Date(1899, 12, 30+n, 0, 0, 0, 0, time.UTC)
	}
	return zhaoshang.NewDate(t.Year(), int(t.Month()), t.Day()), nil
}

// ParseMonthCell reads a month as 2021-06, 2021/6, 2021.6, 2021年6月 or
// 202106 (the year from 1900 to 2100), or any date ParseDateCell reads
// (an Excel serial included), of which it takes the month.
//
// Beware that Excel stores 2021.10 typed into a General cell as the number
// 2021.1, which reads as January: the template formats the column as text.
func ParseMonthCell(s string) (zhaoshang.Month, error) {
	s = foldCell(s)
	if s == "" {
		return zhaoshang.Month{}, nil
	}
	var odd []string // a month with a year outside 1900–2100
	for _, re := range []*regexp.Regexp{reMonthSep, reMonthCN, reMonth6} {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if y, _ := strconv.Atoi(m[1]); y >= 1900 && y <= 2100 {
			mo, _ := strconv.Atoi(m[2])
			if mo < 1 || mo > 12 {
				return zhaoshang.Month{}, cellErr(msgMonthInvalid)
			}
			return zhaoshang.Month{Y: y, M: mo}, nil
		}
		odd = m
		break
	}
	d, err := ParseDateCell(s)
	if err == nil {
		// 0001.0 and 3000.5 are Excel serials before they are months
		return d.Month(), nil
	}
	if odd != nil {
		y, _ := strconv.Atoi(odd[1])
		mo, _ := strconv.Atoi(odd[2])
		if m := (zhaoshang.Month{Y: y, M: mo}); m.Valid() {
			return m, nil
		}
		return zhaoshang.Month{}, cellErr(msgMonthInvalid)
	}
	switch zhaoshang.AsError(err).Message {
	case msgDateIncomplete:
		return zhaoshang.Month{}, cellErr(msgMonthYearOnly)
	case msgDateInvalid, msgDateSerial60:
		return zhaoshang.Month{}, err
	}
	return zhaoshang.Month{}, cellErr(msgMonthUnreadable)
}

var (
	// a plain or scientific decimal: 1234.5678, .5, 1.5E3, 1E-4
	reDecimal = regexp.MustCompile(`^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$`)
	// a number with thousands separators in the right places
	reGrouped = regexp.MustCompile(`^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$`)
)

// maxAmount bounds an amount at 1e12 万元 (1e16 元), as ParseWan does.
const maxAmount = 10_000_000_000_000_000

// ParseAmountCell reads an amount in 万元 into whole 元: full-width forms
// folded, spaces and thousands separators (in the right places) removed,
// a trailing 万元 dropped. A number from an xlsx cell may carry binary
// artefacts (1234.56780000001, 0.30000000000000004) or an exponent (1E-4,
// 1.5E3): it is read exactly as a decimal, and more than four decimals are
// rounded to the 元 only when they look like such an artefact (15 or more
// significant digits) and rounding changes the value by less than one part
// in a billion; otherwise the amount is refused, so that 1.23456 typed by
// a clerk is never silently rounded. Negative amounts are
// returned as such: the caller says where they are wrong.
func ParseAmountCell(s string) (zhaoshang.Money, error) {
	s = dropSpaces(zhaoshang.FoldWidth(s))
	s = strings.TrimSuffix(s, "万元")
	if s == "" {
		return 0, nil
	}
	if strings.Contains(s, ",") {
		if !reGrouped.MatchString(s) {
			return 0, cellErr(msgAmountGrouping)
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	neg := false
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		neg, s = true, s[1:]
	}
	m, ok := zhaoshang.ParseWan(s)
	if !ok || strings.HasPrefix(s, "-") {
		var err error
		if m, err = parseDecimalAmount(s); err != nil {
			return 0, err
		}
	}
	if neg {
		m = -m
	}
	return m, nil
}

// parseDecimalAmount reads an unsigned amount that ParseWan does not:
// exponents and more than four decimals, exactly, in big integers.
func parseDecimalAmount(s string) (zhaoshang.Money, error) {
	m := reDecimal.FindStringSubmatch(s)
	if m == nil || m[1] == "" && m[2] == "" {
		return 0, cellErr(msgAmountBad)
	}
	digits := strings.TrimLeft(m[1]+m[2], "0")
	exp := 0
	if m[3] != "" {
		exp, _ = strconv.Atoi(m[3])
	}
	if digits == "" {
		return 0, nil
	}
	// the value in 元 is digits × 10^shift
	shift := exp - len(m[2]) + 4
	if len(digits)+shift > 17 {
		return 0, cellErr(msgAmountTooLarge)
	}
	if len(digits) > 40 {
		// not too large, so mostly decimals
		return 0, cellErr(msgAmountDecimals)
	}
	mant, _ := new(big.Int).SetString(digits, 10)
	limit := big.NewInt(maxAmount)
	var v *big.Int
	switch {
	case shift >= 0:
		v = new(big.Int).Mul(mant, pow10(shift))
	case -shift > len(digits)+1:
		// less than a tenth of a 元: nothing to round to
		return 0, cellErr(msgAmountDecimals)
	default:
		d := pow10(-shift)
		q, r := new(big.Int).QuoRem(mant, d, new(big.Int))
		// round half up: r*2 >= d
		if new(big.Int).Lsh(r, 1).Cmp(d) >= 0 {
			q.Add(q, big.NewInt(1))
			r.Sub(d, r) // the distance to the rounded value
		}
		// a binary artefact has 15 or more significant digits and lies
		// within |value − rounded| / value < 1e-9  ⇔  r × 1e9 < mant
		if r.Sign() != 0 && (len(strings.TrimRight(digits, "0")) < 15 || new(big.Int).Mul(r, pow10(9)).Cmp(mant) >= 0) {
			return 0, cellErr(msgAmountDecimals)
		}
		v = q
	}
	if v.Cmp(limit) >= 0 {
		return 0, cellErr(msgAmountTooLarge)
	}
	return zhaoshang.Money(v.Int64()), nil
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// ParseYesNo reads 是/否, Y/N, YES/NO, 1/0 and TRUE/FALSE (as Excel writes a
// boolean), letters in any case.
func ParseYesNo(s string) (bool, error) {
	switch strings.ToUpper(foldCell(s)) {
	case "":
		return false, nil
	case "是", "Y", "YES", "1", "TRUE":
		return true, nil
	case "否", "N", "NO", "0", "FALSE":
		return false, nil
	}
	return false, cellErr(msgYesNo)
}

// areaShort are the short forms of the four areas a clerk writes, and the
// variant 其它.
var areaShort = map[string]zhaoshang.Area{
	"工业化": zhaoshang.AreaIndustry,
	"城镇化": zhaoshang.AreaUrbanism,
	"农业":  zhaoshang.AreaAgriculture,
	"旅游":  zhaoshang.AreaTourism,
	"其它":  zhaoshang.AreaOther,
}

// ParseArea reads one of the five values of zhaoshang.Areas() exactly, or the
// short forms 工业化, 城镇化, 农业, 旅游 (and 其它 for 其他). Nothing looser:
// 工业 alone could be an industry rather than an area.
func ParseArea(s string) (zhaoshang.Area, error) {
	s = dropSpaces(zhaoshang.FoldWidth(s))
	if s == "" {
		return "", nil
	}
	for _, a := range zhaoshang.Areas() {
		if s == string(a) {
			return a, nil
		}
	}
	if a, ok := areaShort[s]; ok {
		return a, nil
	}
	return "", cellErr(msgArea)
}

// ParseSource reads one of the three fund sources, exactly.
func ParseSource(s string) (zhaoshang.FundSource, error) {
	s = dropSpaces(zhaoshang.FoldWidth(s))
	if s == "" {
		return "", nil
	}
	for _, f := range zhaoshang.FundSources() {
		if s == string(f) {
			return f, nil
		}
	}
	return "", cellErr(msgSource)
}

// FindCounty resolves a county by its name or its code (tree.Find), and
// only a unit of kind county: a department of the same name is not one. A
// deactivated county is found, so that old ledgers still import.
func FindCounty(tree *zhaoshang.OrgTree, s string) (*zhaoshang.OrgUnit, error) {
	return findUnit(tree, s, msgCounty, zhaoshang.OrgCounty)
}

// findUnit resolves a unit of one of the kinds by code or name; the
// message takes the value as its argument.
func findUnit(tree *zhaoshang.OrgTree, s, msg string, kinds ...zhaoshang.OrgKind) (*zhaoshang.OrgUnit, error) {
	key := dropSpaces(zhaoshang.FoldWidth(s))
	if key == "" {
		return nil, nil
	}
	is := func(u *zhaoshang.OrgUnit) bool {
		for _, k := range kinds {
			if u != nil && u.Kind == k {
				return true
			}
		}
		return false
	}
	if tree != nil {
		if u := tree.Find(key); is(u) {
			return u, nil
		}
		// a unit of another kind may share the name: look further
		for _, u := range tree.Units {
			if u.Name == key && is(u) {
				return u, nil
			}
		}
	}
	return nil, cellErr(msg, strings.TrimSpace(s))
}

// wholeNumber reads a non-negative integer written as a number, in any
// way ParseAmountCell accepts (so 450, 450.0 and 4.5E2 alike).
func wholeNumber(s string) (int64, bool) {
	m, err := ParseAmountCell(s)
	if err != nil || m < 0 || m%zhaoshang.Wan != 0 {
		return 0, false
	}
	return int64(m / zhaoshang.Wan), true
}
