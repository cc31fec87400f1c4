package ledger

import (
	"strings"
	"testing"

	"zhaoshang"
)

func TestExcelDateSerialsCountFrom1900WithItsLeapYearBug(t *testing.T) {
	for serial, want := range map[string]string{
		"1":        "1900-01-01",
		"59":       "1900-02-28",
		"61":       "1900-03-01",
		"44350":    "2021-06-03",
		"44350.75": "2021-06-03",
		"44350.5":  "2021-06-03",
		"2958465":  "9999-12-31",
	} {
		d, err := ParseDateCell(serial)
		if err != nil || d.String() != want {
			t.Errorf("serial %s = %v, %v; want %s", serial, d, err, want)
		}
	}
	for _, bad := range []string{"60", "0", "2958466", "-1", "2021", "2021.6", "202106"} {
		if d, err := ParseDateCell(bad); err == nil {
			t.Errorf("serial %s accepted as %v", bad, d)
		}
	}
	if _, err := ParseDateCell("60"); err == nil || !strings.Contains(err.Error(), "1900年2月29日") {
		t.Errorf("serial 60: %v", err)
	}
	if _, err := ParseDateCell("2021"); err == nil || !strings.Contains(err.Error(), "不完整") {
		t.Errorf("a year alone: %v", err)
	}
}

func TestDatesAreReadInEverySpellingAClerkUses(t *testing.T) {
	for _, s := range []string{"2021-06-03", "2021/6/3", "2021年6月3日", "2021年06月03日", "2021年6月3", "2021.6.3",
		"20210603", " 2021-06-03 ", "２０２１－０６－０３", "２０２１年６月３日", "2021-06-03 00:00:00",
		"2021-06-03T00:00:00Z", "2021 / 6 / 3", "44350"} {
		d, err := ParseDateCell(s)
		if err != nil || d != zhaoshang.NewDate(2021, 6, 3) {
			t.Errorf("%q = %v, %v", s, d, err)
		}
	}
	for s, reason := range map[string]string{
		"2021-02-30": "日期不存在",
		"2021-13-01": "日期不存在",
		"2021-6/3":   "日期无法识别",
		"6/3/2021":   "日期无法识别",
		"21/6/3":     "日期无法识别",
		"明天":         "日期无法识别",
		"20211301":   "日期不存在",
		"2021年6月":    "日期无法识别",
	} {
		if _, err := ParseDateCell(s); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q: %v; want %s", s, err, reason)
		}
	}
	if d, err := ParseDateCell("  "); err != nil || !d.IsZero() {
		t.Errorf("blank: %v, %v", d, err)
	}
}

func TestMonthsAreReadAsMonthsDatesOrSerials(t *testing.T) {
	for _, s := range []string{"2021-06", "2021/6", "2021年6月", "2021年06月", "2021.6", "202106", "2021-06-03",
		"2021年6月30日", "44350", "44377.9", "２０２１－０６"} {
		m, err := ParseMonthCell(s)
		if err != nil || m != (zhaoshang.Month{Y: 2021, M: 6}) {
			t.Errorf("%q = %v, %v", s, m, err)
		}
	}
	for _, s := range []string{"2021-13", "2021", "六月", "2021-6-31", "202113", "60"} {
		if m, err := ParseMonthCell(s); err == nil {
			t.Errorf("%q accepted as %v", s, m)
		}
	}
}

func TestAmountsAreReadExactlyInWanToTheYuan(t *testing.T) {
	for s, want := range map[string]zhaoshang.Money{
		"1,234.5678":          12345678,
		"１２３":                 1230000,
		"１，２３４．５":             12345000,
		"0.30000000000000004": 3000,
		"1234.56780000001":    12345678,
		"1234.5677999999999":  12345678,
		"1E-4":                1,
		"1.5E3":               15000000,
		"1.5e+3":              15000000,
		"2.5E-1":              2500,
		"1.50000":             15000,
		"12 345.6":            123456000,
		"1234万元":              12340000,
		"-5":                  -50000,
		"+5":                  50000,
		".5":                  5000,
		"0":                   0,
		"":                    0,
		"999999999999.9999":   9999999999999999,
	} {
		m, err := ParseAmountCell(s)
		if err != nil || m != want {
			t.Errorf("%q = %d, %v; want %d", s, m, err, want)
		}
	}
	for s, reason := range map[string]string{
		"1.23456":               "最多保留4位小数",
		"0.00001":               "最多保留4位小数",
		"1234.5678001":          "最多保留4位小数",
		"123456789.12345":       "最多保留4位小数",
		"1234.56781":            "最多保留4位小数",
		"1E-5":                  "最多保留4位小数",
		"12,34":                 "千分位",
		"1,234,5":               "千分位",
		"abc":                   "金额无法识别",
		"1.2.3":                 "金额无法识别",
		"--5":                   "金额无法识别",
		"1E400":                 "金额过大",
		"1000000000000":         "金额过大",
		"0x10":                  "金额无法识别",
		"NaN":                   "金额无法识别",
		"Inf":                   "金额无法识别",
		"1/2":                   "金额无法识别",
		"5元":                    "金额无法识别",
		strings.Repeat("9", 50): "金额过大",
	} {
		if m, err := ParseAmountCell(s); err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%q = %d, %v; want %s", s, m, err, reason)
		}
	}
}

