package e2e

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The bureau opens 月调度 for 1—6月 2021 over the demo data: the
// prefecture's totals on top, the 16 counties ranked below, and the
// overview of every indicator beside them.
func TestTheDispatchViewFor2021June(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	if out, err := exec.Command(binary, "demo", "--db", a.DB).CombinedOutput(); err != nil {
		t.Fatalf("zhaoshang demo: %v\n%s", err, out)
	}
	makeUser(t, a, "bureau01", "州局统计员", "522600-BM01", "bureau_admin", "Rv6$Nt2k-stats")
	b.signInAs(t, a, "bureau01", "Rv6$Nt2k-stats", "Nw5#Pk8r-stats")

	b.do(t,
		chromedp.Navigate(a.URL+"/reports/dispatch?through=2021-06"),
		chromedp.WaitVisible(chromedp.CSS("#dispatch-counties")),
	)
	if got := b.text(t, "#dispatch-title"); got != "黔东南州2021年1—6月招商引资主要指标调度表" {
		t.Errorf("title %q", got)
	}
	if got := b.text(t, "#dispatch-total"); !strings.Contains(got, "全州合计") || !strings.Contains(got, "289") || !strings.Contains(got, "64.2") {
		t.Errorf("totals row %q", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#dispatch-counties tr.county-row").length`); n != 16 {
		t.Errorf("%d county rows, want 16", n)
	}
	if head := eval[string](t, b, `[...document.querySelectorAll("#dispatch-counties thead th")].map(th => th.textContent.trim()).join("|")`); !strings.Contains(head, "排名") {
		t.Errorf("no rank column: %s", head)
	}
	if first := eval[string](t, b, `document.querySelector("#dispatch-counties tr.county-row td.rank").textContent.trim()`); first != "1" {
		t.Errorf("the first county is ranked %s", first)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#dispatch-overview tbody tr").length`); n != 12 {
		t.Errorf("%d indicators in the overview, want 12", n)
	}
	// the table fits a 1366-wide office screen without scrolling sideways
	if w := eval[bool](t, b, `(() => { const el = document.querySelector("#dispatch-counties").parentElement; return el.scrollWidth <= el.clientWidth + 1 })()`); !w {
		t.Error("the county table scrolls sideways at 1366 wide")
	}
	// choosing another indicator through the form
	b.do(t,
		chromedp.SetValue(chromedp.CSS("#f-indicator"), "contract_investment"),
		chromedp.Click(chromedp.CSS("#form-dispatch button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`#dispatch-overview tr.table-active[data-code="contract_investment"]`)),
	)
	if got := b.text(t, "#dispatch-total"); !strings.Contains(got, "355.70") {
		t.Errorf("contract investment total %q", got)
	}
	b.noConsoleErrors(t)
}
