package ledger

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zhaoshang"
)

// testTree is the default tree of 黔东南州 with ids 1, 2, …
func testTree() *zhaoshang.OrgTree {
	rows := DefaultOrgRows()
	ids := map[string]int64{}
	for i, r := range rows {
		ids[r.Code] = int64(i + 1)
	}
	units := make([]*zhaoshang.OrgUnit, len(rows))
	for i, r := range rows {
		units[i] = &zhaoshang.OrgUnit{ID: int64(i + 1), Code: r.Code, Name: r.Name, Kind: r.Kind,
			ParentID: ids[r.ParentCode], Active: true, SortOrder: i}
	}
	return zhaoshang.NewOrgTree(units)
}

// gbkOf is text as Chinese Excel saves a CSV.
func gbkOf(t testing.TB, text string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xlsxOf builds a workbook whose first sheet holds rows; a cell is any
// value excelize writes (string, number, bool, time).
func xlsxOf(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantFileError asserts that err is the one clear error for a file that is
// no ledger, with a message containing want.
func wantFileError(t *testing.T, err error, want string) {
	t.Helper()
	e := zhaoshang.AsError(err)
	if e == nil || e.Code != zhaoshang.EInvalid || !strings.Contains(e.Error(), want) {
		t.Errorf("got %v (%T); want an EInvalid error saying %q", err, err, want)
	}
}

// refusal returns the problems of an *ImportRefused.
// refusal is the problems of a refused file, each reason as the clerk
// reads it (its arguments filled in).
func refusal(t *testing.T, err error) []zhaoshang.RowProblem {
	t.Helper()
	var ir *zhaoshang.ImportRefused
	if !errors.As(err, &ir) {
		t.Fatalf("got %v (%T); want *ImportRefused", err, err)
	}
	out := make([]zhaoshang.RowProblem, len(ir.Problems))
	for i, p := range ir.Problems {
		p.Reason, p.Args = p.Text(), nil
		out[i] = p
	}
	return out
}

func TestAnXLSXSheetIsReadWithRowNumbersAndRawValues(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"甲", "乙", "丙"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"x", 44350, true})
	// row 3 empty, row 4 only spaces
	f.SetSheetRow("Sheet1", "A4", &[]any{" ", "", ""})
	f.SetSheetRow("Sheet1", "A5", &[]any{"y", 0.1 + 0.2, false})
	f.NewSheet("第二页")
	f.SetCellStr("第二页", "A1", "不读")
	buf, _ := f.WriteToBuffer()
	// excelize writes 15 digits; Excel writes the artefact
	data := patchSheet(t, buf.Bytes(), "<v>0.3</v>", "<v>0.30000000000000004</v>")
	tab, err := ReadTable("a.xlsx", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Format != "xlsx" || strings.Join(tab.Headers, ",") != "甲,乙,丙" || len(tab.Rows) != 2 {
		t.Fatalf("%+v", tab)
	}
	if tab.RowNums[0] != 2 || tab.RowNums[1] != 5 {
		t.Errorf("row numbers %v", tab.RowNums)
	}
	if got := strings.Join(tab.Rows[0], ","); got != "x,44350,1" {
		t.Errorf("row 2 = %q", got)
	}
	if got := strings.Join(tab.Rows[1], ","); got != "y,0.30000000000000004,0" {
		t.Errorf("row 5 = %q", got)
	}
}

func TestACSVIsReadInUTF8WithOrWithoutBOMAndInGBK(t *testing.T) {
	text := "项目编号,到位月份\r\n\r\nA1,2021-06\r\n\"多\n行\",2021-07\r\nA3,2021-08\r\n"
	gbk := gbkOf(t, text)
	for name, b := range map[string][]byte{"utf8": []byte(text), "bom": append(append([]byte{}, utf8BOM...), text...), "gbk": gbk} {
		tab, err := ReadTable(name+".csv", b, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tab.Headers[0] != "项目编号" || len(tab.Rows) != 3 || tab.Rows[1][0] != "多\n行" {
			t.Errorf("%s: %+v", name, tab)
		}
		// Excel shows the blank line as row 2, and the two-line record as one row
		if got := tab.RowNums; got[0] != 3 || got[1] != 4 || got[2] != 5 {
			t.Errorf("%s: row numbers %v", name, got)
		}
	}
}

func TestAFileThatIsNoLedgerGetsOneClearError(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	encrypted := append(append([]byte{}, ole...), encryptionInfo...)
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()
	good := xlsxOf(t, [][]any{{"a"}, {"b"}})
	for name, c := range map[string]struct {
		data []byte
		want string
	}{
		"old xls":       {ole, "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入"},
		"encrypted":     {encrypted, "密码"},
		"pdf":           {[]byte("%PDF-1.4\n..."), "文件不是有效的 Excel(.xlsx) 或 CSV 文件"},
		"png":           {[]byte("\x89PNG\r\n\x1a\n\x00\x00"), "文件不是有效的 Excel(.xlsx) 或 CSV 文件"},
		"binary":        {[]byte{1, 2, 3, 0, 4, 5, 200, 201, 202}, "文件不是有效的 Excel(.xlsx) 或 CSV 文件"},
		"html as xls":   {[]byte("<html><table><tr><td>项目编号</td></tr></table></html>"), "文件不是有效的 Excel(.xlsx) 或 CSV 文件"},
		"docx":          {docx.Bytes(), "文件不是有效的 Excel(.xlsx) 或 CSV 文件"},
		"truncated":     {good[:len(good)/2], "文件损坏，无法读取"},
		"empty":         {nil, "文件中没有数据行"},
		"header only":   {[]byte("项目编号,项目名称\r\n,\r\n"), "文件中没有数据行"},
		"too large":     {make([]byte, 20<<20+1), "文件过大（超过20MB）"},
		"csv bad quote": {[]byte("a,b\n1,\"x\"y\"\n"), ""},
	} {
		t.Run(name, func(t *testing.T) {
			tab, err := ReadTable(name, c.data, Limits{})
			if c.want == "" {
				if err != nil && zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
					t.Errorf("%v", err)
				}
				_ = tab
				return
			}
			wantFileError(t, err, c.want)
		})
	}
}

func TestOverLimitRowsAreRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\n")
	for i := range 11 {
		b.WriteString("x," + strings.Repeat("y", i) + "\n")
	}
	_, err := ReadTable("a.csv", []byte(b.String()), Limits{MaxRows: 10})
	wantFileError(t, err, "行数超过10行的上限")
	if _, err := ReadTable("a.csv", []byte(b.String()), Limits{MaxRows: 11}); err != nil {
		t.Errorf("11 rows under a limit of 11: %v", err)
	}
	rows := [][]any{{"a"}}
	for range 11 {
		rows = append(rows, []any{"x"})
	}
	_, err = ReadTable("a.xlsx", xlsxOf(t, rows), Limits{MaxRows: 10})
	wantFileError(t, err, "行数超过10行的上限")
}

