package ledger

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zhaoshang"
)

func TestTheDefaultTreeIsQiandongnanWithSixteenCounties(t *testing.T) {
	rows := DefaultOrgRows()
	counties := 0
	for _, r := range rows {
		if r.Kind == zhaoshang.OrgCounty {
			counties++
			if r.ParentCode != "522600" || len(r.Code) != 6 {
				t.Errorf("county %+v", r)
			}
		}
	}
	if counties != 16 || rows[0].Code != "522600" || rows[0].Name != "黔东南州" {
		t.Errorf("%d counties, root %+v", counties, rows[0])
	}
}

func TestAnOrgFileSavedByChineseExcelInGBKIsRead(t *testing.T) {
	text := "编码,名称,上级编码,类型\r\n520100,贵阳市,,州/市\r\n520102,南明区,520100,县/市\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ParseOrgCSV([]byte(gbk))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1].Name != "南明区" || rows[1].Kind != zhaoshang.OrgCounty {
		t.Errorf("%+v", rows)
	}
}

func TestAnOrgFileWithACycleOrTwoRootsIsRefusedWhole(t *testing.T) {
	_, err := ParseOrgCSV([]byte("code,name,parent_code,kind\nA,甲,,prefecture\nB,乙,C,county\nC,丙,B,county\nD,丁,,prefecture\n"))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"第3行", "第4行", "上下级关系构成循环", "第5行", "只能有一个根单位"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

func TestAnOrgFileWithAnUnknownColumnNamesIt(t *testing.T) {
	_, err := ParseOrgCSV([]byte("code,name,parent_code,kind,电话\nA,甲,,prefecture,1\n"))
	if err == nil || !strings.Contains(err.Error(), "【电话】") || !strings.Contains(err.Error(), "无法识别的列名") {
		t.Errorf("%v", err)
	}
}

func FuzzParseOrgCSV(f *testing.F) {
	f.Add([]byte("code,name,parent_code,kind\nA,甲,,prefecture\nB,乙,A,county\n"))
	f.Add([]byte("编码,名称,上级编码,类型\n1,x,,州\n"))
	f.Add([]byte{0xEF, 0xBB, 0xBF, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := ParseOrgCSV(b)
		if err == nil && len(zhaoshang.ValidateOrgRows(rows)) > 0 {
			t.Fatalf("accepted rows that do not validate: %+v", rows)
		}
	})
}
