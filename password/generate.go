package password

import (
	"crypto/rand"
	"math/big"

	"zhaoshang"
)

// The alphabets of generated passwords, without the characters that are
// easily mistaken for one another when read off paper or a screen (0 O o,
// 1 l I). The symbols are ones every keyboard and input method types
// directly, with no quotes, backslash or space.
const (
	genLower   = "abcdefghijkmnpqrstuvwxyz"
	genUpper   = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	genDigits  = "23456789"
	genSymbols = "!@#$%&*+-=?"
	genAll     = genLower + genUpper + genDigits + genSymbols
	genLength  = 14
)

// strictest is the policy every generated password satisfies.
var strictest = zhaoshang.PasswordPolicy{MinLength: genLength, RequiredClasses: 4}

// Generate returns a random password that satisfies the strictest policy (all 4 classes), 14 characters,
// avoiding ambiguous characters (0 O o 1 l I), for initial and reset passwords.
func Generate() string {
	for {
		b := make([]byte, 0, genLength)
		for _, set := range []string{genLower, genUpper, genDigits, genSymbols} {
			b = append(b, set[randIndex(len(set))])
		}
		for len(b) < genLength {
			b = append(b, genAll[randIndex(len(genAll))])
		}
		// Fisher–Yates, so the guaranteed characters are not always first.
		for i := len(b) - 1; i > 0; i-- {
			j := randIndex(i + 1)
			b[i], b[j] = b[j], b[i]
		}
		// Cannot fail with four classes present, but the policy, not this
		// function, is the authority on what is acceptable.
		if s := string(b); strictest.Check(s, "") == nil {
			return s
		}
	}
}

// randIndex returns a uniformly random integer in [0, n) from crypto/rand.
func randIndex(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		// crypto/rand.Reader does not fail (since Go 1.24 the program
		// crashes instead); never fall back to a predictable password.
		panic("password: crypto/rand: " + err.Error())
	}
	return int(v.Int64())
}
