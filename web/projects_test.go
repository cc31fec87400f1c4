package web_test

import (
	"bytes"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
)

// screenFixture creates projects through the services, as the system.
type screenFixture struct {
	t           *testing.T
	a           *testApp
	Projects    *sqldb.ProjectService
	Enterprises *sqldb.EnterpriseService
	kaili       int64
	huangping   int64
}

func newScreenFixture(t *testing.T, a *testApp) *screenFixture {
	return &screenFixture{t: t, a: a, Projects: sqldb.NewProjectService(a.DB), Enterprises: sqldb.NewEnterpriseService(a.DB),
		kaili: a.Tree.ByCode("522601").ID, huangping: a.Tree.ByCode("522622").ID}
}

func wan(s string) zhaoshang.Money {
	m, ok := zhaoshang.ParseWan(s)
	if !ok {
		panic(s)
	}
	return m
}

func date(s string) zhaoshang.Date {
	d, err := zhaoshang.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// project creates a signed project of the county.
func (f *screenFixture) project(code, name string, county int64, contract string, signed string) *zhaoshang.Project {
	f.t.Helper()
	p, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: code, Name: name, OrgUnitID: county,
		Investor: name + "投资有限公司", Area: zhaoshang.AreaIndustry, Industry: "铝加工", Key: true, Industrial: true,
		ContractInvestment: wan(contract), SignedOn: date(signed)})
	if err != nil {
		f.t.Fatal(code, err)
	}
	return p
}

func (f *screenFixture) receipt(p *zhaoshang.Project, month, amount string) {
	f.t.Helper()
	m, _ := zhaoshang.ParseMonth(month)
	if _, err := f.Projects.AddReceipt(sys(), zhaoshang.FundInput{ProjectID: p.ID, Month: m, Amount: wan(amount), Source: zhaoshang.SourceOutOfProvince}); err != nil {
		f.t.Fatal(err)
	}
}

var rowCode = regexp.MustCompile(`<tr data-code="([^"]+)">`)