func TestYesNoAreReadAsExcelAndClerksWriteThem(t *testing.T) {
	for s, want := range map[string]bool{"是": true, "否": false, "Y": true, "n": false, "1": true, "0": false,
		"TRUE": true, "false": false, "ｙ": true, " 是 ": true} {
		v, err := ParseYesNo(s)
		if err != nil || v != want {
			t.Errorf("%q = %v, %v", s, v, err)
		}
	}
	for _, s := range []string{"对", "2", "是否", "√"} {
		if _, err := ParseYesNo(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestAreasSourcesAndCountiesAcceptOnlyTheirValues(t *testing.T) {
	for s, want := range map[string]zhaoshang.Area{"新型工业化": zhaoshang.AreaIndustry, "工业化": zhaoshang.AreaIndustry,
		"城镇化": zhaoshang.AreaUrbanism, "农业": zhaoshang.AreaAgriculture, "旅游": zhaoshang.AreaTourism,
		"其他": zhaoshang.AreaOther, "其它": zhaoshang.AreaOther, " 农业现代化 ": zhaoshang.AreaAgriculture} {
		if a, err := ParseArea(s); err != nil || a != want {
			t.Errorf("%q = %v, %v", s, a, err)
		}
	}
	for _, s := range []string{"工业", "新型工业", "旅游业", "农"} {
		if _, err := ParseArea(s); err == nil {
			t.Errorf("area %q accepted", s)
		}
	}
	for _, s := range zhaoshang.FundSources() {
		if v, err := ParseSource(" " + string(s)); err != nil || v != s {
			t.Errorf("%q = %v, %v", s, v, err)
		}
	}
	if _, err := ParseSource("省外"); err == nil {
		t.Error("source 省外 accepted")
	}
	tree := testTree()
	for _, s := range []string{"凯里市", "522601", " 凯里市 ", "５２２６０１"} {
		if u, err := FindCounty(tree, s); err != nil || u.Name != "凯里市" {
			t.Errorf("%q = %v, %v", s, u, err)
		}
	}
	for _, s := range []string{"黔东南州", "522600", "州投资促进局", "凯里", "北京市"} {
		_, err := FindCounty(tree, s)
		if err == nil || err.Error() != "县市“"+s+"”不存在（可填写县市名称或6位行政区划代码）" {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func FuzzParseDateCell(f *testing.F) {
	for _, s := range []string{"2021-06-03", "2021/6/3", "2021年6月3日", "2021.6.3", "20210603", "44350.75", "60",
		"２０２１－０６－０３", "2021-06-03T00:00:00Z", "2021", "202106", "9999999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDateCell(s)
		if err != nil {
			if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !d.IsZero() {
				t.Fatalf("%q: %v, %v", s, d, err)
			}
			return
		}
		if d.IsZero() {
			if strings.TrimSpace(zhaoshang.FoldWidth(s)) != "" {
				t.Fatalf("%q read as no date", s)
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("%q read as the invalid %v", s, d)
		}
		if again, err := ParseDateCell(d.String()); err != nil || again != d {
			t.Fatalf("%q → %v → %v, %v", s, d, again, err)
		}
		if m, err := ParseMonthCell(s); err != nil || m != d.Month() {
			t.Fatalf("%q: date %v, month %v, %v", s, d, m, err)
		}
	})
}

func FuzzParseMonthCell(f *testing.F) {
	for _, s := range []string{"2021-06", "2021/6", "2021年6月", "2021.6", "202106", "44350", "2021-06-03", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMonthCell(s)
		if err != nil || m.IsZero() {
			return
		}
		if !m.Valid() {
			t.Fatalf("%q read as the invalid %v", s, m)
		}
		if again, err := ParseMonthCell(m.String()); err != nil || again != m {
			t.Fatalf("%q → %v → %v, %v", s, m, again, err)
		}
	})
}

func FuzzParseAmountCell(f *testing.F) {
	for _, s := range []string{"1,234.5678", "１２３", "0.30000000000000004", "1.23456", "1E-4", "1.5E3",
		"1234.56780000001", "-5", "999999999999.9999", "1e17", "12,34", ".5", "+.5e1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseAmountCell(s)
		if err != nil {
			if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || m != 0 {
				t.Fatalf("%q: %d, %v", s, m, err)
			}
			return
		}
		if m >= maxAmount || m <= -maxAmount {
			t.Fatalf("%q read as %d", s, m)
		}
		w := m.WanString()
		if again, err := ParseAmountCell(w); err != nil || again != m {
			t.Fatalf("%q → %d → %q → %d, %v", s, m, w, again, err)
		}
		if again, ok := zhaoshang.ParseWan(w); !ok || again != m {
			t.Fatalf("%q → %d → %q: ParseWan gives %d, %v", s, m, w, again, ok)
		}
	})
}
