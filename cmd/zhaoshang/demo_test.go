package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// countProjects reads the number of projects straight from the file.
func countProjects(t *testing.T, path string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow("SELECT COUNT(*) FROM projects").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemoLoadsAnEmptyDatabaseAndRefusesOneWithProjects(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := runCmd(t, "demo", "--db", "sqlite:"+path)
	if code != 0 {
		t.Fatalf("demo on an empty database: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"admin", "demo_bureau", "已载入演示数据", "新引进重点产业项目289个", "合同投资355.7亿元", "新增到位资金314.5亿元"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	n := countProjects(t, path)
	if n < 1000 {
		t.Errorf("%d projects loaded", n)
	}

	code, out, errOut = runCmd(t, "demo", "--db", "sqlite:"+path)
	if code != 1 {
		t.Errorf("demo on a database with projects: exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "已有") || !strings.Contains(errOut, "空数据库") || out != "" {
		t.Errorf("refusal says %q (stdout %q)", errOut, out)
	}
	if countProjects(t, path) != n {
		t.Error("the refused run changed the projects")
	}
}

func TestDemoRefusesAnotherRegionsTree(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "org.csv")
	os.WriteFile(file, []byte("编码,名称,上级编码,类型\n520100,贵阳市,,州/市\n520102,南明区,520100,县/市\n"), 0o644)
	db := "sqlite:" + filepath.Join(dir, "g.db")
	if code, _, e := runCmd(t, "org", "import", file, "--db", db); code != 0 {
		t.Fatal(e)
	}
	code, _, errOut := runCmd(t, "demo", "--db", db)
	if code != 1 || !strings.Contains(errOut, "黔东南州的组织机构") {
		t.Errorf("exit %d: %q", code, errOut)
	}
}

func TestServeDemoLoadsTheDemoDataFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out, errb bytes.Buffer
	go func() {
		done <- run(ctx, &env{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }},
			[]string{"serve", "--addr", addr, "--db", "sqlite:" + path, "--demo", "--log-level", "warn"})
	}()
	waitHealthy(t, "http://"+addr)
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "demo_kaili") || !strings.Contains(out.String(), "已载入演示数据") {
		t.Errorf("serve --demo printed:\n%s", out.String())
	}
	if n := countProjects(t, path); n < 1000 {
		t.Errorf("%d projects after serve --demo", n)
	}
}

func TestTheNightlyRunIsAtTwoInTheMorningChinaTime(t *testing.T) {
	for _, c := range []struct{ now, want string }{
		{"2021-06-30T15:00:00Z", "2021-07-01T02:00:00+08:00"}, // 23:00 in 凯里
		{"2021-06-30T17:59:59Z", "2021-07-01T02:00:00+08:00"}, // 01:59:59
		{"2021-06-30T18:00:00Z", "2021-07-02T02:00:00+08:00"}, // 02:00 itself: the next night
		{"2021-06-30T19:00:00Z", "2021-07-02T02:00:00+08:00"},
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		want, _ := time.Parse(time.RFC3339, c.want)
		if got := nextNightly(now); !got.Equal(want) {
			t.Errorf("after %s: %s, want %s", c.now, got, want)
		}
	}
}