// listedCodes are the project codes of the list's rows, in order.
func listedCodes(body string) []string {
	var out []string
	for _, m := range rowCode.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// cell returns the text of the element with the id.
func cell(body, id string) string {
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func TestTheProjectListFiltersByCountyAndPinyinSortsPagesAndTotalsTheFilteredProjects(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	var kailiSum, kailiReceipts zhaoshang.Money
	for i := 1; i <= 55; i++ {
		amount := fmt.Sprintf("%d.25", 100+i)
		p := f.project(fmt.Sprintf("KL-%03d", i), fmt.Sprintf("凯里项目%02d", i), f.kaili, amount, fmt.Sprintf("2021-%02d-%02d", 1+i%6, 1+i%28))
		kailiSum += wan(amount)
		if i%10 == 0 {
			f.receipt(p, "2021-06", "12.5")
			kailiReceipts += wan("12.5")
		}
	}
	f.project("KL-ALU", "铝加工产业园", f.kaili, "5000", "2021-05-06")
	kailiSum += wan("5000")
	f.project("HP-001", "黄平铝业", f.huangping, "800", "2021-04-01")
	c := a.as(t, "t_bureau")

	// county filter, paging, totals of all filtered projects
	resp, body := do(t, c, "GET", fmt.Sprintf("%s/projects?county=%d", a.URL, f.kaili), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("list: %d", resp.StatusCode)
	}
	codes := listedCodes(body)
	if len(codes) != 50 || slices.Contains(codes, "HP-001") {
		t.Errorf("first page: %d rows %v", len(codes), codes)
	}
	if !strings.Contains(body, "共56个项目") {
		t.Error("the count of the filtered projects is missing")
	}
	if got := cell(body, "total-contract"); got != kailiSum.FormatWan(2) {
		t.Errorf("totals row contract investment %q, want %q", got, kailiSum.FormatWan(2))
	}
	if got := cell(body, "total-receipts"); got != kailiReceipts.FormatWan(2) {
		t.Errorf("totals row receipts %q, want %q", got, kailiReceipts.FormatWan(2))
	}
	_, body2 := do(t, c, "GET", fmt.Sprintf("%s/projects?county=%d&page=2", a.URL, f.kaili), nil)
	codes2 := listedCodes(body2)
	if len(codes2) != 6 {
		t.Errorf("second page: %d rows", len(codes2))
	}
	for _, c2 := range codes2 {
		if slices.Contains(codes, c2) {
			t.Errorf("%s on both pages", c2)
		}
	}

	// pinyin initials of 铝加工产业园
	_, body = do(t, c, "GET", a.URL+"/projects?q=ljgcy", nil)
	if codes := listedCodes(body); !slices.Equal(codes, []string{"KL-ALU"}) {
		t.Errorf("pinyin search: %v", codes)
	}
	if cell(body, "total-contract") != "5,000.00" {
		t.Errorf("totals of the search: %q", cell(body, "total-contract"))
	}

	// sorting: by contract investment ascending and descending, by code
	_, body = do(t, c, "GET", a.URL+"/projects?sort=contract_investment", nil)
	if codes := listedCodes(body); len(codes) == 0 || codes[0] != "KL-001" {
		t.Errorf("ascending by contract investment starts with %v", codes[:min(3, len(codes))])
	}
	if !strings.Contains(body, "合同投资额(万元)</a> ▲") {
		t.Error("no arrow on the sorted column")
	}
	_, body = do(t, c, "GET", a.URL+"/projects?sort=-contract_investment", nil)
	if codes := listedCodes(body); len(codes) < 2 || codes[0] != "KL-ALU" || codes[1] != "HP-001" {
		t.Errorf("descending by contract investment starts with %v", codes[:min(3, len(codes))])
	}
	_, body = do(t, c, "GET", a.URL+"/projects?sort=-code", nil)
	if codes := listedCodes(body); len(codes) == 0 || codes[0] != "KL-ALU" {
		t.Errorf("descending by code starts with %v", codes[:min(3, len(codes))])
	}

	// a malformed filter is explained, not ignored
	resp, body = do(t, c, "GET", a.URL+"/projects?from=2021-13-40", nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "签约日期（起）应为形如2021-06-30的日期") {
		t.Errorf("bad date filter: %d", resp.StatusCode)
	}
}

func TestTheExportHoldsExactlyTheFilteredProjects(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	f.project("KL-1", "凯里一号", f.kaili, "100", "2021-01-05")
	f.project("KL-2", "凯里二号", f.kaili, "200.5", "2021-03-05")
	f.project("KL-3", "凯里三号", f.kaili, "300", "2021-05-05")
	f.project("HP-1", "黄平一号", f.huangping, "400", "2021-03-10")
	c := a.as(t, "t_bureau")
	for _, format := range []string{"csv", "xlsx"} {
		resp, body := do(t, c, "GET", a.URL+"/projects/export?format="+format+"&from=2021-02-01&to=2021-04-30", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", format, resp.StatusCode, body)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "filename*=UTF-8''") {
			t.Errorf("%s: Content-Disposition %q", format, cd)
		}
		table, err := ledger.ReadTable("export."+format, []byte(body), ledger.Limits{})
		if err != nil {
			t.Fatal(format, err)
		}
		rows, err := ledger.ParseProjects(table, a.Tree, zhaoshang.Date{})
		if err != nil {
			t.Fatal(format, err)
		}
		var codes []string
		for _, r := range rows {
			codes = append(codes, r.Code)
		}
		slices.Sort(codes)
		if !slices.Equal(codes, []string{"HP-1", "KL-2"}) {
			t.Errorf("%s export holds %v", format, codes)
		}
		for _, r := range rows {
			if r.Code == "KL-2" && (r.ContractInvestment != wan("200.5") || r.CountyID != f.kaili || r.SignedOn != date("2021-03-05")) {
				t.Errorf("%s: KL-2 exported as %+v", format, r)
			}
		}
	}
	if resp, _ := do(t, c, "GET", a.URL+"/projects/export?format=pdf", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown format: %d", resp.StatusCode)
	}
}

// pngBytes is a valid 1×1 PNG.
var pngBytes = []byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4,
	0x89, 0, 0, 0, 0x0a, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82}

// uploadAttachment posts one file as multipart form data.
func uploadAttachment(t *testing.T, c *http.Client, u, filename string, data []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp, b.String()
}

func TestACountyClerkNeverSeesAnotherCountysProject(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	own := f.project("KL-1", "凯里一号", f.kaili, "100", "2021-01-05")
	other := f.project("HP-1", "黄平一号", f.huangping, "400", "2021-03-10")
	att, err := f.Projects.AddAttachment(sys(), "project", other.ID, "合同.png", pngBytes)
	if err != nil {
		t.Fatal(err)
	}
	c := a.as(t, "t_kaili")

	_, body := do(t, c, "GET", a.URL+"/projects", nil)
	if codes := listedCodes(body); !slices.Equal(codes, []string{"KL-1"}) {
		t.Errorf("the list shows %v", codes)
	}
	_, body = do(t, c, "GET", fmt.Sprintf("%s/projects?county=%d", a.URL, f.huangping), nil)
	if codes := listedCodes(body); len(codes) != 0 || strings.Contains(body, "黄平一号") {
		t.Errorf("filtering by another county shows %v", codes)
	}
	if strings.Contains(body, fmt.Sprintf(`<option value="%d"`, f.huangping)) {
		t.Error("the county filter offers a county out of scope")
	}
	for _, u := range []string{fmt.Sprintf("/projects/%d", other.ID), fmt.Sprintf("/projects/%d/edit", other.ID), fmt.Sprintf("/attachments/%d", att.ID)} {
		if resp, body := do(t, c, "GET", a.URL+u, nil); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "黄平一号") {
			t.Errorf("GET %s: %d", u, resp.StatusCode)
		}
	}
	if resp, _ := do(t, c, "POST", fmt.Sprintf("%s/projects/%d/void", a.URL, other.ID), url.Values{"version": {fmt.Sprint(other.Version)}, "reason": {"试探"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("voiding another county's project: %d", resp.StatusCode)
	}
	if p, _ := f.Projects.Project(sys(), other.ID); p.Voided {
		t.Error("another county's project was voided")
	}
	_, body = do(t, c, "GET", a.URL+"/projects/export?format=csv", nil)
	if !strings.Contains(body, "KL-1") || strings.Contains(body, "HP-1") {
		t.Errorf("export: %q", body)
	}
	_, body = do(t, c, "GET", fmt.Sprintf("%s/funds/grid?county=%d", a.URL, f.huangping), nil)
	if strings.Contains(body, "HP-1") {
		t.Error("the funds grid shows another county's project")
	}
	// the clerk's own project and attachment are there
	if resp, _ := do(t, c, "GET", fmt.Sprintf("%s/projects/%d", a.URL, own.ID), nil); resp.StatusCode != 200 {
		t.Errorf("own project: %d", resp.StatusCode)
	}
	// the bureau sees the attachment and gets it with its name
	resp, body := do(t, a.as(t, "t_bureau"), "GET", fmt.Sprintf("%s/attachments/%d", a.URL, att.ID), nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || body != string(pngBytes) {
		t.Errorf("download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''%E5%90%88%E5%90%8C.png") {
		t.Errorf("Content-Disposition %q", cd)
	}
}

func TestAReceiptRecordedOnTheProjectPageAppearsInTheMonthlyTableAndTheRunningTotal(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p := f.project("KL-1", "凯里一号", f.kaili, "3000", "2021-01-05")
	c := a.as(t, "t_kaili")
	page := fmt.Sprintf("%s/projects/%d", a.URL, p.ID)

	_, body := do(t, c, "GET", page, nil)
	if !strings.Contains(body, "累计到位 0.00 万元，占合同投资额的 0.0%") {
		t.Error("no running total before any receipt")
	}
	resp, _ := do(t, c, "POST", page+"/receipts", url.Values{"month": {"2021-05"}, "amount": {"1,234.5"}, "source": {"省内"}, "evidence_no": {"PZ-0501"}, "note": {"首笔"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	_, body = do(t, c, "GET", page, nil)
	for _, want := range []string{"2021-05", "1,234.50", "PZ-0501", "首笔", "累计到位 1,234.50 万元，占合同投资额的 41.2%"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// a second month adds up
	do(t, c, "POST", page+"/receipts", url.Values{"month": {"2021-06"}, "amount": {"765.5"}, "source": {"境外"}})
	_, body = do(t, c, "GET", page, nil)
	if !strings.Contains(body, "累计到位 2,000.00 万元，占合同投资额的 66.7%") {
		t.Error("the running total does not add the second month")
	}
	// bad input: 422, nothing recorded
	before, _ := f.Projects.Receipts(sys(), p.ID)
	for _, form := range []url.Values{
		{"month": {"2021-05"}, "amount": {"12.345678"}, "source": {"省内"}},
		{"month": {"五月"}, "amount": {"10"}, "source": {"省内"}},
		{"month": {"2021-05"}, "amount": {"10"}, "source": {"火星"}},
	} {
		resp, body := do(t, c, "POST", page+"/receipts", form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="receipt-error"`) {
			t.Errorf("%v: %d", form, resp.StatusCode)
		}
	}
	if after, _ := f.Projects.Receipts(sys(), p.ID); len(after) != len(before) {
		t.Error("a refused receipt was recorded")
	}
	// voiding a receipt takes it out of the total
	rs, _ := f.Projects.Receipts(sys(), p.ID)
	resp, _ = do(t, c, "POST", fmt.Sprintf("%s/receipts/%d/void", a.URL, rs[1].ID), url.Values{"version": {fmt.Sprint(rs[1].Version)}, "project": {fmt.Sprint(p.ID)}, "reason": {"重复录入"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("void receipt: %d", resp.StatusCode)
	}
	_, body = do(t, c, "GET", page, nil)
	if !strings.Contains(body, "累计到位 1,234.50 万元") || !strings.Contains(body, "重复录入") {
		t.Error("a voided receipt still counts, or its reason is not shown")
	}
}

// projectForm is the edit form of p as the page would submit it.
func projectForm(p *zhaoshang.Project) url.Values {
	return url.Values{
		"version": {fmt.Sprint(p.Version)}, "code": {p.Code}, "name": {p.Name}, "org": {fmt.Sprint(p.OrgUnitID)},
		"investor": {p.InvestorName}, "area": {string(p.Area)}, "industry": {p.Industry}, "key": {"1"}, "industrial": {"1"},
		"contract_investment": {p.ContractInvestment.WanString()}, "signed_on": {p.SignedOn.String()},
		"orig_signed_on": {p.SignedOn.String()},
	}
}

func TestAStageChangeWithoutANoteIsRefused(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p := f.project("KL-1", "凯里一号", f.kaili, "3000", "2021-01-05")
	c := a.as(t, "t_kaili")
	u := fmt.Sprintf("%s/projects/%d", a.URL, p.ID)

	form := projectForm(p)
	form.Set("started_on", "2021-03-18")
	resp, body := do(t, c, "POST", u, form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "阶段日期有变化，请简要说明变更情况") {
		t.Fatalf("a stage change without a note: %d", resp.StatusCode)
	}
	if !strings.Contains(body, `value="2021-03-18"`) {
		t.Error("the refused form lost what was typed")
	}
	if got, _ := f.Projects.Project(sys(), p.ID); !got.StartedOn.IsZero() {
		t.Error("the refused change was saved")
	}
	// the inline check asks for the note before saving
	form.Set("id", fmt.Sprint(p.ID))
	_, check := do(t, c, "POST", a.URL+"/projects/check", form, "HX-Request", "true", "HX-Trigger-Name", "started_on")
	if !strings.Contains(check, "阶段变更说明") || strings.Contains(check, "<html") {
		t.Errorf("inline check: %s", check)
	}

	form.Set("stage_note", "3月18日举行开工仪式")
	if resp, body := do(t, c, "POST", u, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with a note: %d %s", resp.StatusCode, cell(body, "form-error"))
	}
	_, body = do(t, c, "GET", u, nil)
	if !strings.Contains(body, "3月18日举行开工仪式") || !strings.Contains(body, `id="stage">开工`) {
		t.Error("the timeline lacks the note, or the stage did not move")
	}

	// saving again from the stale form names who changed it first
	resp, body = do(t, c, "POST", u, form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "该记录已被t_kaili于") {
		t.Errorf("stale version: %d %s", resp.StatusCode, cell(body, "form-error"))
	}
}

func TestTheProjectFormChecksInlineAndCreates(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	if _, err := f.Enterprises.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "贵州铝业集团有限公司"}); err != nil {
		t.Fatal(err)
	}
	c := a.as(t, "t_kaili")
	_, body := do(t, c, "GET", a.URL+"/projects/new", nil)
	if !strings.Contains(body, `hx-post="/projects/check"`) || !strings.Contains(body, fmt.Sprintf(`<option value="%d" selected>`, f.kaili)) {
		t.Error("the form has no inline checks, or the clerk's county is not preselected")
	}
	form := url.Values{"code": {"KL-9"}, "investor": {"贵州铝业集团公司"}, "credit_code": {"91520100MA6DKQ1X2A"},
		"contract_investment": {"12.3.4"}, "signed_on": {"2021-05-01"}, "started_on": {"2021-04-01"}}
	_, check := do(t, c, "POST", a.URL+"/projects/check", form, "HX-Request", "true", "HX-Trigger-Name", "name")
	for _, want := range []string{"请填写项目名称", "合同投资额应为以万元为单位的数字", "早于签约日期", "统一社会信用代码", "企业库中已有相似企业：", "贵州铝业集团有限公司"} {
		if !strings.Contains(check, want) {
			t.Errorf("the check lacks %q", want)
		}
	}
	if strings.Contains(check, "请选择四化领域") {
		t.Error("the check complains about a field not reached yet")
	}

	good := url.Values{"code": {"KL-9"}, "name": {"凯里新材料"}, "org": {fmt.Sprint(f.kaili)}, "investor": {"贵州铝业集团有限公司"},
		"area": {"新型工业化"}, "contract_investment": {"1,250.5"}, "signed_on": {"2021-05-01"}, "key": {"1"}}
	bad := url.Values{}
	for k, v := range good {
		bad[k] = v
	}
	bad.Set("contract_investment", "一千万")
	resp, body := do(t, c, "POST", a.URL+"/projects", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "合同投资额应为以万元为单位的数字") || !strings.Contains(body, `value="一千万"`) {
		t.Errorf("bad amount: %d", resp.StatusCode)
	}
	if _, tot, _ := f.Projects.Projects(sys(), zhaoshang.ProjectFilter{}); tot.Count != 0 {
		t.Error("a refused form created a project")
	}
	resp, _ = do(t, c, "POST", a.URL+"/projects", good)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	_, body = do(t, c, "GET", a.URL+resp.Header.Get("Location"), nil)
	if !strings.Contains(body, "凯里新材料") || !strings.Contains(body, "1,250.50") || !strings.Contains(body, "已新增项目") {
		t.Error("the new project's page")
	}
	resp, body = do(t, c, "POST", a.URL+"/projects", good)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "项目编号“KL-9”已存在") {
		t.Errorf("duplicate code: %d", resp.StatusCode)
	}
}

func TestAnAttachmentThatIsNotAPDFJPEGOrPNGByContentIsRefused(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p := f.project("KL-1", "凯里一号", f.kaili, "100", "2021-01-05")
	c := a.as(t, "t_kaili")
	u := fmt.Sprintf("%s/projects/%d/attachments", a.URL, p.ID)

	resp, body := uploadAttachment(t, c, u, "合同.pdf", []byte("MZ\x90\x00 this is a program, not a contract"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "只接受 PDF、JPEG、PNG 格式的附件") || !strings.Contains(body, `id="attachment-error"`) {
		t.Errorf("a disguised file: %d", resp.StatusCode)
	}
	if atts, _ := f.Projects.Attachments(sys(), "project", p.ID); len(atts) != 0 {
		t.Fatal("a refused file was kept")
	}
	resp, _ = uploadAttachment(t, c, u, "现场照片.png", pngBytes)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a real PNG: %d", resp.StatusCode)
	}
	atts, _ := f.Projects.Attachments(sys(), "project", p.ID)
	if len(atts) != 1 {
		t.Fatalf("%d attachments", len(atts))
	}
	_, body = do(t, c, "GET", fmt.Sprintf("%s/projects/%d", a.URL, p.ID), nil)
	if !strings.Contains(body, fmt.Sprintf(`href="/attachments/%d"`, atts[0].ID)) || !strings.Contains(body, "现场照片.png") {
		t.Error("the page does not list the attachment")
	}
	resp, body = do(t, c, "GET", fmt.Sprintf("%s/attachments/%d", a.URL, atts[0].ID), nil)
	if resp.StatusCode != 200 || body != string(pngBytes) || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("download: %d", resp.StatusCode)
	}
}

func TestRevealingAPhoneNeedsContactRevealAndLandsInTheAuditTrail(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	e, err := f.Enterprises.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "深圳某某科技有限公司", Tags: []string{"上市公司"}})
	if err != nil {
		t.Fatal(err)
	}
	// its project is 凯里市's: the contacts are within the clerk's reach
	if _, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "KL2021001", Name: "凯里电子元件项目", OrgUnitID: f.kaili, Investor: e.Name,
		Area: zhaoshang.AreaIndustry, Industry: "电子信息", ContractInvestment: wan("6000"), SignedOn: date("2021-05-01")}); err != nil {
		t.Fatal(err)
	}
	ct, err := f.Enterprises.AddContact(sys(), zhaoshang.Contact{EnterpriseID: e.ID, Name: "王经理", Position: "总经理", Phone: "13812345678"})
	if err != nil {
		t.Fatal(err)
	}
	page := fmt.Sprintf("%s/enterprises/%d", a.URL, e.ID)
	reveal := fmt.Sprintf("%s/contacts/%d/reveal", a.URL, ct.ID)

	// a leader reads the enterprise but may not see the number
	leader := a.as(t, "t_leader")
	_, body := do(t, leader, "GET", page, nil)
	if !strings.Contains(body, "138****5678") || strings.Contains(body, "13812345678") || strings.Contains(body, reveal[len(a.URL):]) {
		t.Error("the leader's page: masked number missing, full number shown, or a reveal button offered")
	}
	if resp, body := do(t, leader, "POST", reveal, url.Values{}, "HX-Request", "true"); resp.StatusCode != http.StatusForbidden || strings.Contains(body, "13812345678") {
		t.Errorf("reveal without contact:reveal: %d", resp.StatusCode)
	}
	entries, _, _ := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActRevealPhone})
	if len(entries) != 0 {
		t.Fatal("a refused reveal was audited as a reveal")
	}

	// a clerk holding contact:reveal sees it in place, and the trail records it
	clerk := a.as(t, "t_kaili")
	_, body = do(t, clerk, "GET", page, nil)
	if !strings.Contains(body, `hx-post="/contacts/`+fmt.Sprint(ct.ID)+`/reveal"`) || strings.Contains(body, "13812345678") {
		t.Error("the clerk's page: no reveal button, or the number is already shown")
	}
	resp, frag := do(t, clerk, "POST", reveal, url.Values{"enterprise": {fmt.Sprint(e.ID)}}, "HX-Request", "true")
	if resp.StatusCode != 200 || !strings.Contains(frag, "13812345678") || !strings.HasPrefix(frag, `<td id="phone-`+fmt.Sprint(ct.ID)+`"`) {
		t.Errorf("reveal: %d %q", resp.StatusCode, frag)
	}
	entries, _, err = sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActRevealPhone, Entity: "contact", EntityID: fmt.Sprint(ct.ID)})
	if err != nil || len(entries) != 1 || entries[0].ActorName != "t_kaili" {
		t.Errorf("audit: %v %d entries", err, len(entries))
	}
	// without JavaScript the whole page comes back with the number
	resp, body = do(t, clerk, "POST", reveal, url.Values{"enterprise": {fmt.Sprint(e.ID)}})
	if resp.StatusCode != 200 || !strings.Contains(body, "13812345678") || !strings.Contains(body, "<html") {
		t.Errorf("reveal without htmx: %d", resp.StatusCode)
	}
}

func TestTheMonthlyGridSavesAllRowsOrNone(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p1 := f.project("KL-1", "凯里一号", f.kaili, "1000", "2021-01-05")
	p2 := f.project("KL-2", "凯里二号", f.kaili, "2000", "2021-02-05")
	f.project("HP-1", "黄平一号", f.huangping, "400", "2021-03-10")
	f.receipt(p1, "2021-04", "100")
	c := a.as(t, "t_kaili")

	_, body := do(t, c, "GET", a.URL+"/funds/grid?month=2021-05", nil)
	if !strings.Contains(body, "KL-1") || !strings.Contains(body, "KL-2") || strings.Contains(body, "HP-1") {
		t.Error("the grid does not show exactly the clerk's county")
	}
	if strings.Contains(body, fmt.Sprintf(`<option value="%d"`, f.huangping)) {
		t.Error("the clerk may pick another county")
	}
	base := url.Values{"county": {fmt.Sprint(f.kaili)}, "month": {"2021-05"}, "pid": {fmt.Sprint(p1.ID), fmt.Sprint(p2.ID)},
		"source_" + fmt.Sprint(p1.ID): {"省内"}, "source_" + fmt.Sprint(p2.ID): {"境外"}}
	form := url.Values{}
	for k, v := range base {
		form[k] = v
	}
	form.Set("amount_"+fmt.Sprint(p1.ID), "50")
	form.Set("amount_"+fmt.Sprint(p2.ID), "五十")
	resp, body := do(t, c, "POST", a.URL+"/funds/grid", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "row-error") || !strings.Contains(body, `value="五十"`) {
		t.Errorf("a bad row: %d", resp.StatusCode)
	}
	if rs, _ := f.Projects.Receipts(sys(), p1.ID); len(rs) != 1 {
		t.Error("the good row was saved although another was wrong")
	}
	form.Set("amount_"+fmt.Sprint(p2.ID), "75.5")
	form.Set("evidence_"+fmt.Sprint(p2.ID), "WZ-1")
	if resp, body := do(t, c, "POST", a.URL+"/funds/grid", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", resp.StatusCode, cell(body, "grid-error"))
	}
	_, body = do(t, c, "GET", a.URL+"/funds/grid?month=2021-05", nil)
	if !strings.Contains(body, "75.50") || !strings.Contains(body, "WZ-1") {
		t.Error("the saved amounts are not listed for the month")
	}
	if rs, _ := f.Projects.Receipts(sys(), p2.ID); len(rs) != 1 || rs[0].Amount != wan("75.5") || rs[0].Source != zhaoshang.SourceForeign {
		t.Errorf("saved: %+v", rs)
	}
	// the same evidence again in the month: refused per row, nothing saved
	resp, body = do(t, c, "POST", a.URL+"/funds/grid", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "本月已有相同来源和凭证编号的记录") {
		t.Errorf("a repeated entry: %d", resp.StatusCode)
	}
	if rs, _ := f.Projects.Receipts(sys(), p1.ID); len(rs) != 2 {
		t.Errorf("p1 has %d receipts", len(rs))
	}
}

func TestAnEnterpriseIsCheckedForDuplicatesAndEdited(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	e, err := f.Enterprises.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "贵州黔东南铝业有限公司", HomeRegion: "贵州省"})
	if err != nil {
		t.Fatal(err)
	}
	// its one project is 凯里市's: the clerk of 凯里市 keeps it
	if _, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "KL2021001", Name: "凯里铝材项目", OrgUnitID: f.kaili, Investor: e.Name,
		Area: zhaoshang.AreaIndustry, Industry: "铝加工", ContractInvestment: wan("6000"), SignedOn: date("2021-05-01")}); err != nil {
		t.Fatal(err)
	}
	if e, err = f.Enterprises.Enterprise(sys(), e.ID); err != nil {
		t.Fatal(err)
	}
	c := a.as(t, "t_kaili")
	_, frag := do(t, c, "GET", a.URL+"/enterprises/check?name="+url.QueryEscape("贵州黔东南铝业有限责任公司"), nil, "HX-Request", "true")
	if !strings.Contains(frag, "企业库中已有相似企业") || !strings.Contains(frag, fmt.Sprintf("/enterprises/%d", e.ID)) {
		t.Errorf("duplicate check: %s", frag)
	}
	resp, body := do(t, c, "POST", a.URL+"/enterprises", url.Values{"name": {"贵州黔东南铝业有限责任公司"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "企业库中已有“贵州黔东南铝业有限公司”") {
		t.Errorf("a duplicate enterprise: %d", resp.StatusCode)
	}
	resp, _ = do(t, c, "POST", a.URL+"/enterprises", url.Values{"name": {"凯里新能源电池有限公司"}, "tag": {"行业龙头"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	_, body = do(t, c, "GET", a.URL+"/enterprises?q=klxny", nil)
	if !strings.Contains(body, "凯里新能源电池有限公司") || strings.Contains(body, "贵州黔东南铝业有限公司") {
		t.Error("pinyin search of enterprises")
	}
	_, body = do(t, c, "GET", a.URL+"/enterprises?strong=1", nil)
	if !strings.Contains(body, "凯里新能源电池有限公司") || strings.Contains(body, "贵州黔东南铝业有限公司") {
		t.Error("the strong filter")
	}
	// edit with the version read; a second save with it is refused
	form := url.Values{"version": {fmt.Sprint(e.Version)}, "name": {e.Name}, "home_region": {"贵州省凯里市"}}
	if resp, _ := do(t, c, "POST", fmt.Sprintf("%s/enterprises/%d", a.URL, e.ID), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if resp, body := do(t, c, "POST", fmt.Sprintf("%s/enterprises/%d", a.URL, e.ID), form); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "该记录已被") {
		t.Errorf("stale edit: %d", resp.StatusCode)
	}
	// a contact with a malformed phone is refused inside its form
	resp, body = do(t, c, "POST", fmt.Sprintf("%s/enterprises/%d/contacts", a.URL, e.ID), url.Values{"contact_name": {"李"}, "phone": {"abc"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="contact-error"`) {
		t.Errorf("bad phone: %d", resp.StatusCode)
	}
}
