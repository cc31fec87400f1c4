package ledger

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

// The generated ledgers are deterministic: a fixed seed, realistic names.
var (
	genIndustries = []string{"铝加工", "玻璃", "钡化工", "生态特色食品加工", "民族医药", "民族工艺品加工", "木材加工", "新能源电池", "电子信息", "文化旅游", "康养", "现代物流", "茶叶", "中药材"}
	genWorks      = []string{"年产%d万吨%s项目", "%s产业园（一期）项目", "%s精深加工项目", "%s标准化厂房建设项目", "%s全产业链项目", "年产%d万件%s生产线项目"}
	genCities     = []string{"深圳市", "广州市", "杭州市", "北京市", "上海市", "佛山市", "贵阳市", "重庆市", "成都市", "长沙市", "宁波市", "苏州市"}
	genWords      = []string{"华腾", "黔丰", "中铝", "宏远", "鑫达", "盛世", "苗岭", "清水江", "金土地", "东方", "瑞泰", "锦绣", "侗乡", "雷公山", "蓝天"}
	genKinds      = []string{"新材料科技", "农业发展", "文化旅游投资", "医药", "实业", "电子科技", "食品", "建设投资", "能源"}
	genForms      = []string{"有限公司", "股份有限公司", "有限责任公司", "集团有限公司"}
	genRegions    = []string{"广东省深圳市", "浙江省杭州市", "北京市", "上海市", "贵州省贵阳市", "湖南省长沙市", "", "香港特别行政区", "重庆市"}
	genUnits      = []string{"", "投资促进局", "经济开发区管委会", "发展和改革局", "农业农村局", "文体广电旅游局"}
	genNotes      = []string{"", "", "", "已签订正式合同", "含二期工程", "=HYPERLINK(\"x\")", "-待核实-", "+重点调度", "@张三 跟进", "备注，含逗号", "含\"引号\"的备注", "第一行\n第二行", " 前后空格在导入时去掉 "}
	creditBody    = "0123456789ABCDEFGHJKLMNPQRTUWXY"
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// genAmount is an amount in 万元 with 0–4 decimals.
func genAmount(r *rand.Rand) zhaoshang.Money {
	wan := zhaoshang.Money(r.IntN(500_000)+1) * zhaoshang.Wan
	switch r.IntN(6) {
	case 0:
		return wan
	case 1:
		return wan + zhaoshang.Money(r.IntN(10))*1000
	case 2:
		return wan + zhaoshang.Money(r.IntN(100))*100
	case 3:
		return wan + zhaoshang.Money(r.IntN(1000))*10
	case 4:
		return wan + zhaoshang.Money(r.IntN(10000))
	}
	// 16 significant digits: written as text, not as a number
	return zhaoshang.Money(r.Int64N(4e15) + 1e15)
}

func genDate(r *rand.Rand, from zhaoshang.Date, days int) zhaoshang.Date {
	return zhaoshang.DateOf(from.Time().AddDate(0, 0, r.IntN(days+1)))
}

func genProjects(t testing.TB, tree *zhaoshang.OrgTree, n int) []ProjectRow {
	r := rand.New(rand.NewPCG(2021, 6))
	var counties []*zhaoshang.OrgUnit
	for _, u := range tree.Units {
		if u.Kind == zhaoshang.OrgCounty {
			counties = append(counties, u)
		}
	}
	if len(counties) != 16 {
		t.Fatalf("%d counties", len(counties))
	}
	rows := make([]ProjectRow, n)
	for i := range rows {
		c := counties[i%len(counties)]
		ind := pick(r, genIndustries)
		work := pick(r, genWorks)
		var name string
		if strings.Count(work, "%") == 2 {
			name = fmt.Sprintf(work, r.IntN(50)+1, ind)
		} else {
			name = fmt.Sprintf(work, ind)
		}
		p := ProjectRow{
			Row:                i + 2,
			Code:               fmt.Sprintf("%s-%d-%04d", c.Code, 2019+i%3, i),
			Name:               c.Name + name,
			CountyID:           c.ID,
			CountyName:         c.Name,
			Investor:           pick(r, genCities) + pick(r, genWords) + pick(r, genKinds) + pick(r, genForms),
			Strong:             r.IntN(4) == 0,
			Area:               pick(r, zhaoshang.Areas()),
			Key:                r.IntN(3) > 0,
			Industrial:         r.IntN(2) == 0,
			InvestorRegion:     pick(r, genRegions),
			ContractInvestment: genAmount(r),
			ResponsibleUnit:    pick(r, genUnits),
			Note:               strings.TrimSpace(pick(r, genNotes)),
		}
		if i%7 == 0 {
			p.Code = fmt.Sprintf("%04d", i) // leading zeros stay
		}
		if p.ResponsibleUnit != "" {
			p.ResponsibleUnit = c.Name + p.ResponsibleUnit
		}
		if r.IntN(3) > 0 {
			p.Industry = ind
		}
		if r.IntN(2) == 0 {
			p.TotalInvestment = p.ContractInvestment + genAmount(r)%(1000*zhaoshang.Wan)
		}
		if r.IntN(3) > 0 {
			var body strings.Builder
			for range 8 {
				body.WriteByte(creditBody[r.IntN(len(creditBody))])
			}
			p.CreditCode = creditCode(t, "91"+c.Code+body.String())
		}
		// each stage after the one before, none after today
		p.SignedOn = genDate(r, zhaoshang.NewDate(2019, 1, 1), 900)
		prev := p.SignedOn
		for _, d := range []*zhaoshang.Date{&p.StartedOn, &p.ProducingOn, &p.EffectiveOn} {
			if r.IntN(3) == 0 {
				break
			}
			next := genDate(r, prev, 200)
			if testToday.Before(next) {
				break
			}
			*d, prev = next, next
		}
		rows[i] = p
	}
	return rows
}

func genFunds(projects []ProjectRow, n int) []FundRow {
	r := rand.New(rand.NewPCG(2021, 7))
	rows := make([]FundRow, n)
	seen := map[string]bool{}
	for i := range rows {
		p := projects[r.IntN(len(projects))]
		m := p.SignedOn.Month().Add(r.IntN(12))
		if testToday.Month().Before(m) {
			m = testToday.Month()
		}
		f := FundRow{
			Row: i + 2, ProjectCode: p.Code, Month: m, Amount: genAmount(r) % (50_000 * zhaoshang.Wan),
			Source: pick(r, zhaoshang.FundSources()), EvidenceNo: fmt.Sprintf("PZ%d%05d", m.Y, i),
			Note: strings.TrimSpace(pick(r, genNotes)),
		}
		if f.Amount == 0 {
			f.Amount = 1
		}
		if i%5 == 0 {
			g := f
			g.EvidenceNo = ""
			if !seen[g.Identity()] {
				f = g
			}
		}
		seen[f.Identity()] = true
		rows[i] = f
	}
	return rows
}

func diffRows[T any](t *testing.T, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows back, %d written", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
			if bad++; bad > 5 {
				t.FailNow()
			}
		}
	}
}

