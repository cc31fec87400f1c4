package zhaoshang

import (
	"unicode"
	"unicode/utf8"
)

// The longest text each kind of field holds, in characters. Forms, ledger
// files and the API check the same limits (ledger/ names these constants in
// its column definitions), so whatever is saved exports and imports again.
const (
	MaxCodeLen  = 64   // 项目编号, 凭证编号
	MaxNameLen  = 200  // names of projects, investors and enterprises
	MaxShortLen = 64   // 产业, 所在地, a tag, a contact's name or post
	MaxUnitLen  = 100  // 责任单位
	MaxNoteLen  = 2000 // 备注 and other free text
	MaxTags     = 20   // tags of one enterprise
)

// CheckText refuses text longer than max characters or holding control
// characters (a NUL breaks files and terminals; only a note may hold line
// breaks and tabs). label names the field in the message.
func CheckText(field, label, s string, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(EInvalid, field, "%s含有无法识别的字符", label)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(EInvalid, field, "%s不能超过%d个字（现为%d个字）", label, max, n)
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return FieldErrorf(EInvalid, field, "%s含有控制字符，请删除后重新填写", label)
		}
	}
	return nil
}

// textField is one field for CheckTexts.
type textField struct {
	field, label, value string
	max                 int
	multiline           bool
}

// checkTexts applies CheckText to each field in turn.
func checkTexts(fields ...textField) error {
	for _, f := range fields {
		if err := CheckText(f.field, f.label, f.value, f.max, f.multiline); err != nil {
			return err
		}
	}
	return nil
}
