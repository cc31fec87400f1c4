package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
	"zhaoshang/indicator"
)

// UnitTable is the indicator table of one unit over a period, as
// `zhaoshang report indicators` and the API give it: one row per indicator,
// a county's rows with its rank among its prefecture's counties.
type UnitTable struct {
	Unit   *zhaoshang.OrgUnit
	Period zhaoshang.Period
	Rows   []indicator.Row
}

// jsonIndicator is one indicator of `report indicators --format json`
// (EXCHANGE.md): counts as integers, money as integer 元, percentages
// unrounded, null where there is no value.
type jsonIndicator struct {
	Code         string       `json:"code"`
	Name         string       `json:"name"`
	Unit         string       `json:"unit"`
	Value        *json.Number `json:"value"`
	Previous     *json.Number `json:"previous"`
	Target       *int64       `json:"target"`
	Completion   *float64     `json:"completion"`
	YoY          *float64     `json:"yoy"`
	TimeProgress float64      `json:"time_progress"`
}

type jsonReport struct {
	Org struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"org"`
	Period struct {
		From    string `json:"from"`
		Through string `json:"through"`
	} `json:"period"`
	Indicators []jsonIndicator `json:"indicators"`
}

// number writes an indicator's value: a count or an amount exactly as the
// integer it is, a rate as its unrounded float; nil stays nil.
func number(def *indicator.Definition, exact *big.Rat, f *float64) *json.Number {
	if exact == nil || f == nil {
		return nil
	}
	n := json.Number(exact.Num().String())
	if def.Kind == indicator.KindRate || !exact.IsInt() {
		b, _ := json.Marshal(*f)
		n = json.Number(b)
	}
	return &n
}

func (t *UnitTable) JSON() ([]byte, error) {
	unit, p, rows := t.Unit, t.Period, t.Rows
	var r jsonReport
	r.Org.Code, r.Org.Name = unit.Code, unit.Name
	r.Period.From, r.Period.Through = p.From.String(), p.Through.String()
	r.Indicators = []jsonIndicator{}
	for i := range rows {
		row := &rows[i]
		ji := jsonIndicator{Code: row.Def.Code, Name: row.Def.Name, Unit: row.Def.Unit, Target: row.Target,
			Completion: row.Completion, YoY: row.YoY, TimeProgress: row.TimeProgress}
		ji.Value = number(row.Def, row.ExactValue(), row.Value)
		ji.Previous = number(row.Def, row.ExactPrevious(), row.Previous)
		r.Indicators = append(r.Indicators, ji)
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Title is the heading of the printed table: 黔东南州 2021年1—6月 主要指标完成情况.
func (t *UnitTable) Title() string {
	return t.Unit.Name + " " + t.Period.Title() + " 主要指标完成情况"
}

// progressText says whether completion keeps up with time (时间过半、任务过半).
func progressText(r *indicator.Row) string {
	switch {
	case r.Ahead == nil:
		return indicator.None
	case *r.Ahead:
		return "达到序时"
	}
	return "落后序时"
}

func targetText(def *indicator.Definition, t *int64) string {
	if t == nil {
		return indicator.None
	}
	f := float64(*t)
	return indicator.FormatValue(def, &f)
}

// Text prints the table aligned for a terminal: money in 亿元 with
// one decimal, percentages with one decimal half-up, "—" for no value.
func (t *UnitTable) Text() []byte {
	p, rows := t.Period, t.Rows
	ranked := false
	for _, r := range rows {
		ranked = ranked || r.Rank != nil
	}
	head := []string{"指标", "单位", "本期", "上年同期", "同比", "年度目标", "完成率(%)", "对比序时"}
	if ranked {
		head = append(head, "排名")
	}
	table := [][]string{head}
	for i := range rows {
		r := &rows[i]
		line := []string{r.Def.Name, indicator.DisplayUnit(r.Def), indicator.FormatValue(r.Def, r.Value), indicator.FormatValue(r.Def, r.Previous),
			indicator.FormatChange(r.Def, r.YoY), targetText(r.Def, r.Target), indicator.PercentText(r.Completion), progressText(r)}
		if ranked {
			rank := indicator.None
			if r.Rank != nil {
				rank = fmt.Sprint(*r.Rank)
			}
			line = append(line, rank)
		}
		table = append(table, line)
	}
	widths := make([]int, len(head))
	for _, line := range table {
		for j, c := range line {
			widths[j] = max(widths[j], DisplayWidth(c))
		}
	}
	var b bytes.Buffer
	fmt.Fprintln(&b, t.Title())
	tp := 0.0
	if len(rows) > 0 {
		tp = rows[0].TimeProgress
	}
	fmt.Fprintf(&b, "统计期间 %s 至 %s，序时进度 %s%%\n\n", p.From.Chinese(), p.Through.Chinese(), indicator.FormatPercent(tp))
	for i, line := range table {
		for j, c := range line {
			pad := strings.Repeat(" ", widths[j]-DisplayWidth(c))
			if j > 0 {
				b.WriteString("  ")
			}
			if j < 2 || i == 0 { // names and units to the left, numbers to the right
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
		}
		b.WriteString("\n")
		if i == 0 {
			total := 2 * (len(widths) - 1)
			for _, w := range widths {
				total += w
			}
			b.WriteString(strings.Repeat("-", total) + "\n")
		}
	}
	return b.Bytes()
}

// DisplayWidth counts the columns a terminal gives s: two for Chinese
// characters and full-width forms, one for the rest.
func DisplayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
			w += 2
		default:
			w++
		}
	}
	return w
}

// Workbook writes the table as one sheet: a title, a header row and a
// row per indicator, numbers as number cells (money in 亿元) shown with one
// decimal, "—" where there is no value.
func (t *UnitTable) Workbook() ([]byte, error) {
	rows := t.Rows
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "主要指标"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	ranked := false
	for _, r := range rows {
		ranked = ranked || r.Rank != nil
	}
	head := []string{"指标", "单位", "本期", "上年同期", "同比(%或百分点)", "年度目标", "完成率(%)", "序时进度(%)", "进度"}
	if ranked {
		head = append(head, "排名")
	}
	last, _ := excelize.ColumnNumberToName(len(head))
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Border: borders()})
	oneDec := "0.0"
	num, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &oneDec, Border: borders()})
	intFmt := "#,##0"
	integer, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &intFmt, Border: borders()})
	yiFmt := "#,##0.0"
	yi, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &yiFmt, Border: borders()})
	text, _ := f.NewStyle(&excelize.Style{Border: borders()})
	centered, _ := f.NewStyle(&excelize.Style{Border: borders(), Alignment: &excelize.Alignment{Horizontal: "center"}})

	f.SetCellValue(sheet, "A1", t.Title())
	f.MergeCell(sheet, "A1", last+"1")
	f.SetCellStyle(sheet, "A1", last+"1", title)
	for j, h := range head {
		cell, _ := excelize.CoordinatesToCellName(j+1, 2)
		f.SetCellValue(sheet, cell, h)
	}
	f.SetCellStyle(sheet, "A2", last+"2", header)
	set := func(col, row int, v any, style int) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		f.SetCellValue(sheet, cell, v)
		f.SetCellStyle(sheet, cell, cell, style)
	}
	// value writes a figure: counts whole, money in 亿元, rates in %
	value := func(col, row int, def *indicator.Definition, v *float64) {
		switch {
		case v == nil:
			set(col, row, indicator.None, centered)
		case def.Kind == indicator.KindMoney:
			set(col, row, *v/float64(zhaoshang.Yi), yi)
		case def.Kind == indicator.KindRate:
			set(col, row, *v, num)
		default:
			set(col, row, *v, integer)
		}
	}
	percent := func(col, row int, v *float64) {
		if v == nil {
			set(col, row, indicator.None, centered)
			return
		}
		set(col, row, *v, num)
	}
	for i := range rows {
		r, n := &rows[i], i+3
		set(1, n, r.Def.Name, text)
		set(2, n, indicator.DisplayUnit(r.Def), centered)
		value(3, n, r.Def, r.Value)
		value(4, n, r.Def, r.Previous)
		percent(5, n, r.YoY)
		if r.Target != nil {
			t := float64(*r.Target)
			value(6, n, r.Def, &t)
		} else {
			set(6, n, indicator.None, centered)
		}
		percent(7, n, r.Completion)
		set(8, n, r.TimeProgress, num)
		set(9, n, progressText(r), centered)
		if ranked {
			if r.Rank != nil {
				set(10, n, *r.Rank, centered)
			} else {
				set(10, n, indicator.None, centered)
			}
		}
	}
	f.SetColWidth(sheet, "A", "A", 26)
	f.SetColWidth(sheet, "B", last, 12)
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func borders() []excelize.Border {
	var out []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
	}
	return out
}