func TestAnOversizedFileIsRefusedUnderATighterLimit(t *testing.T) {
	_, err := ReadTable("a.csv", []byte("a,b\n1,2\n"), Limits{MaxBytes: 4})
	wantFileError(t, err, "文件过大（超过4字节）")
}

// deflated compresses n zero bytes.
func deflated(t *testing.T, n int) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	zero := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(zero))
		w.Write(zero[:k])
		n -= k
	}
	w.Close()
	return buf.Bytes()
}

// patchSheet replaces text in the XML of the first sheet of an xlsx: to
// write what Excel writes and excelize does not.
func patchSheet(t testing.TB, xlsx []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("sheet lacks %q", old)
		}
		w, _ := zw.Create(f.Name)
		w.Write(bytes.ReplaceAll(b, []byte(old), []byte(new)))
	}
	zw.Close()
	return out.Bytes()
}

// withEntry copies an xlsx and adds one raw entry.
func withEntry(t *testing.T, xlsx []byte, name string, raw []byte, crc uint32, size uint64) []byte {
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name == name {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	return out.Bytes()
}

func TestAZipBombIsRefused(t *testing.T) {
	good := xlsxOf(t, [][]any{{"a"}, {"b"}})
	// 100 MB of zeros weigh a hundred KB
	const big = 100 << 20
	raw := deflated(t, big)
	h := crc32.NewIEEE()
	zero := make([]byte, 1<<20)
	for n := big; n > 0; n -= len(zero) {
		h.Write(zero)
	}
	crc := h.Sum32()

	// a part excelize would unpack into memory
	bomb := withEntry(t, good, "xl/media/image1.png", raw, crc, big)
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb weighs %d bytes", len(bomb))
	}
	_, err := ReadTable("bomb.xlsx", bomb, Limits{})
	wantFileError(t, err, "压缩内容异常（解压后远大于文件本身），已拒绝")

	// a worksheet beyond the limit of what may be unpacked at all
	sheet := withEntry(t, good, "xl/worksheets/sheet1.xml", raw, crc, big)
	_, err = ReadTable("sheet.xlsx", sheet, Limits{MaxUnzipped: 64 << 20})
	wantFileError(t, err, "压缩内容异常（解压后远大于文件本身），已拒绝")

	// a sheet that says it is small but unpacks to far more is cut short
	// by the zip reader, whatever excelize does with it
	liar := withEntry(t, good, "xl/worksheets/sheet1.xml", raw, crc, 1000)
	_, err = ReadTable("liar.xlsx", liar, Limits{})
	wantFileError(t, err, "")

	// a tiny limit refuses an ordinary workbook
	_, err = ReadTable("a.xlsx", good, Limits{MaxUnzipped: 1000})
	wantFileError(t, err, "压缩内容异常")
}

