package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zhaoshang/ledger"
)

var counties = []string{"凯里市", "522622", "施秉县", "522624", "镇远县", "岑巩县", "522627", "锦屏县", "剑河县", "台江县", "黎平县", "榕江县", "从江县", "雷山县", "麻江县", "522636"}

// bigLedger writes a 1,400-row project ledger the way counties send them:
// columns in their own order, dates in mixed spellings and as Excel
// serials, counties by name or by code, amounts with up to 4 decimals.
func bigLedger(t *testing.T, path string, n int) {
	t.Helper()
	f := excelize.NewFile()
	headers := []string{"签约日期", "项目名称", "项目编号", "县市", "投资方", "四化领域", "重点产业项目", "工业项目", "合同投资额(万元)", "开工日期", "产业", "备注"}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("Sheet1", cell, h)
	}
	rng := rand.New(rand.NewPCG(7, 9))
	areas := []string{"新型工业化", "新型城镇化", "农业现代化", "旅游产业化", "其他"}
	for r := 0; r < n; r++ {
		row := r + 2
		y, m, d := 2020+rng.IntN(2), 1+rng.IntN(6), 1+rng.IntN(28)
		var signed any
		switch r % 4 {
		case 0:
			signed = fmt.Sprintf("%d-%02d-%02d", y, m, d)
		case 1:
			signed = fmt.Sprintf("%d/%d/%d", y, m, d)
		case 2:
			signed = fmt.Sprintf("%d年%d月%d日", y, m, d)
		case 3: // an Excel date serial
			signed = excelSerial(y, m, d)
		}
		amount := fmt.Sprintf("%d.%04d", 100+rng.IntN(90000), rng.IntN(10000))
		vals := []any{signed, fmt.Sprintf("第%d号招商项目", r), fmt.Sprintf("QDN-%05d", r), counties[r%16], fmt.Sprintf("贵州投资者%03d有限公司", r%300),
			areas[r%5], []string{"是", "否"}[r%2], []string{"是", "否"}[r%3%2], amount, "", "铝加工", ""}
		if r%5 == 0 {
			vals[9] = fmt.Sprintf("%d.%d.%d", y, m, d+1) // started the day after
		}
		for i, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// excelSerial is the Excel date number of a day (after 1900-03-01).
func excelSerial(y, m, d int) int {
	days := 0
	for yy := 1900; yy < y; yy++ {
		days += 365
		if yy%4 == 0 && (yy%100 != 0 || yy%400 == 0) {
			days++
		}
	}
	mdays := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		mdays[1] = 29
	}
	for i := 0; i < m-1; i++ {
		days += mdays[i]
	}
	return days + d + 1 // +1: Excel counts 1900-02-29
}

func TestA1400RowLedgerAndAGBKFundLedgerImportWholeAndRoundTripUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "l.db")
	if code, _, e := runCmd(t, "org", "import", orgFile(t, dir), "--db", db); code != 0 {
		t.Fatal(e)
	}
	projects := filepath.Join(dir, "projects.xlsx")
	bigLedger(t, projects, 1400)
	code, out, errs := runCmd(t, "import", "projects", projects, "--dry-run", "--db", db)
	if code != 0 || !strings.Contains(out, "新增1400") || !strings.Contains(out, "未写入") {
		t.Fatalf("dry run: %d %s %s", code, out, errs)
	}
	code, out, errs = runCmd(t, "import", "projects", projects, "--db", db)
	if code != 0 || !strings.Contains(out, "新增1400") {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	// a GBK fund ledger with thousands separators, as Chinese Excel saves CSV
	var csv strings.Builder
	csv.WriteString("项目编号,到位月份,到位金额(万元),资金来源,凭证编号\r\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&csv, "QDN-%05d,2021年%d月,\"1,%03d.5\",%s,PZ%04d\r\n", i, 1+i%6, i, []string{"省外境内", "境外", "省内"}[i%3], i)
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(csv.String())
	funds := filepath.Join(dir, "funds.csv")
	os.WriteFile(funds, []byte(gbk), 0o644)
	if code, out, errs := runCmd(t, "import", "funds", funds, "--db", db); code != 0 || !strings.Contains(out, "新增300") {
		t.Fatalf("funds: %d %s %s", code, out, errs)
	}
	// export, import again: nothing changes
	for _, kind := range []string{"projects", "funds"} {
		for _, ext := range []string{"xlsx", "csv"} {
			out := filepath.Join(dir, "export-"+kind+"."+ext)
			if code, _, e := runCmd(t, "export", kind, out, "--db", db); code != 0 {
				t.Fatal(e)
			}
			code, stdout, e := runCmd(t, "import", kind, out, "--db", db)
			if code != 0 || !strings.Contains(stdout, "新增0，更新0") {
				t.Errorf("re-import of the %s export (%s) changed something: %d %s %s", kind, ext, code, stdout, e)
			}
		}
	}
}

func TestALedgerWithThreeBadRowsIsRefusedWholeNamingAllThree(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "l.db")
	runCmd(t, "org", "import", orgFile(t, dir), "--db", db)
	var b bytes.Buffer
	b.WriteString("项目编号,项目名称,县市,投资方,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期\n")
	b.WriteString("A1,甲项目,凯里市,甲公司,新型工业化,是,是,100,2021-03-01\n")
	b.WriteString("A2,乙项目,火星县,乙公司,新型工业化,是,是,100,2021-03-01\n")
	b.WriteString("A3,丙项目,凯里市,丙公司,新型工业化,是,是,100,2021-13-01\n")
	b.WriteString("A4,丁项目,凯里市,丁公司,新型工业化,也许,是,100,2021-03-01\n")
	file := filepath.Join(dir, "bad.csv")
	os.WriteFile(file, b.Bytes(), 0o644)
	code, _, stderr := runCmd(t, "import", "projects", file, "--db", db)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"第3行", "火星县", "第4行", "2021-13-01", "第5行", "也许"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the refusal does not name %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "第2行") {
		t.Errorf("a good row is named:\n%s", stderr)
	}
	_, out, _ := runCmd(t, "export", "projects", filepath.Join(dir, "x.csv"), "--db", db)
	if !strings.Contains(out, "已导出0行") {
		t.Errorf("a refused file wrote something: %s", out)
	}
}

// orgFile writes the default organisation file into dir.
func orgFile(t *testing.T, dir string) string {
	rows := ledger.DefaultOrgRows()
	var b strings.Builder
	b.WriteString("code,name,parent_code,kind\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s,%s,%s,%s\n", r.Code, r.Name, r.ParentCode, r.Kind)
	}
	p := filepath.Join(dir, "org.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	return p
}
