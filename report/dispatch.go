package report

import (
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"

	"zhaoshang/indicator"
)

// This file writes 月调度, the monthly dispatch table: every indicator of
// indicator.Definitions for a unit (the prefecture) over the year to date
// and for each of its counties, with target, completion, year-on-year
// change and rank.

// DispatchTitle is the heading of the dispatch table:
// 黔东南州2021年1—6月招商引资主要指标调度表.
func DispatchTitle(r *indicator.Report) string {
	return r.Unit.Name + r.Period.Title() + "招商引资主要指标调度表"
}

// DispatchUnitLine is the unit line under the title.
const DispatchUnitLine = "单位：个、家、亿元、%"

// dispatchColumn is one column of an indicator's group.
type dispatchColumn struct {
	head string
	cell func(r *indicator.Row) string // the figure as shown, "—" for none
	kind int                           // style: 0 number with the indicator's decimals, 1 percentage, 2 rank
}

func dispatchColumns(def *indicator.Definition) []dispatchColumn {
	value := dispatchColumn{head: "本期", cell: func(r *indicator.Row) string { return indicator.Figure(r.Def, r.ExactValue()) }}
	yoy := dispatchColumn{head: "同比(%)", kind: 1, cell: func(r *indicator.Row) string { return indicator.PercentText(r.YoY) }}
	rank := dispatchColumn{head: "排名", kind: 2, cell: func(r *indicator.Row) string {
		if r.Rank == nil {
			return indicator.None
		}
		return strconv.Itoa(*r.Rank)
	}}
	if !def.Targetable() {
		yoy.head = "同比增减(百分点)"
		return []dispatchColumn{value, yoy, rank}
	}
	target := dispatchColumn{head: "目标", cell: func(r *indicator.Row) string { return indicator.TargetFigure(r.Def, r.Target) }}
	completion := dispatchColumn{head: "完成率(%)", kind: 1, cell: func(r *indicator.Row) string { return indicator.PercentText(r.Completion) }}
	return []dispatchColumn{value, target, completion, yoy, rank}
}

// DispatchWorkbook writes the dispatch table as an official xlsx table: a
// title merged across, a unit line, two header rows (each indicator over
// its 本期/目标/完成率/同比/排名), the unit's totals row (全州合计) and one
// row per county, with borders, column widths, print titles and an A4
// landscape page fitted to its width. Figures are number cells holding the
// value as shown (rounded half-up), "—" where there is none.
func DispatchWorkbook(r *indicator.Report) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "月调度"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	groups := make([][]dispatchColumn, len(indicator.Definitions))
	ncol := 1
	for i := range indicator.Definitions {
		groups[i] = dispatchColumns(&indicator.Definitions[i])
		ncol += len(groups[i])
	}
	last, _ := excelize.ColumnNumberToName(ncol)
	font := "宋体"
	edge := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	style := func(s *excelize.Style) int {
		id, _ := f.NewStyle(s)
		return id
	}
	title := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: "方正小标宋简体"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	unitLine := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: font}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	head := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10, Family: "黑体"}, Border: edge,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	name := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: font}, Border: edge, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	totalName := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10, Family: font}, Border: edge, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	fmts := map[int]string{0: "0", 1: "0.0", 2: "0.00"}
	nums := map[[2]int]int{} // (decimals, bold) → style
	num := func(decimals int, bold bool) int {
		k := [2]int{decimals, 0}
		if bold {
			k[1] = 1
		}
		if id, ok := nums[k]; ok {
			return id
		}
		nf := fmts[decimals]
		id := style(&excelize.Style{Font: &excelize.Font{Bold: bold, Size: 10, Family: font}, Border: edge, CustomNumFmt: &nf,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
		nums[k] = id
		return id
	}
	none := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: font}, Border: edge, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})

	cell := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return c
	}
	f.SetCellValue(sheet, "A1", DispatchTitle(r))
	f.MergeCell(sheet, "A1", last+"1")
	f.SetCellStyle(sheet, "A1", last+"1", title)
	f.SetRowHeight(sheet, 1, 30)
	f.SetCellValue(sheet, "A2", DispatchUnitLine)
	f.MergeCell(sheet, "A2", last+"2")
	f.SetCellStyle(sheet, "A2", last+"2", unitLine)

	f.SetCellValue(sheet, "A3", "县市")
	f.MergeCell(sheet, "A3", "A4")
	col := 2
	for i, g := range groups {
		def := &indicator.Definitions[i]
		f.SetCellValue(sheet, cell(col, 3), def.Name)
		f.MergeCell(sheet, cell(col, 3), cell(col+len(g)-1, 3))
		for j, c := range g {
			f.SetCellValue(sheet, cell(col+j, 4), c.head)
		}
		col += len(g)
	}
	f.SetCellStyle(sheet, "A3", last+"4", head)
	f.SetRowHeight(sheet, 3, 42)
	f.SetRowHeight(sheet, 4, 30)

	// write puts one unit's row; figures go in as the numbers shown.
	write := func(row int, label string, rows []indicator.Row, bold bool) {
		f.SetCellValue(sheet, cell(1, row), label)
		if bold {
			f.SetCellStyle(sheet, cell(1, row), cell(1, row), totalName)
		} else {
			f.SetCellStyle(sheet, cell(1, row), cell(1, row), name)
		}
		col := 2
		for i, g := range groups {
			ir := &rows[i]
			for j, c := range g {
				at := cell(col+j, row)
				text := c.cell(ir)
				v, err := strconv.ParseFloat(text, 64)
				if text == indicator.None || err != nil {
					f.SetCellValue(sheet, at, indicator.None)
					f.SetCellStyle(sheet, at, at, none)
					continue
				}
				decimals := 1
				switch {
				case c.kind == 2:
					decimals = 0
				case c.kind == 0 && ir.Def.Kind == indicator.KindMoney:
					decimals = 2
				case c.kind == 0 && ir.Def.Kind == indicator.KindCount:
					decimals = 0
				}
				if decimals == 0 {
					f.SetCellValue(sheet, at, int64(v))
				} else {
					f.SetCellValue(sheet, at, v)
				}
				f.SetCellStyle(sheet, at, at, num(decimals, bold))
			}
			col += len(g)
		}
	}
	write(5, indicator.TotalLabel(r.Unit), r.Rows, true)
	for i, c := range r.Counties {
		write(6+i, c.Unit.Name, c.Rows, false)
	}

	f.SetColWidth(sheet, "A", "A", 11)
	col = 2
	for _, g := range groups {
		for j, c := range g {
			name, _ := excelize.ColumnNumberToName(col + j)
			w := 8.0
			if c.kind == 2 {
				w = 5
			}
			f.SetColWidth(sheet, name, name, w)
		}
		col += len(g)
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 4, TopLeftCell: "B5", ActivePane: "bottomRight"})

	return landscapeA4(f, sheet, 4)
}

// landscapeA4 sets the sheet up for printing as official tables are: A4
// landscape fitted to the width, narrow margins, the first titleRows rows
// repeated on every page; and writes the workbook.
func landscapeA4(f *excelize.File, sheet string, titleRows int) ([]byte, error) {
	landscape, a4, one, zero := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return nil, err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return nil, err
	}
	margin := 0.4
	f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin})
	rows := "$1:$" + strconv.Itoa(titleRows)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!" + rows, Scope: sheet}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
