package ledger

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

// The writers produce the ledgers of EXCHANGE.md exactly as the parsers
// read them: the headers of EXCHANGE.md in its order, amounts in 万元
// (Money.WanString; in an xlsx a number cell whenever the number is exact
// as a double, text otherwise), dates as the text 2021-06-03, months as
// 2021-06, yes/no as 是/否, a county or unit by its name (by its code when
// the name would not find it again). A CSV is UTF-8 with a BOM, which
// Excel needs to read Chinese, and a quote before any cell Excel would run
// as a formula. Parsing what they write gives back the same rows.

// Sheet names of the written workbooks.
const (
	projectSheet = "项目台账"
	fundSheet    = "到位资金台账"
	targetSheet  = "目标任务"
)

// outCell is one written cell: text, or a number written as a number cell
// in an xlsx when exact.
type outCell struct {
	s   string
	num bool
}

func textCell(s string) outCell   { return outCell{s: s} }
func numberCell(s string) outCell { return outCell{s: s, num: s != ""} }

func yesNo(b bool) outCell {
	if b {
		return textCell("是")
	}
	return textCell("否")
}

func amount(m zhaoshang.Money, given bool) outCell {
	if !given {
		return textCell("")
	}
	return numberCell(m.WanString())
}

// unitLabel names a unit the way the parser finds it again: by its name,
// or by its code when the name leads elsewhere (two units of one name).
func unitLabel(tree *zhaoshang.OrgTree, id int64, fallback string, find func(string) (*zhaoshang.OrgUnit, error)) string {
	if tree == nil {
		return fallback
	}
	u := tree.ByID(id)
	if u == nil {
		return fallback
	}
	if v, err := find(u.Name); err == nil && v != nil && v.ID == u.ID {
		return u.Name
	}
	return u.Code
}

func projectRecord(r *ProjectRow, tree *zhaoshang.OrgTree) []outCell {
	county := unitLabel(tree, r.CountyID, r.CountyName, func(s string) (*zhaoshang.OrgUnit, error) { return FindCounty(tree, s) })
	return []outCell{
		pCode: textCell(r.Code), pName: textCell(r.Name), pCounty: textCell(county), pInvestor: textCell(r.Investor),
		pCreditCode: textCell(r.CreditCode), pStrong: yesNo(r.Strong), pArea: textCell(string(r.Area)),
		pIndustry: textCell(r.Industry), pKey: yesNo(r.Key), pIndustrial: yesNo(r.Industrial),
		pRegion: textCell(r.InvestorRegion), pContract: amount(r.ContractInvestment, true),
		pTotal: amount(r.TotalInvestment, r.TotalInvestment != 0), pSigned: textCell(r.SignedOn.String()),
		pStarted: textCell(r.StartedOn.String()), pProducing: textCell(r.ProducingOn.String()),
		pEffective: textCell(r.EffectiveOn.String()), pUnit: textCell(r.ResponsibleUnit), pNote: textCell(r.Note),
	}
}

func fundRecord(r *FundRow) []outCell {
	return []outCell{
		fCode: textCell(r.ProjectCode), fMonth: textCell(r.Month.String()), fAmount: amount(r.Amount, true),
		fSource: textCell(string(r.Source)), fEvidence: textCell(r.EvidenceNo), fNote: textCell(r.Note),
	}
}

func targetRecord(r *TargetRow, tree *zhaoshang.OrgTree) []outCell {
	unit := unitLabel(tree, r.OrgUnitID, r.OrgName, func(s string) (*zhaoshang.OrgUnit, error) {
		return findUnit(tree, s, msgTargetUnit, zhaoshang.OrgPrefecture, zhaoshang.OrgCounty)
	})
	return []outCell{
		tYear: numberCell(strconv.Itoa(r.Year)), tUnit: textCell(unit), tIndicator: textCell(r.Indicator), tValue: numberCell(r.Raw),
	}
}

// WriteProjects writes a 项目台账 as "xlsx" or "csv"; tree names the counties.
func WriteProjects(format string, rows []ProjectRow, tree *zhaoshang.OrgTree) ([]byte, error) {
	return writeLedger(format, projectSheet, projectColumns, len(rows), func(i int) []outCell { return projectRecord(&rows[i], tree) })
}

// WriteFunds writes a 到位资金台账 as "xlsx" or "csv".
func WriteFunds(format string, rows []FundRow) ([]byte, error) {
	return writeLedger(format, fundSheet, fundColumns, len(rows), func(i int) []outCell { return fundRecord(&rows[i]) })
}

