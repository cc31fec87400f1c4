package report_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
)

// wholeYear is 2021 全年 over 16 counties: county i signs 2(i+1) projects of
// a target of 16 and receives 2(i+1)亿 of a target of 20亿.
func wholeYear() *indicator.Report {
	year := indicator.Year(2021)
	var data []indicator.UnitData
	for i := 0; i < 16; i++ {
		n := int64(2 * (i + 1))
		data = append(data, indicator.UnitData{
			Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: n, zhaoshang.MContractInvestment: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MNewStrongEnterprises: n,
				zhaoshang.MFundsInPlace: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MKeyFunds: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MIndustrialFunds: int64(zhaoshang.Money(n) * zhaoshang.Yi / 2)},
			Targets: indicator.Targets{"new_key_projects": 16, "funds_in_place": int64(20 * zhaoshang.Yi), "key_funds_in_place": int64(20 * zhaoshang.Yi)},
		})
	}
	r := countyReport(year, data)
	r.Rows = indicator.Rows(year, indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 272}, Targets: indicator.Targets{"new_key_projects": 256}})
	return r
}

func TestTheAssessmentScoresTheWholeYearAndNamesThoseWhoMissedTheirTargets(t *testing.T) {
	b, err := report.NewAssessment(wholeYear(), zhaoshang.DefaultScheme(2021))
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "黔东南州2021年度招商引资工作考核结果" || !b.Annual {
		t.Errorf("title %q", b.Title)
	}
	if b.Scores[0].Name != "第16县" || b.Scores[0].Rank != 1 || b.Scores[15].Name != "第1县" {
		t.Errorf("ranking %v", b.Scores)
	}
	if !strings.HasPrefix(b.Paragraphs[0], "全年，全州新引进重点产业项目272个") {
		t.Errorf("narrative %q", b.Paragraphs[0])
	}
	for _, want := range []string{"全年各县（市）年度考核得分排名前三位的是第16县、第15县、第14县", "认真分析原因，切实改进工作。"} {
		if !strings.Contains(b.Paragraphs[1], want) {
			t.Errorf("ranking paragraph lacks %q:\n%s", want, b.Paragraphs[1])
		}
	}
	// the first seven counties (2…14 of 16 projects) missed the year's target
	if want := "新引进重点产业项目未完成年度目标任务的有第1县、第2县、第3县、第4县、第5县、第6县、第7县（7个）"; !strings.Contains(b.Paragraphs[2], want) {
		t.Errorf("missed-target paragraph:\n%s\nwant %s", b.Paragraphs[2], want)
	}
	if strings.Contains(strings.Join(b.Paragraphs, ""), "序时进度") || strings.Contains(strings.Join(b.Paragraphs, ""), "确保完成全年目标任务") {
		t.Errorf("an assessment speaks of the time progress:\n%s", strings.Join(b.Paragraphs, "\n"))
	}
}

func TestTheAssessmentRefusesAnythingButAWholeYear(t *testing.T) {
	if _, err := report.NewAssessment(sixteenCounties(), zhaoshang.DefaultScheme(2021)); err == nil || !strings.Contains(err.Error(), "全年") {
		t.Errorf("an assessment of 1—6月: %v", err)
	}
}

func TestTheScoresWorkbookHoldsTheRankingAsNumbersOnALandscapeA4Page(t *testing.T) {
	b, err := report.NewAssessment(wholeYear(), zhaoshang.DefaultScheme(2021))
	if err != nil {
		t.Fatal(err)
	}
	data, err := report.ScoresWorkbook(b)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("年度考核")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != b.Title || rows[2][0] != "排名" || rows[2][len(rows[2])-1] != "综合得分" || len(rows) != 3+16 {
		t.Fatalf("rows %q", rows[:3])
	}
	if rows[3][1] != "第16县" || rows[3][len(rows[3])-1] != report.FormatPoints(b.Scores[0].ExactTotal()) {
		t.Errorf("first row %q, total %s", rows[3], report.FormatPoints(b.Scores[0].ExactTotal()))
	}
	if typ, _ := f.GetCellType("年度考核", "C4"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("points are not numbers: %v", typ)
	}
	lay, err := f.GetPageLayout("年度考核")
	if err != nil || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.Size == nil || *lay.Size != 9 {
		t.Errorf("page layout %+v %v", lay, err)
	}
}
