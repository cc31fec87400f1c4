package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
	"zhaoshang/sqldb"
)

// upload posts a file as the import form does and returns status and body.
func upload(t *testing.T, c *http.Client, u, filename string, data []byte, header ...string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", u, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

const projectHeader = "项目编号,项目名称,县市,投资方,四化领域,重点产业项目,工业项目,合同投资额(万元),签约日期\n"

// kailiProjects is a good ledger of two projects of 凯里市.
var kailiProjects = []byte(projectHeader +
	"KL-2021-001,凯里铝加工项目,凯里市,贵州黔铝新材料有限公司,新型工业化,是,是,\"52,000\",2021-03-15\n" +
	"KL-2021-002,凯里文旅小镇项目,522601,凯里文旅投资有限公司,旅游产业化,否,否,12000.5,2021/4/2\n")

func projectCount(t *testing.T, a *testApp) int {
	t.Helper()
	list, _, err := sqldb.NewProjectService(a.DB).Projects(sys(), zhaoshang.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

// importEntries are the audit entries of project ledger imports (the
// organisation loaded by newApp is an import too).
func importEntries(t *testing.T, a *testApp) []*zhaoshang.AuditEntry {
	t.Helper()
	list, _, err := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActImport, Entity: "project_ledger"})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

var confirmRE = regexp.MustCompile(`action="(/import/(?:projects|funds|targets)/\d+/confirm)"`)

// count reads one figure of the preview.
func count(t *testing.T, body, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + id + `">(\d+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the preview shows no %s", id)
	}
	return m[1]
}

func TestAnImportIsPreviewedThenConfirmedAndAuditedWithTheFileDigest(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	resp, body := upload(t, c, a.URL+"/import/projects", "凯里项目.csv", kailiProjects)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
	}
	sum := sha256.Sum256(kailiProjects)
	sha := hex.EncodeToString(sum[:])
	for id, want := range map[string]string{"preview-rows": "2", "count-created": "2", "count-updated": "0", "count-unchanged": "0"} {
		if got := count(t, body, id); got != want {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
	for _, want := range []string{"凯里项目.csv", sha, "确认导入", "凯里铝加工项目", "52,000"} {
		if !strings.Contains(body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if n := projectCount(t, a); n != 0 {
		t.Fatalf("the preview wrote %d projects", n)
	}
	if n := len(importEntries(t, a)); n != 0 {
		t.Fatalf("the preview wrote %d audit entries", n)
	}
	m := confirmRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the preview has no confirm form")
	}

	resp, _ = do(t, c, "POST", a.URL+m[1], url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/projects" {
		t.Fatalf("confirm: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var flash string
	for _, ck := range resp.Cookies() {
		if ck.Name == "flash" {
			flash, _ = url.QueryUnescape(ck.Value)
		}
	}
	if flash != "已导入项目台账：新增2个，更新0个，未变0个" {
		t.Errorf("flash = %q", flash)
	}
	if n := projectCount(t, a); n != 2 {
		t.Fatalf("after the confirmation: %d projects", n)
	}
	entries := importEntries(t, a)
	if len(entries) != 1 {
		t.Fatalf("%d import entries in the audit trail, want 1", len(entries))
	}
	if e := entries[0]; e.ActorName != "t_kaili" || e.EntityID != sha || !strings.Contains(string(e.After), sha) {
		t.Errorf("audit entry: %s %s %s", e.ActorName, e.EntityID, e.After)
	}

	// the same file again changes nothing, and says so
	_, body = upload(t, c, a.URL+"/import/projects", "凯里项目.csv", kailiProjects)
	if count(t, body, "count-unchanged") != "2" || count(t, body, "count-created") != "0" {
		t.Error("a second upload of the same file is not all unchanged")
	}

	// and the receipts of those projects import the same way
	funds := []byte("项目编号,到位月份,到位金额(万元),资金来源,凭证编号\n" +
		"KL-2021-001,2021-04,8000,省外境内,HD-0401\n" +
		"KL-2021-002,2021年5月,1500.25,省内,\n")
	resp, body = upload(t, c, a.URL+"/import/funds", "到位.csv", funds)
	if resp.StatusCode != http.StatusOK || count(t, body, "count-created") != "2" {
		t.Fatalf("funds upload: %d\n%s", resp.StatusCode, body)
	}
	m = confirmRE.FindStringSubmatch(body)
	resp, _ = do(t, c, "POST", a.URL+m[1], url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("funds confirm: %d", resp.StatusCode)
	}
	list, _, _ := sqldb.NewProjectService(a.DB).Projects(sys(), zhaoshang.ProjectFilter{Query: "KL-2021-001"})
	if len(list) != 1 {
		t.Fatalf("found %d projects KL-2021-001", len(list))
	}
	receipts, err := sqldb.NewProjectService(a.DB).Receipts(sys(), list[0].ID)
	if err != nil || len(receipts) != 1 || receipts[0].Amount != 8000*zhaoshang.Wan {
		t.Errorf("receipts: %v %v", receipts, err)
	}
}

func TestImportOfAFileWithWrongRowsListsEveryProblemAndWritesNothing(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	bad := []byte(projectHeader +
		"KL-1,凯里铝加工项目,凯里市,贵州黔铝新材料有限公司,新型工业化,是,是,52000,2021-03-15\n" +
		"KL-2,,凯里市,某公司,新型工业化,是,是,100,2021-03-15\n" +
		"KL-3,某项目,凯里市,某公司,新型工业化,是,是,100,2021-13-45\n" +
		"KL-4,某项目,不存在县,某公司,新型工业化,是,是,100,2021-03-15\n")
	resp, body := upload(t, c, a.URL+"/import/projects", "bad.csv", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(body, "文件中有3处错误") {
		t.Error("the page does not say how many problems")
	}
	rows := regexp.MustCompile(`<tr data-row="(\d+)">`).FindAllStringSubmatch(body, -1)
	var got []string
	for _, r := range rows {
		got = append(got, r[1])
	}
	if strings.Join(got, ",") != "3,4,5" {
		t.Errorf("problem rows %v, want 3,4,5", got)
	}
	for _, want := range []string{"项目名称", "签约日期", "2021-13-45", "不存在县", "行号", "列", "内容", "问题"} {
		if !strings.Contains(body, want) {
			t.Errorf("the problems lack %q", want)
		}
	}
	if strings.Contains(body, "确认导入") {
		t.Error("a refused file offers a confirmation")
	}
	if n := projectCount(t, a); n != 0 {
		t.Errorf("a refused file wrote %d projects", n)
	}
	if n := len(importEntries(t, a)); n != 0 {
		t.Errorf("a refused file wrote %d audit entries", n)
	}
	// htmx swaps the answer: it comes as 200, with the same content
	resp, body = upload(t, c, a.URL+"/import/projects", "bad.csv", bad, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="import-problems"`) {
		t.Errorf("htmx answer: %d", resp.StatusCode)
	}
}

func TestImportOfAFileThatIsNoLedgerGetsOneClearMessage(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	resp, body := upload(t, c, a.URL+"/import/projects", "photo.xlsx", png)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文件不是有效的 Excel(.xlsx) 或 CSV 文件") {
		t.Errorf("png: %d", resp.StatusCode)
	}
	if strings.Contains(body, `id="import-problems"`) {
		t.Error("a file that is no ledger gets a table of row problems")
	}
	resp, body = upload(t, c, a.URL+"/import/funds", "big.csv", bytes.Repeat([]byte("a"), 20<<20+10))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "文件过大（超过20MB）") {
		t.Errorf("too large: %d", resp.StatusCode)
	}
	resp, body = do(t, c, "POST", a.URL+"/import/projects", url.Values{})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请选择要上传的文件") {
		t.Errorf("no file: %d", resp.StatusCode)
	}
	if resp, _ := upload(t, c, a.URL+"/import/plans", "x.csv", kailiProjects); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown kind: %d", resp.StatusCode)
	}
	if n := projectCount(t, a); n != 0 {
		t.Errorf("%d projects written", n)
	}
}

