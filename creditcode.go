package zhaoshang

import (
	"strings"
	"unicode/utf8"
)

// The unified social credit code (统一社会信用代码) of GB 32100-2015 is 18
// characters from creditCharset:
//
//	position 1      登记管理部门码 (1 机构编制, 5 民政, 9 工商, Y 其他…)
//	position 2      机构类别码
//	positions 3–8   登记管理机关行政区划码 (GB/T 2260, six digits)
//	positions 9–17  主体标识码: the GB 11714 organisation code, eight
//	                characters and its own check character
//	position 18     the check character over positions 1–17
//
// Positions 1 and 2 are taken as any character of the charset: the list of
// registration authorities grows, and refusing a real enterprise's code
// would be worse than accepting an unusual one.

// creditCharset is the alphabet of the code; a character's index is its
// value in the check computation.
const creditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^i mod 31 for positions 1–17.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// orgCodeWeights are the GB 11714 weights of the eight body characters of
// an organisation code.
var orgCodeWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// The messages of CheckCreditCode: catalogue keys, each saying what a clerk
// should look at.
const (
	msgCreditCodeLength   = "统一社会信用代码应为18位"
	msgCreditCodeChar     = "统一社会信用代码含有不允许的字符“%s”（不使用I、O、Z、S、V）"
	msgCreditCodeDivision = "统一社会信用代码第3至8位应为行政区划代码（6位数字）"
	msgCreditCodeOrgCheck = "统一社会信用代码中的组织机构代码（第9至17位）校验位不正确"
	msgCreditCodeCheck    = "统一社会信用代码校验位不正确，应为“%s”"
)

// NormalizeCreditCode prepares a typed or pasted code for CheckCreditCode
// and for storage: surrounding spaces trimmed (full-width ones too),
// full-width letters and digits folded to half-width, Latin letters
// uppercased. Only ASCII letters are uppercased, so that no other letter
// (the Turkish ı, the long ſ) turns into an allowed one.
func NormalizeCreditCode(s string) string {
	s = strings.TrimSpace(FoldWidth(s))
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// CheckCreditCode reports whether code is a well-formed unified social
// credit code with correct check characters. It expects a code already
// passed through NormalizeCreditCode: lowercase letters are refused. The
// error is an *Error with code EInvalid on the field "credit_code"; when
// only the last character is wrong it names the right one, so that a clerk
// can spot a typo.
func CheckCreditCode(code string) error {
	if utf8.RuneCountInString(code) != 18 {
		return FieldErrorf(EInvalid, "credit_code", msgCreditCodeLength)
	}
	// 18 runes, each of them in the ASCII charset, make 18 bytes: from here
	// on the code can be indexed by byte.
	for _, r := range code {
		if r >= utf8.RuneSelf || strings.IndexByte(creditCharset, byte(r)) < 0 {
			return FieldErrorf(EInvalid, "credit_code", msgCreditCodeChar, string(r))
		}
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return FieldErrorf(EInvalid, "credit_code", msgCreditCodeDivision)
		}
	}
	if orgCodeCheckChar(code[8:16]) != code[16] {
		return FieldErrorf(EInvalid, "credit_code", msgCreditCodeOrgCheck)
	}
	if want := creditCheckChar(code[:17]); want != code[17] {
		return FieldErrorf(EInvalid, "credit_code", msgCreditCodeCheck, string(want))
	}
	return nil
}

// CompleteCreditCode appends both check characters to the first 16
// characters of a code (registration authority, kind, division, the eight
// body characters of the organisation code) and checks the result: for
// demo data and tests that need valid codes.
func CompleteCreditCode(first16 string) (string, error) {
	if len(first16) != 16 {
		return "", FieldErrorf(EInvalid, "credit_code", msgCreditCodeLength)
	}
	for i := 0; i < 16; i++ {
		if strings.IndexByte(creditCharset, first16[i]) < 0 {
			return "", CheckCreditCode(first16 + "00")
		}
	}
	s := first16 + string(orgCodeCheckChar(first16[8:16]))
	s += string(creditCheckChar(s))
	if err := CheckCreditCode(s); err != nil {
		return "", err
	}
	return s, nil
}

// creditCheckChar computes position 18 from positions 1–17, all of them
// in creditCharset.
func creditCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditCharset, first17[i]) * creditWeights[i]
	}
	return creditCharset[(31-sum%31)%31]
}

// orgCodeCheckChar computes the GB 11714 check character of eight body
// characters (digits and uppercase letters: 0–9, A=10 … Z=35).
func orgCodeCheckChar(body string) byte {
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * orgCodeWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}
