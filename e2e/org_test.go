package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestOrganisationPageShowsTheSixteenCountiesWithoutConsoleErrors(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(a.URL+"/org"), chromedp.WaitVisible(chromedp.CSS("#org-tree")))
	n := eval[int](t, b, `document.querySelectorAll('#org-tree [data-kind="county"]').length`)
	if n != 16 {
		t.Errorf("the tree shows %d counties, want 16", n)
	}
	tree := b.text(t, "#org-tree")
	for _, name := range []string{"黔东南州", "凯里市", "丹寨县", "州投资促进局", "驻点招商专班"} {
		if !strings.Contains(tree, name) {
			t.Errorf("tree lacks %s", name)
		}
	}
	b.noConsoleErrors(t)
}

func TestAClerkAddsAUnitAndIsToldWhenACodeIsTaken(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.do(t,
		chromedp.Navigate(a.URL+"/org"),
		chromedp.Click(chromedp.CSS(`#org-tree [data-code="522601"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#form-create`)),
		chromedp.SendKeys(chromedp.CSS(`#c-code`), "522601"),
		chromedp.SendKeys(chromedp.CSS(`#c-name`), "凯里经济开发区"),
		chromedp.Click(chromedp.CSS(`#form-create button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#form-create .alert-danger`)),
	)
	if msg := b.text(t, "#form-create .alert-danger"); !strings.Contains(msg, "已被其他单位使用") {
		t.Fatalf("message = %q", msg)
	}
	b.do(t,
		chromedp.SetValue(chromedp.CSS(`#c-code`), "522601-KF"),
		chromedp.Click(chromedp.CSS(`#form-create button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.zs-flash`)),
	)
	if got := b.text(t, "#unit-detail"); !strings.Contains(got, "凯里经济开发区") || !strings.Contains(got, "黔东南州 / 凯里市 / 凯里经济开发区") {
		t.Errorf("detail = %q", got)
	}
	b.noConsoleErrors(t)
}
