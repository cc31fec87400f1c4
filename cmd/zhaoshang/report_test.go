package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"zhaoshang/report"

	"github.com/xuri/excelize/v2"
)

// reportDB makes a database with a small ledger and 2021's targets:
// 1—6月 2021 has three new key projects (two started), 2020 one.
func reportDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = "sqlite:" + filepath.Join(dir, "r.db")
	if code, _, e := runCmd(t, "org", "import", orgFile(t, dir), "--db", db); code != 0 {
		t.Fatal(e)
	}
	files := map[string]string{
		"projects.csv": "项目编号,项目名称,县市,投资方,优强企业,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期,开工日期\n" +
			"A1,甲项目,凯里市,甲集团有限公司,是,新型工业化,是,是,10000,2021-02-01,2021-03-01\n" +
			"A2,乙项目,凯里市,乙实业有限公司,否,新型城镇化,是,否,5000,2021-05-01,\n" +
			"A3,丙项目,黄平县,丙实业有限公司,否,新型工业化,是,是,3000,2021-03-01,2021-04-01\n" +
			"A4,丁项目,黄平县,丁实业有限公司,否,农业现代化,是,否,2000,2020-03-01,\n",
		"funds.csv": "项目编号,到位月份,到位金额(万元),资金来源\n" +
			"A1,2021-03,1000,省外境内\nA3,2021-04,500,境外\nA4,2020-04,300,省内\n",
		"targets.csv": "年度,单位,指标,目标值\n" +
			"2021,黔东南州,new_key_projects,6\n2021,522600,新增到位资金,3000\n2021,凯里市,新引进重点产业项目个数,4\n",
	}
	// historic, verified ledgers: imported as approved, so that they count
	for _, kind := range []string{"projects", "funds", "targets"} {
		name := kind + ".csv"
		os.WriteFile(filepath.Join(dir, name), []byte(files[name]), 0o644)
		args := []string{"import", kind, filepath.Join(dir, name), "--db", db}
		if kind != "targets" {
			args = append(args, "--approve")
		}
		if code, out, e := runCmd(t, args...); code != 0 || !strings.Contains(out, "新增") {
			t.Fatalf("import %s: %d %s %s", kind, code, out, e)
		}
	}
	return dir, db
}

