package report_test

import (
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
)

// sixteenCounties is a 1—6月 report over 16 counties: county i signs i+1 projects
// of a target of 8 and receives i+1亿 of a target of 10亿.
func sixteenCounties() *indicator.Report {
	var data []indicator.UnitData
	for i := 0; i < 16; i++ {
		n := int64(i + 1)
		data = append(data, indicator.UnitData{
			Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: n, zhaoshang.MContractInvestment: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MNewStrongEnterprises: n,
				zhaoshang.MFundsInPlace: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MKeyFunds: int64(zhaoshang.Money(n) * zhaoshang.Yi), zhaoshang.MIndustrialFunds: int64(zhaoshang.Money(n) * zhaoshang.Yi / 2)},
			Targets: indicator.Targets{"new_key_projects": 8, "funds_in_place": int64(10 * zhaoshang.Yi), "key_funds_in_place": int64(10 * zhaoshang.Yi)},
		})
	}
	r := countyReport(h1, data)
	r.Rows = indicator.Rows(h1, indicator.UnitData{Current: zhaoshang.Measures{zhaoshang.MNewKeyProjects: 136}, Targets: indicator.Targets{"new_key_projects": 200}})
	return r
}

func TestBulletinNamesTheFirstAndLastThreeAndTheLaggards(t *testing.T) {
	b, err := report.NewBulletin(sixteenCounties(), 2, zhaoshang.DefaultScheme(2021))
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "黔东南州2021年第二季度招商引资工作通报" {
		t.Errorf("title %q", b.Title)
	}
	if len(b.Scores) != 16 || b.Scores[0].Name != "第16县" || b.Scores[15].Name != "第1县" {
		t.Fatalf("scores %v", b.Scores)
	}
	if len(b.Top) != 3 || len(b.Bottom) != 3 || b.Top[2].Name != "第14县" || b.Bottom[0].Name != "第1县" || b.Bottom[2].Name != "第3县" {
		t.Errorf("top %v bottom %v", b.Top, b.Bottom)
	}
	if len(b.Paragraphs) != 3 || !strings.HasPrefix(b.Paragraphs[0], "1—6月，全州新引进重点产业项目136个") {
		t.Fatalf("paragraphs %q", b.Paragraphs)
	}
	// 第16县: 25×120% + 15 + 25×120% + 20×120% + 10 + 5 = 114
	for _, want := range []string{"综合得分排名前三位的是第16县、第15县、第14县，分别得114.00分、",
		"排名后三位的是第3县、第2县、第1县", "请第3县、第2县、第1县认真分析原因，采取有力措施，确保完成全年目标任务。"} {
		if !strings.Contains(b.Paragraphs[1], want) {
			t.Errorf("ranking paragraph lacks %q:\n%s", want, b.Paragraphs[1])
		}
	}
	// 序时进度 50%: 4 of 8 projects is on time, 3 is not; 5亿 of 10亿 is.
	if want := "新引进重点产业项目完成进度低于序时进度的有第1县、第2县、第3县（3个）；新增到位资金完成进度低于序时进度的有第1县、第2县、第3县、第4县（4个）"; !strings.Contains(b.Paragraphs[2], want) {
		t.Errorf("lagging paragraph:\n%s\nwant %s", b.Paragraphs[2], want)
	}
	if _, err := report.NewBulletin(sixteenCounties(), 5, zhaoshang.DefaultScheme(2021)); err == nil {
		t.Error("quarter 5 accepted")
	}
	bad := zhaoshang.DefaultScheme(2021)
	bad.Items[0].Weight = 1
	if _, err := report.NewBulletin(sixteenCounties(), 2, bad); err == nil || !strings.Contains(err.Error(), "100分") {
		t.Errorf("bad scheme: %v", err)
	}
}

func TestHTMLIsAPrintableA4PageWithBothTables(t *testing.T) {
	b, err := report.NewBulletin(sixteenCounties(), 2, zhaoshang.DefaultScheme(2021))
	if err != nil {
		t.Fatal(err)
	}
	b.Paragraphs = append(b.Paragraphs, "<script>&")
	h := string(report.HTML(b))
	for _, want := range []string{"<title>黔东南州2021年第二季度招商引资工作通报</title>", "@page { size: A4;", `"FangSong", "仿宋"`, `"STFangsong"`,
		`"SimHei", "黑体"`, `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun"`, "&lt;script&gt;&amp;", "<td>第16县</td>", "晾晒", "<td>后三位</td><td>第1县</td>"} {
		if !strings.Contains(h, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(h, "<script>") {
		t.Error("text not escaped")
	}
	table := h[strings.Index(h, `class="ranking"`):]
	table = table[:strings.Index(table, "</table>")]
	if n := strings.Count(table, "<tr>"); n != 17 {
		t.Errorf("ranking table has %d rows, want 17", n)
	}
}
