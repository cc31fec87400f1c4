package zhaoshang

import (
	"errors"
	"fmt"
)

// Error codes: what kind of failure, so that each adapter can answer in its
// own terms (an HTTP status, an exit code) without parsing messages.
const (
	EInvalid      = "invalid"      // the input is wrong; the message says how
	ENotFound     = "not_found"    // no such record, or not visible to the user
	EConflict     = "conflict"     // the record changed since it was read, or a key is taken
	EForbidden    = "forbidden"    // the user may not do this
	EUnauthorized = "unauthorized" // not signed in
	EBusy         = "busy"         // the database is busy with another writer; try again shortly
	EInternal     = "internal"     // a fault of ours; details go to the log only
)

// Error is a failure the user is meant to read. Message is a key of the
// message catalogue (Chinese source text with fmt verbs) and Args its values,
// so each adapter can show it in the user's language.
type Error struct {
	Code    string
	Field   string // the form field or column at fault, if any
	Message string
	Args    []any
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return e.Message
	}
	return fmt.Sprintf(e.Message, e.Args...)
}

// Errorf makes a user-facing error; format is a catalogue key.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: format, Args: args}
}

// FieldErrorf is Errorf for one named input field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: format, Args: args}
}

// ErrorCode returns the code of err, EInternal for anything not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the user-facing error inside err, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// ErrBusy is the answer when the database cannot take a change now (another
// writer holds it too long): nothing was written, and the same request
// later will do.
func ErrBusy() *Error { return Errorf(EBusy, "系统繁忙，请稍后重试") }
