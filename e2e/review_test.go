package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A county clerk submits her January on the 月度审核 page; the bureau ticks
// it in the grid and approves it; only then does the project count in the
// official dispatch view, while the county's preview showed it before,
// marked as such.
func TestACountySubmitsTheBureauApprovesAndTheFigureBecomesOfficial(t *testing.T) {
	a := startApp(t)
	makeUser(t, a, "kaili01", "凯里填报员", "522601", "county_clerk", "Hq4#Wz7p-clerk")
	makeUser(t, a, "bureau01", "州局统计员", "522600-BM01", "bureau_admin", "Rv6$Nt2k-stats")
	csv := filepath.Join(t.TempDir(), "projects.csv")
	os.WriteFile(csv, []byte("项目编号,项目名称,县市,投资方,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期\n"+
		"KL-2021-001,凯里铝加工项目,凯里市,贵州黔铝新材料有限公司,新型工业化,是,是,52000,2021-01-15\n"), 0o644)
	if out, err := exec.Command(binary, "import", "projects", csv, "--db", a.DB).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	const county = `#dispatch-total`
	official := func(b *browser, preview string) string {
		b.do(t, chromedp.Navigate(a.URL+"/reports/dispatch?through=2021-01"+preview), chromedp.WaitVisible(chromedp.CSS(county)))
		return eval[string](t, b, `document.querySelector("#dispatch-total td:nth-child(2)").textContent.trim()`)
	}

	clerk := newBrowser(t)
	clerk.signInAs(t, a, "kaili01", "Hq4#Wz7p-clerk", "Nw5#Pk8r-clerk")
	if got := official(clerk, ""); got != "0" {
		t.Errorf("before review the county's official figure is %s", got)
	}
	if got := official(clerk, "&preview=1"); got != "1" || !strings.Contains(clerk.text(t, "#preview-banner"), "不是正式统计数据") {
		t.Errorf("the county's preview shows %s", got)
	}
	clerk.do(t,
		chromedp.Navigate(a.URL+"/review?year=2021"),
		chromedp.WaitVisible(chromedp.CSS("#review-grid")),
		chromedp.Click(chromedp.CSS(`#review-grid td[data-month="1"] input[name=cell]`)),
		chromedp.Click(chromedp.CSS("#do-submit")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
	)
	if got := clerk.text(t, `#review-grid td[data-month="1"] .badge`); got != "已提交" {
		t.Errorf("January after submitting: %q", got)
	}

	bureau := newBrowser(t)
	bureau.signInAs(t, a, "bureau01", "Rv6$Nt2k-stats", "Nw5#Pk8r-stats")
	bureau.do(t,
		chromedp.Navigate(a.URL+"/review?year=2021"),
		chromedp.WaitVisible(chromedp.CSS("#review-grid")),
	)
	if got := bureau.text(t, "#count-waiting"); got != "1" {
		t.Errorf("waiting for approval: %s", got)
	}
	bureau.do(t,
		chromedp.Click(chromedp.CSS(`#review-grid tr[data-unit] td[data-status="submitted"] input[name=cell]`)),
		chromedp.Click(chromedp.CSS("#do-approve")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
	)
	if got := bureau.text(t, `#review-grid td[data-status="approved"] .badge`); got != "已审核" {
		t.Errorf("after approval: %q", got)
	}
	if got := official(bureau, ""); got != "1" {
		t.Errorf("after approval the prefecture's official figure is %s", got)
	}
	clerk.noConsoleErrors(t)
	bureau.noConsoleErrors(t)
}
