package ledger

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// DecodeText turns a text file as Chinese Excel saves it into UTF-8: UTF-8
// with or without a BOM is taken as is, anything else is read as GB18030
// (a superset of GBK and GB2312).
func DecodeText(b []byte) (string, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return string(b), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// NormHeader folds a header the way EXCHANGE.md matches them: spaces
// trimmed (inside too), full-width forms folded to half-width.
func NormHeader(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\u00a0' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(s)
}
