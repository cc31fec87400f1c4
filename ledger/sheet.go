package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

// Limits bound what ReadTable accepts, so that a file cannot exhaust the
// memory or the disk of the server. Zero fields take the defaults.
type Limits struct {
	MaxBytes    int64 // the file itself; default 20 MB
	MaxRows     int   // data rows (not counting the header); default 200,000
	MaxUnzipped int64 // an xlsx file's unpacked contents; default 512 MB
}

// DefaultLimits are the limits a zero Limits stands for. An xlsx written
// by this package unpacks to about nine times its size (200,000 project
// rows: 23 MB packed, 200 MB unpacked), so a 20 MB workbook may well
// unpack to 200 MB; a zip bomb unpacks to a thousand times its size. A
// worksheet's XML beyond 16 MB is unpacked to a temporary file, not kept
// in memory.
var DefaultLimits = Limits{MaxBytes: 20 << 20, MaxRows: 200_000, MaxUnzipped: 512 << 20}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultLimits.MaxRows
	}
	if l.MaxUnzipped <= 0 {
		l.MaxUnzipped = DefaultLimits.MaxUnzipped
	}
	return l
}

// maxColumns bounds the width of a ledger: the widest has twenty columns.
const maxColumns = 64

// xmlInMemory is the size up to which excelize keeps a worksheet's XML in
// memory; larger ones go to a temporary file.
const xmlInMemory = 16 << 20

// maxInMemory bounds what an xlsx unpacks into memory: every part but the
// large worksheets (styles, drawings, media, small sheets).
const maxInMemory = 64 << 20

// Table is the first sheet of a ledger file: the header row and the data
// rows below it, each with the row number Excel shows for it (the header
// is row 1 unless empty rows precede it). Fully empty rows are left out.
// Each row is cut to the width of the header.
type Table struct {
	Format  string // "xlsx" or "csv"
	Headers []string
	Rows    [][]string
	RowNums []int // RowNums[i] is the Excel row number of Rows[i]
	// Stray lists the columns without a header that hold data: for each
	// such column, the first cell with a value. Ledger parsers refuse them.
	Stray []StrayCell
	// HeaderRow is the row number of the header.
	HeaderRow int
}

// StrayCell is a value in a column that has no header.
type StrayCell struct {
	Row, Col int // Col counts from 1 (A)
	Value    string
}

// ColumnName is the Excel letter of a 1-based column number (1 → A).
func ColumnName(col int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return fmt.Sprint(col)
	}
	return name
}

// The one-line answers for a file that is no ledger at all (catalogue keys).
const (
	msgTooLarge    = "文件过大（超过%s）"
	msgNotLedger   = "文件不是有效的 Excel(.xlsx) 或 CSV 文件"
	msgDamaged     = "文件损坏，无法读取"
	msgZipBomb     = "压缩内容异常（解压后远大于文件本身），已拒绝"
	msgTooManyRows = "行数超过%d行的上限"
	msgNoRows      = "文件中没有数据行"
	msgOldXLS      = "不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入"
	msgEncrypted   = "文件设有打开密码，请在 Excel 中取消密码后再导入"
	msgTooWide     = "表头超过%d列，不是台账文件"
	msgCSVQuote    = "CSV 文件第%d行的引号不配对，无法读取"
)

func fileErr(format string, args ...any) error {
	return zhaoshang.Errorf(zhaoshang.EInvalid, format, args...)
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK\x03\x04")
	// an encrypted xlsx is an OLE file holding a stream named EncryptionInfo
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	// other files people upload by mistake
	binaryMagics = [][]byte{
		[]byte("%PDF"), []byte("\x89PNG"), []byte("GIF8"), {0xFF, 0xD8, 0xFF},
		[]byte("Rar!"), {'7', 'z', 0xBC, 0xAF}, {0x1F, 0x8B}, []byte("PK\x05\x06"),
		{0xFF, 0xFE}, {0xFE, 0xFF},
	}
)

