package e2e

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"zhaoshang/sqldb/sqldbtest"
)

var binary string // the zhaoshang binary built for this run

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zhaoshang-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "zhaoshang")
	out, err := exec.Command("go", "build", "-o", binary, "zhaoshang/cmd/zhaoshang").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building zhaoshang: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// app is a running zhaoshang server.
type app struct {
	URL string
	DB  string
}

// startApp runs `zhaoshang serve` on a free port over a fresh database
// (PostgreSQL when the run has one, else SQLite) and stops it with SIGTERM
// at the end of the test, which must exit 0.
func startApp(t *testing.T, extraEnv ...string) *app {
	t.Helper()
	dialect := "sqlite"
	if os.Getenv(sqldbtest.PGEnv) != "" {
		dialect = "postgres"
	}
	db := sqldbtest.URL(t, dialect)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(binary, "serve", "--addr", addr, "--db", db)
	cmd.Env = append(os.Environ(), extraEnv...)
	logf, _ := os.Create(filepath.Join(t.TempDir(), "server.log"))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	a := &app{URL: "http://" + addr, DB: db}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(a.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			b, _ := os.ReadFile(logf.Name())
			t.Fatalf("server did not answer /healthz: %v\n%s", err, b)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				b, _ := os.ReadFile(logf.Name())
				t.Errorf("server did not stop cleanly: %v\n%s", err, b)
			}
		case <-time.After(35 * time.Second):
			cmd.Process.Kill()
			t.Error("server did not stop within 35s of SIGINT")
		}
	})
	return a
}

// chromiumPath finds Debian's chromium, or the one named by CHROMIUM_PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless Chromium tab that records the console.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// newBrowser starts Chromium for the test, or skips when there is none
// (fails instead under ZHAOSHANG_REQUIRE_BROWSER).
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("ZHAOSHANG_REQUIRE_BROWSER") != "" {
			t.Fatal("no chromium found, and ZHAOSHANG_REQUIRE_BROWSER is set")
		}
		t.Skip("browser tests skipped: no chromium on PATH (apt-get install chromium, or set CHROMIUM_PATH)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); acancel() })
	b := &browser{ctx: ctx}
	msgs := chromedp.Console(ctx) // starts the browser; no timeout on this first call
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// do runs steps with a time limit per call.
func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}

// eval runs a JavaScript expression and returns its value.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("browser: eval %s: %v", expr, err)
	}
	return v
}

// noConsoleErrors fails the test for any error or exception the pages wrote.
func (b *browser) noConsoleErrors(t *testing.T) {
	t.Helper()
	time.Sleep(200 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	var bad []string
	for _, m := range b.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			bad = append(bad, m.String()+" ("+m.URL+")")
		}
	}
	if len(bad) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(bad, "\n"))
	}
}
