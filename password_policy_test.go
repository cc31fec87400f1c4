package zhaoshang

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestThePolicyRefusesShortCommonAndUsernamePasswords(t *testing.T) {
	def := BasicPolicy() // the rules every policy applies, without character classes
	strict := PasswordPolicy{MinLength: 12, RequiredClasses: 3}
	all4 := PasswordPolicy{MinLength: 8, RequiredClasses: 4}
	for _, c := range []struct {
		name     string
		policy   PasswordPolicy
		plain    string
		username string
		want     string // "" = accepted
	}{
		{"empty", def, "", "", "密码长度不能少于8位"},
		{"seven characters", def, "Xq7#Lm2", "", "密码长度不能少于8位"},
		{"shorter than the policy's minimum", strict, "Xq7#Lm2vBn9", "", "密码长度不能少于12位"},
		{"length counts characters, not bytes", def, "招商引资局好", "", "密码长度不能少于8位"},
		{"129 characters", def, strings.Repeat("aB3$", 32) + "x", "", "密码长度不能超过128位"},
		{"128 characters is allowed", def, strings.Repeat("aB3$", 32), "", ""},
		{"one repeated digit", def, "88888888", "", "密码不能全部是相同的字符"},
		{"one repeated letter", def, "aaaaaaaaaaaa", "", "密码不能全部是相同的字符"},
		{"one repeated Chinese character", def, "好好好好好好好好", "", "密码不能全部是相同的字符"},
		{"ascending digits", def, "12345678", "", "密码不能是连续的数字或字母（如12345678、abcdefgh）"},
		{"descending digits", def, "87654321", "", "密码不能是连续的数字或字母（如12345678、abcdefgh）"},
		{"ascending letters", def, "abcdefgh", "", "密码不能是连续的数字或字母（如12345678、abcdefgh）"},
		{"descending capitals", def, "ZYXWVUTSR", "", "密码不能是连续的数字或字母（如12345678、abcdefgh）"},
		{"the username", def, "zhangsan01", "zhangsan01", "密码不能与用户名相同或包含用户名"},
		{"the username in other case", def, "ZhangSan01", "zhangsan01", "密码不能与用户名相同或包含用户名"},
		{"containing the username", def, "Xq7zhangsan!", "ZhangSan", "密码不能与用户名相同或包含用户名"},
		{"containing a Chinese username", def, "张三丰Xq7#Lm2", "张三丰", "密码不能与用户名相同或包含用户名"},
		{"a two-letter username may appear", def, "Xq7liLm2", "li", ""},
		{"common", def, "password", "", "密码过于常见，容易被猜中，请换一个"},
		{"commonPasswords in other case", def, "PASSWORD", "", "密码过于常见，容易被猜中，请换一个"},
		{"commonPasswords in China", def, "woaini1314", "", "密码过于常见，容易被猜中，请换一个"},
		{"commonPasswords with all classes", all4, "Huawei@123", "", "密码过于常见，容易被猜中，请换一个"},
		{"commonPasswords keyboard walk", def, "1qaz2wsx", "", "密码过于常见，容易被猜中，请换一个"},
		{"commonPasswords QQ password", def, "qq123456", "", "密码过于常见，容易被猜中，请换一个"},
		{"a commonPasswords password shorter than 8 is refused for its length", def, "5201314", "", "密码长度不能少于8位"},
		{"two classes when three are required", strict, "xq7vlmbn2kfd", "", "密码须包含大写字母、小写字母、数字、特殊符号中的至少3类"},
		{"three classes when four are required", all4, "Xq7vLmbn", "", "密码须包含大写字母、小写字母、数字、特殊符号中的至少4类"},
		{"three classes when three are required", strict, "Xq7vLmbn2kfd", "", ""},
		{"an ordinary password", def, "huangshan2024", "zhangsan", ""},
		{"a passphrase", def, "招商引资工作要抓实抓细", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.policy.Check(c.plain, c.username)
			if c.want == "" {
				if err != nil {
					t.Fatalf("Check(%q, %q) = %v; want it accepted", c.plain, c.username, err)
				}
				return
			}
			var ce *PasswordError
			if !errors.As(err, &ce) {
				t.Fatalf("Check(%q, %q) = %#v; want a *PasswordError", c.plain, c.username, err)
			}
			if ce.Message != c.want || err.Error() != c.want {
				t.Errorf("Check(%q, %q) = %q; want %q", c.plain, c.username, ce.Message, c.want)
			}
		})
	}
}

func TestTheMinimumLengthNeverDropsBelowEight(t *testing.T) {
	for _, p := range []PasswordPolicy{{}, {MinLength: 4}, {MinLength: -1}} {
		err := p.Check("Xq7#Lm2", "")
		if err == nil || err.Error() != "密码长度不能少于8位" {
			t.Errorf("%+v.Check of 7 characters = %v; want 密码长度不能少于8位", p, err)
		}
	}
}