// WriteTargets writes a 目标任务 file as "xlsx" or "csv"; tree names the units.
func WriteTargets(format string, rows []TargetRow, tree *zhaoshang.OrgTree) ([]byte, error) {
	return writeLedger(format, targetSheet, targetColumns, len(rows), func(i int) []outCell { return targetRecord(&rows[i], tree) })
}

func writeLedger(format, sheet string, cols []column, n int, rec func(int) []outCell) ([]byte, error) {
	switch format {
	case "xlsx":
		return writeXLSX(sheet, cols, n, rec)
	case "csv":
		return writeCSV(cols, n, rec)
	}
	return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "导出格式应为 xlsx 或 csv，不能是“%s”", format)
}

func writeCSV(cols []column, n int, rec func(int) []outCell) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	line := make([]string, len(cols))
	for i, c := range cols {
		line[i] = c.header
	}
	if err := w.Write(line); err != nil {
		return nil, err
	}
	for k := range n {
		for i, c := range rec(k) {
			line[i] = guardFormula(c.s)
		}
		if err := w.Write(line); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exactNumber is the number s as a double when writing it as one keeps
// the very same digits in the cell: excelize (like Excel) writes at most 15
// significant digits.
func exactNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || strconv.FormatFloat(f, 'f', -1, 64) != s {
		return 0, false
	}
	if len(strings.Trim(strings.NewReplacer("-", "", ".", "").Replace(s), "0")) > 15 {
		return 0, false
	}
	return f, true
}

var headBorder = []excelize.Border{{Type: "left", Color: "B7C4D6", Style: 1}, {Type: "right", Color: "B7C4D6", Style: 1},
	{Type: "top", Color: "B7C4D6", Style: 1}, {Type: "bottom", Color: "B7C4D6", Style: 1}}

