package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhaoshang/sqldb/sqldbtest"
)

// TestMain lets a test run this program as a child process (to send it a
// real SIGTERM): with ZHAOSHANG_AS_MAIN set, the test binary is zhaoshang.
func TestMain(m *testing.M) {
	if os.Getenv("ZHAOSHANG_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// runCmd runs the command line in-process and returns status and output.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("no answer on /healthz")
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeAnswersHealthShowsTheTreeAndStopsCleanlyOnSIGTERM(t *testing.T) {
	for _, dialect := range sqldbtest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			addr := freeAddr(t)
			cmd := exec.Command(os.Args[0], "serve", "--addr", addr, "--db", sqldbtest.URL(t, dialect), "--log-format", "json")
			cmd.Env = append(os.Environ(), "ZHAOSHANG_AS_MAIN=1", "ZHAOSHANG_ADMIN_PASSWORD=Initial#Pass1")
			var logs, out bytes.Buffer
			cmd.Stderr, cmd.Stdout = &logs, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			base := "http://" + addr
			waitHealthy(t, base)
			if code, body := get(t, base+"/readyz"); code != 200 || !strings.Contains(body, "ready") {
				t.Errorf("/readyz = %d %q", code, body)
			}
			if !strings.Contains(out.String(), "secadmin") || !strings.Contains(out.String(), "Initial#Pass1") {
				t.Errorf("first start did not print the administrators:\n%s", out.String())
			}
			c := signIn(t, base, "admin", "Initial#Pass1", "Changed#Pass2")
			resp, err := c.Get(base + "/org")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || strings.Count(string(b), `data-kind="county"`) != 16 {
				t.Errorf("/org = %d, %d counties", resp.StatusCode, strings.Count(string(b), `data-kind="county"`))
			}
			cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("still running 30s after SIGTERM")
			}
			if !strings.Contains(logs.String(), `"msg":"request"`) || !strings.Contains(logs.String(), `"status":200`) {
				t.Errorf("no JSON request log lines:\n%s", logs.String())
			}
		})
	}
}

func TestServeSaysInOneLineWhatIsWrongAndExits2(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown scheme", []string{"--db", "mysql://x"}, "无法识别的数据库地址"},
		{"missing directory", []string{"--db", "sqlite:/nonexistent-dir/z.db"}, "数据库目录“/nonexistent-dir”不存在"},
		{"unreachable server", []string{"--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, "无法连接 PostgreSQL"},
		{"port in use", []string{"--addr", busy.Addr().String(), "--db", "sqlite:" + filepath.Join(t.TempDir(), "x.db")}, "已被占用"},
		{"unknown flag", []string{"--bogus"}, "bogus"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"serve", "--addr", "127.0.0.1:0"}, c.args...)
			code, _, stderr := runCmd(t, args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q lacks %q", stderr, c.want)
			}
			if c.name != "unknown flag" && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want one line, got %q", stderr)
			}
		})
	}
}

