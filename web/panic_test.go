package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zhaoshang/web"
)

func TestAPanicGivesA500PageWithoutInternalsAndIsLogged(t *testing.T) {
	var logs bytes.Buffer
	s := web.New(web.Services{}, slog.New(slog.NewTextHandler(&logs, nil)))
	ts := httptest.NewServer(s.RecoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret: connection string postgres://admin:pw@db")
	})))
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || !strings.Contains(string(b), "系统内部错误") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	if strings.Contains(string(b), "secret") || strings.Contains(string(b), "goroutine") {
		t.Error("the 500 page shows internals")
	}
	if !strings.Contains(logs.String(), "secret") || !strings.Contains(logs.String(), "stack") {
		t.Error("the panic is not logged with its stack")
	}
}