func TestImportNobodyConfirmsAnotherUsersUpload(t *testing.T) {
	a := newApp(t, "sqlite")
	_, body := upload(t, a.as(t, "t_kaili"), a.URL+"/import/projects", "p.csv", kailiProjects)
	m := confirmRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no preview")
	}
	for _, user := range []string{"t_huangping", "t_bureau"} {
		resp, _ := do(t, a.as(t, user), "POST", a.URL+m[1], url.Values{})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s confirming t_kaili's upload: %d", user, resp.StatusCode)
		}
	}
	// the upload is a project ledger: not to be confirmed as funds
	c := a.as(t, "t_kaili")
	if resp, _ := do(t, c, "POST", a.URL+strings.Replace(m[1], "/projects/", "/funds/", 1), url.Values{}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("confirming as another kind: %d", resp.StatusCode)
	}
	if n := projectCount(t, a); n != 0 {
		t.Errorf("%d projects written", n)
	}
}

func TestACountyClerkCannotImportAnotherCountysProject(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	data := []byte(projectHeader +
		"KL-1,凯里铝加工项目,凯里市,贵州黔铝新材料有限公司,新型工业化,是,是,52000,2021-03-15\n" +
		"HP-1,黄平茶叶加工项目,黄平县,黄平茶业有限公司,农业现代化,否,否,3000,2021-05-06\n")
	resp, body := upload(t, c, a.URL+"/import/projects", "mixed.csv", data)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !regexp.MustCompile(`(?s)<tr data-row="3">.*?黄平县.*?县市“黄平县”不存在或不在您的数据范围内`).MatchString(body) {
		t.Errorf("the refusal does not name row 3 and its county:\n%s", body)
	}
	if strings.Contains(body, `data-row="2"`) {
		t.Error("the good row is listed as a problem")
	}
	if n := projectCount(t, a); n != 0 {
		t.Errorf("%d projects written", n)
	}
}