// ReadTable reads the first sheet of a ledger: an .xlsx workbook or a CSV
// file (UTF-8 with or without a BOM, or GBK/GB18030), told apart by their
// content, not by the name. A file that cannot be a ledger (too large,
// another type, damaged, an archive that unpacks to far more than it
// weighs, too many rows, no data rows) gets one *zhaoshang.Error with
// code EInvalid. The name (the uploaded file's) is not trusted for the
// type: a CSV named .xlsx is read as CSV, an .xls named .xlsx is refused.
func ReadTable(name string, data []byte, lim Limits) (*Table, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, fileErr(msgTooLarge, sizeText(lim.MaxBytes))
	}
	switch {
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptionInfo) {
			return nil, fileErr(msgEncrypted)
		}
		return nil, fileErr(msgOldXLS)
	case bytes.HasPrefix(data, zipMagic):
		return readXLSX(data, lim)
	}
	for _, m := range binaryMagics {
		if bytes.HasPrefix(data, m) {
			return nil, fileErr(msgNotLedger)
		}
	}
	return readCSV(data, lim)
}

// sizeText says a byte count as a clerk reads it: 20MB, 512KB, 100字节.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%d字节", n)
}

// tableBuilder gathers rows the same way for both formats.
type tableBuilder struct {
	t        *Table
	lim      Limits
	strayCol map[int]bool
}

// add takes one row as read; row is its Excel row number. It reports an
// error for a file that has to be refused whole.
func (b *tableBuilder) add(row int, cells []string) error {
	empty := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	t := b.t
	if t.Headers == nil {
		n := len(cells)
		for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
			n--
		}
		if n > maxColumns {
			return fileErr(msgTooWide, maxColumns)
		}
		t.Headers = make([]string, n)
		for i := range n {
			t.Headers[i] = strings.TrimSpace(cells[i])
		}
		t.HeaderRow = row
		return nil
	}
	if len(t.Rows) >= b.lim.MaxRows {
		return fileErr(msgTooManyRows, b.lim.MaxRows)
	}
	for i, c := range cells {
		if (i >= len(t.Headers) || t.Headers[i] == "") && strings.TrimSpace(c) != "" && !b.strayCol[i] {
			if b.strayCol == nil {
				b.strayCol = map[int]bool{}
			}
			b.strayCol[i] = true
			if len(t.Stray) < maxColumns {
				t.Stray = append(t.Stray, StrayCell{Row: row, Col: i + 1, Value: strings.TrimSpace(c)})
			}
		}
	}
	if len(cells) > len(t.Headers) {
		cells = cells[:len(t.Headers)]
	}
	t.Rows = append(t.Rows, cells)
	t.RowNums = append(t.RowNums, row)
	return nil
}

func (b *tableBuilder) done() (*Table, error) {
	if b.t.Headers == nil {
		return nil, fileErr(msgNoRows)
	}
	if len(b.t.Rows) == 0 {
		return nil, fileErr(msgNoRows)
	}
	return b.t, nil
}

// readXLSX reads the first sheet of a workbook with excelize's streaming
// row iterator, after checking what the archive says it unpacks to, in
// all and into memory (Go's zip reader stops an entry that unpacks to more
// than it declares).
func readXLSX(data []byte, lim Limits) (*Table, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr(msgDamaged)
	}
	var total, inMemory uint64
	workbook := false
	for _, f := range zr.File {
		size := f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		total += size
		// excelize unpacks large worksheets and shared strings to temporary
		// files, everything else into memory
		if !(size > xmlInMemory && (strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml")) {
			inMemory += size
		}
		if total > uint64(lim.MaxUnzipped) || inMemory > maxInMemory {
			return nil, fileErr(msgZipBomb)
		}
		if name == "xl/workbook.xml" {
			workbook = true
		}
	}
	if !workbook {
		// a .docx, a .zip of something else
		return nil, fileErr(msgNotLedger)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(lim.MaxUnzipped, xmlInMemory),
		RawCellValue:      true,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, fileErr(msgZipBomb)
		}
		return nil, fileErr(msgDamaged)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileErr(msgDamaged)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fileErr(msgDamaged)
	}
	defer rows.Close()
	b := &tableBuilder{t: &Table{Format: "xlsx"}, lim: lim}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, fileErr(msgDamaged)
		}
		if err := b.add(n, cells); err != nil {
			return nil, err
		}
	}
	if rows.Error() != nil {
		return nil, fileErr(msgDamaged)
	}
	return b.done()
}