func TestAProjectLedgerOf1400RowsRoundTripsThroughXLSXAndCSV(t *testing.T) {
	tree := testTree()
	rows := genProjects(t, tree, 1400)
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			b, err := WriteProjects(format, rows, tree)
			if err != nil {
				t.Fatal(err)
			}
			tab, err := ReadTable("projects."+format, b, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if tab.Format != format || strings.Join(tab.Headers, ",") != strings.Join(headersOf(projectColumns), ",") {
				t.Fatalf("%s: headers %v", tab.Format, tab.Headers)
			}
			got, err := ParseProjects(tab, tree, testToday)
			if err != nil {
				t.Fatal(err)
			}
			diffRows(t, got, rows)
			// written again, the file is the same
			again, err := WriteProjects(format, got, tree)
			if err != nil {
				t.Fatal(err)
			}
			if format == "csv" && !bytes.Equal(again, b) {
				t.Error("writing the rows read back gives another file")
			}
		})
	}
}

func headersOf(cols []column) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.header
	}
	return h
}

func TestAFundLedgerOf500RowsRoundTripsThroughXLSXAndCSV(t *testing.T) {
	tree := testTree()
	projects := genProjects(t, tree, 200)
	rows := genFunds(projects, 500)
	for _, format := range []string{"xlsx", "csv"} {
		t.Run(format, func(t *testing.T) {
			b, err := WriteFunds(format, rows)
			if err != nil {
				t.Fatal(err)
			}
			tab, err := ReadTable("funds."+format, b, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseFunds(tab, testToday)
			if err != nil {
				t.Fatal(err)
			}
			diffRows(t, got, rows)
		})
	}
}

func TestTargetsRoundTripThroughXLSXAndCSV(t *testing.T) {
	tree := testTree()
	var rows []TargetRow
	for i, u := range tree.Units {
		if u.Kind != zhaoshang.OrgCounty && u.Kind != zhaoshang.OrgPrefecture {
			continue
		}
		rows = append(rows,
			TargetRow{Year: 2021, OrgUnitID: u.ID, OrgName: u.Name, Indicator: "new_key_projects", Raw: fmt.Sprint(10 + i)},
			TargetRow{Year: 2021, OrgUnitID: u.ID, OrgName: u.Name, Indicator: "新增到位资金", Raw: fmt.Sprintf("%d.%d", 100000+i, i%9+1)},
			TargetRow{Year: 2022, OrgUnitID: u.ID, OrgName: u.Name, Indicator: "start_rate", Raw: "85.5"})
	}
	for i := range rows {
		rows[i].Row = i + 2
	}
	for _, format := range []string{"xlsx", "csv"} {
		b, err := WriteTargets(format, rows, tree)
		if err != nil {
			t.Fatal(err)
		}
		tab, err := ReadTable("targets."+format, b, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseTargets(tab, tree)
		if err != nil {
			t.Fatal(err)
		}
		diffRows(t, got, rows)
	}
}

func TestTheXLSXWriterWritesAmountsAsNumbersAndDatesAsText(t *testing.T) {
	tree := testTree()
	rows := genProjects(t, tree, 3)
	rows[0].ContractInvestment = 12345678
	rows[1].ContractInvestment = 1234567890123456 // 16 digits: text
	b, err := WriteProjects("xlsx", rows, tree)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); got[0] != "项目台账" {
		t.Errorf("sheets %v", got)
	}
	types := map[string]excelize.CellType{}
	for _, cell := range []string{"L2", "L3", "N2", "C2", "A2"} {
		types[cell], _ = f.GetCellType("项目台账", cell)
	}
	if types["L2"] != excelize.CellTypeUnset && types["L2"] != excelize.CellTypeNumber {
		t.Errorf("L2 (amount) is %v", types["L2"])
	}
	if types["L3"] != excelize.CellTypeInlineString || types["N2"] != excelize.CellTypeInlineString {
		t.Errorf("L3 (16 digits) %v, N2 (date) %v", types["L3"], types["N2"])
	}
	if v, _ := f.GetCellValue("项目台账", "L2", excelize.Options{RawCellValue: true}); v != "1234.5678" {
		t.Errorf("L2 = %q", v)
	}
	if v, _ := f.GetCellValue("项目台账", "C2"); v != "凯里市" {
		t.Errorf("C2 = %q", v)
	}
	panes, _ := f.GetPanes("项目台账")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
}

func TestACSVExportStartsWithABOMAndDefusesFormulas(t *testing.T) {
	tree := testTree()
	rows := genProjects(t, tree, 1)
	rows[0].Note = "=1+1"
	b, err := WriteProjects("csv", rows, tree)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, utf8BOM) || !bytes.Contains(b, []byte(",'=1+1\r\n")) {
		t.Errorf("%q", b)
	}
	if _, err := WriteProjects("xls", rows, tree); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
		t.Errorf("format xls: %v", err)
	}
}

