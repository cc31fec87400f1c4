package zhaoshang

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PasswordPolicy is the password policy (configurable by the security administrator).
type PasswordPolicy struct {
	MinLength       int `json:"min_length"`       // default 8; never below 8 when validated by PasswordPolicy.Validate
	RequiredClasses int `json:"required_classes"` // 0..4: how many of lower/upper/digit/symbol classes must appear; default 0
	ExpiryDays      int `json:"expiry_days"`      // 0 = passwords never expire; 90 in the 等保 preset
	MaxFailures     int `json:"max_failures"`     // default 5
	LockMinutes     int `json:"lock_minutes"`     // default 15
	IdleMinutes     int `json:"idle_minutes"`     // default 30
	AbsoluteHours   int `json:"absolute_hours"`   // default 12
}

// Limits on passwords that no policy can relax.
const (
	floorMinLength = 8   // the shortest minimum a policy may set
	maxLength      = 128 // the longest password accepted, in characters
)

// DefaultPasswordPolicy returns the policy in force until the security administrator
// changes it: the 等保 level-3 preset (DengbaoPolicy). An install that had
// accounts before this became the default keeps its earlier policy
// (migration 00009).
func DefaultPasswordPolicy() PasswordPolicy { return DengbaoPolicy() }

// DengbaoPolicy is what a 等保 level-3 assessment expects: at least 8
// characters of three of the four classes, changed every 90 days, five
// failures lock for 15 minutes, sessions end after 30 idle minutes and 12
// hours in all.
func DengbaoPolicy() PasswordPolicy {
	return PasswordPolicy{MinLength: 8, RequiredClasses: 3, ExpiryDays: 90, MaxFailures: 5, LockMinutes: 15, IdleMinutes: 30, AbsoluteHours: 12}
}

// BasicPolicy is the lighter preset a deployment chooses explicitly (a
// training or test install): any 8 characters that are not guessable, no
// expiry.
func BasicPolicy() PasswordPolicy {
	return PasswordPolicy{MinLength: 8, RequiredClasses: 0, ExpiryDays: 0, MaxFailures: 5, LockMinutes: 15, IdleMinutes: 30, AbsoluteHours: 12}
}

// policyRanges lists, in the order of the fields, the range of each policy
// value and the message naming it.
var policyRanges = []struct {
	get     func(PasswordPolicy) int
	lo, hi  int
	message string // %d is the value that was given
}{
	{func(p PasswordPolicy) int { return p.MinLength }, 8, 64, "密码最小长度应在8至64位之间（当前为%d）"},
	{func(p PasswordPolicy) int { return p.RequiredClasses }, 0, 4, "密码须包含的字符类别数应在0至4之间（当前为%d）"},
	{func(p PasswordPolicy) int { return p.ExpiryDays }, 0, 3650, "密码有效期应在0至3650天之间，0表示永不过期（当前为%d）"},
	{func(p PasswordPolicy) int { return p.MaxFailures }, 3, 20, "登录失败锁定次数应在3至20次之间（当前为%d）"},
	{func(p PasswordPolicy) int { return p.LockMinutes }, 1, 1440, "账号锁定时长应在1至1440分钟之间（当前为%d）"},
	{func(p PasswordPolicy) int { return p.IdleMinutes }, 5, 480, "会话空闲超时应在5至480分钟之间（当前为%d）"},
	{func(p PasswordPolicy) int { return p.AbsoluteHours }, 1, 72, "会话最长有效时间应在1至72小时之间（当前为%d）"},
}

// Validate checks the policy values themselves (ranges: MinLength 8..64, RequiredClasses 0..4, ExpiryDays 0..3650,
// MaxFailures 3..20, LockMinutes 1..1440, IdleMinutes 5..480, AbsoluteHours 1..72). Returns a slice of Chinese
// problem messages, one per wrong field, empty when fine.
//
// The slice is never nil, so it encodes to JSON as [] rather than null.
func (p PasswordPolicy) Validate() []string {
	problems := []string{}
	for _, r := range policyRanges {
		if v := r.get(p); v < r.lo || v > r.hi {
			problems = append(problems, fmt.Sprintf(r.message, v))
		}
	}
	return problems
}

// PasswordError is the reason PasswordPolicy.Check refuses a password. Message is Chinese
// text that can be shown to the user as it is.
type PasswordError struct{ Message string }

// Error returns the message.
func (e *PasswordError) Error() string { return e.Message }

func refusePassword(format string, args ...any) error {
	if len(args) == 0 {
		return &PasswordError{Message: format}
	}
	return &PasswordError{Message: fmt.Sprintf(format, args...)}
}

// The messages of Check that do not depend on the policy.
const (
	msgTooLong      = "密码长度不能超过128位"
	msgRepeated     = "密码不能全部是相同的字符"
	msgSequence     = "密码不能是连续的数字或字母（如12345678、abcdefgh）"
	msgUsername     = "密码不能与用户名相同或包含用户名"
	msgCommon       = "密码过于常见，容易被猜中，请换一个"
	msgGuessable    = "密码不能由用户名、姓名、单位或地区名称、系统名称加上数字、年份或符号组成，容易被猜中，请换一个"
	fmtTooShort     = "密码长度不能少于%d位"
	fmtFewerClasses = "密码须包含大写字母、小写字母、数字、特殊符号中的至少%d类"
)

