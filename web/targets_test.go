package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// setTarget posts one cell of the targets table.
func setTarget(t *testing.T, a *testApp, c *http.Client, unit, ind, value string, version int64, header ...string) (*http.Response, string) {
	t.Helper()
	form := url.Values{"year": {"2021"}, "unit": {strconv.FormatInt(a.Tree.ByCode(unit).ID, 10)}, "indicator": {ind},
		"value": {value}, "version": {strconv.FormatInt(version, 10)}}
	return do(t, c, "POST", a.URL+"/targets", form, header...)
}

// unitRow is the table row of a unit.
func unitRow(t *testing.T, a *testApp, body, code string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<tr data-unit="` + strconv.FormatInt(a.Tree.ByCode(code).ID, 10) + `">.*?</tr>`).FindString(body)
	return m
}

func TestTheBureauSetsTargetsAndTheDecompositionShowsTheSumAndTheGap(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")

	// the prefecture's target, in its cell (htmx)
	resp, body := setTarget(t, a, c, "522600", "new_key_projects", "450", 0, "HX-Request", "true")
	if resp.StatusCode != 200 || !strings.Contains(body, `value="450"`) || !strings.Contains(body, "已保存") || strings.Contains(body, "<html") {
		t.Fatalf("prefecture target: %d\n%s", resp.StatusCode, body)
	}
	// three counties, by plain forms
	for code, v := range map[string]string{"522601": "100", "522622": "80", "522623": "70"} {
		resp, _ := setTarget(t, a, c, code, "new_key_projects", v, 0)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/targets?year=2021" {
			t.Fatalf("%s: %d → %s", code, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// money in 万元, shown with separators
	if resp, body := setTarget(t, a, c, "522600", "funds_in_place", "6000000", 0); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("funds target: %d\n%s", resp.StatusCode, body)
	}

	resp, body = do(t, c, "GET", a.URL+"/targets?year=2021", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("table: %d", resp.StatusCode)
	}
	pref := unitRow(t, a, body, "522600")
	if !strings.Contains(pref, `value="450"`) || !strings.Contains(pref, `value="6,000,000"`) {
		t.Errorf("the prefecture's row lacks its targets:\n%s", pref)
	}
	if row := unitRow(t, a, body, "522601"); !strings.Contains(row, `value="100"`) || !strings.Contains(row, "凯里市") {
		t.Errorf("凯里市's row:\n%s", row)
	}
	for _, want := range []string{"新引进重点产业项目个数", "合同约定投资总额", "境外到位资金", "丹寨县", `href="/targets?year=2021&amp;export=xlsx"`, `href="/import#card-targets"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the table lacks %s", want)
		}
	}
	for _, rate := range []string{"开工率", "投产率", "工业项目到位资金占比"} {
		if strings.Contains(body, rate) {
			t.Errorf("a rate has a column: %s", rate)
		}
	}

	// the decomposition: each county's share, the sum and the gap
	resp, body = do(t, c, "GET", a.URL+"/targets/decompose?year=2021&indicator=new_key_projects", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("decomposition: %d", resp.StatusCode)
	}
	for _, want := range []string{"已分解到县市的目标合计比州级目标少200个", `id="sum-value">250个<`, `id="gap-value">200个<`, "22.2%", "17.8%", "15.6%", "55.6%"} {
		if !strings.Contains(body, want) {
			t.Errorf("the decomposition lacks %s", want)
		}
	}
	// a county's value set there too; the decomposition is then complete
	form := url.Values{"year": {"2021"}, "unit": {strconv.FormatInt(a.Tree.ByCode("522624").ID, 10)}, "indicator": {"new_key_projects"},
		"value": {"200"}, "version": {"0"}, "back": {"/targets/decompose?year=2021&indicator=new_key_projects"}}
	resp, _ = do(t, c, "POST", a.URL+"/targets", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/targets/decompose") {
		t.Fatalf("decomposition save: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = do(t, c, "GET", a.URL+"/targets/decompose?year=2021&indicator=new_key_projects", nil)
	if !strings.Contains(body, "已全部分解") || !strings.Contains(body, `id="sum-value">450个<`) {
		t.Error("the decomposition is not complete after the fourth county")
	}
	form.Set("value", "300")
	form.Set("version", "1")
	do(t, c, "POST", a.URL+"/targets", form)
	_, body = do(t, c, "GET", a.URL+"/targets/decompose?year=2021&indicator=new_key_projects", nil)
	if !strings.Contains(body, "已分解到县市的目标合计比州级目标多100个") {
		t.Error("an over-assignment is not said")
	}

	// the export is a 目标任务 workbook
	resp, body = do(t, c, "GET", a.URL+"/targets?year=2021&export=xlsx", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetList()[0])
	f.Close()
	if len(rows) != 7 || strings.Join(rows[0], "|") != "年度|单位|指标|目标值" || !strings.Contains(strings.Join(rows[1], "|"), "黔东南州|新引进重点产业项目个数|450") {
		t.Errorf("exported rows: %q", rows)
	}
}

func TestACountyClerkSeesHerOwnTargetsAndCannotSetAny(t *testing.T) {
	a := newApp(t, "sqlite")
	b := a.as(t, "t_bureau")
	setTarget(t, a, b, "522600", "new_key_projects", "450", 0)
	setTarget(t, a, b, "522601", "new_key_projects", "100", 0)
	setTarget(t, a, b, "522622", "new_key_projects", "80", 0)

	c := a.as(t, "t_kaili")
	if resp, _ := setTarget(t, a, c, "522601", "new_key_projects", "999", 1); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a clerk setting a target: %d", resp.StatusCode)
	}
	resp, body := do(t, c, "GET", a.URL+"/targets?year=2021", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("table: %d", resp.StatusCode)
	}
	if row := unitRow(t, a, body, "522601"); !strings.Contains(row, ">100<") {
		t.Errorf("her county's row:\n%s", row)
	}
	if unitRow(t, a, body, "522600") != "" || unitRow(t, a, body, "522622") != "" || strings.Contains(body, "450") {
		t.Error("a clerk sees other units' targets")
	}
	if strings.Contains(body, `name="value"`) || strings.Contains(body, "导入目标任务") {
		t.Error("a clerk is offered to edit or import targets")
	}
	// her decomposition is her own target alone
	if resp, body := do(t, c, "GET", a.URL+"/targets/decompose?year=2021&indicator=new_key_projects", nil); resp.StatusCode != 200 || strings.Contains(body, "黄平县") || !strings.Contains(body, "该单位之下没有县市，目标无需分解") {
		t.Errorf("a clerk's decomposition: %d", resp.StatusCode)
	}
	// nor may she import a 目标任务 file, nor is it offered
	if _, page := do(t, c, "GET", a.URL+"/import", nil); strings.Contains(page, `id="card-targets"`) {
		t.Error("the import page offers targets to a clerk")
	}
	resp, body = upload(t, c, a.URL+"/import/targets", "t.csv", []byte("年度,单位,指标,目标值\n2021,凯里市,新引进重点产业项目个数,999\n"))
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `id="import-error"`) {
		t.Errorf("a clerk importing targets: %d", resp.StatusCode)
	}
	if _, body := do(t, b, "GET", a.URL+"/targets?year=2021", nil); !strings.Contains(unitRow(t, a, body, "522601"), `value="100"`) {
		t.Error("the clerk changed her target")
	}
}

