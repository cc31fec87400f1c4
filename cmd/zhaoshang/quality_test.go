package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFile is the seed's text (a copy of ../shared/seed/…-summary.txt).
const seedFile = "../../reportcheck/testdata/seed-2021-h1.txt"

// TestTheReportCheckerFlagsTheSeedsTwoSlipsAndNothingElse runs the
// must-show: on the seed's text, against the demo's approved records, the
// checker names the start rate (286/289 is 99.0%, not 98.9%) and the four
// areas adding up to 287, not 289; and a text whose figures agree comes
// out clean.
func TestTheReportCheckerFlagsTheSeedsTwoSlipsAndNothingElse(t *testing.T) {
	if _, err := os.Stat(seedFile); err != nil {
		t.Fatalf("the seed is not beside the project: %v", err)
	}
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "demo.db")
	if code, _, e := runCmd(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", e)
	}
	code, out, stderr := runCmd(t, "quality", "check-report", seedFile, "--format", "json", "--db", db)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var found []struct {
		Sentence, Claim, Expected, Reason, Severity, Source string
	}
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(found) != 2 {
		t.Fatalf("%d findings, want 2:\n%s", len(found), out)
	}
	if !strings.Contains(found[0].Claim, "开工率98.9%") || !strings.Contains(found[0].Expected, "99.0%") || found[0].Severity != "error" {
		t.Errorf("first finding: %+v", found[0])
	}
	if !strings.Contains(found[1].Expected, "287") || !strings.Contains(found[1].Expected, "289") {
		t.Errorf("second finding: %+v", found[1])
	}
	// the table: one finding a line with the sentence, the claim, what the figures give and the severity
	_, table, _ := runCmd(t, "quality", "check-report", seedFile, "--db", db)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "严重") || !strings.Contains(lines[1], "开工率98.9%") || !strings.Contains(lines[1], "开工286个") {
		t.Errorf("table:\n%s", table)
	}
	// a text whose figures agree with the records comes out clean
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("2021年上半年全州招商引资工作情况\n1—6月，全州新引进重点产业项目289个，完成州级年度目标任务450个的64.2%；新增到位资金314.5亿元。新增重点产业项目中，开工286个、开工率99.0%。"), 0o644)
	if code, out, e := runCmd(t, "quality", "check-report", good, "--db", db); code != 0 || !strings.Contains(out, "未发现") {
		t.Errorf("a clean text: exit %d %s %s", code, out, e)
	}
	// the data-quality checks over the demo's records: findings, as JSON
	code, out, stderr = runCmd(t, "quality", "--format", "json", "--db", db)
	var list struct {
		Total    int `json:"total"`
		Findings []struct {
			Rule, Severity, Status, Org, Message string
		} `json:"findings"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || list.Total == 0 || list.Findings[0].Status != "open" || !strings.Contains(stderr, "已检查项目") {
		t.Errorf("quality: exit %d, %d findings\n%s", code, list.Total, stderr)
	}
	if code, _, _ := runCmd(t, "quality", "--status", "nope", "--db", db); code != 2 {
		t.Errorf("a bad status: exit %d", code)
	}
}
