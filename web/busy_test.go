package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhaoshang"
)

// A busy database is a 503 with Retry-After and 系统繁忙, on the screens and
// in the API alike, never a 500.
func TestABusyDatabaseAnswers503(t *testing.T) {
	s := New(Services{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, path := range []string{"/projects", "/api/v1/projects"} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", path, nil)
		if strings.HasPrefix(path, "/api/") {
			s.apiError(w, r, zhaoshang.ErrBusy())
		} else {
			s.fail(w, r, zhaoshang.ErrBusy())
		}
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "系统繁忙，请稍后重试") {
			t.Errorf("%s: %d %q", path, w.Code, w.Header().Get("Retry-After"))
		}
	}
}