func TestTheProjectTemplateOffersDropdownsAndExplainsEveryColumn(t *testing.T) {
	tree := testTree()
	b, err := ProjectTemplate(tree)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "项目台账,说明,选项" {
		t.Errorf("sheets %s", got)
	}
	if v, _ := f.GetSheetVisible("选项"); v {
		t.Error("the options sheet is visible")
	}
	head, _ := f.GetRows("项目台账")
	if strings.Join(head[0], ",") != strings.Join(headersOf(projectColumns), ",") {
		t.Errorf("headers %v", head[0])
	}
	dvs, err := f.GetDataValidations("项目台账")
	if err != nil {
		t.Fatal(err)
	}
	byRange := map[string]string{}
	for _, dv := range dvs {
		byRange[dv.Sqref] = dv.Formula1
	}
	for sqref, want := range map[string]string{
		"C2:C1001": "CountyList", "F2:F1001": `"是,否"`, "I2:I1001": `"是,否"`, "J2:J1001": `"是,否"`,
		"G2:G1001": `"新型工业化,新型城镇化,农业现代化,旅游产业化,其他"`,
	} {
		if got := byRange[sqref]; got != want {
			t.Errorf("%s: %q, want %q", sqref, got, want)
		}
	}
	if _, ok := byRange["L2:L1001"]; !ok {
		t.Error("no check on 合同投资额")
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "CountyList" || names[0].RefersTo != "'选项'!$A$1:$A$16" {
		t.Errorf("defined names %+v", names)
	}
	counties, _ := f.GetCols("选项")
	if len(counties[0]) != 16 || counties[0][0] != "凯里市" || counties[0][15] != "丹寨县" {
		t.Errorf("county list %v", counties)
	}
	comments, _ := f.GetComments("项目台账")
	if len(comments) != len(projectColumns) || !strings.HasPrefix(comments[0].Text, "必填。") {
		t.Errorf("%d comments, first %+v", len(comments), comments)
	}
	help, _ := f.GetRows("说明")
	joined := fmt.Sprint(help)
	for _, h := range headersOf(projectColumns) {
		if !strings.Contains(joined, h) {
			t.Errorf("说明 lacks %s", h)
		}
	}
	panes, _ := f.GetPanes("项目台账")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}

	// an untouched template is no ledger yet; filled in, it imports
	_, err = ReadTable("template.xlsx", b, Limits{})
	wantFileError(t, err, "文件中没有数据行")
	row := []any{"0001", "凯里市测试项目", "凯里市", "测试有限公司", "", "否", "其他", "", "是", "否", "", 100, nil, "2021-06-03"}
	f.SetSheetRow("项目台账", "A2", &row)
	filled, _ := f.WriteToBuffer()
	tab, err := ReadTable("filled.xlsx", filled.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseProjects(tab, tree, testToday)
	if err != nil || len(got) != 1 || got[0].Code != "0001" || got[0].ContractInvestment != 100*zhaoshang.Wan {
		t.Errorf("%+v %v", got, err)
	}
}

func TestTheFundAndTargetTemplatesOfferTheirLists(t *testing.T) {
	b, err := FundTemplate()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(b))
	dvs, _ := f.GetDataValidations("到位资金台账")
	found := false
	for _, dv := range dvs {
		if dv.Sqref == "D2:D1001" && dv.Formula1 == `"省外境内,境外,省内"` {
			found = true
		}
	}
	if !found {
		t.Errorf("no 资金来源 dropdown in %+v", dvs)
	}
	f.Close()

	b, err = TargetTemplate(testTree(), []string{"新引进重点产业项目个数", "新增到位资金"})
	if err != nil {
		t.Fatal(err)
	}
	f, _ = excelize.OpenReader(bytes.NewReader(b))
	defer f.Close()
	units, _ := f.GetCols("选项")
	if len(units) != 2 || len(units[0]) != 17 || units[0][0] != "黔东南州" || units[1][1] != "新增到位资金" {
		t.Errorf("lists %v", units)
	}
}
