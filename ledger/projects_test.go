package ledger

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

var testToday = zhaoshang.NewDate(2021, 12, 31)

func creditCode(t testing.TB, first16 string) string {
	t.Helper()
	c, err := zhaoshang.CompleteCreditCode(first16)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestALedgerWithDatesInMixedSpellingsAndExcelSerialsCountiesByNameOrCodeAndColumnsInAnyOrderImportsWhole(t *testing.T) {
	cc := creditCode(t, "91522601MA6DL2Q3")
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	head := []any{"序号", " 项目名称 ", "合同投资额（万元）", "县市", "签约日期", "开工日期", "重点产业项目", "工业项目",
		"四化领域", "投资方", "项目编号", "统一社会信用代码", "优强企业", "总投资", "达效日期", "投产日期"}
	rows := [][]any{
		{1, "凯里市年产5万吨铝合金精深加工项目", 1234.5678, "凯里市", time.Date(2021, 6, 3, 0, 0, 0, 0, time.UTC), "2021/7/1", true, "否",
			"工业化", "深圳市华腾新材料科技有限公司", "KL-001", strings.ToLower(cc), "是", "2,000", nil, nil},
		{2, "黄平县生态茶叶精深加工项目", "1,000", 522622, "2021年5月1日", 44350.75, "是", "N",
			"农业现代化", "贵州黔茶农业发展有限公司", "ＫＬ－００２", nil, nil, nil, nil, nil},
		{3, "施秉县杉木河景区提升项目", 0.1 + 0.2, "５２２６２３", "2021.4.30", "20210510", "1", "0",
			"旅游", "施秉文旅投资有限公司", "SB-003", "", "", 3.5, "2021-06-30 00:00:00", "2021-06-01"},
	}
	f.SetSheetRow("Sheet1", "A1", &head)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	f.SetCellStyle("Sheet1", "E2", "E2", dateStyle)
	buf, _ := f.WriteToBuffer()
	// a real serial as Excel writes it for a date cell
	tab, err := ReadTable("混合.xlsx", buf.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Rows[0][4] != "44350" {
		t.Fatalf("the date cell reads %q, not its serial", tab.Rows[0][4])
	}
	got, err := ParseProjects(tab, testTree(), testToday)
	if err != nil {
		t.Fatal(err)
	}
	tree := testTree()
	kaili, huangping, shibing := tree.ByCode("522601"), tree.ByCode("522622"), tree.ByCode("522623")
	want := []ProjectRow{
		{Row: 2, Code: "KL-001", Name: "凯里市年产5万吨铝合金精深加工项目", CountyID: kaili.ID, CountyName: "凯里市",
			Investor: "深圳市华腾新材料科技有限公司", CreditCode: cc, Strong: true, Area: zhaoshang.AreaIndustry,
			Key: true, Industrial: false, ContractInvestment: 12345678, TotalInvestment: 20000000,
			SignedOn: zhaoshang.NewDate(2021, 6, 3), StartedOn: zhaoshang.NewDate(2021, 7, 1)},
		{Row: 3, Code: "KL-002", Name: "黄平县生态茶叶精深加工项目", CountyID: huangping.ID, CountyName: "黄平县",
			Investor: "贵州黔茶农业发展有限公司", Area: zhaoshang.AreaAgriculture, Key: true,
			ContractInvestment: 10000000, SignedOn: zhaoshang.NewDate(2021, 5, 1), StartedOn: zhaoshang.NewDate(2021, 6, 3)},
		{Row: 4, Code: "SB-003", Name: "施秉县杉木河景区提升项目", CountyID: shibing.ID, CountyName: "施秉县",
			Investor: "施秉文旅投资有限公司", Area: zhaoshang.AreaTourism, Key: true, Industrial: false,
			ContractInvestment: 3000, TotalInvestment: 35000, SignedOn: zhaoshang.NewDate(2021, 4, 30),
			StartedOn: zhaoshang.NewDate(2021, 5, 10), ProducingOn: zhaoshang.NewDate(2021, 6, 1),
			EffectiveOn: zhaoshang.NewDate(2021, 6, 30)},
	}
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("row %d:\n got %+v\nwant %+v", i, at(got, i), at(want, i))
			}
		}
	}
}

func at[T any](s []T, i int) any {
	if i < len(s) {
		return s[i]
	}
	return nil
}

const projectHeader = "项目编号,项目名称,县市,投资方,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期,开工日期\n"

