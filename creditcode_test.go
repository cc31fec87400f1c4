package zhaoshang

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// realCreditCodes are published codes of real enterprises (as printed on
// their business licences and in public disclosures), and the worked example
// of GB 32100-2015 that validators everywhere cite.
var realCreditCodes = []struct{ code, name string }{
	{"91350100M000100Y43", "GB 32100-2015 的示例代码"},
	{"914403001922038216", "华为技术有限公司"},
	{"9144030071526726XG", "腾讯科技（深圳）有限公司"},
	{"91330100799655058B", "阿里巴巴（中国）有限公司"},
	{"91110108551385082Q", "小米科技有限责任公司"},
	{"91440300192317458F", "比亚迪股份有限公司"},
	{"91110000710925462X", "中国石油天然气股份有限公司"},
	{"91100000100003962T", "中国工商银行股份有限公司"},
	{"9152000071430580XT", "贵州茅台酒股份有限公司"},
	{"91520000214434146R", "中航重机股份有限公司"},
	{"915200002144305326", "贵州轮胎股份有限公司"},
}

func TestCheckCreditCodeValid(t *testing.T) {
	for _, c := range realCreditCodes {
		if err := CheckCreditCode(c.code); err != nil {
			t.Errorf("%s %s: %v", c.name, c.code, err)
		}
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"91350100M000100Y43", "91350100M000100Y43"},
		{"  91350100m000100y43\t", "91350100M000100Y43"},
		{"\u3000９１３５０１００ｍ０００１００ｙ４３\u3000", "91350100M000100Y43"},
		{"9144030071526726xg\r\n", "9144030071526726XG"},
		{"", ""},
		// Only ASCII letters are uppercased: the dotless ı must not
		// become an allowed I-like letter, nor ſ an S.
		{"ı", "ı"},
		{"ſ", "ſ"},
	} {
		got := NormalizeCreditCode(c.in)
		if got != c.want {
			t.Errorf("NormalizeCreditCode(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := NormalizeCreditCode(got); again != got {
			t.Errorf("NormalizeCreditCode is not idempotent on %q: %q", got, again)
		}
	}
	if err := CheckCreditCode(NormalizeCreditCode(" ９１３５０１００ｍ０００１００ｙ４３ ")); err != nil {
		t.Errorf("normalised full-width code: %v", err)
	}
}

// replaceAt puts s in place of the i-th byte of an ASCII code.
func replaceAt(code string, i int, s string) string { return code[:i] + s + code[i+1:] }

