package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0-9.]*([a-zA-Z%])`)

// argVerbs lists the verb used for each argument position ("%[2]d" puts d
// at position 2), so reordered English still matches its key.
func argVerbs(s string) string {
	byArg := map[int]string{}
	n := 0
	for _, m := range verbRE.FindAllStringSubmatch(s, -1) {
		if m[2] == "%" {
			continue
		}
		n++
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		byArg[n] = m[2]
	}
	return fmt.Sprint(byArg)
}

// The English text of a key takes the same arguments with the same verbs,
// or a translated message would print garbage.
func TestEveryTranslationKeepsTheVerbsOfItsKey(t *testing.T) {
	for k, v := range en {
		if argVerbs(k) != argVerbs(v) {
			t.Errorf("%q → %q: verbs %s vs %s", k, v, argVerbs(k), argVerbs(v))
		}
	}
}

func TestAnUnknownKeyShowsTheChineseText(t *testing.T) {
	if got := T(EN, "没有这个键%d", 3); got != "没有这个键3" {
		t.Errorf("got %q", got)
	}
	if got := T(ZH, "共%d个单位", 5); got != "共5个单位" {
		t.Errorf("got %q", got)
	}
	if got := T(EN, "共%d个单位", 5); got != "5 units" {
		t.Errorf("got %q", got)
	}
}