func TestALedgerWithThreeBadRowsIsRefusedWholeNamingAllThree(t *testing.T) {
	csv := projectHeader +
		"KL-001,甲项目,凯里市,甲公司,新型工业化,是,是,100,2021-03-01,\n" +
		"KL-002,乙项目,凯里市,乙公司,新型工业化,是,是,100,2021-13-01,\n" +
		"KL-003,丙项目,北京市,丙公司,新型工业化,是,是,100,2021-03-01,\n" +
		"KL-004,丁项目,黄平县,丁公司,其他,否,否,50.5,2021/3/1,\n" +
		"KL-001,戊项目,黄平县,戊公司,其他,否,否,0,2021-03-01,2021-01-01\n"
	tab, err := ReadTable("bad.csv", []byte(csv), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ParseProjects(tab, testTree(), testToday)
	if rows != nil {
		t.Errorf("rows returned with the refusal: %v", rows)
	}
	want := []zhaoshang.RowProblem{
		{Row: 3, Column: "签约日期", Value: "2021-13-01", Reason: "日期不存在，请核对年、月、日"},
		{Row: 4, Column: "县市", Value: "北京市", Reason: "县市“北京市”不存在（可填写县市名称或6位行政区划代码）"},
		{Row: 6, Column: "合同投资额(万元)", Value: "0", Reason: "合同投资额应大于0"},
		{Row: 6, Column: "开工日期", Value: "2021-01-01", Reason: "开工日期（2021-01-01）早于签约日期（2021-03-01）"},
		{Row: 6, Column: "项目编号", Value: "KL-001", Reason: "与第2行的项目编号重复"},
	}
	if got := refusal(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%v\nwant\n%v", got, want)
	}
	if !strings.Contains(err.Error(), "文件中有5处错误，未导入任何数据") {
		t.Errorf("%v", err)
	}
}

func TestEveryKindOfWrongCellIsNamedInTheWordsOfAClerk(t *testing.T) {
	csv := "项目编号,项目名称,县市,投资方,统一社会信用代码,优强企业,四化领域,重点产业项目,工业项目,合同投资额(万元),总投资(万元),签约日期,投产日期\n" +
		",甲,凯里市,甲公司,,,新型工业化,是,是,100,,2021-03-01,\n" +
		"A2,乙,凯里市,乙公司,91522601MA6DL2Q3XX,也许,工业,对,是,1.23456,-5,2022-01-01,\n" +
		"A3,丙,凯里市,丙公司,,,其他,是,是,100,,,2021-05-01\n"
	tab, err := ReadTable("bad.csv", []byte(csv), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseProjects(tab, testTree(), testToday)
	var lines []string
	for _, p := range refusal(t, err) {
		lines = append(lines, p.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		"第2行【项目编号】“”：必填项为空",
		"第3行【统一社会信用代码】“91522601MA6DL2Q3XX”：统一社会信用代码",
		"第3行【优强企业】“也许”：应填写“是”或“否”",
		"第3行【四化领域】“工业”：四化领域应为",
		"第3行【重点产业项目】“对”：应填写“是”或“否”",
		"第3行【合同投资额(万元)】“1.23456”：金额最多保留4位小数（精确到元）",
		"第3行【总投资(万元)】“-5”：总投资不能为负数",
		"第3行【签约日期】“2022-01-01”：签约日期（2022-01-01）晚于今天",
		"第4行【签约日期】“”：必填项为空",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestAnUnknownColumnIsNamed(t *testing.T) {
	tab, err := ReadTable("a.csv", []byte(strings.TrimSuffix(projectHeader, "\n")+",联系电话\nA,甲,凯里市,甲,其他,是,是,1,2021-01-01,,139\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseProjects(tab, testTree(), testToday)
	want := []zhaoshang.RowProblem{{Row: 1, Column: "联系电话", Value: "联系电话", Reason: "无法识别的列名"}}
	if got := refusal(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("%v", got)
	}
}

func TestAMissingRequiredColumnIsNamed(t *testing.T) {
	tab, err := ReadTable("a.csv", []byte("项目编号,项目名称,县市,四化领域,重点产业项目,工业项目,签约日期\nA,甲,凯里市,其他,是,是,2021-01-01\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseProjects(tab, testTree(), testToday)
	want := []zhaoshang.RowProblem{
		{Row: 1, Column: "投资方", Reason: "缺少必需的列"},
		{Row: 1, Column: "合同投资额(万元)", Reason: "缺少必需的列"},
	}
	if got := refusal(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("%v", got)
	}
}

func TestAColumnTwiceOrDataWithoutAHeaderIsRefused(t *testing.T) {
	tab, err := ReadTable("a.csv", []byte(strings.TrimSuffix(projectHeader, "\n")+",项目名称\nA,甲,凯里市,甲,其他,是,是,1,2021-01-01,,甲,,多余\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseProjects(tab, testTree(), testToday)
	got := refusal(t, err)
	if len(got) != 2 || got[0].Reason != "列名重复（B列与K列）" || got[1].Column != "M列" || got[1].Value != "多余" || got[1].Row != 2 {
		t.Errorf("%v", got)
	}
}

func TestAFileWithThousandsOfWrongRowsListsTheFirstThousandProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(projectHeader)
	for range 1500 {
		b.WriteString("A,甲,北京市,甲,其他,是,是,1,2021-01-01,\n")
	}
	tab, err := ReadTable("a.csv", []byte(b.String()), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseProjects(tab, testTree(), testToday)
	got := refusal(t, err)
	if len(got) != maxProblems+1 || !strings.Contains(got[maxProblems].Reason, "错误超过1000处") {
		t.Errorf("%d problems, last %v", len(got), got[len(got)-1])
	}
}