func TestCheckCreditCodeErrors(t *testing.T) {
	const ok = "91350100M000100Y43"
	for _, c := range []struct {
		name, code, msg string
		args            []any
	}{
		{"empty", "", msgCreditCodeLength, nil},
		{"17 characters", ok[:17], msgCreditCodeLength, nil},
		{"19 characters", ok + "3", msgCreditCodeLength, nil},
		{"15-digit registration number", "110108000000016", msgCreditCodeLength, nil},
		{"full-width, not normalised", "９１３５０１００Ｍ０００１００Ｙ４", msgCreditCodeLength, nil},
		{"letter I", replaceAt(ok, 9, "I"), msgCreditCodeChar, []any{"I"}},
		{"letter O for zero", replaceAt(ok, 10, "O"), msgCreditCodeChar, []any{"O"}},
		{"letter Z", replaceAt(ok, 0, "Z"), msgCreditCodeChar, []any{"Z"}},
		{"letter S", replaceAt(ok, 1, "S"), msgCreditCodeChar, []any{"S"}},
		{"letter V", replaceAt(ok, 17, "V"), msgCreditCodeChar, []any{"V"}},
		{"lowercase, not normalised", "91350100m000100y43", msgCreditCodeChar, []any{"m"}},
		{"hyphen", "91350100-M000100Y4", msgCreditCodeChar, []any{"-"}},
		{"Han character", ok[:17] + "号", msgCreditCodeChar, []any{"号"}},
		{"letter in division", replaceAt(ok, 2, "A"), msgCreditCodeDivision, nil},
		{"letter in division end", replaceAt(ok, 7, "Y"), msgCreditCodeDivision, nil},
		{"organisation check", replaceAt(ok, 16, "5"), msgCreditCodeOrgCheck, nil},
		{"organisation body", replaceAt(ok, 9, "1"), msgCreditCodeOrgCheck, nil},
		{"organisation check letter", replaceAt("9144030071526726XG", 16, "A"), msgCreditCodeOrgCheck, nil},
		{"check character", replaceAt(ok, 17, "4"), msgCreditCodeCheck, []any{"3"}},
		{"check character letter", replaceAt("914403001922038216", 17, "A"), msgCreditCodeCheck, []any{"6"}},
		{"registration authority", replaceAt(ok, 0, "5"), msgCreditCodeCheck, []any{"7"}},
		{"division digit", replaceAt(ok, 3, "4"), msgCreditCodeCheck, []any{"Y"}},
	} {
		err := CheckCreditCode(c.code)
		e := AsError(err)
		if e == nil {
			t.Errorf("%s: CheckCreditCode(%q) = %v, want %q", c.name, c.code, err, c.msg)
			continue
		}
		if e.Code != EInvalid || e.Field != "credit_code" || e.Message != c.msg {
			t.Errorf("%s: CheckCreditCode(%q) = {%s %s %q}, want {invalid credit_code %q}", c.name, c.code, e.Code, e.Field, e.Message, c.msg)
		}
		if len(e.Args) != len(c.args) {
			t.Errorf("%s: args %v, want %v", c.name, e.Args, c.args)
			continue
		}
		for i := range c.args {
			if e.Args[i] != c.args[i] {
				t.Errorf("%s: args %v, want %v", c.name, e.Args, c.args)
			}
		}
	}
}

func TestCreditCodeMessagesDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range []string{msgCreditCodeLength, msgCreditCodeChar, msgCreditCodeDivision, msgCreditCodeOrgCheck, msgCreditCodeCheck} {
		if seen[m] {
			t.Errorf("message %q used twice", m)
		}
		seen[m] = true
	}
}

// Every single-character substitution, and every swap of two neighbouring
// characters, of a valid code is caught: the mod-31 check is built for that.
func TestCheckCreditCodeCatchesTypos(t *testing.T) {
	others := []string{"I", "O", "Z", "S", "V", "a", "y", " ", "-", "Ｏ", "号"}
	for _, c := range realCreditCodes {
		for i := 0; i < 18; i++ {
			for _, r := range creditCharset + strings.Join(others, "") {
				if byte(r) == c.code[i] && r < 0x80 {
					continue
				}
				bad := replaceAt(c.code, i, string(r))
				if CheckCreditCode(bad) == nil {
					t.Errorf("%s: substitution at %d, %q accepted", c.code, i+1, bad)
				}
			}
			if i < 17 && c.code[i] != c.code[i+1] {
				swapped := c.code[:i] + string(c.code[i+1]) + string(c.code[i]) + c.code[i+2:]
				if CheckCreditCode(swapped) == nil {
					t.Errorf("%s: swap at %d, %q accepted", c.code, i+1, swapped)
				}
			}
		}
	}
}

func TestCompleteCreditCode(t *testing.T) {
	for _, c := range realCreditCodes {
		got, err := CompleteCreditCode(c.code[:16])
		if err != nil || got != c.code {
			t.Errorf("CompleteCreditCode(%q) = %q, %v; want %q", c.code[:16], got, err, c.code)
		}
	}
	// A code for a demo enterprise registered in 凯里市.
	got, err := CompleteCreditCode("9152260112345678")
	if err != nil || CheckCreditCode(got) != nil || !strings.HasPrefix(got, "9152260112345678") {
		t.Errorf("CompleteCreditCode(凯里) = %q, %v", got, err)
	}
	for _, bad := range []string{"", "915226011234567", "91522601123456789", "91A2260112345678", "915226011234567I", "9152260112345号"} {
		if got, err := CompleteCreditCode(bad); err == nil {
			t.Errorf("CompleteCreditCode(%q) = %q, want an error", bad, got)
		}
	}
}

