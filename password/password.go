// Package password hashes passwords with argon2id and generates initial
// ones; the password policy itself is the domain's (zhaoshang.PasswordPolicy).
//
// Hashes are stored in the PHC string format that other argon2 libraries
// (libargon2, argon2-cffi, PHP password_hash, the Rust argon2 crate) read and
// write:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// with the salt and key in unpadded standard base64. Verify takes the cost
// parameters from the stored string, so raising the defaults later does not
// lock anybody out; NeedsRehash tells the caller when to store a fresh hash
// after a successful login.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The current defaults: the OWASP Password Storage Cheat Sheet's argon2id
// configuration (19 MiB of memory, 2 passes, 1 lane), a 16-byte salt and a
// 32-byte key.
const (
	defaultMemoryKiB = 19456
	defaultTime      = 2
	defaultThreads   = 1
	defaultSaltLen   = 16
	defaultKeyLen    = 32
)

// Bounds on what Verify accepts from a stored hash. Anything outside them is
// treated as malformed: the bounds keep a corrupted or hostile hash string from
// panicking the argon2 package (t=0, p=0) or from making it allocate
// gigabytes. They are well above the defaults, and above the RFC 9106
// recommendation for memory-constrained environments (m=64 MiB, t=3, p=4), so
// a later increase of the defaults still fits.
const (
	minMemoryKiB = 8
	maxMemoryKiB = 256 * 1024 // 256 MiB
	minTime      = 1
	maxTime      = 16
	minThreads   = 1
	maxThreads   = 255 // the argon2 package takes the lane count as a uint8
	minSaltLen   = 8   // the argon2 specification's minimum
	maxSaltLen   = 64
	minKeyLen    = 16
	maxKeyLen    = 64
	maxEncoded   = 256 // longer than any string within the bounds above
)

// errMalformed is returned by Verify for any hash that does not parse.
var errMalformed = errors.New("password: malformed argon2id hash")

// b64 is the PHC string format's base64: standard alphabet, no padding.
// Strict rejects non-zero trailing bits, so each hash has a single spelling.
var b64 = base64.RawStdEncoding.Strict()

// params are the cost parameters and lengths that one hash was made with.
type params struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
	saltLen int
	keyLen  int
}

var defaults = params{
	memory:  defaultMemoryKiB,
	time:    defaultTime,
	threads: defaultThreads,
	saltLen: defaultSaltLen,
	keyLen:  defaultKeyLen,
}

// Hash returns a PHC-format argon2id hash: $argon2id$v=19$m=19456,t=2,p=1$<salt b64 raw std>$<key b64 raw std>
// 16-byte random salt, 32-byte key. (OWASP parameters.)
func Hash(plain string) (string, error) {
	return hashWith(plain, defaults)
}

// hashWith hashes plain with a fresh random salt and the given parameters.
func hashWith(plain string, p params) (string, error) {
	salt := make([]byte, p.saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(plain), salt, p.time, p.memory, p.threads, uint32(p.keyLen))
	return encode(p, salt, key), nil
}

// encode formats a hash as a PHC string.
func encode(p params, salt, key []byte) string {
	var b strings.Builder
	b.WriteString("$argon2id$v=")
	b.WriteString(strconv.Itoa(argon2.Version))
	b.WriteString("$m=")
	b.WriteString(strconv.FormatUint(uint64(p.memory), 10))
	b.WriteString(",t=")
	b.WriteString(strconv.FormatUint(uint64(p.time), 10))
	b.WriteString(",p=")
	b.WriteString(strconv.FormatUint(uint64(p.threads), 10))
	b.WriteByte('$')
	b.WriteString(b64.EncodeToString(salt))
	b.WriteByte('$')
	b.WriteString(b64.EncodeToString(key))
	return b.String()
}

// decode parses a PHC argon2id string. It accepts only version 19, the
// parameters in the order m, t, p, plain decimal numbers without signs or
// leading zeros, and values within the bounds above.
func decode(encoded string) (p params, salt, key []byte, err error) {
	if len(encoded) > maxEncoded {
		return params{}, nil, nil, errMalformed
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return params{}, nil, nil, errMalformed
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return params{}, nil, nil, errMalformed
	}
	costs := strings.Split(parts[3], ",")
	if len(costs) != 3 {
		return params{}, nil, nil, errMalformed
	}
	m, ok1 := field(costs[0], "m=", minMemoryKiB, maxMemoryKiB)
	t, ok2 := field(costs[1], "t=", minTime, maxTime)
	th, ok3 := field(costs[2], "p=", minThreads, maxThreads)
	if !ok1 || !ok2 || !ok3 || m < 8*th { // the specification requires m >= 8p
		return params{}, nil, nil, errMalformed
	}
	salt, ok1 = decodeB64(parts[4], minSaltLen, maxSaltLen)
	key, ok2 = decodeB64(parts[5], minKeyLen, maxKeyLen)
	if !ok1 || !ok2 {
		return params{}, nil, nil, errMalformed
	}
	p = params{
		memory:  uint32(m),
		time:    uint32(t),
		threads: uint8(th),
		saltLen: len(salt),
		keyLen:  len(key),
	}
	return p, salt, key, nil
}

// decodeB64 decodes s, which must be the one canonical spelling of between
// lo and hi bytes. (The base64 decoder on its own skips \r and \n.)
func decodeB64(s string, lo, hi int) ([]byte, bool) {
	b, err := b64.DecodeString(s)
	if err != nil || len(b) < lo || len(b) > hi || b64.EncodeToString(b) != s {
		return nil, false
	}
	return b, true
}

// field parses "name=value" where value is a decimal number in [lo, hi]
// written without sign or leading zeros.
func field(s, name string, lo, hi uint64) (uint64, bool) {
	digits, found := strings.CutPrefix(s, name)
	if !found || digits == "" || len(digits) > 10 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, false
	}
	return v, true
}

// Verify reports whether plain matches the encoded hash, in constant time. It parses the parameters
// from the encoded string (so old hashes keep working if defaults change). A malformed hash returns false, error.
func Verify(plain, encoded string) (bool, error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(plain), salt, p.time, p.memory, p.threads, uint32(p.keyLen))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded uses parameters other than the current defaults.
// A hash that does not parse needs rehashing too.
func NeedsRehash(encoded string) bool {
	p, _, _, err := decode(encoded)
	return err != nil || p != defaults
}

// dummyHash is a well-formed hash with the current default parameters that
// no password matches (its key is not the output of argon2 for any input one
// could find). Building it costs nothing, so the first DummyVerify is no
// slower than the others.
var dummyHash = encode(defaults,
	[]byte("zhaoshang-dummy!")[:defaultSaltLen],
	[]byte("no password hashes to this key!!")[:defaultKeyLen])

// DummyVerify spends about the same time as Verify against a real hash; call it when the user does not
// exist so that the response time does not reveal whether a username exists.
func DummyVerify(plain string) {
	_, _ = Verify(plain, dummyHash)
}
