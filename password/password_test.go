package password

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
	"zhaoshang"
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

func TestGeneratedPasswordsPassTheStrictestPolicy(t *testing.T) {
	strictest := zhaoshang.PasswordPolicy{MinLength: 14, RequiredClasses: 4}
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
