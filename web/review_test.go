package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
)

var cellRE = regexp.MustCompile(`name="cell" value="(\d+):(\d{4}-\d{2}):(\d+)"`)

// cellValue is the checkbox value of a county's month on the review page.
func cellValue(t *testing.T, body string, unit int64, month string) string {
	t.Helper()
	for _, m := range cellRE.FindAllStringSubmatch(body, -1) {
		if m[1] == itoa(unit) && m[2] == month {
			return m[1] + ":" + m[2] + ":" + m[3]
		}
	}
	t.Fatalf("no cell for %d %s", unit, month)
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestACountySubmitsItsMonthTheBureauApprovesItAndTheDispatchCountsIt(t *testing.T) {
	a := newApp(t, "sqlite")
	kaili := a.Tree.ByCode("522601")
	projects := sqldb.NewProjectService(a.DB)
	clerk, bureau := a.as(t, "t_kaili"), a.as(t, "t_bureau")
	in := zhaoshang.ProjectInput{Code: "KL-1", Name: "凯里测试项目", OrgUnitID: kaili.ID, Investor: "甲集团有限公司", Area: zhaoshang.AreaIndustry,
		Key: true, Industrial: true, ContractInvestment: 5000 * zhaoshang.Wan, SignedOn: zhaoshang.NewDate(2021, 1, 10)}
	if _, err := projects.CreateProject(sys(), in); err != nil {
		t.Fatal(err)
	}
	count := func(c *http.Client, preview string) string {
		_, body := do(t, c, "GET", a.URL+"/reports/dispatch?through=2021-01&unit="+itoa(kaili.ID)+preview, nil)
		m := totalRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no totals row")
		}
		return regexp.MustCompile(`<td class="num">([^<]*)</td>`).FindStringSubmatch(m[1])[1]
	}
	if n := count(clerk, ""); n != "0" {
		t.Errorf("an unreviewed month counts officially: %s", n)
	}
	_, body := do(t, clerk, "GET", a.URL+"/reports/dispatch?through=2021-01&unit="+itoa(kaili.ID)+"&preview=1", nil)
	if !strings.Contains(body, `id="preview-banner"`) || count(clerk, "&preview=1") != "1" {
		t.Error("the county's preview does not show its unapproved project, marked as such")
	}

	resp, body := do(t, clerk, "GET", a.URL+"/review?year=2021", nil)
	if resp.StatusCode != 200 || strings.Contains(body, `id="do-approve"`) || !strings.Contains(body, `id="do-submit"`) || strings.Contains(body, "黄平县") {
		t.Fatalf("the clerk's review page: %d", resp.StatusCode)
	}
	jan := cellValue(t, body, kaili.ID, "2021-01")
	// approving is the bureau's
	if resp, _ := do(t, clerk, "POST", a.URL+"/review", url.Values{"year": {"2021"}, "action": {"approve"}, "cell": {jan}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the clerk approves: %d", resp.StatusCode)
	}
	resp, _ = do(t, clerk, "POST", a.URL+"/review", url.Values{"year": {"2021"}, "action": {"submit"}, "cell": {jan}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	_, body = do(t, bureau, "GET", a.URL+"/review?year=2021", nil)
	if !strings.Contains(body, `id="count-waiting">1<`) || !strings.Contains(body, `id="do-approve"`) {
		t.Error("the bureau does not see one month waiting")
	}
	jan = cellValue(t, body, kaili.ID, "2021-01")
	// returning without a reason is refused and shown
	resp, body = do(t, bureau, "POST", a.URL+"/review", url.Values{"year": {"2021"}, "action": {"return"}, "cell": {jan}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写退回的原因") {
		t.Errorf("a return without a reason: %d", resp.StatusCode)
	}
	resp, _ = do(t, bureau, "POST", a.URL+"/review", url.Values{"year": {"2021"}, "action": {"approve"}, "cell": {jan}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if n := count(clerk, ""); n != "1" {
		t.Errorf("an approved month does not count: %s", n)
	}
	// the approved month is locked for the county: the grid says so before anyone types
	_, grid := do(t, clerk, "GET", a.URL+"/funds/grid?county="+itoa(kaili.ID)+"&month=2021-01", nil)
	if !strings.Contains(grid, `id="grid-locked"`) || !strings.Contains(grid, "凯里市2021年1月的数据已审核") || !strings.Contains(grid, `<fieldset class="border-0 p-0 m-0" disabled>`) {
		t.Error("the monthly grid of an approved month does not say it is locked")
	}
	if _, grid := do(t, clerk, "GET", a.URL+"/funds/grid?county="+itoa(kaili.ID)+"&month=2021-02", nil); strings.Contains(grid, `id="grid-locked"`) || !strings.Contains(grid, "本月状态：填报中") {
		t.Error("February is shown locked or without its status")
	}
	p, _, _ := projects.Projects(sys(), zhaoshang.ProjectFilter{Query: "KL-1"})
	resp, body = do(t, clerk, "POST", a.URL+"/projects/"+itoa(p[0].ID)+"/receipts", url.Values{"month": {"2021-01"}, "amount": {"100"}, "source": {"省外境内"}, "evidence_no": {"PZ1"}})
	if resp.StatusCode == http.StatusSeeOther || !strings.Contains(body, "已锁定") {
		t.Errorf("a receipt in an approved month: %d", resp.StatusCode)
	}
}

func TestTheBureauSetsTheDeadlineAndACountyClerkCannot(t *testing.T) {
	a := newApp(t, "sqlite")
	if resp, _ := do(t, a.as(t, "t_kaili"), "POST", a.URL+"/review/settings", url.Values{"deadline_day": {"8"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the clerk: %d", resp.StatusCode)
	}
	bureau := a.as(t, "t_bureau")
	if resp, body := do(t, bureau, "POST", a.URL+"/review/settings", url.Values{"deadline_day": {"30"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "1日至28日") {
		t.Errorf("the 30th: %d", resp.StatusCode)
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/review/settings", url.Values{"deadline_day": {"8"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the 8th: %d", resp.StatusCode)
	}
	if _, body := do(t, bureau, "GET", a.URL+"/review", nil); !strings.Contains(body, "各月数据于次月8日前报送") {
		t.Error("the page does not show the new deadline")
	}
}

func TestOverdueMonthsAreWrittenAsRuns(t *testing.T) {
	a := newApp(t, "sqlite")
	_, body := do(t, a.as(t, "t_bureau"), "GET", a.URL+"/review?year=2020", nil)
	// 2020 has long ended and nothing was submitted: every county is twelve months late
	if !strings.Contains(body, "<td>凯里市</td><td>2020年1—12月</td><td class=\"num\">12</td><td>2020-02-05</td>") || !strings.Contains(body, `id="count-overdue">192<`) {
		t.Error("the overdue list does not give each county one line of runs")
	}
}
