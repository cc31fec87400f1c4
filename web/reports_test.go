package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhaoshang/demo"
	"zhaoshang/sqldb"
)

// withDemo is the test app with the demo data loaded.
func withDemo(t *testing.T) *testApp {
	t.Helper()
	a := newApp(t, "sqlite")
	svc := demo.Services{Org: a.Org, Projects: sqldb.NewProjectService(a.DB), Enterprises: sqldb.NewEnterpriseService(a.DB), Targets: sqldb.NewTargetService(a.DB), Reviews: sqldb.NewReviewService(a.DB)}
	if err := demo.Load(sys(), svc); err != nil {
		t.Fatal(err)
	}
	return a
}

var (
	countyRowRE = regexp.MustCompile(`<tr class="county-row[^"]*" data-unit="(\d+)" data-rank="(\d+)">\s*<td class="text-nowrap">([^<]+)`)
	totalRE     = regexp.MustCompile(`(?s)<tr class="fw-bold bg-blue-lt" id="dispatch-total">(.*?)</tr>`)
)

func TestTheDispatchShowsThePrefectureAndItsCountiesRanked(t *testing.T) {
	a := withDemo(t)
	bureau := a.as(t, "t_bureau")

	t.Run("bureau", func(t *testing.T) {
		resp, body := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-06", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d", resp.StatusCode)
		}
		if !strings.Contains(body, "黔东南州2021年1—6月招商引资主要指标调度表") {
			t.Error("no title")
		}
		total := totalRE.FindStringSubmatch(body)
		if total == nil {
			t.Fatal("no totals row")
		}
		for _, want := range []string{"全州合计", ">289<", ">450<", ">64.2<", ">50.0<", "9.9%<"} {
			if !strings.Contains(total[1], want) {
				t.Errorf("totals row lacks %s: %s", want, total[1])
			}
		}
		if !strings.Contains(body, `data-code="new_key_projects" class="table-active"`) {
			t.Error("new_key_projects is not the chosen indicator")
		}
		rows := countyRowRE.FindAllStringSubmatch(body, -1)
		if len(rows) != 16 {
			t.Fatalf("%d county rows, want 16", len(rows))
		}
		prev := 0
		for i, r := range rows {
			rank, _ := strconv.Atoi(r[2])
			if rank < 1 || rank > 16 || rank < prev || (i == 0 && rank != 1) {
				t.Errorf("rank %d after %d (%s)", rank, prev, r[3])
			}
			prev = rank
		}
		// the last distinct rank: 16 rows ranked 1..16 with ties sharing a rank
		if prev > 16 || prev < 2 {
			t.Errorf("last rank %d", prev)
		}
		// sorted by name instead, the same 16 counties
		_, byName := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-06&sort=name", nil)
		if n := len(countyRowRE.FindAllStringSubmatch(byName, -1)); n != 16 {
			t.Errorf("sorted by name: %d rows", n)
		}
		// another indicator: money in 亿元 with two decimals
		_, money := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-06&indicator=contract_investment", nil)
		if total := totalRE.FindStringSubmatch(money); total == nil || !strings.Contains(total[1], ">355.70<") {
			t.Errorf("contract investment total: %v", total)
		}
		if resp, _ := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-13", nil); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a bad month: %d", resp.StatusCode)
		}
		if _, en := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-06", nil, "Cookie", "lang=en"); !strings.Contains(en, "Rank") || !strings.Contains(en, "Monthly dispatch") {
			t.Error("the English page is not translated")
		}
		if resp, _ := do(t, bureau, "GET", a.URL+"/reports/dispatch", nil); resp.StatusCode != http.StatusOK {
			t.Errorf("the default month: %d", resp.StatusCode)
		}
	})

	t.Run("xlsx", func(t *testing.T) {
		resp, body := do(t, bureau, "GET", a.URL+"/reports/dispatch.xlsx?through=2021-06", nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheet := f.GetSheetList()[0]
		rows, _ := f.GetRows(sheet)
		if len(rows) != 21 || rows[0][0] != "黔东南州2021年1—6月招商引资主要指标调度表" || rows[4][0] != "全州合计" || rows[4][1] != "289" || rows[4][3] != "64.2" {
			t.Errorf("workbook: %d rows, %q", len(rows), rows[:min(len(rows), 5)])
		}
	})

	t.Run("county clerk", func(t *testing.T) {
		c := a.as(t, "t_kaili")
		resp, body := do(t, c, "GET", a.URL+"/reports/dispatch?through=2021-06", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%d", resp.StatusCode)
		}
		if !strings.Contains(body, "凯里市2021年1—6月") || strings.Contains(body, "黄平县") || strings.Contains(body, "全州合计") {
			t.Error("the clerk sees more than 凯里市")
		}
		if n := len(countyRowRE.FindAllStringSubmatch(body, -1)); n != 0 {
			t.Errorf("the clerk sees %d other counties", n)
		}
		other := a.Tree.ByCode("522622").ID
		for _, u := range []string{"/reports/dispatch", "/reports/dispatch.xlsx"} {
			if resp, _ := do(t, c, "GET", a.URL+u+fmt.Sprintf("?through=2021-06&unit=%d", other), nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s for 黄平县: %d", u, resp.StatusCode)
			}
		}
		own := a.Tree.ByCode("522601").ID
		if resp, _ := do(t, c, "GET", a.URL+fmt.Sprintf("/reports/dispatch?through=2021-06&unit=%d", own), nil); resp.StatusCode != http.StatusOK {
			t.Errorf("her own county: %d", resp.StatusCode)
		}
	})

	t.Run("leader and system administrator", func(t *testing.T) {
		resp, body := do(t, a.as(t, "t_leader"), "GET", a.URL+"/reports/dispatch?through=2021-06", nil)
		if resp.StatusCode != http.StatusOK || len(countyRowRE.FindAllStringSubmatch(body, -1)) != 16 {
			t.Errorf("leader: %d", resp.StatusCode)
		}
		sys := a.as(t, "t_sys")
		for _, u := range []string{"/reports/dispatch?through=2021-06", "/reports/dispatch.xlsx?through=2021-06"} {
			if resp, _ := do(t, sys, "GET", a.URL+u, nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("system administrator %s: %d", u, resp.StatusCode)
			}
		}
	})
}