func TestRowsWiderThanTheHeaderAreNotedAndCut(t *testing.T) {
	tab, err := ReadTable("a.csv", []byte("a,,b\n1,,2\n3,x,4,,y\n5,,6,,z\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows[1]) != 3 || len(tab.Stray) != 2 {
		t.Fatalf("%+v", tab)
	}
	if s := tab.Stray[0]; s.Row != 3 || s.Col != 2 || s.Value != "x" {
		t.Errorf("%+v", s)
	}
	if s := tab.Stray[1]; s.Row != 3 || s.Col != 5 || s.Value != "y" {
		t.Errorf("%+v", s)
	}
	wide := strings.Repeat("h,", 70) + "\n" + strings.Repeat("1,", 70) + "\n"
	_, err = ReadTable("a.csv", []byte(wide), Limits{})
	wantFileError(t, err, "表头超过64列")
}

func TestAFormulaGuardOnACSVCellComesOffWhenRead(t *testing.T) {
	tab, err := ReadTable("a.csv", []byte("a,b,c\n'=1+1,'-5,'x\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tab.Rows[0], "|"); got != "=1+1|-5|'x" {
		t.Errorf("%q", got)
	}
}

// fuzzAll runs every ledger parser on what ReadTable accepted: none may
// panic, and every answer is a row list or a refusal.
func fuzzAll(t *testing.T, data []byte) {
	tab, err := ReadTable("fuzz", data, Limits{MaxRows: 2000})
	if err != nil {
		if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			t.Fatalf("ReadTable: %v (%T)", err, err)
		}
		return
	}
	if len(tab.Rows) != len(tab.RowNums) || len(tab.Rows) == 0 {
		t.Fatalf("%d rows, %d numbers", len(tab.Rows), len(tab.RowNums))
	}
	for i, r := range tab.Rows {
		if len(r) > len(tab.Headers) || tab.RowNums[i] <= tab.HeaderRow || i > 0 && tab.RowNums[i] <= tab.RowNums[i-1] {
			t.Fatalf("row %d: %d cells under %d headers, number %d", i, len(r), len(tab.Headers), tab.RowNums[i])
		}
	}
	tree := testTree()
	check := func(n int, err error) {
		var ir *zhaoshang.ImportRefused
		if err != nil && !errors.As(err, &ir) {
			t.Fatalf("not a refusal: %v", err)
		}
		if err != nil && (n != 0 || len(ir.Problems) == 0 || len(ir.Problems) > maxProblems+1) {
			t.Fatalf("refused with %d rows and %d problems", n, len(ir.Problems))
		}
	}
	projects, err := ParseProjects(tab, tree, testToday)
	check(len(projects), err)
	for _, p := range projects {
		if p.Code == "" || p.ContractInvestment <= 0 || p.CountyID == 0 || p.SignedOn.IsZero() {
			t.Fatalf("accepted %+v", p)
		}
	}
	funds, err := ParseFunds(tab, testToday)
	check(len(funds), err)
	for _, f := range funds {
		if f.ProjectCode == "" || f.Amount <= 0 || !f.Month.Valid() {
			t.Fatalf("accepted %+v", f)
		}
	}
	targets, err := ParseTargets(tab, tree)
	check(len(targets), err)
	// what was accepted is written and read back the same
	if len(projects) > 0 {
		for _, format := range []string{"csv", "xlsx"} {
			b, err := WriteProjects(format, projects, tree)
			if err != nil {
				t.Fatal(err)
			}
			tab2, err := ReadTable("again", b, Limits{})
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			again, err := ParseProjects(tab2, tree, testToday)
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			for i := range again {
				again[i].Row = projects[i].Row
			}
			if !reflect.DeepEqual(again, projects) {
				t.Fatalf("%s: %+v\nread back as\n%+v", format, projects, again)
			}
		}
	}
}

func FuzzReadTableCSV(f *testing.F) {
	f.Add([]byte(projectHeader + "KL-001,甲项目,凯里市,甲公司,新型工业化,是,是,100,2021-03-01,\n"))
	f.Add([]byte("项目编号,到位月份,到位金额(万元),资金来源\nA,2021-06,\"1,234.5\",境外\n"))
	f.Add([]byte("年度,单位,指标,目标值\n2021,凯里市,x,1\n"))
	f.Add(gbkOf(f, "项目编号,项目名称\n甲,乙\n"))
	f.Add([]byte("\xef\xbb\xbfa\tb\n1\t2\n"))
	f.Add([]byte("a,\"b\nc\",d\n\n\n1,2,3,4,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzAll(t, data)
	})
}

func FuzzReadTableXLSX(f *testing.F) {
	tree := testTree()
	projects, err := WriteProjects("xlsx", genProjects(f, tree, 3), tree)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(projects)
	funds, _ := WriteFunds("xlsx", genFunds(genProjects(f, tree, 3), 3))
	f.Add(funds)
	tmpl, _ := ProjectTemplate(tree)
	f.Add(tmpl)
	f.Add(xlsxOf(f, [][]any{{"项目编号", "到位月份"}, {"A", 44350.5}, {nil, true}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzAll(t, data)
	})
}
