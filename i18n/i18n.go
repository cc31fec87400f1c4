// Package i18n is the one message catalogue of the application. Keys are the
// Chinese text itself (zh-CN is the first language); the English table
// gives each key's translation. A key missing from a table shows as the
// Chinese text, and a test lists keys the English table lacks.
package i18n

import (
	"fmt"
	"net/http"
	"strings"
)

// Lang is a supported language.
type Lang string

const (
	ZH Lang = "zh-CN"
	EN Lang = "en"
)

// Parse accepts a cookie or form value; anything unknown is Chinese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "en") {
		return EN
	}
	return ZH
}

// FromRequest reads the language chosen with the switch (a cookie); the
// default is Chinese whatever the browser says, as the users expect.
func FromRequest(r *http.Request) Lang {
	if c, err := r.Cookie("lang"); err == nil {
		return Parse(c.Value)
	}
	return ZH
}

// en translates every catalogue key into English; each area of the
// application adds its own table (en_*.go) with add.
var en = map[string]string{}

func add(m map[string]string) {
	for k, v := range m {
		if _, dup := en[k]; dup && en[k] != v {
			panic("i18n: two English texts for " + k)
		}
		en[k] = v
	}
}

// T translates key into lang and fills its fmt verbs with args.
func T(lang Lang, key string, args ...any) string {
	s := key
	if lang == EN {
		if e, ok := en[key]; ok {
			s = e
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Missing lists keys without an English translation (for a test).
func Missing(keys []string) []string {
	var out []string
	for _, k := range keys {
		if _, ok := en[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}