func TestARateCannotHaveATarget(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	const msg = "“开工率”是比率指标，由其他指标计算得出，不设目标值"
	resp, body := setTarget(t, a, c, "522600", "start_rate", "90", 0)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, msg) {
		t.Errorf("a rate's target: %d", resp.StatusCode)
	}
	resp, body = setTarget(t, a, c, "522600", "开工率", "90", 0, "HX-Request", "true")
	if !strings.Contains(body, msg) || strings.Contains(body, "<html") {
		t.Errorf("a rate's target from a cell: %d\n%s", resp.StatusCode, body)
	}
	// a wrong value is shown in its cell
	resp, body = setTarget(t, a, c, "522601", "new_key_projects", "1.5", 0)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(unitRow(t, a, body, "522601"), "应为整数") {
		t.Errorf("a fractional count: %d", resp.StatusCode)
	}
	if resp, body := do(t, c, "GET", a.URL+"/targets/decompose?year=2021&indicator=start_rate", nil); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, msg) {
		t.Errorf("a rate's decomposition: %d", resp.StatusCode)
	}
}

func TestATargetsFileIsImportedThroughThePreview(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	_, page := do(t, c, "GET", a.URL+"/import", nil)
	for _, want := range []string{`id="card-targets"`, `action="/import/targets"`, `href="/import/template/targets"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the import page lacks %s", want)
		}
	}
	if resp, _ := do(t, c, "GET", a.URL+"/import/template/targets", nil); resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("targets template: %d", resp.StatusCode)
	}
	file := []byte("年度,单位,指标,目标值\n" +
		"2021,黔东南州,新引进重点产业项目个数,450\n" +
		"2021,522601,funds_in_place,\"50,000\"\n" +
		"2021,凯里市,new_key_projects,100\n")
	resp, body := upload(t, c, a.URL+"/import/targets", "目标.csv", file)
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
	}
	if count(t, body, "count-created") != "3" || count(t, body, "preview-rows") != "3" || !strings.Contains(body, "黔东南州") {
		t.Error("the preview does not show three new targets")
	}
	if _, table := do(t, c, "GET", a.URL+"/targets?year=2021", nil); strings.Contains(table, `value="450"`) {
		t.Fatal("the preview wrote targets")
	}
	m := confirmRE.FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], "/import/targets/") {
		t.Fatal("the preview has no confirm form")
	}
	resp, _ = do(t, c, "POST", a.URL+m[1], url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/targets?year=2021" {
		t.Fatalf("confirm: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, table := do(t, c, "GET", a.URL+"/targets?year=2021", nil)
	if !strings.Contains(unitRow(t, a, table, "522600"), `value="450"`) || !strings.Contains(unitRow(t, a, table, "522601"), `value="50,000"`) {
		t.Error("the imported targets are not in the table")
	}
	// a wrong file lists its rows
	resp, body = upload(t, c, a.URL+"/import/targets", "bad.csv", []byte("年度,单位,指标,目标值\n2021,黔东南州,开工率,90\n2021,无此县,new_key_projects,1\n"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<tr data-row="3">`) {
		t.Errorf("a wrong file: %d\n%s", resp.StatusCode, body)
	}
}