func TestImportTemplatesAreWorkbooksWithTheLedgerHeaders(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	for kind, want := range map[string][]string{
		"projects": {"项目编号", "项目名称", "县市", "投资方", "四化领域", "合同投资额(万元)", "签约日期"},
		"funds":    {"项目编号", "到位月份", "到位金额(万元)", "资金来源", "凭证编号"},
	} {
		resp, body := do(t, c, "GET", a.URL+"/import/template/"+kind, nil)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
			t.Fatalf("%s: %d %s", kind, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''") || !strings.Contains(cd, url.PathEscape("模板.xlsx")) {
			t.Errorf("%s: Content-Disposition %q", kind, cd)
		}
		f, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: not a workbook: %v", kind, err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		f.Close()
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: no header row: %v", kind, err)
		}
		head := strings.Join(rows[0], "|")
		for _, h := range want {
			if !strings.Contains(head, h) {
				t.Errorf("%s template lacks %s: %s", kind, h, head)
			}
		}
	}
	if resp, _ := do(t, c, "GET", a.URL+"/import/template/plans", nil); resp.StatusCode != 404 {
		t.Errorf("unknown template: %d", resp.StatusCode)
	}
	// the page links both templates and offers both uploads
	_, page := do(t, c, "GET", a.URL+"/import", nil)
	for _, want := range []string{`href="/import/template/projects"`, `href="/import/template/funds"`, `action="/import/projects"`, `action="/import/funds"`, `accept=".xlsx,.csv"`, "合同投资额"} {
		if !strings.Contains(page, want) {
			t.Errorf("the import page lacks %s", want)
		}
	}
	// in English, the explanations are translated; the headers stay as a file must spell them
	_, en := do(t, c, "GET", a.URL+"/import", nil, "Cookie", "lang=en")
	for _, want := range []string{"Download template", "What to enter", "The investing enterprise", "合同投资额(万元)"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English import page lacks %s", want)
		}
	}
	if strings.Contains(en, "项目全称") || strings.Contains(en, "文件要求") {
		t.Error("the English import page has untranslated text")
	}
	// a leader may look at the ledger but not import
	if resp, _ := do(t, a.as(t, "t_leader"), "GET", a.URL+"/import", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("leader: %d", resp.StatusCode)
	}
}

