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

// The system administrator's initial password and the one the tests change it to.
const (
	adminInitial = "First#Start2026"
	adminChanged = "Second#Pass2026"
)

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
	cmd.Env = append(append(os.Environ(), "ZHAOSHANG_ADMIN_PASSWORD="+adminInitial), extraEnv...)
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
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("server log:\n%s", b)
		}
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
		b.dump(t)
		t.Fatalf("browser: %v", err)
	}
}

// dump saves a screenshot and the page's HTML beside the test's temp files
// and names them in the log, to see what the browser saw when a step failed.
func (b *browser) dump(t *testing.T) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	dir := os.Getenv("ZHAOSHANG_E2E_DUMP")
	if dir == "" {
		dir = os.TempDir()
	}
	name := filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_"))
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(name+".png", png, 0o644)
	}
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
		os.WriteFile(name+".html", []byte(html), 0o644)
	}
	url, _ := chromedp.Run(ctx, chromedp.Location())
	t.Logf("page at failure: %s (screenshot and HTML in %s.*)", url, name)
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

// signIn logs in through the login page as the system administrator and
// goes through the forced change of the initial password.
func (b *browser) signInAsAdmin(t *testing.T, a *app) {
	t.Helper()
	b.do(t,
		chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#form-login")),
		chromedp.SendKeys(chromedp.CSS("#username"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), adminInitial),
		chromedp.Click(chromedp.CSS("#form-login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#must-change")),
		chromedp.SendKeys(chromedp.CSS("#old"), adminInitial),
		chromedp.SendKeys(chromedp.CSS("#new"), adminChanged),
		chromedp.SendKeys(chromedp.CSS("#confirm"), adminChanged),
		chromedp.Click(chromedp.CSS("#form-password button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")), // 密码已修改, on the page after the change
	)
}

// makeUser creates an account on the console (zhaoshang user add).
func makeUser(t *testing.T, a *app, username, name, org, role, pw string) {
	t.Helper()
	cmd := exec.Command(binary, "user", "add", username, "--name", name, "--org", org, "--role", role, "--password-stdin", "--db", a.DB)
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
}