func TestAStaleTargetIsRefusedNamingWhoChangedIt(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	setTarget(t, a, c, "522601", "new_key_projects", "100", 0) // version 1
	if resp, _ := setTarget(t, a, c, "522601", "new_key_projects", "120", 1); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second save: %d", resp.StatusCode) // version 2
	}
	resp, body := setTarget(t, a, c, "522601", "new_key_projects", "130", 1)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "该记录已被t_bureau于") {
		t.Errorf("a stale save: %d", resp.StatusCode)
	}
	// the cell shows the stored value and version, to try again on
	resp, body = setTarget(t, a, c, "522601", "new_key_projects", "130", 1, "HX-Request", "true")
	if !strings.Contains(body, "该记录已被t_bureau于") || !strings.Contains(body, `value="120"`) || !strings.Contains(body, `name="version" value="2"`) {
		t.Errorf("the stale cell: %d\n%s", resp.StatusCode, body)
	}
	// a new target from a stale form (someone set it meanwhile)
	if resp, _ := setTarget(t, a, c, "522601", "new_key_projects", "5", 0); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("version 0 over an existing target: %d", resp.StatusCode)
	}
	if _, table := do(t, c, "GET", a.URL+"/targets?year=2021", nil); !strings.Contains(unitRow(t, a, table, "522601"), `value="120"`) {
		t.Error("a stale save changed the target")
	}
}

func TestTheTargetsScreensAreInEnglish(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_bureau")
	_, en := do(t, c, "GET", a.URL+"/targets?year=2021", nil, "Cookie", "lang=en")
	if !strings.Contains(en, "Annual targets") || strings.Contains(en, "年目标任务") {
		t.Error("the targets table is not in English")
	}
	_, en = do(t, c, "GET", a.URL+"/targets/decompose?year=2021", nil, "Cookie", "lang=en")
	if !strings.Contains(en, "Target breakdown") || strings.Contains(en, "县市合计") {
		t.Error("the decomposition is not in English")
	}
}

func TestALeaderReadsEveryUnitsTargetsWithoutForms(t *testing.T) {
	a := newApp(t, "sqlite")
	setTarget(t, a, a.as(t, "t_bureau"), "522600", "new_key_projects", "450", 0)
	c := a.as(t, "t_leader")
	resp, body := do(t, c, "GET", a.URL+"/targets?year=2021", nil)
	if resp.StatusCode != 200 || !strings.Contains(unitRow(t, a, body, "522600"), ">450<") || unitRow(t, a, body, "522636") == "" {
		t.Errorf("leader's table: %d", resp.StatusCode)
	}
	if strings.Contains(body, `name="value"`) {
		t.Error("a leader is offered to edit targets")
	}
	if resp, _ := setTarget(t, a, c, "522600", "new_key_projects", "1", 1); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a leader setting a target: %d", resp.StatusCode)
	}
	// someone without report:view does not reach the screens
	if resp, _ := do(t, a.as(t, "t_dept"), "GET", a.URL+"/targets", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("department handler: %d", resp.StatusCode)
	}
}
