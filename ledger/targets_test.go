package ledger

import (
	"reflect"
	"testing"

	"zhaoshang"
)

func TestTargetsAreReadForThePrefectureAndCounties(t *testing.T) {
	tab, err := ReadTable("targets.xlsx", xlsxOf(t, [][]any{
		{"单位", "年度", "指标", "目标值"},
		{"黔东南州", 2021, "new_key_projects", 450},
		{"522600", "2021年", "新增到位资金", "6,000,000"},
		{"凯里市", 2021, "start_rate", 85.5},
	}), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	tree := testTree()
	got, err := ParseTargets(tab, tree)
	if err != nil {
		t.Fatal(err)
	}
	pref, kaili := tree.ByCode("522600"), tree.ByCode("522601")
	want := []TargetRow{
		{Row: 2, Year: 2021, OrgUnitID: pref.ID, OrgName: "黔东南州", Indicator: "new_key_projects", Raw: "450"},
		{Row: 3, Year: 2021, OrgUnitID: pref.ID, OrgName: "黔东南州", Indicator: "新增到位资金", Raw: "6000000"},
		{Row: 4, Year: 2021, OrgUnitID: kaili.ID, OrgName: "凯里市", Indicator: "start_rate", Raw: "85.5"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
	if n, ok := got[0].Count(); !ok || n != 450 {
		t.Errorf("count %d %v", n, ok)
	}
	if m, ok := got[1].Money(); !ok || m != 600*zhaoshang.Yi {
		t.Errorf("money %d %v", m, ok)
	}
	if _, ok := got[2].Count(); ok {
		t.Error("85.5 is no count")
	}
}

func TestWrongTargetsAreRefusedWhole(t *testing.T) {
	tab, err := ReadTable("t.csv", []byte("年度,单位,指标,目标值\n1999,凯里市,x,1\n2021,州投资促进局,x,1\n2021,凯里市,x,-1\n2021,凯里市,x,abc\n2021,凯里市,y,1\n2021,522601,y,2\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseTargets(tab, testTree())
	want := []zhaoshang.RowProblem{
		{Row: 2, Column: "年度", Value: "1999", Reason: "年度应为2000至2100之间的四位年份"},
		{Row: 3, Column: "单位", Value: "州投资促进局", Reason: "单位“州投资促进局”不存在或不是州、县市（可填写名称或代码）"},
		{Row: 4, Column: "目标值", Value: "-1", Reason: "目标值不能为负数"},
		{Row: 5, Column: "目标值", Value: "abc", Reason: "目标值应为数字：个数类指标填整数，金额类指标以万元为单位、最多4位小数"},
		{Row: 7, Column: "指标", Value: "y", Reason: "与第6行重复（年度、单位、指标均相同）"},
	}
	if got := refusal(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}
