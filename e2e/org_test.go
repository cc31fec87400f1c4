package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestLoginForcedPasswordChangeOrganisationPageAndLogout(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.signInAsAdmin(t, a)
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
	b.do(t,
		chromedp.Click(chromedp.CSS("#user-menu")),
		chromedp.WaitVisible(chromedp.CSS("#logout")),
		chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.CSS("#form-login")),
	)
	if msg := b.text(t, ".zs-flash"); !strings.Contains(msg, "退出") {
		t.Errorf("after logout: %q", msg)
	}
	// the old session is gone: the organisation page asks for a login again
	b.do(t, chromedp.Navigate(a.URL+"/org"), chromedp.WaitVisible(chromedp.CSS("#form-login")))
	b.noConsoleErrors(t)
}

func TestAClerkAddsAUnitAndIsToldWhenACodeIsTaken(t *testing.T) {
	a := startApp(t)
	b := newBrowser(t)
	b.signInAsAdmin(t, a)
	// the system administrator keeps accounts, not the tree: a bureau
	// administrator maintains it (made here on the console)
	makeUser(t, a, "bureau01", "州局管理员", "522600-BM01", "bureau_admin", "Rv6$Nt2k-stats")
	b.do(t,
		chromedp.Click(chromedp.CSS("#user-menu")),
		chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.CSS("#form-login")),
		chromedp.SendKeys(chromedp.CSS("#username"), "bureau01"),
		chromedp.SendKeys(chromedp.CSS("#password"), "Rv6$Nt2k-stats"),
		chromedp.Click(chromedp.CSS("#form-login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#must-change")),
		chromedp.SendKeys(chromedp.CSS("#old"), "Rv6$Nt2k-stats"),
		chromedp.SendKeys(chromedp.CSS("#new"), "Nw5#Pk8r-stats"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "Nw5#Pk8r-stats"),
		chromedp.Click(chromedp.CSS("#form-password button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
		chromedp.Navigate(a.URL+"/org"),
		chromedp.WaitVisible(chromedp.CSS("#org-tree")),
		chromedp.Click(chromedp.CSS(`#org-tree [data-code="522601"]`)),
		// wait for the page of 凯里市 itself: the root's page has a #form-create too
		chromedp.WaitVisible(chromedp.CSS(`#org-tree a.active[data-code="522601"]`)),
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
	if got := b.text(t, "#unit-detail"); !strings.Contains(got, "黔东南州 / 凯里市 / 凯里经济开发区") {
		t.Errorf("detail = %q", got)
	}
	b.noConsoleErrors(t)
}