// naiveDivision matches six digits at positions 3–8.
var naiveDivision = regexp.MustCompile(`^..\d{6}`)

// naiveCreditCodeProblem re-implements the rules of GB 32100-2015 and
// GB 11714 in another way (a regular expression, base-36 parsing, weights
// computed as powers) and returns the message key CheckCreditCode should
// give, "" for a valid code, and the expected check character.
func naiveCreditCodeProblem(s string) (msg string, arg string) {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	runes := []rune(s)
	if len(runes) != 18 {
		return msgCreditCodeLength, ""
	}
	for _, r := range runes {
		if !strings.ContainsRune(alphabet, r) {
			return msgCreditCodeChar, string(r)
		}
	}
	if !naiveDivision.MatchString(s) {
		return msgCreditCodeDivision, ""
	}
	orgSum := 0
	for i, w := range []int{3, 7, 9, 10, 5, 8, 4, 2} {
		v, err := strconv.ParseInt(s[8+i:9+i], 36, 0)
		if err != nil {
			panic(err)
		}
		orgSum += int(v) * w
	}
	orgCheck := strconv.Itoa((11 - orgSum%11) % 11)
	if orgCheck == "10" {
		orgCheck = "X"
	}
	if s[16:17] != orgCheck {
		return msgCreditCodeOrgCheck, ""
	}
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		sum += strings.Index(alphabet, s[i:i+1]) * w
		w = w * 3 % 31
	}
	want := alphabet[(31-sum%31)%31 : (31-sum%31)%31+1]
	if s[17:] != want {
		return msgCreditCodeCheck, want
	}
	return "", ""
}

func TestNaiveCreditCodeAgrees(t *testing.T) {
	for _, c := range realCreditCodes {
		if msg, _ := naiveCreditCodeProblem(c.code); msg != "" {
			t.Errorf("naive check refuses %s: %s", c.code, msg)
		}
	}
}

func FuzzCheckCreditCode(f *testing.F) {
	for _, c := range realCreditCodes {
		f.Add(c.code)
		f.Add(strings.ToLower(c.code))
		f.Add(c.code[:17])
		f.Add(replaceAt(c.code, 17, "0"))
		f.Add(replaceAt(c.code, 16, "X"))
		f.Add(replaceAt(c.code, 4, "A"))
	}
	f.Add("")
	f.Add("９１３５０１００Ｍ０００１００Ｙ４３")
	f.Add("91350100M000100Y4\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, in := range []string{s, NormalizeCreditCode(s)} {
			err := CheckCreditCode(in)
			msg, arg := naiveCreditCodeProblem(in)
			if err == nil {
				if msg != "" {
					t.Fatalf("CheckCreditCode(%q) accepts, the naive check says %q", in, msg)
				}
				continue
			}
			e := AsError(err)
			if e == nil || e.Code != EInvalid || e.Field != "credit_code" {
				t.Fatalf("CheckCreditCode(%q) = %#v", in, err)
			}
			if e.Message != msg {
				t.Fatalf("CheckCreditCode(%q) = %q, the naive check says %q", in, e.Message, msg)
			}
			if arg != "" && (len(e.Args) != 1 || e.Args[0] != arg) {
				t.Fatalf("CheckCreditCode(%q) args %v, the naive check says %q", in, e.Args, arg)
			}
		}
		n := NormalizeCreditCode(s)
		if NormalizeCreditCode(n) != n {
			t.Fatalf("NormalizeCreditCode not idempotent on %q", s)
		}
	})
}
