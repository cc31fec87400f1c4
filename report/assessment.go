package report

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
	"zhaoshang/indicator"
)

// This file writes 年考核, the annual assessment: the year's scheme applied
// to the whole year's figures against the year's targets. It is a
// bulletin of the whole year, with the words of an assessment, and a
// workbook of the scores for the files of the assessment office.

// AssessmentTitle is 黔东南州2021年度招商引资工作考核结果.
func AssessmentTitle(unit *zhaoshang.OrgUnit, year int) string {
	name := ""
	if unit != nil {
		name = unit.Name
	}
	return fmt.Sprintf("%s%d年度招商引资工作考核结果", name, year)
}

// NewAssessment scores the counties of the report of a whole year
// (indicator.Year) by the year's scheme.
func NewAssessment(rep *indicator.Report, s zhaoshang.Scheme) (Bulletin, error) {
	if rep.Period.From.M != 1 || rep.Period.Through.M != 12 {
		return Bulletin{}, fmt.Errorf("年度考核须按全年（1—12月）数据计算，不能按%s", rep.Period.Title())
	}
	return scored(rep, AssessmentTitle(rep.Unit, rep.Period.Year()), s, true)
}

// ScoresWorkbook is the ranking table of a bulletin or an assessment as a
// workbook: title, unit line, the table with one row per county and the
// points of each item, A4 landscape fitted to the width. Points are number
// cells with two decimals, as shown.
func ScoresWorkbook(b Bulletin) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "综合得分"
	if b.Annual {
		sheet = "年度考核"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	rows := b.RankingTable()
	last, _ := excelize.ColumnNumberToName(len(rows[0]))
	edge := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	style := func(s *excelize.Style) int {
		id, _ := f.NewStyle(s)
		return id
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	title := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: "方正小标宋简体"}, Alignment: center})
	unitLine := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: "宋体"}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	head := style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10, Family: "黑体"}, Border: edge, Alignment: center})
	text := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: "宋体"}, Border: edge, Alignment: center})
	nf := "0.00"
	num := style(&excelize.Style{Font: &excelize.Font{Size: 10, Family: "宋体"}, Border: edge, CustomNumFmt: &nf, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	cell := func(col, row int) string {
		c, _ := excelize.CoordinatesToCellName(col, row)
		return c
	}
	f.SetCellValue(sheet, "A1", b.Title)
	f.MergeCell(sheet, "A1", last+"1")
	f.SetCellStyle(sheet, "A1", last+"1", title)
	f.SetRowHeight(sheet, 1, 30)
	f.SetCellValue(sheet, "A2", b.Period.Title()+"　单位：分")
	f.MergeCell(sheet, "A2", last+"2")
	f.SetCellStyle(sheet, "A2", last+"2", unitLine)
	for i, r := range rows {
		for j, v := range r {
			at := cell(j+1, i+3)
			switch {
			case i == 0:
				f.SetCellValue(sheet, at, v)
				f.SetCellStyle(sheet, at, at, head)
			case j == 0:
				n, _ := strconv.Atoi(v)
				f.SetCellValue(sheet, at, n)
				f.SetCellStyle(sheet, at, at, text)
			case j == 1:
				f.SetCellValue(sheet, at, v)
				f.SetCellStyle(sheet, at, at, text)
			default:
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					f.SetCellValue(sheet, at, x)
					f.SetCellStyle(sheet, at, at, num)
				} else {
					f.SetCellValue(sheet, at, v)
					f.SetCellStyle(sheet, at, at, text)
				}
			}
		}
	}
	f.SetRowHeight(sheet, 3, 42)
	f.SetColWidth(sheet, "A", "A", 6)
	f.SetColWidth(sheet, "B", "B", 11)
	c, _ := excelize.ColumnNumberToName(3)
	f.SetColWidth(sheet, c, last, 11)
	return landscapeA4(f, sheet, 3)
}