// readCSV reads a text file. Excel shows each record as one row, blank
// lines included, so a record's row number counts those too.
func readCSV(data []byte, lim Limits) (*Table, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fileErr(msgNotLedger)
	}
	text, err := DecodeText(data)
	if err != nil || !looksLikeText(text) {
		return nil, fileErr(msgNotLedger)
	}
	if lead := strings.TrimLeft(text, " \t\r\n"); strings.HasPrefix(lead, "<") {
		// a web page or an XML spreadsheet saved as .xls
		return nil, fileErr(msgNotLedger)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	if first, _, _ := strings.Cut(text, "\n"); !strings.Contains(first, ",") && strings.Contains(first, "\t") {
		r.Comma = '\t' // Excel's "text (tab delimited)"
	}
	b := &tableBuilder{t: &Table{Format: "csv"}, lim: lim}
	row, nextLine := 0, 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fileErr(msgCSVQuote, row+1+max(0, pe.StartLine-nextLine))
			}
			return nil, fileErr(msgDamaged)
		}
		line, _ := r.FieldPos(0)
		row += 1 + max(0, line-nextLine) // blank lines the reader skipped
		nextLine = line + 1
		for i, c := range rec {
			nextLine += strings.Count(c, "\n")
			rec[i] = unguardFormula(c)
		}
		if err := b.add(row, rec); err != nil {
			return nil, err
		}
	}
	return b.done()
}

// looksLikeText tells text from a binary file read as GB18030: a text
// ledger has no control characters but tabs and line ends, and (almost)
// no bytes that decode to nothing.
func looksLikeText(s string) bool {
	bad, n := 0, 0
	for _, r := range s {
		n++
		if r == utf8.RuneError || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7F {
			bad++
		}
	}
	return bad <= 2+n/200
}

// The writers put a quote before a CSV cell that Excel would take for a
// formula (=, +, -, @): opening an exported file must not run anything.
// The reader takes it off again, so that the cell round-trips.
func guardFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