func TestTheBureauImportsHistoricVerifiedDataAsApprovedAndAClerkCannot(t *testing.T) {
	a := newApp(t, "sqlite")
	// a county clerk may import, but not approve
	resp, body := upload(t, a.as(t, "t_kaili"), a.URL+"/import/projects?approve=1", "凯里.csv", kailiProjects)
	if resp.StatusCode != http.StatusForbidden || projectCount(t, a) != 0 {
		t.Errorf("a clerk's approving import: %d\n%s", resp.StatusCode, body)
	}
	bureau := a.as(t, "t_bureau")
	if _, page := do(t, bureau, "GET", a.URL+"/import", nil); !strings.Contains(page, `id="approve-projects"`) || strings.Contains(page, `id="approve-targets"`) {
		t.Error("the bureau is not offered to approve a project ledger (or is offered for targets)")
	}
	resp, body = upload(t, bureau, a.URL+"/import/projects?approve=1", "凯里.csv", kailiProjects)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="approve-notice"`) || !strings.Contains(body, `name="approve" value="1"`) {
		t.Fatalf("preview: %d", resp.StatusCode)
	}
	confirm := confirmRE.FindStringSubmatch(body)[1]
	if resp, _ := do(t, bureau, "POST", a.URL+confirm, url.Values{"approve": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	list, err := sqldb.NewReviewService(a.DB).Reviews(sys(), 2021, zhaoshang.Month{Y: 2021, M: 12})
	if err != nil {
		t.Fatal(err)
	}
	approved := map[string]bool{}
	for _, r := range list {
		if r.Unit == "凯里市" && r.Status == zhaoshang.ReviewApproved {
			approved[r.Month.String()] = true
		}
	}
	if !approved["2021-03"] || !approved["2021-04"] || approved["2021-05"] || len(approved) != 2 {
		t.Errorf("approved months of 凯里市: %v", approved)
	}
	if e := importEntries(t, a); len(e) != 1 || !strings.Contains(e[0].Note, "作为已核实的历史数据导入") {
		t.Errorf("the import's audit entry does not say it approved")
	}
}

// The review: a 20,000-row web import held the single SQLite writer for
// 16.9 s, and a CLI import against a live file made a web write fail with
// 500 SQLITE_BUSY. Eight clients keep writing while a county previews and
// confirms 20,000 rows: every write succeeds, none answers 500, and the
// longest wait is logged (BENCHMARKS-style figures go in the closing note,
// never into an assertion).
func TestALargeImportLetsOtherWritersThrough(t *testing.T) {
	a := newApp(t, "sqlite")
	var b strings.Builder
	b.WriteString(projectHeader)
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "KL-2022-%05d,凯里项目%05d,凯里市,凯里投资%03d有限公司,新型工业化,是,是,%d,2022-%02d-10\n", i, i, i%500, 1000+i, i%12+1)
	}
	clerk := a.as(t, "t_kaili")
	var writers []*http.Client
	for w := 0; w < 8; w++ {
		writers = append(writers, a.as(t, "t_huangping"))
	}
	done := make(chan struct{})
	var mu sync.Mutex
	var longest time.Duration
	writes, failures := 0, 0
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c := writers[w]
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				start := time.Now()
				resp, _ := do(t, c, "POST", a.URL+"/enterprises", url.Values{"name": {fmt.Sprintf("并发写入企业%d-%d有限公司", w, i)}})
				took := time.Since(start)
				mu.Lock()
				writes++
				if resp.StatusCode != http.StatusSeeOther {
					failures++
					t.Errorf("a write during the import answered %d", resp.StatusCode)
				}
				longest = max(longest, took)
				mu.Unlock()
			}
		}(w)
	}
	start := time.Now()
	resp, body := upload(t, clerk, a.URL+"/import/projects", "凯里两万行.csv", []byte(b.String()))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	m := confirmRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no confirm form")
	}
	if resp, _ := do(t, clerk, "POST", a.URL+m[1], url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	took := time.Since(start)
	close(done)
	wg.Wait()
	if _, totals, err := sqldb.NewProjectService(a.DB).Projects(sys(), zhaoshang.ProjectFilter{}); err != nil || totals.Count != 20000 {
		t.Errorf("%d projects imported (%v)", totals.Count, err)
	}
	t.Logf("20,000-row import (preview and confirmation) in %v; %d writes by 8 clients meanwhile, %d failed, longest wait %v",
		took.Round(time.Millisecond), writes, failures, longest.Round(time.Millisecond))
}