func TestRequiredClassesAreCounted(t *testing.T) {
	for _, c := range []struct {
		plain string
		want  int
	}{
		{"qmzvktrw", 1},
		{"QMZVKTRW", 1},
		{"97315864", 1},
		{"!@#$%^&*", 1},
		{"招商引资工作要实", 1}, // Chinese characters are symbols
		{"qmzvKTRW", 2},
		{"qmzv9731", 2},
		{"qmzv tr!", 2}, // the space is a symbol
		{"QMZV9731", 2},
		{"qmZV9731", 3},
		{"qmzv97#1", 3},
		{"qmZV97#1", 4},
		{"张三Zs#2024", 4},
		{"qmzv\x00\x01\x02\x03", 1}, // control characters are no class
	} {
		if got := charClasses(c.plain); got != c.want {
			t.Errorf("charClasses(%q) = %d, want %d", c.plain, got, c.want)
		}
		for need := 0; need <= 4; need++ {
			err := PasswordPolicy{MinLength: 8, RequiredClasses: need}.Check(c.plain, "")
			if accepted := err == nil; accepted != (c.want >= need) {
				t.Errorf("with %d classes required, Check(%q) = %v", need, c.plain, err)
			}
		}
	}
}

// New installs get the 等保 level-3 preset: three classes of four, 90 days.
func TestTheDefaultPolicyIsTheDengbaoPreset(t *testing.T) {
	want := PasswordPolicy{MinLength: 8, RequiredClasses: 3, ExpiryDays: 90, MaxFailures: 5, LockMinutes: 15, IdleMinutes: 30, AbsoluteHours: 12}
	if got := DefaultPasswordPolicy(); got != want || got != DengbaoPolicy() {
		t.Errorf("DefaultPasswordPolicy() = %+v, want %+v", got, want)
	}
	for _, p := range []PasswordPolicy{DefaultPasswordPolicy(), BasicPolicy()} {
		if problems := p.Validate(); len(problems) != 0 {
			t.Errorf("%+v.Validate() = %q", p, problems)
		}
	}
	if b, _ := json.Marshal(DefaultPasswordPolicy().Validate()); string(b) != "[]" {
		t.Errorf("no problems encode to JSON as %s, want []", b)
	}
	b, err := json.Marshal(DefaultPasswordPolicy())
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"min_length":8,"required_classes":3,"expiry_days":90,"max_failures":5,"lock_minutes":15,"idle_minutes":30,"absolute_hours":12}`
	if string(b) != wantJSON {
		t.Errorf("JSON = %s\nwant   %s", b, wantJSON)
	}
}

// The review found the default policy accepting 7 of 23 weak passwords.
// Each of these is refused by the default policy for the user demo_leader
// of 凯里市 in 黔东南州 (the words the storage passes for him).
func TestTheDefaultPolicyRefusesPasswordsGuessableFromTheUserTheProductAndTheRegion(t *testing.T) {
	words := []string{"演示领导", "凯里市", "凯里", "kailishi", "kaili", "kls", "kl", "黔东南州", "黔东南", "qiandongnanzhou", "qiandongnan", "qdnz", "qdn"}
	weak := []string{"demoleader", "Demo_Leader1!", "D3m0leader#", "leader2021", "zhaoshang", "Zhaoshang@2021", "zsyz2021!", "kaili2021",
		"Kaili@2021", "Qdn123456", "qdn@2021", "Qiandongnan1!", "QianDongNan#2021", "凯里2021!", "黔东南@2021", "Admin@123", "admin123!",
		"Password1!", "P@ssw0rd", "Qwerty123!", "Huawei@123", "Abc123456", "Touzi@2021"}
	if len(weak) != 23 {
		t.Fatalf("%d passwords", len(weak))
	}
	for _, w := range weak {
		if err := DefaultPasswordPolicy().Check(w, "demo_leader", words...); err == nil {
			t.Errorf("%q accepted", w)
		}
	}
	// the named ones are guessable whatever the policy asks of classes
	for _, w := range []string{"demoleader", "zhaoshang", "kaili2021", "Qdn123456", "d3m0l3ader", "黔东南2021"} {
		if err := BasicPolicy().Check(w, "demo_leader", words...); err == nil {
			t.Errorf("%q accepted by the basic policy", w)
		}
	}
	for _, ok := range []string{"Kx7#mPq2-zhao", "Yellow-river-42!", "Cm9&kaiLz-0t"} {
		if err := DefaultPasswordPolicy().Check(ok, "demo_leader", words...); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

func TestPolicyBoundariesAreAccepted(t *testing.T) {
	for _, p := range []PasswordPolicy{
		{MinLength: 8, RequiredClasses: 0, ExpiryDays: 0, MaxFailures: 3, LockMinutes: 1, IdleMinutes: 5, AbsoluteHours: 1},
		{MinLength: 64, RequiredClasses: 4, ExpiryDays: 3650, MaxFailures: 20, LockMinutes: 1440, IdleMinutes: 480, AbsoluteHours: 72},
	} {
		if problems := p.Validate(); len(problems) != 0 {
			t.Errorf("%+v.Validate() = %q", p, problems)
		}
	}
}

func TestPolicyValuesOutOfRangeAreNamed(t *testing.T) {
	type field struct {
		set  func(*PasswordPolicy, int)
		bad  []int
		name string // what the message must mention
	}
	for _, f := range []field{
		{func(p *PasswordPolicy, v int) { p.MinLength = v }, []int{0, 7, 65}, "密码最小长度"},
		{func(p *PasswordPolicy, v int) { p.RequiredClasses = v }, []int{-1, 5}, "字符类别数"},
		{func(p *PasswordPolicy, v int) { p.ExpiryDays = v }, []int{-1, 3651}, "密码有效期"},
		{func(p *PasswordPolicy, v int) { p.MaxFailures = v }, []int{0, 2, 21}, "登录失败锁定次数"},
		{func(p *PasswordPolicy, v int) { p.LockMinutes = v }, []int{0, 1441}, "账号锁定时长"},
		{func(p *PasswordPolicy, v int) { p.IdleMinutes = v }, []int{4, 481}, "空闲超时"},
		{func(p *PasswordPolicy, v int) { p.AbsoluteHours = v }, []int{0, 73}, "会话最长有效时间"},
	} {
		for _, v := range f.bad {
			p := DefaultPasswordPolicy()
			f.set(&p, v)
			problems := p.Validate()
			if len(problems) != 1 || !strings.Contains(problems[0], f.name) {
				t.Errorf("with %s = %d, Validate() = %q; want one message naming %s", f.name, v, problems, f.name)
			}
		}
	}
	// One message per wrong field, in the order of the fields.
	problems := PasswordPolicy{MinLength: 4, RequiredClasses: 9, ExpiryDays: 0, MaxFailures: 5, LockMinutes: 0, IdleMinutes: 30, AbsoluteHours: 100}.Validate()
	want := []string{
		"密码最小长度应在8至64位之间（当前为4）",
		"密码须包含的字符类别数应在0至4之间（当前为9）",
		"账号锁定时长应在1至1440分钟之间（当前为0）",
		"会话最长有效时间应在1至72小时之间（当前为100）",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("Validate() = %q\nwant %q", problems, want)
	}
	if n := len(PasswordPolicy{}.Validate()); n != 5 {
		t.Errorf("the zero PasswordPolicy has %d problems, want 5 (all but RequiredClasses and ExpiryDays)", n)
	}
}

func TestTheCommonListHoldsTheWellKnownPasswords(t *testing.T) {
	if len(commonPasswords) < 300 {
		t.Errorf("the common-password list has %d entries, want at least 300", len(commonPasswords))
	}
	for w := range commonPasswords {
		if w != strings.ToLower(w) || w != strings.TrimSpace(w) || w == "" {
			t.Errorf("list entry %q is not stored lower-case and trimmed", w)
		}
	}
	for _, w := range []string{
		"123456", "password", "12345678", "qwerty", "111111", "iloveyou", "admin", "welcome", "abc123",
		"1q2w3e4r", "p@ssw0rd", "Passw0rd", "5201314", "woaini1314", "88888888", "66666666", "147258369",
		"123456789a", "a123456789", "qq123456", "zxcvbnm123", "1qaz2wsx", "woaini520", "Aa123456", "abc123456",
		"123qwe", "1314520", "520520520", "admin123", "admin888", "root1234", "test1234", "huawei123",
		"Huawei@123", "Admin@123", "Abc@1234", "P@ssw0rd1", "Qwer1234", "qwer1234!", "Zxcv1234", "asdf1234",
		"11223344", "12341234", "123123123", "112233", "654321",
	} {
		if !isCommon(w) || !isCommon(strings.ToUpper(w)) {
			t.Errorf("%q is not recognised as common", w)
		}
	}
	if isCommon("Xq7#Lm2vBn9k") {
		t.Errorf("a random password is recognised as common")
	}
}

func TestSequencesAreRecognised(t *testing.T) {
	for s, want := range map[string]bool{
		"12345678":  true,
		"23456789":  true,
		"98765432":  true,
		"abcdefgh":  true,
		"ABCDEFGH":  true,
		"aBcDeFgH":  true,
		"stuvwxyz":  true,
		"hgfedcba":  true,
		"12345679":  false,
		"1234abcd":  false,
		"13579135":  false,
		"yzabcdef":  false,
		"890123456": false, // no wrap-around; such strings are rare enough
		"abcdefgh1": false,
		"XYZ[\\]^_": false, // not letters
	} {
		if got := isSequence(s); got != want {
			t.Errorf("isSequence(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, seed := range []string{"", "password", "12345678", "Xq7#Lm2vBn9k", "招商引资工作要抓实抓细", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(seed, "zhangsan", 2)
	}
	f.Fuzz(func(t *testing.T, plain, username string, required int) {
		err := PasswordPolicy{MinLength: 8, RequiredClasses: required}.Check(plain, username)
		if err == nil {
			return
		}
		var ce *PasswordError
		if !errors.As(err, &ce) || ce.Message == "" {
			t.Errorf("Check(%q, %q) = %#v; want a *PasswordError with a message", plain, username, err)
		}
	})
}
func BenchmarkCheck(b *testing.B) {
	p := PasswordPolicy{MinLength: 8, RequiredClasses: 3}
	for b.Loop() {
		_ = p.Check("Xq7#Lm2vBn9k", "zhangsan")
	}
}