// headStyle is the header cell: bold on pale blue; a required column's
// header in dark red when marked.
func headStyle(f *excelize.File, required bool) (int, error) {
	font := &excelize.Font{Bold: true}
	if required {
		font.Color = "C00000"
	}
	return f.NewStyle(&excelize.Style{Font: font, Border: headBorder,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
}

// amountFormat shows 万元 with separators and two to four decimals.
const amountFormat = "#,##0.00##"

// writeXLSX streams the rows into one sheet (excelize's StreamWriter).
func writeXLSX(sheet string, cols []column, n int, rec func(int) []outCell) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	head, err := headStyle(f, false)
	if err != nil {
		return nil, err
	}
	numFmt := amountFormat
	amountStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt})
	if err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return nil, err
	}
	line := make([]any, len(cols))
	for i, c := range cols {
		line[i] = excelize.Cell{StyleID: head, Value: c.header}
	}
	if err := sw.SetRow("A1", line, excelize.RowOpts{Height: 20}); err != nil {
		return nil, err
	}
	for k := range n {
		for i, c := range rec(k) {
			switch v, ok := exactNumber(c.s); {
			case c.s == "":
				line[i] = nil
			case c.num && ok && strings.Contains(cols[i].header, "万元"):
				line[i] = excelize.Cell{StyleID: amountStyle, Value: v}
			case c.num && ok:
				line[i] = v
			default:
				line[i] = c.s
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, k+2)
		if err := sw.SetRow(cell, line); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// templateRows is how many rows of a template carry the dropdowns.
const templateRows = 1000

// templateSpec says what a template offers beyond its headers.
type templateSpec struct {
	sheet string
	cols  []column
	lists map[int]dropList // dropdowns by column
	notes []string         // the lines above the column table on 说明
}

// dropList is the values of a dropdown; name names the range on the hidden
// sheet that holds them when they are too long to list in the rule.
type dropList struct {
	name   string
	values []string
}

var yesNoList = dropList{values: []string{"是", "否"}}

// ProjectTemplate is an empty 项目台账 to fill in: the headers (required
// ones in dark red, each with a comment saying what to write), a frozen
// header row, dropdowns on rows 2–1001 for the 是/否 columns, 四化领域 and
// 县市 (the active counties of tree), text format on the key and date
// columns, and a sheet 说明 explaining every column.
func ProjectTemplate(tree *zhaoshang.OrgTree) ([]byte, error) {
	areas := make([]string, len(zhaoshang.Areas()))
	for i, a := range zhaoshang.Areas() {
		areas[i] = string(a)
	}
	return writeTemplate(templateSpec{
		sheet: projectSheet, cols: projectColumns,
		lists: map[int]dropList{
			pCounty: {name: "CountyList", values: unitNames(tree, zhaoshang.OrgCounty)},
			pStrong: yesNoList, pKey: yesNoList, pIndustrial: yesNoList,
			pArea: {values: areas},
		},
		notes: []string{
			"一个项目填一行；再次导入相同项目编号的项目会更新该项目。",
			"金额单位为万元，最多4位小数（精确到元），可带千分位分隔符。",
			"日期可写2021-06-03、2021/6/3、2021年6月3日、2021.6.3，或用 Excel 日期格式；签约≤开工≤投产≤达效，且不晚于今天。",
		},
	})
}

// FundTemplate is an empty 到位资金台账 to fill in, made like ProjectTemplate
// with a dropdown for 资金来源.
func FundTemplate() ([]byte, error) {
	sources := make([]string, len(zhaoshang.FundSources()))
	for i, s := range zhaoshang.FundSources() {
		sources[i] = string(s)
	}
	return writeTemplate(templateSpec{
		sheet: fundSheet, cols: fundColumns,
		lists: map[int]dropList{fSource: {values: sources}},
		notes: []string{
			"一笔到位资金填一行；项目编号、到位月份、资金来源、凭证编号都相同的记录再次导入时会替换原记录。",
			"金额单位为万元，大于0，最多4位小数（精确到元），可带千分位分隔符。",
			"月份可写2021-06、2021/6、2021年6月，也可填该月中的某一日期。",
		},
	})
}

// TargetTemplate is an empty 目标任务 file to fill in, with dropdowns for
// 单位 (the prefecture and the active counties of tree) and, when given,
// for 指标.
func TargetTemplate(tree *zhaoshang.OrgTree, indicators []string) ([]byte, error) {
	lists := map[int]dropList{tUnit: {name: "UnitList", values: unitNames(tree, zhaoshang.OrgPrefecture, zhaoshang.OrgCounty)}}
	if len(indicators) > 0 {
		lists[tIndicator] = dropList{name: "IndicatorList", values: indicators}
	}
	return writeTemplate(templateSpec{
		sheet: targetSheet, cols: targetColumns, lists: lists,
		notes: []string{
			"一个单位一个年度的一项指标填一行。",
			"个数类指标（个、家）填整数，金额类指标以万元为单位。",
		},
	})
}

// unitNames lists the names of the active units of the kinds, in tree order.
func unitNames(tree *zhaoshang.OrgTree, kinds ...zhaoshang.OrgKind) []string {
	if tree == nil {
		return nil
	}
	var out []string
	for _, u := range tree.Units {
		for _, k := range kinds {
			if u.Kind == k && u.Active {
				out = append(out, u.Name)
			}
		}
	}
	return out
}

const (
	helpSheet    = "说明"
	optionsSheet = "选项"
)

func writeTemplate(spec templateSpec) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sh := spec.sheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return nil, err
	}
	if err := writeHelpSheet(f, spec); err != nil {
		return nil, err
	}
	reqHead, err := headStyle(f, true)
	if err != nil {
		return nil, err
	}
	optHead, err := headStyle(f, false)
	if err != nil {
		return nil, err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // @: keep what is typed as text
	if err != nil {
		return nil, err
	}
	last := fmt.Sprint(templateRows + 1)
	for i, c := range spec.cols {
		col := ColumnName(i + 1)
		if err := f.SetColWidth(sh, col, col, c.width); err != nil {
			return nil, err
		}
		if c.text {
			if err := f.SetColStyle(sh, col, textStyle); err != nil {
				return nil, err
			}
		}
		if err := f.SetCellStr(sh, col+"1", c.header); err != nil {
			return nil, err
		}
		style, note := optHead, "选填。"
		if c.required {
			style, note = reqHead, "必填。"
		}
		if err := f.SetCellStyle(sh, col+"1", col+"1", style); err != nil {
			return nil, err
		}
		if err := f.AddComment(sh, excelize.Comment{Cell: col + "1", Author: "填写说明", Text: note + c.hint, Width: 240, Height: 80}); err != nil {
			return nil, err
		}
		dv, err := templateValidation(f, spec, i, c)
		if err != nil {
			return nil, err
		}
		if dv != nil {
			dv.Sqref = col + "2:" + col + last
			if err := f.AddDataValidation(sh, dv); err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetRowHeight(sh, 1, 22); err != nil {
		return nil, err
	}
	if err := f.SetPanes(sh, frozenHeader()); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// templateValidation is the data validation of one template column: a
// dropdown, a positive amount, or a prompt on a date column.
func templateValidation(f *excelize.File, spec templateSpec, i int, c column) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	if l, ok := spec.lists[i]; ok {
		if len(l.values) == 0 {
			return nil, nil
		}
		formula := strings.Join(l.values, ",")
		if l.name == "" && len(utf16.Encode([]rune(formula))) <= 255 {
			if err := dv.SetDropList(l.values); err != nil {
				return nil, err
			}
		} else {
			ref, err := optionsRange(f, l)
			if err != nil {
				return nil, err
			}
			dv.SetSqrefDropList(ref)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.header, "请从下拉列表中选择")
		return dv, nil
	}
	switch {
	case strings.Contains(c.header, "万元"):
		if err := dv.SetRange("0", "1000000000000", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return nil, err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.header, "请填写以万元为单位的数字，最多4位小数")
		return dv, nil
	case strings.HasSuffix(c.header, "日期"):
		dv.SetInput(c.header, "请按2021-06-03格式填写")
		return dv, nil
	case strings.HasSuffix(c.header, "月份"):
		dv.SetInput(c.header, "请按2021-06格式填写")
		return dv, nil
	}
	return nil, nil
}

// optionsRange puts a list on the hidden sheet 选项, names the range and
// returns the name for a dropdown to refer to.
func optionsRange(f *excelize.File, l dropList) (string, error) {
	idx, err := f.GetSheetIndex(optionsSheet)
	if err != nil {
		return "", err
	}
	if idx < 0 {
		if _, err := f.NewSheet(optionsSheet); err != nil {
			return "", err
		}
		if err := f.SetSheetVisible(optionsSheet, false); err != nil {
			return "", err
		}
	}
	col := 1
	for {
		v, err := f.GetCellValue(optionsSheet, ColumnName(col)+"1")
		if err != nil {
			return "", err
		}
		if v == "" {
			break
		}
		col++
	}
	name := ColumnName(col)
	for r, v := range l.values {
		if err := f.SetCellStr(optionsSheet, fmt.Sprintf("%s%d", name, r+1), v); err != nil {
			return "", err
		}
	}
	ref := fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionsSheet, name, name, len(l.values))
	if err := f.SetDefinedName(&excelize.DefinedName{Name: l.name, RefersTo: ref}); err != nil {
		return "", err
	}
	return l.name, nil
}

// writeHelpSheet explains the template on a second sheet: the notes, then
// one row per column (name, required, what to write).
func writeHelpSheet(f *excelize.File, spec templateSpec) error {
	if _, err := f.NewSheet(helpSheet); err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	head, err := headStyle(f, false)
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	req, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 20, "B": 8, "C": 80} {
		if err := f.SetColWidth(helpSheet, col, col, w); err != nil {
			return err
		}
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(helpSheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(helpSheet, cell, cell, style)
		}
		return nil
	}
	if err := set("A1", spec.sheet+"填写说明", title); err != nil {
		return err
	}
	notes := append([]string{
		"导入时读取第一张工作表，第一行为列名；列的顺序可以调整，但请勿修改列名。红色列名为必填项。",
		"也可另存为 CSV（UTF-8 或 GBK 编码）后导入。一个文件中有任何一行有误，整个文件都不会导入，并列出每处错误的行号、列名和原因。",
	}, spec.notes...)
	row := 2
	for _, n := range notes {
		if err := set(fmt.Sprintf("A%d", row), n, 0); err != nil {
			return err
		}
		row++
	}
	row++
	for i, h := range []string{"列名", "必填", "填写说明"} {
		if err := set(fmt.Sprintf("%s%d", ColumnName(i+1), row), h, head); err != nil {
			return err
		}
	}
	for _, c := range spec.cols {
		row++
		must, style := "否", wrap
		if c.required {
			must, style = "是", req
		}
		hint := c.hint
		if len(c.aliases) > 0 {
			hint += "（列名也可写作“" + strings.Join(c.aliases, "”“") + "”）"
		}
		for i, v := range []string{c.header, must, hint} {
			s := wrap
			if i < 2 {
				s = style
			}
			if err := set(fmt.Sprintf("%s%d", ColumnName(i+1), row), v, s); err != nil {
				return err
			}
		}
	}
	return nil
}