// Check returns nil when plain is acceptable for username under the policy, else a *PasswordError whose Message
// is Chinese text suitable to show a clerk. Rules, checked in this order (the first that fails is reported):
//   - length in characters (runes) at least MinLength, never less than 8 whatever the policy says,
//     and at most 128
//   - not a single repeated character (88888888)
//   - not a strictly ascending or descending run of digits or of letters (12345678, 87654321, abcdefgh)
//   - not equal to the username, and, when the username has at least 3 characters, not containing it
//     (both case-insensitive)
//   - not in the common-password list (case-insensitive exact match)
//   - at least RequiredClasses of the four classes: lower-case a-z, upper-case A-Z, digits 0-9 and
//     symbols (any other printable character, Chinese characters and the space included)
//   - not guessable from what others know (guessable): the username in any
//     spelling, or words (the user's name, the names of their units and
//     region, the product's name) with only digits, years or symbols added,
//     or a common password so dressed up
//
// words are the names the caller knows around the user, in Chinese or in
// pinyin; the product's own names are always included.
func (p PasswordPolicy) Check(plain, username string, words ...string) error {
	n := utf8.RuneCountInString(plain)
	if minLen := min(max(p.MinLength, floorMinLength), maxLength); n < minLen {
		return refusePassword(fmtTooShort, minLen)
	}
	if n > maxLength {
		return refusePassword(msgTooLong)
	}
	if allSame(plain) {
		return refusePassword(msgRepeated)
	}
	if isSequence(plain) {
		return refusePassword(msgSequence)
	}
	if containsUsername(plain, username) {
		return refusePassword(msgUsername)
	}
	if isCommon(plain) {
		return refusePassword(msgCommon)
	}
	if guessable(plain, username, words) {
		return refusePassword(msgGuessable)
	}
	if need := min(p.RequiredClasses, 4); charClasses(plain) < need {
		return refusePassword(fmtFewerClasses, need)
	}
	return nil
}

// allSame reports whether s is one character repeated.
func allSame(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}

// isSequence reports whether s, lower-cased, is all digits or all letters
// a-z, each one more than the one before (abcd, 1234) or each one less
// (dcba, 4321).
func isSequence(s string) bool {
	s = strings.ToLower(s)
	if len(s) < 2 {
		return false
	}
	digits, letters := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		digits = digits && '0' <= c && c <= '9'
		letters = letters && 'a' <= c && c <= 'z'
	}
	if !digits && !letters {
		return false
	}
	step := int(s[1]) - int(s[0])
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(s); i++ {
		if int(s[i])-int(s[i-1]) != step {
			return false
		}
	}
	return true
}

// containsUsername reports whether plain is the username or, for usernames of
// at least 3 characters, contains it; case is ignored.
func containsUsername(plain, username string) bool {
	username = strings.TrimSpace(username)
	if username == "" {
		return false
	}
	if strings.EqualFold(plain, username) {
		return true
	}
	if utf8.RuneCountInString(username) < 3 {
		return false
	}
	return strings.Contains(strings.ToLower(plain), strings.ToLower(username))
}

// classes counts how many of lower-case, upper-case, digit and symbol
// characters appear in s. Control and other unprintable characters count as
// no class.
func charClasses(s string) int {
	var lower, upper, digit, symbol bool
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z':
			lower = true
		case 'A' <= r && r <= 'Z':
			upper = true
		case '0' <= r && r <= '9':
			digit = true
		case unicode.IsPrint(r):
			symbol = true
		}
	}
	n := 0
	for _, present := range []bool{lower, upper, digit, symbol} {
		if present {
			n++
		}
	}
	return n
}

//go:embed password_common.txt
var commonText string

// commonPasswords holds the common passwords (password_common.txt), lower-cased.
var commonPasswords = parseCommon(commonText)

func parseCommon(text string) map[string]struct{} {
	m := make(map[string]struct{})
	for line := range strings.Lines(text) {
		if w := strings.TrimSpace(line); w != "" {
			m[strings.ToLower(w)] = struct{}{}
		}
	}
	return m
}

// isCommon reports whether plain is on the common-password list, ignoring case.
func isCommon(plain string) bool {
	_, found := commonPasswords[strings.ToLower(plain)]
	return found
}

// productWords are the names of the product and of its kind of office,
// which anyone may try first.
var productWords = []string{"zhaoshang", "zhaoshangyinzi", "zsyz", "招商", "招商引资", "touzi", "touzicujin", "tzcj", "投资", "投资促进",
	"admin", "administrator", "guanliyuan", "管理员", "system", "mima", "密码", "demo", "test", "ceshi"}

// letters keeps the letters of s, lower-cased (Han characters included):
// what is left of a password once digits, years and symbols are taken out.
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unleet reads digits and symbols standing for letters (d3m0 → demo).
var unleet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a", "$", "s", "!", "i")

// guessable reports whether plain is the username in any spelling, or one
// of words (or a common password) with only digits and symbols around or
// within it, read as written and with digits read as letters.
func guessable(plain, username string, words []string) bool {
	forms := []string{lettersOf(plain), lettersOf(unleet.Replace(strings.ToLower(plain)))}
	user := lettersOf(username)
	var bare []string
	for _, w := range append(append([]string{}, productWords...), words...) {
		if w = lettersOf(w); utf8.RuneCountInString(w) >= 2 {
			bare = append(bare, w)
		}
	}
	for _, f := range forms {
		if f == "" {
			continue
		}
		if utf8.RuneCountInString(user) >= 3 && strings.Contains(f, user) {
			return true
		}
		for _, part := range strings.FieldsFunc(strings.ToLower(username), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if utf8.RuneCountInString(part) >= 3 && f == part {
				return true
			}
		}
		if _, ok := commonPasswords[f]; ok {
			return true
		}
		for _, w := range bare {
			// a long name anywhere in it; a short one (initials) as all of it
			if f == w || (utf8.RuneCountInString(w) >= 5 && strings.Contains(f, w)) {
				return true
			}
		}
	}
	return false
}