func unguardFormula(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// column describes one column of a ledger as EXCHANGE.md lists it.
type column struct {
	header   string   // the name EXCHANGE.md gives it, and the writers use
	required bool     // the column must be present and every row fill it
	aliases  []string // other headers accepted for it
	max      int      // at most this many characters (text columns)
	width    float64  // column width in written workbooks
	hint     string   // what to write, for the template's 说明 sheet
	text     bool     // the template formats the column as text
}

// ignoredHeaders are columns a clerk's sheet often carries that hold
// nothing to import: the running number of the row.
var ignoredHeaders = map[string]bool{"序号": true}

// columnMap places the columns of a ledger in a table.
type columnMap struct {
	cols []column
	idx  []int    // idx[i]: the table column of cols[i], -1 when absent
	head []string // head[i]: the header of cols[i] as the file spells it
}

// normHeader matches a header: NormHeader, line breaks removed, and a
// star some clerks put before a required column's name dropped.
func normHeader(s string) string {
	s = strings.NewReplacer("\r", "", "\n", "").Replace(s) // a header wrapped with Alt+Enter
	return strings.TrimLeft(NormHeader(s), "*")
}

// mapColumns finds each column in the header row: any order, headers
// matched after NormHeader. An unknown header, a header twice, a missing
// required column and data in a column without a header are problems.
func mapColumns(t *Table, cols []column) (*columnMap, []zhaoshang.RowProblem) {
	m := &columnMap{cols: cols, idx: make([]int, len(cols)), head: make([]string, len(cols))}
	byName := map[string]int{}
	for i, c := range cols {
		m.idx[i] = -1
		byName[normHeader(c.header)] = i
		for _, a := range c.aliases {
			byName[normHeader(a)] = i
		}
	}
	var probs []zhaoshang.RowProblem
	for j, h := range t.Headers {
		if h == "" {
			continue
		}
		n := normHeader(h)
		if ignoredHeaders[n] {
			continue
		}
		i, ok := byName[n]
		if !ok {
			probs = append(probs, zhaoshang.RowProblem{Row: t.HeaderRow, Column: h, Value: h, Reason: "无法识别的列名"})
			continue
		}
		if m.idx[i] >= 0 {
			probs = append(probs, zhaoshang.RowProblem{Row: t.HeaderRow, Column: h, Value: h,
				Reason: "列名重复（%s列与%s列）", Args: []any{ColumnName(m.idx[i] + 1), ColumnName(j + 1)}})
			continue
		}
		m.idx[i], m.head[i] = j, h
	}
	for i, c := range cols {
		if c.required && m.idx[i] < 0 {
			probs = append(probs, zhaoshang.RowProblem{Row: t.HeaderRow, Column: c.header, Reason: "缺少必需的列"})
		}
	}
	for _, s := range t.Stray {
		probs = append(probs, zhaoshang.RowProblem{Row: s.Row, Column: ColumnName(s.Col) + "列", Value: s.Value,
			Reason: "该列没有列名，但填有数据；请补上列名或删除该列"})
	}
	return m, probs
}

// cell is the value of column i in a row ("" when the column is absent).
func (m *columnMap) cell(rec []string, i int) string {
	if j := m.idx[i]; j >= 0 && j < len(rec) {
		return strings.TrimSpace(rec[j])
	}
	return ""
}

// maxProblems bounds the list of problems of one file: past it, the clerk
// has a wrong file, not wrong rows.
const maxProblems = 1000

// problemList collects the problems of a file.
type problemList struct {
	probs []zhaoshang.RowProblem
	full  bool
}

// add records a problem; reason is a catalogue key with args its values.
func (p *problemList) add(row int, column, value, reason string, args ...any) {
	if p.full {
		return
	}
	if len(p.probs) >= maxProblems {
		p.probs = append(p.probs, zhaoshang.RowProblem{Row: row, Reason: "错误超过%d处，其余未列出；请改正以上错误后重新导入", Args: []any{maxProblems}})
		p.full = true
		return
	}
	p.probs = append(p.probs, zhaoshang.RowProblem{Row: row, Column: column, Value: value, Reason: reason, Args: args})
}

// err is the refusal of the whole file, or nil when nothing is wrong.
func (p *problemList) err() error {
	if len(p.probs) == 0 {
		return nil
	}
	return &zhaoshang.ImportRefused{Problems: p.probs}
}

// cleanText is a text cell as stored: surrounding space trimmed, line
// ends as \n, control characters (which no ledger means and XML cannot
// hold) removed.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// rowNum is the Excel row number of the k-th data row.
func (t *Table) rowNum(k int) int {
	if k < len(t.RowNums) {
		return t.RowNums[k]
	}
	return t.HeaderRow + 1 + k
}

// rowReader reads the cells of one row into typed values, adding a
// problem for each wrong one.
type rowReader struct {
	m   *columnMap
	rec []string
	row int
	p   *problemList
}

// fail records a problem of column i: reason is a catalogue key, args its values.
func (r *rowReader) fail(i int, reason string, args ...any) {
	h := r.m.head[i]
	if h == "" {
		h = r.m.cols[i].header
	}
	r.p.add(r.row, h, r.m.cell(r.rec, i), reason, args...)
}

// failErr records a cell parser's or the domain's refusal of column i
// with its key and arguments.
func (r *rowReader) failErr(i int, err error) {
	if e := zhaoshang.AsError(err); e != nil {
		r.fail(i, e.Message, e.Args...)
		return
	}
	r.fail(i, err.Error())
}

// raw is the trimmed cell; empty in a required column is a problem.
func (r *rowReader) raw(i int) (string, bool) {
	v := r.m.cell(r.rec, i)
	if v == "" && r.m.cols[i].required {
		r.fail(i, "必填项为空")
		return "", false
	}
	return v, true
}

func (r *rowReader) text(i int) string {
	v, ok := r.raw(i)
	if !ok {
		return ""
	}
	v = cleanText(v)
	if v == "" && r.m.cols[i].required {
		r.fail(i, "必填项为空")
	}
	if max := r.m.cols[i].max; max > 0 && utf8.RuneCountInString(v) > max {
		r.fail(i, "不能超过%d个字", max)
	}
	return v
}

func (r *rowReader) key(i int) string {
	v := r.text(i)
	return zhaoshang.FoldWidth(v)
}

// parse runs a cell parser; ok is false when the cell was wrong.
func parseCell[T any](r *rowReader, i int, parse func(string) (T, error)) (T, bool) {
	var zero T
	v, ok := r.raw(i)
	if !ok {
		return zero, false
	}
	x, err := parse(v)
	if err != nil {
		r.failErr(i, err)
		return zero, false
	}
	return x, true
}

func (r *rowReader) date(i int) (zhaoshang.Date, bool) { return parseCell(r, i, ParseDateCell) }
func (r *rowReader) month(i int) (zhaoshang.Month, bool) {
	return parseCell(r, i, ParseMonthCell)
}
func (r *rowReader) yesNo(i int) bool { v, _ := parseCell(r, i, ParseYesNo); return v }
func (r *rowReader) amount(i int) (zhaoshang.Money, bool) {
	return parseCell(r, i, ParseAmountCell)
}
