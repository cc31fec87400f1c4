package ledger

import (
	"reflect"
	"strings"
	"testing"

	"zhaoshang"
)

func TestAGBKFundLedgerWithThousandsSeparatorsIsRead(t *testing.T) {
	text := "项目编号,到位月份,到位金额（万元）,资金来源,凭证编号,备注\r\n" +
		"KL-001,2021年6月,\"1,234.5678\",省外境内,PZ-2021-001,首笔到位\r\n" +
		"KL-001,2021/7,\"12,000\",境外,,\r\n" +
		"ＫＬ－００２,2021-06-15,０．５,省内,PZ-2021-002,\r\n"
	tab, err := ReadTable("到位资金.csv", gbkOf(t, text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseFunds(tab, testToday)
	if err != nil {
		t.Fatal(err)
	}
	want := []FundRow{
		{Row: 2, ProjectCode: "KL-001", Month: zhaoshang.Month{Y: 2021, M: 6}, Amount: 12345678, Source: zhaoshang.SourceOutOfProvince, EvidenceNo: "PZ-2021-001", Note: "首笔到位"},
		{Row: 3, ProjectCode: "KL-001", Month: zhaoshang.Month{Y: 2021, M: 7}, Amount: 120000000, Source: zhaoshang.SourceForeign},
		{Row: 4, ProjectCode: "KL-002", Month: zhaoshang.Month{Y: 2021, M: 6}, Amount: 5000, Source: zhaoshang.SourceInProvince, EvidenceNo: "PZ-2021-002"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestAFundLedgerWithWrongRowsIsRefusedWhole(t *testing.T) {
	text := "项目编号,到位月份,到位金额(万元),资金来源,凭证编号\n" +
		"KL-001,2021-06,100,省外境内,PZ1\n" +
		"KL-009,2021-06,100,省外境内,PZ2\n" +
		"KL-001,2022-01,100,省外,PZ3\n" +
		"KL-001,2021-06,0,境外,PZ4\n" +
		"KL-001,2021年6月,200,省外境内,PZ1\n" +
		"KL-001,2021-06,100,省外境内,PZ5\n"
	tab, err := ReadTable("a.csv", []byte(text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseFunds(tab, testToday)
	want := []zhaoshang.RowProblem{ // KL-009 is the storage's to refuse, not the parser's
		{Row: 4, Column: "到位月份", Value: "2022-01", Reason: "到位月份晚于本月"},
		{Row: 4, Column: "资金来源", Value: "省外", Reason: "资金来源应为 省外境内、境外、省内 之一"},
		{Row: 5, Column: "到位金额(万元)", Value: "0", Reason: "到位金额应大于0"},
		{Row: 6, Column: "项目编号", Value: "KL-001", Reason: "与第2行重复（项目编号、到位月份、资金来源、凭证编号均相同）"},
	}
	if got := refusal(t, err); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
	if err == nil || strings.Contains(err.Error(), "KL-009") {
		t.Errorf("an unknown project is the storage's to refuse: %v", err)
	}
}
