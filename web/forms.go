package web

import (
	"net/http"
	"strconv"
	"strings"
	"zhaoshang"
	"zhaoshang/i18n"
)

// The pieces every form and list handler reads its input with: form
// values, ids, the page number, and how a refused form is answered.

// formStatus is the status of a page re-shown with a refused form.
func formStatus(err error) int {
	if zhaoshang.ErrorCode(err) == zhaoshang.EForbidden {
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}

// formIDs reads the ids of a repeated form field (ticked checkboxes,
// a multiple select); malformed values are dropped.
func formIDs(r *http.Request, name string) []int64 {
	r.ParseForm()
	var out []int64
	for _, v := range r.Form[name] {
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// inputErr is a refused form value, named by its field.
func inputErr(field, msg string, args ...any) error {
	return zhaoshang.FieldErrorf(zhaoshang.EInvalid, field, msg, args...)
}

// formText reads a form value, trimmed.
func formText(r *http.Request, name string) string { return strings.TrimSpace(r.FormValue(name)) }

func yesNoPtr(s string) *bool {
	switch s {
	case "1":
		v := true
		return &v
	case "0":
		v := false
		return &v
	}
	return nil
}

// formRefused fills a form's message from err, or answers an error that
// no form can show (not found, internal) and reports that it did.
func (s *Server) formRefused(w http.ResponseWriter, r *http.Request, err error, msg, field *string) bool {
	e := zhaoshang.AsError(err)
	if e == nil || e.Code == zhaoshang.ENotFound || e.Code == zhaoshang.EUnauthorized {
		s.fail(w, r, err)
		return true
	}
	*msg, *field = errText(i18n.FromRequest(r), err), e.Field
	return false
}

// formInt reads an integer form value; 0 when missing or malformed.
func formInt(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.FormValue(name)), 10, 64)
	return n
}

// maxPage bounds a page number from the address bar: beyond it the offset
// arithmetic of a list could overflow (page=9223372036854775807 panicked).
const maxPage = 1_000_000

// pageNumber reads the "page" parameter of a list: 1 to maxPage.
func pageNumber(r *http.Request) int {
	return int(min(max(formInt(r, "page"), 1), maxPage))
}

func pathID(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}
