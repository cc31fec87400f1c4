package report_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
)

type measures map[zhaoshang.Period]map[int64]zhaoshang.Measures

func (m measures) Measures(_ context.Context, ids []int64, p zhaoshang.Period) (map[int64]zhaoshang.Measures, error) {
	out := map[int64]zhaoshang.Measures{}
	for _, id := range ids {
		out[id] = m[p][id]
	}
	return out, nil
}

type targets []*zhaoshang.Target

func (t targets) Targets(context.Context, int) ([]*zhaoshang.Target, error) { return t, nil }

// sixteen is a prefecture of 16 counties whose figures add up to the
// seed's half year: 289 projects (target 450), 355.7亿 contract investment.
func sixteen(t *testing.T) *indicator.Report {
	t.Helper()
	units := []*zhaoshang.OrgUnit{{ID: 1, Code: "522600", Name: "黔东南州", Kind: zhaoshang.OrgPrefecture, Active: true}}
	p := indicator.YTD(zhaoshang.Month{Y: 2021, M: 6})
	cur, prev := map[int64]zhaoshang.Measures{}, map[int64]zhaoshang.Measures{}
	sum, sumPrev := zhaoshang.Measures{}, zhaoshang.Measures{}
	for i := range 16 {
		id := int64(i + 2)
		units = append(units, &zhaoshang.OrgUnit{ID: id, Code: fmt.Sprintf("5226%02d", i+1), Name: fmt.Sprintf("县%02d", i+1), Kind: zhaoshang.OrgCounty, ParentID: 1, Active: true})
		n := int64(10 + i)
		if i == 15 {
			n = 289 - sum[zhaoshang.MNewKeyProjects]
		}
		m := zhaoshang.Measures{zhaoshang.MNewKeyProjects: n, zhaoshang.MContractInvestment: int64(zhaoshang.Money(n) * 3557 * zhaoshang.Yi / 2890),
			zhaoshang.MKeyFunds: int64(zhaoshang.Money(i+1) * zhaoshang.Yi), zhaoshang.MIndustrialFunds: int64(zhaoshang.Money(i+1) * zhaoshang.Yi / 2), zhaoshang.MStartedProjects: n - 1, zhaoshang.MNewStrongEnterprises: int64(i % 5)}
		pm := zhaoshang.Measures{zhaoshang.MNewKeyProjects: n - 1, zhaoshang.MContractInvestment: m[zhaoshang.MContractInvestment] - int64(zhaoshang.Yi), zhaoshang.MStartedProjects: n - 3}
		cur[id], prev[id] = m, pm
		sum[zhaoshang.MNewKeyProjects] += m[zhaoshang.MNewKeyProjects]
		sum[zhaoshang.MContractInvestment] += m[zhaoshang.MContractInvestment]
		sum[zhaoshang.MKeyFunds] += m[zhaoshang.MKeyFunds]
		sum[zhaoshang.MIndustrialFunds] += m[zhaoshang.MIndustrialFunds]
		sum[zhaoshang.MStartedProjects] += m[zhaoshang.MStartedProjects]
		sum[zhaoshang.MNewStrongEnterprises] += m[zhaoshang.MNewStrongEnterprises]
		sumPrev[zhaoshang.MNewKeyProjects] += pm[zhaoshang.MNewKeyProjects]
		sumPrev[zhaoshang.MContractInvestment] += pm[zhaoshang.MContractInvestment]
		sumPrev[zhaoshang.MStartedProjects] += pm[zhaoshang.MStartedProjects]
	}
	cur[1], prev[1] = sum, sumPrev
	ts := targets{{OrgUnitID: 1, Indicator: "new_key_projects", Value: 450}, {OrgUnitID: 2, Indicator: "new_key_projects", Value: 30}}
	r, err := indicator.Build(context.Background(), measures{p: cur, p.PreviousYear(): prev}, ts, zhaoshang.NewOrgTree(units), 1, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTheDispatchWorkbookIsAnOfficialA4LandscapeTable(t *testing.T) {
	r := sixteen(t)
	data, err := report.DispatchWorkbook(r)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if got, _ := f.GetCellValue(sheet, "A1"); got != "黔东南州2021年1—6月招商引资主要指标调度表" {
		t.Errorf("title %q", got)
	}
	if got, _ := f.GetCellValue(sheet, "A2"); got != "单位：个、家、亿元、%" {
		t.Errorf("unit line %q", got)
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, m := range merged {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	cols, _ := f.GetCols(sheet)
	last, _ := excelize.ColumnNumberToName(len(cols))
	for _, want := range []string{"A1:" + last + "1", "A2:" + last + "2", "A3:A4", "B3:F3"} {
		if !slices.Contains(ranges, want) {
			t.Errorf("no merged range %s in %v", want, ranges)
		}
	}
	for cell, want := range map[string]string{"B3": "新引进重点产业项目个数", "B4": "本期", "C4": "目标", "D4": "完成率(%)", "E4": "同比(%)", "F4": "排名"} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s is %q, want %q", cell, got, want)
		}
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v", pl)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+1+16 {
		t.Fatalf("%d rows, want title, unit line, 2 header rows, totals and 16 counties", len(rows))
	}
	total := rows[4]
	if total[0] != "全州合计" {
		t.Errorf("totals row %q", total[0])
	}
	// the totals row holds the prefecture's figures as the report shows them
	col := 1
	for i := range indicator.Definitions {
		row := &r.Rows[i]
		if got, want := total[col], indicator.Figure(row.Def, row.ExactValue()); got != want {
			t.Errorf("%s total %q, want %q", row.Def.Code, got, want)
		}
		if row.Def.Targetable() {
			col += 5
		} else {
			col += 3
		}
	}
	if total[1] != "289" || total[2] != "450" || total[3] != "64.2" || total[6] != "355.70" {
		t.Errorf("totals %q", total[1:8])
	}
	for i, c := range r.Counties {
		line := rows[5+i]
		if line[0] != c.Unit.Name {
			t.Errorf("row %d is %q, want %s", 6+i, line[0], c.Unit.Name)
		}
		if line[5] != fmt.Sprint(*c.Rows[0].Rank) {
			t.Errorf("%s rank %q, want %d", c.Unit.Name, line[5], *c.Rows[0].Rank)
		}
	}
	if rows[5][2] != "30" || rows[6][2] != "—" {
		t.Errorf("targets of the counties: %q %q", rows[5][2], rows[6][2])
	}
	if names := f.GetDefinedName(); len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("print titles %+v", names)
	}
}
