package password

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// cheap are parameters for tests that need a hash but not its cost.
var cheap = params{memory: 64, time: 1, threads: 1, saltLen: 16, keyLen: 32}

func mustHash(t testing.TB, plain string) string {
	t.Helper()
	h, err := Hash(plain)
	if err != nil {
		t.Fatalf("Hash(%q): %v", plain, err)
	}
	return h
}

func mustVerify(t testing.TB, plain, encoded string) bool {
	t.Helper()
	ok, err := Verify(plain, encoded)
	if err != nil {
		t.Fatalf("Verify(%q, %q): %v", plain, encoded, err)
	}
	return ok
}

func TestAHashVerifiesOnlyItsOwnPassword(t *testing.T) {
	const plain = "招商引资Zs#2024"
	h := mustHash(t, plain)
	if !mustVerify(t, plain, h) {
		t.Fatalf("the hash of %q does not verify %q", plain, plain)
	}
	for _, other := range []string{"", "招商引资zs#2024", "招商引资Zs#2024 ", "招商引资Zs#202", "Zs#2024"} {
		if mustVerify(t, other, h) {
			t.Errorf("the hash of %q verifies %q", plain, other)
		}
	}
}

func TestTheHashIsPHCArgon2idWithTheOWASPParameters(t *testing.T) {
	h := mustHash(t, "Qz7#kd9!mT2p")
	re := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$`)
	m := re.FindStringSubmatch(h)
	if m == nil {
		t.Fatalf("hash %q is not $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>", h)
	}
	// Unpadded base64: 16 bytes take 22 characters, 32 bytes take 43.
	if len(m[1]) != 22 || len(m[2]) != 43 {
		t.Errorf("salt %q (%d chars) and key %q (%d chars): want 22 and 43, a 16-byte salt and a 32-byte key",
			m[1], len(m[1]), m[2], len(m[2]))
	}
	if NeedsRehash(h) {
		t.Errorf("a fresh hash needs rehashing: %q", h)
	}
}

func TestHashesOfTheSamePasswordDiffer(t *testing.T) {
	const plain = "Same-Password-9"
	a, b := mustHash(t, plain), mustHash(t, plain)
	if a == b {
		t.Fatalf("two hashes of the same password are equal (no random salt): %q", a)
	}
	saltOf := func(h string) string { return strings.Split(h, "$")[4] }
	if saltOf(a) == saltOf(b) {
		t.Errorf("two hashes share the salt %q", saltOf(a))
	}
}

// Hashes written by the argon2 reference implementation (phc-winner-argon2,
// the test vectors in its src/test.c) verify, which shows both that the format
// is the one other libraries use and that Verify takes the parameters from the
// string rather than from the defaults.
func TestHashesFromTheReferenceImplementationVerify(t *testing.T) {
	for _, h := range []string{
		"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
		"$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
		"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
	} {
		if !mustVerify(t, "password", h) {
			t.Errorf("the reference hash %q does not verify \"password\"", h)
		}
		if mustVerify(t, "passwore", h) {
			t.Errorf("the reference hash %q verifies \"passwore\"", h)
		}
		if !NeedsRehash(h) {
			t.Errorf("NeedsRehash(%q) = false; its parameters are not the defaults", h)
		}
	}
}

func TestHashesWithOldParametersKeepWorkingButNeedRehash(t *testing.T) {
	const plain = "Old-Param-Hash-7"
	old, err := hashWith(plain, cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(old, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hashWith(cheap) = %q", old)
	}
	if !mustVerify(t, plain, old) {
		t.Errorf("a hash with old parameters no longer verifies")
	}
	if !NeedsRehash(old) {
		t.Errorf("NeedsRehash(%q) = false", old)
	}
	// Every parameter counts, the salt and key lengths included.
	for _, p := range []params{
		{memory: defaultMemoryKiB, time: 3, threads: 1, saltLen: 16, keyLen: 32},
		{memory: defaultMemoryKiB, time: 2, threads: 2, saltLen: 16, keyLen: 32},
		{memory: defaultMemoryKiB, time: 2, threads: 1, saltLen: 8, keyLen: 32},
		{memory: defaultMemoryKiB, time: 2, threads: 1, saltLen: 16, keyLen: 16},
		{memory: 47104, time: 2, threads: 1, saltLen: 16, keyLen: 32},
	} {
		h := encode(p, make([]byte, p.saltLen), make([]byte, p.keyLen))
		if !NeedsRehash(h) {
			t.Errorf("NeedsRehash(%q) = false", h)
		}
	}
	if NeedsRehash(encode(defaults, make([]byte, 16), make([]byte, 32))) {
		t.Errorf("a hash with the default parameters needs rehashing")
	}
}

func TestAMalformedHashNeverVerifies(t *testing.T) {
	good, err := hashWith("secret-Pass-1", cheap)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	with := func(alg, version, costs, salt, key string) string {
		return strings.Join([]string{"", alg, version, costs, salt, key}, "$")
	}
	for _, h := range []string{
		"",
		"$",
		"secret-Pass-1",
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // bcrypt
		with("argon2i", "v=19", "m=64,t=1,p=1", salt, key),
		with("argon2d", "v=19", "m=64,t=1,p=1", salt, key),
		with("argon2ID", "v=19", "m=64,t=1,p=1", salt, key),
		with("argon2id", "v=16", "m=64,t=1,p=1", salt, key),
		with("argon2id", "v=019", "m=64,t=1,p=1", salt, key),
		with("argon2id", "", "m=64,t=1,p=1", salt, key),
		"$argon2id$m=64,t=1,p=1$" + salt + "$" + key, // no version
		good + "$",
		"x" + good,
		good[:len(good)-1] + "!",
		with("argon2id", "v=19", "m=64,t=1", salt, key),
		with("argon2id", "v=19", "m=64,t=1,p=1,p=1", salt, key),
		with("argon2id", "v=19", "t=1,m=64,p=1", salt, key),
		with("argon2id", "v=19", "m=64;t=1;p=1", salt, key),
		with("argon2id", "v=19", "m=064,t=1,p=1", salt, key),
		with("argon2id", "v=19", "m=+64,t=1,p=1", salt, key),
		with("argon2id", "v=19", "m=-64,t=1,p=1", salt, key),
		with("argon2id", "v=19", "m= 64,t=1,p=1", salt, key),
		with("argon2id", "v=19", "m=,t=1,p=1", salt, key),
		with("argon2id", "v=19", "m=64,t=0,p=1", salt, key),                   // would panic argon2
		with("argon2id", "v=19", "m=64,t=1,p=0", salt, key),                   // would panic argon2
		with("argon2id", "v=19", "m=64,t=1,p=256", salt, key),                 // does not fit a uint8
		with("argon2id", "v=19", "m=64,t=1,p=9", salt, key),                   // m < 8p
		with("argon2id", "v=19", "m=4,t=1,p=1", salt, key),                    // below the minimum
		with("argon2id", "v=19", "m=4294967295,t=1,p=1", salt, key),           // 4 TiB
		with("argon2id", "v=19", "m=99999999999999999999,t=1,p=1", salt, key), // overflows
		with("argon2id", "v=19", "m=64,t=4294967295,p=1", salt, key),
		with("argon2id", "v=19", "m=64,t=1,p=1", "", key),
		with("argon2id", "v=19", "m=64,t=1,p=1", salt, ""),
		with("argon2id", "v=19", "m=64,t=1,p=1", salt+"==", key), // padded
		with("argon2id", "v=19", "m=64,t=1,p=1", salt, key+"="),
		with("argon2id", "v=19", "m=64,t=1,p=1", strings.ReplaceAll(salt, "/", "_")+"_", key), // URL alphabet
		with("argon2id", "v=19", "m=64,t=1,p=1", "c2FsdA", key),                               // 4-byte salt
		with("argon2id", "v=19", "m=64,t=1,p=1", salt, "a2V5a2V5"),                            // 6-byte key
		with("argon2id", "v=19", "m=64,t=1,p=1", salt, strings.Repeat("A", 200)),
		with("argon2id", "v=19", "m=64,t=1,p=1", salt, key+"\r"), // the base64 decoder skips CR and LF
		with("argon2id", "v=19", "m=64,t=1,p=1", salt[:10]+"\n"+salt[10:], key),
		good + "\n",
	} {
		ok, err := Verify("secret-Pass-1", h)
		if ok || err == nil {
			t.Errorf("Verify(%q) = %v, %v; want false and an error", h, ok, err)
		}
		if !NeedsRehash(h) {
			t.Errorf("NeedsRehash(%q) = false for a malformed hash", h)
		}
	}
	// The unaltered hash is fine, so the cases above fail for their alteration.
	if !mustVerify(t, "secret-Pass-1", good) {
		t.Fatalf("the unaltered hash %q does not verify", good)
	}
}

func TestDummyVerifyDoesTheWorkOfARealVerify(t *testing.T) {
	// DummyVerify takes as long as Verify because it runs Verify on a hash
	// with the current default parameters; timing it here would be flaky.
	p, _, _, err := decode(dummyHash)
	if err != nil {
		t.Fatalf("the dummy hash %q does not parse: %v", dummyHash, err)
	}
	if p != defaults {
		t.Errorf("the dummy hash has parameters %+v, want the defaults %+v", p, defaults)
	}
	if mustVerify(t, "", dummyHash) || mustVerify(t, "password", dummyHash) {
		t.Errorf("the dummy hash verifies a password")
	}
	DummyVerify("anything at all")
}

func TestThePolicyRefusesShortCommonAndUsernamePasswords(t *testing.T) {
	def := BasicPolicy() // the rules every policy applies, without character classes
	strict := Policy{MinLength: 12, RequiredClasses: 3}
	all4 := Policy{MinLength: 8, RequiredClasses: 4}
	for _, c := range []struct {
		name     string
		policy   Policy
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
		{"common in other case", def, "PASSWORD", "", "密码过于常见，容易被猜中，请换一个"},
		{"common in China", def, "woaini1314", "", "密码过于常见，容易被猜中，请换一个"},
		{"common with all classes", all4, "Huawei@123", "", "密码过于常见，容易被猜中，请换一个"},
		{"common keyboard walk", def, "1qaz2wsx", "", "密码过于常见，容易被猜中，请换一个"},
		{"common QQ password", def, "qq123456", "", "密码过于常见，容易被猜中，请换一个"},
		{"a common password shorter than 8 is refused for its length", def, "5201314", "", "密码长度不能少于8位"},
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
			var ce *CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("Check(%q, %q) = %#v; want a *CheckError", c.plain, c.username, err)
			}
			if ce.Message != c.want || err.Error() != c.want {
				t.Errorf("Check(%q, %q) = %q; want %q", c.plain, c.username, ce.Message, c.want)
			}
		})
	}
}

func TestTheMinimumLengthNeverDropsBelowEight(t *testing.T) {
	for _, p := range []Policy{{}, {MinLength: 4}, {MinLength: -1}} {
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
		if got := classes(c.plain); got != c.want {
			t.Errorf("classes(%q) = %d, want %d", c.plain, got, c.want)
		}
		for need := 0; need <= 4; need++ {
			err := Policy{MinLength: 8, RequiredClasses: need}.Check(c.plain, "")
			if accepted := err == nil; accepted != (c.want >= need) {
				t.Errorf("with %d classes required, Check(%q) = %v", need, c.plain, err)
			}
		}
	}
}

func TestGeneratedPasswordsPassTheStrictestPolicy(t *testing.T) {
	strictest := Policy{MinLength: 14, RequiredClasses: 4}
	seen := make(map[string]bool)
	for range 200 {
		g := Generate()
		if n := utf8.RuneCountInString(g); n != 14 {
			t.Errorf("Generate() = %q, %d characters; want 14", g, n)
		}
		if err := strictest.Check(g, ""); err != nil {
			t.Errorf("Generate() = %q, refused: %v", g, err)
		}
		if i := strings.IndexAny(g, "0Oo1lI"); i >= 0 {
			t.Errorf("Generate() = %q contains the ambiguous %q", g, g[i])
		}
		for _, r := range g {
			if r < '!' || r > '~' {
				t.Errorf("Generate() = %q contains %q, not printable ASCII", g, r)
			}
		}
		if seen[g] {
			t.Errorf("Generate() returned %q twice", g)
		}
		seen[g] = true
	}
}

// New installs get the 等保 level-3 preset: three classes of four, 90 days.
func TestTheDefaultPolicyIsTheDengbaoPreset(t *testing.T) {
	want := Policy{MinLength: 8, RequiredClasses: 3, ExpiryDays: 90, MaxFailures: 5, LockMinutes: 15, IdleMinutes: 30, AbsoluteHours: 12}
	if got := DefaultPolicy(); got != want || got != DengbaoPolicy() {
		t.Errorf("DefaultPolicy() = %+v, want %+v", got, want)
	}
	for _, p := range []Policy{DefaultPolicy(), BasicPolicy()} {
		if problems := p.Validate(); len(problems) != 0 {
			t.Errorf("%+v.Validate() = %q", p, problems)
		}
	}
	if b, _ := json.Marshal(DefaultPolicy().Validate()); string(b) != "[]" {
		t.Errorf("no problems encode to JSON as %s, want []", b)
	}
	b, err := json.Marshal(DefaultPolicy())
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
		if err := DefaultPolicy().Check(w, "demo_leader", words...); err == nil {
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
		if err := DefaultPolicy().Check(ok, "demo_leader", words...); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

func TestPolicyBoundariesAreAccepted(t *testing.T) {
	for _, p := range []Policy{
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
		set  func(*Policy, int)
		bad  []int
		name string // what the message must mention
	}
	for _, f := range []field{
		{func(p *Policy, v int) { p.MinLength = v }, []int{0, 7, 65}, "密码最小长度"},
		{func(p *Policy, v int) { p.RequiredClasses = v }, []int{-1, 5}, "字符类别数"},
		{func(p *Policy, v int) { p.ExpiryDays = v }, []int{-1, 3651}, "密码有效期"},
		{func(p *Policy, v int) { p.MaxFailures = v }, []int{0, 2, 21}, "登录失败锁定次数"},
		{func(p *Policy, v int) { p.LockMinutes = v }, []int{0, 1441}, "账号锁定时长"},
		{func(p *Policy, v int) { p.IdleMinutes = v }, []int{4, 481}, "空闲超时"},
		{func(p *Policy, v int) { p.AbsoluteHours = v }, []int{0, 73}, "会话最长有效时间"},
	} {
		for _, v := range f.bad {
			p := DefaultPolicy()
			f.set(&p, v)
			problems := p.Validate()
			if len(problems) != 1 || !strings.Contains(problems[0], f.name) {
				t.Errorf("with %s = %d, Validate() = %q; want one message naming %s", f.name, v, problems, f.name)
			}
		}
	}
	// One message per wrong field, in the order of the fields.
	problems := Policy{MinLength: 4, RequiredClasses: 9, ExpiryDays: 0, MaxFailures: 5, LockMinutes: 0, IdleMinutes: 30, AbsoluteHours: 100}.Validate()
	want := []string{
		"密码最小长度应在8至64位之间（当前为4）",
		"密码须包含的字符类别数应在0至4之间（当前为9）",
		"账号锁定时长应在1至1440分钟之间（当前为0）",
		"会话最长有效时间应在1至72小时之间（当前为100）",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("Validate() = %q\nwant %q", problems, want)
	}
	if n := len(Policy{}.Validate()); n != 5 {
		t.Errorf("the zero Policy has %d problems, want 5 (all but RequiredClasses and ExpiryDays)", n)
	}
}

func TestTheCommonListHoldsTheWellKnownPasswords(t *testing.T) {
	if len(common) < 300 {
		t.Errorf("the common-password list has %d entries, want at least 300", len(common))
	}
	for w := range common {
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

func FuzzVerify(f *testing.F) {
	cheapHash, err := hashWith("password", cheap)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"",
		"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
		"$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
		"$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
		"$argon2id$v=19$m=64,t=1,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
		"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8",
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		cheapHash,
	} {
		f.Add("password", seed)
	}
	f.Fuzz(func(t *testing.T, plain, encoded string) {
		ok, err := Verify(plain, encoded)
		if ok && err != nil {
			t.Errorf("Verify(%q, %q) = true, %v", plain, encoded, err)
		}
		if err != nil && !NeedsRehash(encoded) {
			t.Errorf("NeedsRehash(%q) = false for a hash Verify rejects: %v", encoded, err)
		}
		if err == nil {
			// A hash Verify accepts re-encodes to itself: one spelling per hash.
			p, salt, key, _ := decode(encoded)
			if again := encode(p, salt, key); again != encoded {
				t.Errorf("%q re-encodes as %q", encoded, again)
			}
		}
	})
}

func FuzzCheck(f *testing.F) {
	for _, seed := range []string{"", "password", "12345678", "Xq7#Lm2vBn9k", "招商引资工作要抓实抓细", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"} {
		f.Add(seed, "zhangsan", 2)
	}
	f.Fuzz(func(t *testing.T, plain, username string, required int) {
		err := Policy{MinLength: 8, RequiredClasses: required}.Check(plain, username)
		if err == nil {
			return
		}
		var ce *CheckError
		if !errors.As(err, &ce) || ce.Message == "" {
			t.Errorf("Check(%q, %q) = %#v; want a *CheckError with a message", plain, username, err)
		}
	})
}

// BenchmarkVerify and BenchmarkDummyVerify should report about the same time.
func BenchmarkVerify(b *testing.B) {
	h := mustHash(b, "Xq7#Lm2vBn9k")
	for b.Loop() {
		_, _ = Verify("Xq7#Lm2vBn9j", h)
	}
}

func BenchmarkDummyVerify(b *testing.B) {
	for b.Loop() {
		DummyVerify("Xq7#Lm2vBn9j")
	}
}

func BenchmarkCheck(b *testing.B) {
	p := Policy{MinLength: 8, RequiredClasses: 3}
	for b.Loop() {
		_ = p.Check("Xq7#Lm2vBn9k", "zhangsan")
	}
}
