package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// signInAs logs in through the login page as an account made on the
// console and goes through the forced change of its initial password; it
// ends on the first page the account may use, showing 密码已修改.
func (b *browser) signInAs(t *testing.T, a *app, username, initial, changed string) {
	t.Helper()
	b.do(t,
		chromedp.Navigate(a.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#form-login")),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), initial),
		chromedp.Click(chromedp.CSS("#form-login button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#must-change")),
		chromedp.SendKeys(chromedp.CSS("#old"), initial),
		chromedp.SendKeys(chromedp.CSS("#new"), changed),
		chromedp.SendKeys(chromedp.CSS("#confirm"), changed),
		chromedp.Click(chromedp.CSS("#form-password button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
	)
}

// A county clerk imports a small project ledger (preview, then confirm),
// finds one of its projects by the pinyin initials of its name, and
// records a receipt on the project's page.
func TestImportPreviewConfirmFindByPinyinAndRecordAReceipt(t *testing.T) {
	a := startApp(t)
	makeUser(t, a, "kaili01", "凯里填报员", "522601", "county_clerk", "Hq4#Wz7p-clerk")
	csv := filepath.Join(t.TempDir(), "凯里项目台账.csv")
	ledger := "项目编号,项目名称,县市,投资方,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期\n" +
		"KL-2021-001,凯里铝加工项目,凯里市,贵州黔铝新材料有限公司,新型工业化,是,是,52000,2021-03-15\n" +
		"KL-2021-002,凯里文旅小镇项目,522601,凯里文旅投资有限公司,旅游产业化,否,否,12000,2021-04-02\n"
	if err := os.WriteFile(csv, []byte(ledger), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t)
	b.signInAs(t, a, "kaili01", "Hq4#Wz7p-clerk", "Nw5#Pk8r-clerk")

	// upload: the preview says what would happen, nothing is written yet
	b.do(t,
		chromedp.Navigate(a.URL+"/import"),
		chromedp.WaitVisible(chromedp.CSS("#form-projects")),
		chromedp.SetUploadFiles(chromedp.CSS("#file-projects"), []string{csv}),
		chromedp.Click(chromedp.CSS("#form-projects button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#import-preview")),
	)
	if got := b.text(t, "#count-created"); got != "2" {
		t.Errorf("preview: %s to add, want 2", got)
	}
	if got := b.text(t, "#count-updated") + "/" + b.text(t, "#count-unchanged"); got != "0/0" {
		t.Errorf("preview: updated/unchanged %s, want 0/0", got)
	}
	if got := b.text(t, "#preview-file"); got != "凯里项目台账.csv" {
		t.Errorf("preview names the file %q", got)
	}
	if sha := b.text(t, "#preview-sha"); len(strings.TrimSpace(sha)) != 64 {
		t.Errorf("preview SHA-256 %q", sha)
	}

	// confirm: on to the project list with the counts
	b.do(t,
		chromedp.Click(chromedp.CSS("#confirm-import")),
		chromedp.WaitVisible(chromedp.CSS("#form-filter")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
	)
	if msg := b.text(t, ".zs-flash"); !strings.Contains(msg, "已导入项目台账：新增2个，更新0个，未变0个") {
		t.Errorf("after the import: %q", msg)
	}
	if loc := eval[string](t, b, `location.pathname`); loc != "/projects" {
		t.Errorf("after the import the browser is at %s", loc)
	}

	// the pinyin initials of 凯里铝加工项目 find it, and only it
	b.do(t,
		chromedp.WaitVisible(chromedp.CSS(`#projects tr[data-code="KL-2021-002"]`)),
		chromedp.SendKeys(chromedp.CSS(`#form-filter input[name=q]`), "klljg"),
		chromedp.Click(chromedp.CSS(`#form-filter button[type=submit]`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#projects tr[data-code="KL-2021-002"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#projects tr[data-code="KL-2021-001"]`)),
	)
	if n := eval[int](t, b, `document.querySelectorAll('#projects tbody tr[data-code]').length`); n != 1 {
		t.Errorf("the search for klljg lists %d projects, want 1", n)
	}

	// open it and record a receipt
	b.do(t,
		chromedp.Click(chromedp.CSS(`#projects tr[data-code="KL-2021-001"] a`)),
		chromedp.WaitVisible(chromedp.CSS("#form-receipt")),
	)
	if info := b.text(t, "#project-info"); !strings.Contains(info, "KL-2021-001") || !strings.Contains(info, "52,000") {
		t.Errorf("project page: %q", info)
	}
	b.do(t,
		chromedp.SetValue(chromedp.CSS("#r-month"), "2021-06"),
		chromedp.SendKeys(chromedp.CSS("#r-amount"), "8000"),
		chromedp.SetValue(chromedp.CSS("#r-source"), "省外境内"),
		chromedp.SendKeys(chromedp.CSS("#r-evidence"), "HD-202106-01"),
		chromedp.Click(chromedp.CSS("#form-receipt button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".zs-flash")),
		chromedp.WaitVisible(chromedp.CSS("#receipt-table tr[data-receipt]")),
	)
	table := b.text(t, "#receipt-table")
	for _, want := range []string{"2021-06", "8,000.00", "省外境内", "HD-202106-01"} {
		if !strings.Contains(table, want) {
			t.Errorf("the receipts table lacks %s: %q", want, table)
		}
	}
	b.noConsoleErrors(t)
}