func TestServeLoadsAnotherRegionsTreeFromAnOrgFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "org.csv")
	os.WriteFile(file, []byte("编码,名称,上级编码,类型\n520100,贵阳市,,州/市\n520102,南明区,520100,县/市\n520103,云岩区,520100,县/市\n"), 0o644)
	db := "sqlite:" + filepath.Join(dir, "g.db")
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		var out, errb bytes.Buffer
		done <- run(ctx, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}, []string{"serve", "--addr", addr, "--db", db, "--org-file", file, "--log-level", "warn"})
	}()
	waitHealthy(t, "http://"+addr)
	out := filepath.Join(dir, "out.csv")
	if code, _, e := runCmd(t, "org", "export", out, "--db", db); code != 0 {
		t.Fatal(e)
	}
	body, _ := os.ReadFile(out)
	if !strings.Contains(string(body), "云岩区") || strings.Contains(string(body), "黔东南州") {
		t.Errorf("the tree is not the file's:\n%s", body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// signIn logs in, changes the initial password, and returns the client.
func signIn(t *testing.T, base, user, initial, changed string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {user}, "password": {initial}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/account/password" {
		t.Fatalf("login did not lead to the password change: %s", resp.Request.URL)
	}
	resp, err = c.PostForm(base+"/account/password", url.Values{"old": {initial}, "new": {changed}, "confirm": {changed}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path == "/account/password" {
		t.Fatalf("password change: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	return c
}

func TestUserCommandsAddChangeAndDisableAccounts(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "u.db")
	f := filepath.Join(dir, "o.csv")
	os.WriteFile(f, []byte("code,name,parent_code,kind\n522600,黔东南州,,prefecture\n522601,凯里市,522600,county\n"), 0o644)
	runCmd(t, "org", "import", f, "--db", db)
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader("Hq4#Wz7p-clerk\n"), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if code := run(context.Background(), e, []string{"user", "add", "kaili01", "--name", "王芳", "--org", "凯里市", "--role", "county_clerk", "--password-stdin", "--db", db}); code != 0 {
		t.Fatalf("user add: %d %s", code, errb.String())
	}
	code, _, stderr := runCmd(t, "user", "add", "kaili01", "--name", "重名", "--org", "522601", "--db", db)
	if code != 1 || !strings.Contains(stderr, "已被使用") {
		t.Errorf("a taken username: %d %q", code, stderr)
	}
	code, stdout, _ := runCmd(t, "user", "passwd", "kaili01", "--db", db)
	if code != 0 || !strings.Contains(stdout, "密码：") {
		t.Errorf("passwd: %d %q", code, stdout)
	}
	if code, _, _ := runCmd(t, "user", "disable", "kaili01", "--db", db); code != 0 {
		t.Errorf("disable: %d", code)
	}
	code, stdout, _ = runCmd(t, "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(stdout, "逐条校验通过") {
		t.Errorf("audit verify after the user commands: %d %q", code, stdout)
	}
}

func TestOrgImportRefusesABadFileNamingEveryRow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "org.csv")
	os.WriteFile(file, []byte("code,name,parent_code,kind\n1,州,,prefecture\n2,甲县,9,county\n2,乙县,1,county\n3,丙,1,星球\n"), 0o644)
	db := "sqlite:" + filepath.Join(dir, "o.db")
	code, _, stderr := runCmd(t, "org", "import", file, "--db", db)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	for _, want := range []string{"第3行", "上级单位编码在文件中不存在", "第4行", "编码与第3行重复", "第5行", "单位类型不正确"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	code, out, _ := runCmd(t, "org", "export", filepath.Join(dir, "out.csv"), "--db", db)
	if code != 0 || !strings.Contains(out, "已导出0个单位") {
		t.Errorf("after a refused import the database must be empty: %d %q", code, out)
	}
}

func TestOrgExportThenImportGivesTheSameTree(t *testing.T) {
	dir := t.TempDir()
	a, b := "sqlite:"+filepath.Join(dir, "a.db"), "sqlite:"+filepath.Join(dir, "b.db")
	// serve would seed the default tree; org import of the default file does the same
	first := filepath.Join(dir, "first.csv")
	if code, _, e := runCmd(t, "org", "export", first, "--db", a); code != 0 {
		t.Fatal(e)
	}
	os.WriteFile(first, []byte("code,name,parent_code,kind\n522600,黔东南州,,prefecture\n522601,凯里市,522600,county\n522600-ZB05,驻点招商专班,522600,taskforce\n522600-ZB05-01,驻深圳招商工作队,522600-ZB05,team\n"), 0o644)
	if code, _, e := runCmd(t, "org", "import", first, "--db", a); code != 0 {
		t.Fatal(e)
	}
	second := filepath.Join(dir, "second.csv")
	runCmd(t, "org", "export", second, "--db", a)
	if code, _, e := runCmd(t, "org", "import", second, "--db", b); code != 0 {
		t.Fatal(e)
	}
	third := filepath.Join(dir, "third.csv")
	runCmd(t, "org", "export", third, "--db", b)
	x, _ := os.ReadFile(second)
	y, _ := os.ReadFile(third)
	if !bytes.Equal(x, y) || len(x) < 50 {
		t.Errorf("export differs after a round trip:\n%s\n---\n%s", x, y)
	}
}

func TestAuditVerifyPassesOnAnUntouchedChain(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "a.db")
	f := filepath.Join(t.TempDir(), "o.csv")
	os.WriteFile(f, []byte("code,name,parent_code,kind\n1,州,,prefecture\n"), 0o644)
	runCmd(t, "org", "import", f, "--db", db)
	code, out, _ := runCmd(t, "audit", "verify", "--db", db)
	if code != 0 || !strings.Contains(out, "共1条") {
		t.Errorf("%d %q", code, out)
	}
}

func TestAuditVerifyExits1NamingTheFirstBrokenLink(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	f := filepath.Join(dir, "o.csv")
	os.WriteFile(f, []byte("code,name,parent_code,kind\n1,州,,prefecture\n2,县,1,county\n"), 0o644)
	runCmd(t, "org", "import", f, "--db", "sqlite:"+path)
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader("Hq4#Wz7p-clerk\n"), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	run(context.Background(), e, []string{"user", "add", "u1", "--name", "甲", "--org", "2", "--password-stdin", "--db", "sqlite:" + path})
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET note = 'x' WHERE id = 2"} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	code, stdout, _ := runCmd(t, "audit", "verify", "--db", "sqlite:"+path)
	if code != 1 || !strings.Contains(stdout, "第2条的内容与其哈希不符") {
		t.Errorf("verify of a tampered chain: %d %q", code, stdout)
	}
}