func TestReportIndicatorsJSONHasTheShapeOfTheExchangeFormat(t *testing.T) {
	_, db := reportDB(t)
	code, out, stderr := runCmd(t, "report", "indicators", "--through", "2021-06", "--format", "json", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if keys := keysOf(doc); !slices.Equal(keys, []string{"indicators", "org", "period"}) {
		t.Errorf("top-level keys %v", keys)
	}
	if string(compact(doc["org"])) != `{"code":"522600","name":"黔东南州"}` || string(compact(doc["period"])) != `{"from":"2021-01","through":"2021-06"}` {
		t.Errorf("org %s, period %s", doc["org"], doc["period"])
	}
	var inds []map[string]json.RawMessage
	if err := json.Unmarshal(doc["indicators"], &inds); err != nil {
		t.Fatal(err)
	}
	var codes []string
	byCode := map[string]map[string]json.RawMessage{}
	for _, ind := range inds {
		if keys := keysOf(ind); !slices.Equal(keys, []string{"code", "completion", "name", "previous", "target", "time_progress", "unit", "value", "yoy"}) {
			t.Errorf("indicator keys %v", keys)
		}
		var c string
		json.Unmarshal(ind["code"], &c)
		codes = append(codes, c)
		byCode[c] = ind
	}
	if len(codes) != 12 || codes[0] != "new_key_projects" || codes[11] != "foreign_funds_in_place" {
		t.Fatalf("codes %v", codes)
	}
	for _, c := range []struct{ code, key, raw string }{
		// counts are integers, money integer 元, percentages unrounded
		{"new_key_projects", "name", `"新引进重点产业项目个数"`},
		{"new_key_projects", "unit", `"个"`},
		{"new_key_projects", "value", "3"},
		{"new_key_projects", "previous", "1"},
		{"new_key_projects", "target", "6"},
		{"new_key_projects", "completion", "50"},
		{"new_key_projects", "yoy", "200"},
		{"new_key_projects", "time_progress", "50"},
		{"contract_investment", "unit", `"元"`},
		{"contract_investment", "value", "180000000"},
		{"contract_investment", "target", "null"},     // no target set
		{"contract_investment", "completion", "null"}, // so no completion
		{"new_strong_enterprises", "unit", `"家"`},
		{"new_strong_enterprises", "value", "1"},
		{"new_strong_enterprises", "yoy", "null"}, // against nothing last year
		{"funds_in_place", "value", "15000000"},
		{"funds_in_place", "previous", "3000000"},
		{"funds_in_place", "target", "30000000"},
		{"funds_in_place", "completion", "50"},
		{"funds_in_place", "yoy", "400"},
		{"industrial_funds_share", "unit", `"%"`},
		{"industrial_funds_share", "value", "100"},
		{"industrial_funds_share", "previous", "0"},
		{"industrial_funds_share", "yoy", "100"}, // percentage points
		{"industrial_funds_share", "target", "null"},
		{"start_rate", "value", "66.66666666666667"},
		{"start_rate", "yoy", "66.66666666666667"},
		{"production_rate", "value", "0"},
		{"foreign_funds_in_place", "value", "5000000"},
		{"foreign_funds_in_place", "previous", "0"},
		{"foreign_funds_in_place", "yoy", "null"},
	} {
		if got := string(byCode[c.code][c.key]); got != c.raw {
			t.Errorf("%s.%s = %s, want %s", c.code, c.key, got, c.raw)
		}
	}
	// a county without records: rates have no value, and a count no growth
	code, out, stderr = runCmd(t, "report", "indicators", "--through", "2021-06", "--org", "522623", "--format", "json", "--db", db)
	if code != 0 {
		t.Fatal(stderr)
	}
	var county struct {
		Org        map[string]string
		Indicators []map[string]any
	}
	json.Unmarshal([]byte(out), &county)
	if county.Org["name"] != "施秉县" {
		t.Errorf("org %v", county.Org)
	}
	for _, ind := range county.Indicators {
		isRate := ind["unit"] == "%"
		if (ind["value"] == nil) != isRate || ind["yoy"] != nil || ind["completion"] != nil || ind["target"] != nil {
			t.Errorf("%v: value %v yoy %v", ind["code"], ind["value"], ind["yoy"])
		}
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func compact(b []byte) []byte {
	var buf bytes.Buffer
	json.Compact(&buf, b)
	return buf.Bytes()
}

func TestReportIndicatorsPrintsATableAndWritesAWorkbook(t *testing.T) {
	dir, db := reportDB(t)
	code, out, stderr := runCmd(t, "report", "indicators", "--through", "2021-06", "--db", db)
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"黔东南州 2021年1—6月 主要指标完成情况", "序时进度 50.0%", "新引进重点产业项目个数", "亿元",
		"  1.8", "+800.0%", "+200.0%", "66.7", "+66.7个百分点", "达到序时", "—"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "排名") {
		t.Errorf("the prefecture has no rank:\n%s", out)
	}
	// columns line up: every line of the table is as wide as the header
	lines := strings.Split(strings.TrimSpace(out), "\n")[3:]
	for _, l := range lines[1:] {
		if report.DisplayWidth(l) != report.DisplayWidth(lines[0]) {
			t.Errorf("ragged line %q (%d, header %d)", l, report.DisplayWidth(l), report.DisplayWidth(lines[0]))
		}
	}
	code, out, _ = runCmd(t, "report", "indicators", "--through", "2021-06", "--org", "凯里市", "--db", db)
	if code != 0 || !strings.Contains(out, "凯里市 2021年1—6月") || !strings.Contains(out, "排名") {
		t.Errorf("a county's table with its rank:\n%s", out)
	}

	file := filepath.Join(dir, "r.xlsx")
	code, out, stderr = runCmd(t, "report", "indicators", "--through", "2021-06", "--format", "xlsx", "--out", file, "--db", db)
	if code != 0 || !strings.Contains(out, file) {
		t.Fatalf("%d %s %s", code, out, stderr)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %v", sheets)
	}
	rows, _ := f.GetRows(sheets[0])
	if len(rows) != 14 || rows[0][0] != "黔东南州 2021年1—6月 主要指标完成情况" || rows[1][0] != "指标" || rows[2][0] != "新引进重点产业项目个数" {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	if v, _ := f.GetCellValue(sheets[0], "C3"); v != "3" {
		t.Errorf("new key projects %q", v)
	}
	if v, _ := f.GetCellValue(sheets[0], "C4"); v != "1.8" {
		t.Errorf("contract investment %q (亿元)", v)
	}
	if v, _ := f.GetCellValue(sheets[0], "G4"); v != "—" {
		t.Errorf("completion without a target %q", v)
	}
}

func TestReportIndicatorsRefusesBadArguments(t *testing.T) {
	_, db := reportDB(t)
	for _, args := range [][]string{
		{"report"},
		{"report", "summary", "--through", "2021-06"},
		{"report", "indicators"},
		{"report", "indicators", "--through", "2021-13"},
		{"report", "indicators", "--through", "2021-06", "--format", "pdf"},
		{"report", "indicators", "--through", "2021-06", "--format", "xlsx"},
		{"report", "indicators", "--through", "2021-06", "--org", "999999"},
	} {
		if code, _, stderr := runCmd(t, append(args, "--db", db)...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
}

func TestTargetsImportAllOrNothingAndExportRoundTrips(t *testing.T) {
	dir, db := reportDB(t)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("年度,单位,指标,目标值\n2021,黄平县,new_key_projects,3\n2021,黄平县,开工率,90\n2021,黄平县,新引进项目,1\n"), 0o644)
	code, _, stderr := runCmd(t, "import", "targets", bad, "--db", db)
	if code != 1 || !strings.Contains(stderr, "第3行") || !strings.Contains(stderr, "比率指标") || !strings.Contains(stderr, "第4行") || strings.Contains(stderr, "第2行") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	for _, ext := range []string{"xlsx", "csv"} {
		file := filepath.Join(dir, "targets-export."+ext)
		code, out, stderr := runCmd(t, "export", "targets", file, "--db", db)
		if code != 0 || !strings.Contains(out, "已导出3行") {
			t.Fatalf("export: %d %s %s", code, out, stderr)
		}
		code, out, stderr = runCmd(t, "import", "targets", file, "--db", db)
		if code != 0 || !strings.Contains(out, "新增0，更新0，未变3") {
			t.Errorf("re-import of the %s export: %d %s %s", ext, code, out, stderr)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "targets-export.csv"))
	if !strings.Contains(string(b), "2021,黔东南州,新增到位资金,3000") {
		t.Errorf("export:\n%s", b)
	}
}

func TestImportWithoutApproveLeavesTheFiguresUnofficialAndTargetsCannotBeApproved(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "x.db")
	if code, _, e := runCmd(t, "org", "import", orgFile(t, dir), "--db", db); code != 0 {
		t.Fatal(e)
	}
	file := filepath.Join(dir, "p.csv")
	os.WriteFile(file, []byte("项目编号,项目名称,县市,投资方,优强企业,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期\n"+
		"B1,乙项目,凯里市,乙实业有限公司,否,新型工业化,是,是,5000,2021-02-01\n"), 0o644)
	if code, out, e := runCmd(t, "import", "projects", file, "--db", db); code != 0 || !strings.Contains(out, "已导入") {
		t.Fatalf("import: %d %s %s", code, out, e)
	}
	_, out, _ := runCmd(t, "report", "indicators", "--through", "2021-06", "--format", "json", "--db", db)
	if !strings.Contains(out, `"code": "new_key_projects"`) || !strings.Contains(out, `"value": 0,`) {
		t.Errorf("an unapproved import counts:\n%s", out)
	}
	if code, _, e := runCmd(t, "import", "targets", file, "--approve", "--db", db); code != 2 || !strings.Contains(e, "目标任务不按月审核") {
		t.Errorf("targets --approve: exit %d %s", code, e)
	}
}
