package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

// renameUnit changes a unit's name as the bureau administrator would.
func renameUnit(t *testing.T, a *testApp, c *http.Client, code, name string) *zhaoshang.OrgUnit {
	t.Helper()
	tree, err := a.Org.Tree(sys())
	if err != nil {
		t.Fatal(err)
	}
	u := tree.ByCode(code)
	resp, body := do(t, c, "POST", fmt.Sprintf("%s/org/units/%d", a.URL, u.ID), url.Values{
		"code": {u.Code}, "name": {name}, "kind": {string(u.Kind)}, "version": {fmt.Sprint(u.Version)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename %s: %d %s", code, resp.StatusCode, body)
	}
	return u
}

// apiAudit reads /api/v1/audit with the query.
func apiAudit(t *testing.T, a *testApp, c *http.Client, query string) (items []map[string]any, total int) {
	t.Helper()
	resp, body := do(t, c, "GET", a.URL+"/api/v1/audit?"+query, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("api audit %s: %d %s", query, resp.StatusCode, body)
	}
	var out struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out.Items, out.Total
}

func today() string { return time.Now().In(zhaoshang.Shanghai).Format("2006-01-02") }

func TestTheAuditAdministratorSeesAChangeByAnotherUserWithBeforeAndAfter(t *testing.T) {
	a := newApp(t, "sqlite")
	u := renameUnit(t, a, a.as(t, "t_bureau"), "522601", "凯里市（改名测试）")
	c := a.as(t, "t_audit")

	resp, body := do(t, c, "GET", a.URL+"/audit?user=t_bureau&entity=org_unit&action=update&from="+today()+"&to="+today(), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/audit: %d", resp.StatusCode)
	}
	for _, want := range []string{"t_bureau", "修改", "组织机构", "州投资促进局", "共1条"} {
		if !strings.Contains(body, want) {
			t.Errorf("the trail does not show %q", want)
		}
	}
	items, total := apiAudit(t, a, c, "user=t_bureau&action=update")
	if total != 1 || len(items) != 1 || items[0]["entity_id"] != fmt.Sprint(u.ID) {
		t.Fatalf("api: %d %v", total, items)
	}
	id := int64(items[0]["id"].(float64))
	if !strings.Contains(body, fmt.Sprintf(`href="/audit/%d"`, id)) {
		t.Error("the row does not link to its entry")
	}

	resp, body = do(t, c, "GET", fmt.Sprintf("%s/audit/%d", a.URL, id), nil)
	if resp.StatusCode != 200 {
		t.Fatalf("entry: %d", resp.StatusCode)
	}
	for _, want := range []string{"凯里市", "凯里市（改名测试）", "zs-changed", "变更前", "变更后", items[0]["hash"].(string), items[0]["prev_hash"].(string)} {
		if !strings.Contains(body, want) {
			t.Errorf("the entry does not show %q", want)
		}
	}
	if n := strings.Count(body, "zs-changed"); n != 2 { // the name and the version
		t.Errorf("%d fields highlighted, want 2", n)
	}
	if resp, _ := do(t, c, "GET", a.URL+"/audit/999999", nil); resp.StatusCode != 404 {
		t.Errorf("a missing entry: %d", resp.StatusCode)
	}
}

func TestACountyClerkIsRefusedTheAuditTrail(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_kaili")
	for _, path := range []string{"/audit", "/audit/1", "/audit/logins", "/audit/export.xlsx", "/api/v1/audit"} {
		if resp, body := do(t, c, "GET", a.URL+path, nil); resp.StatusCode != http.StatusForbidden || strings.Contains(body, "t_bureau") {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := do(t, c, "POST", a.URL+"/audit/verify", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("verify: %d", resp.StatusCode)
	}
}

func TestTheExcelExportHoldsExactlyTheFilteredRowsAndIsItselfAudited(t *testing.T) {
	a := newApp(t, "sqlite")
	bureau := a.as(t, "t_bureau")
	for i, code := range []string{"522601", "522622", "522623"} {
		renameUnit(t, a, bureau, code, fmt.Sprintf("改名%d", i))
	}
	c := a.as(t, "t_audit")
	query := "user=t_bureau&entity=org_unit&from=" + today()
	items, total := apiAudit(t, a, c, query)
	if total != 3 {
		t.Fatalf("filtered rows: %d", total)
	}

	resp, body := do(t, c, "GET", a.URL+"/audit/export.xlsx?"+query, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("export: %d %s", resp.StatusCode, body)
	}
	name := "审计日志-" + time.Now().In(zhaoshang.Shanghai).Format("20060102") + ".xlsx"
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape(name)) {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+3 {
		t.Fatalf("%d rows, want a title, a header and 3 entries: %q", len(rows), rows)
	}
	if !strings.Contains(rows[0][0], "共3条") || !strings.Contains(rows[0][0], "t_audit") || rows[1][0] != "序号" || rows[1][1] != "时间" {
		t.Errorf("title and header: %q %q", rows[0], rows[1])
	}
	for i, row := range rows[2:] {
		if row[0] != fmt.Sprint(items[i]["id"]) || row[2] != "t_bureau" || row[5] != "修改" || row[6] != "组织机构" {
			t.Errorf("row %d: %q", i, row)
		}
		if _, err := time.Parse("2006-01-02 15:04:05", row[1]); err != nil {
			t.Errorf("row %d time %q", i, row[1])
		}
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth(sheet, "I"); w < 20 {
		t.Errorf("note column width %v", w)
	}

	exports, n := apiAudit(t, a, c, "user=t_audit&action=export")
	if n != 1 || exports[0]["entity"] != "audit_log" || !strings.Contains(exports[0]["note"].(string), "导出审计日志3条") ||
		!strings.Contains(exports[0]["note"].(string), "操作人 t_bureau") {
		t.Errorf("the export is not in the trail: %v", exports)
	}
}

func TestTheLoginLogShowsAFailedSignInWithItsReasonAndASuccessfulOne(t *testing.T) {
	a := newApp(t, "sqlite")
	if status, _ := post(t, a.URL+"/login", url.Values{"username": {"t_kaili"}, "password": {"wrong-password"}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", status)
	}
	a.as(t, "t_kaili")
	c := a.as(t, "t_audit")
	resp, body := do(t, c, "GET", a.URL+"/audit/logins?user=t_kaili", nil, "User-Agent", "ignored")
	if resp.StatusCode != 200 {
		t.Fatalf("/audit/logins: %d", resp.StatusCode)
	}
	for _, want := range []string{"失败", "密码错误", "成功", "共2条", "Go 1"} {
		if !strings.Contains(body, want) {
			t.Errorf("the login log does not show %q", want)
		}
	}
	_, body = do(t, c, "GET", a.URL+"/audit/logins?user=t_kaili&result=failed", nil)
	if !strings.Contains(body, "密码错误") || !strings.Contains(body, "共1条") {
		t.Error("the result filter does not keep the failure alone")
	}
	_, body = do(t, c, "GET", a.URL+"/audit/logins?user=t_kaili&result=ok", nil)
	if strings.Contains(body, "密码错误") || !strings.Contains(body, "共1条") {
		t.Error("the result filter does not keep the success alone")
	}
	_, body = do(t, c, "GET", a.URL+"/audit/logins?user=t_kaili", nil, "Cookie", "lang=en")
	if !strings.Contains(body, "Wrong password") || !strings.Contains(body, "Failed") {
		t.Error("the login log is not translated")
	}
}

func TestTheVerifyButtonReportsAnIntactChain(t *testing.T) {
	a := newApp(t, "sqlite")
	renameUnit(t, a, a.as(t, "t_bureau"), "522601", "凯里市新名")
	c := a.as(t, "t_audit")
	_, page := do(t, c, "GET", a.URL+"/audit", nil)
	if !strings.Contains(page, `action="/audit/verify"`) {
		t.Fatal("the audit page has no verify button")
	}
	resp, body := do(t, c, "POST", a.URL+"/audit/verify", url.Values{})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="verify-result"`) || !strings.Contains(body, "哈希链完整") {
		t.Fatalf("verify: %d", resp.StatusCode)
	}
	if strings.Contains(body, "alert-danger") {
		t.Error("an intact chain is reported broken")
	}
}

func TestTheAuditAPIAndViewerRefuseABadFilter(t *testing.T) {
	a := newApp(t, "sqlite")
	c := a.as(t, "t_audit")
	for _, q := range []string{"limit=1001", "offset=-1", "from=2021-13-01", "from=2021-06-30&to=2021-06-01", "org=x"} {
		if resp, body := do(t, c, "GET", a.URL+"/api/v1/audit?"+q, nil); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `"invalid"`) {
			t.Errorf("api %s: %d %s", q, resp.StatusCode, body)
		}
	}
	resp, body := do(t, c, "GET", a.URL+"/audit?from=30.06.2021", nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "格式不正确") {
		t.Errorf("viewer with a bad date: %d", resp.StatusCode)
	}
	items, total := apiAudit(t, a, c, "limit=2")
	if len(items) != 2 || total < 3 {
		t.Fatalf("limit: %d of %d", len(items), total)
	}
	for _, k := range []string{"id", "at", "actor_id", "actor_name", "actor_org_id", "ip", "action", "entity", "entity_id", "before", "after", "note", "hash", "prev_hash"} {
		if _, ok := items[0][k]; !ok {
			t.Errorf("api item lacks %q", k)
		}
	}
	if _, err := time.Parse(time.RFC3339, items[0]["at"].(string)); err != nil || !strings.HasSuffix(items[0]["at"].(string), "Z") {
		t.Errorf("at %v", items[0]["at"])
	}
	next, _ := apiAudit(t, a, c, "limit=2&offset=1")
	if next[0]["id"] != items[1]["id"] {
		t.Error("offset does not page")
	}
}
