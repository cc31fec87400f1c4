package web_test

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
)

func TestACountyClerkExplainsHerFindingAndTheBureauMaySendItBack(t *testing.T) {
	a := newApp(t, "sqlite")
	kaili := a.Tree.ByCode("522601")
	projects := sqldb.NewProjectService(a.DB)
	p, err := projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "KL-9", Name: "凯里测试项目", OrgUnitID: kaili.ID, Investor: "甲集团有限公司",
		Area: zhaoshang.AreaIndustry, Industrial: true, ContractInvestment: 100 * zhaoshang.Wan, SignedOn: zhaoshang.NewDate(2021, 1, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := projects.AddReceipt(sys(), zhaoshang.FundInput{ProjectID: p.ID, Month: zhaoshang.Month{Y: 2021, M: 2}, Amount: 150 * zhaoshang.Wan,
		Source: zhaoshang.SourceOutOfProvince, EvidenceNo: "PZ-1"}); err != nil {
		t.Fatal(err)
	}
	clerk, bureau := a.as(t, "t_kaili"), a.as(t, "t_bureau")
	_, body := do(t, clerk, "GET", a.URL+"/quality", nil)
	if !strings.Contains(body, `data-rule="Q103" data-status="open"`) || !strings.Contains(body, "累计到位资金150.00万元") || !strings.Contains(body, `href="/projects/`) {
		t.Fatalf("the clerk's list lacks the finding:\n%s", body)
	}
	id := regexp.MustCompile(`data-rule="Q103" data-status="open" data-id="(\d+)"`).FindStringSubmatch(body)[1]
	if _, page := do(t, clerk, "GET", a.URL+"/projects/"+itoa(p.ID), nil); !strings.Contains(page, `id="project-findings"`) || !strings.Contains(page, "Q103") {
		t.Error("the project page does not show its open finding")
	}
	if _, other := do(t, a.as(t, "t_huangping"), "GET", a.URL+"/quality", nil); strings.Contains(other, "KL-9") {
		t.Error("黄平县 sees 凯里市's finding")
	}
	resp, body := do(t, clerk, "POST", a.URL+"/quality/"+id+"/explain", url.Values{"version": {"1"}, "text": {" "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写情况说明") {
		t.Errorf("an empty explanation: %d", resp.StatusCode)
	}
	resp, _ = do(t, clerk, "POST", a.URL+"/quality/"+id+"/explain", url.Values{"version": {"1"}, "text": {"已签补充协议增资至200万元"}, "back": {"/quality?status=all"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/quality?status=all" {
		t.Fatalf("explain: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := do(t, clerk, "POST", a.URL+"/quality/"+id+"/reopen", url.Values{"version": {"2"}, "text": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the clerk sends it back: %d", resp.StatusCode)
	}
	_, body = do(t, bureau, "GET", a.URL+"/quality?status=explained", nil)
	if !strings.Contains(body, "已签补充协议增资至200万元") || !strings.Contains(body, `class="d-flex gap-2 mt-2 reopen-form"`) {
		t.Error("the bureau does not see the explanation with a send-back form")
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/quality/"+id+"/reopen", url.Values{"version": {"2"}, "text": {"请上传补充协议"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("send back: %d", resp.StatusCode)
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/quality/run", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("run: %d", resp.StatusCode)
	}
	if resp, _ := do(t, clerk, "POST", a.URL+"/quality/run", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the clerk runs everything: %d", resp.StatusCode)
	}
	// the bureau's thresholds: a bad amount is refused, a good one rechecks at once
	resp, body = do(t, bureau, "POST", a.URL+"/quality/settings", url.Values{"evidence_wan": {"abc"}, "key_min_wan": {"1000"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "凭证核验金额标准应为以万元为单位的数字") || !strings.Contains(body, `value="abc"`) {
		t.Errorf("a bad threshold: %d", resp.StatusCode)
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/quality/settings", url.Values{"evidence_wan": {"500"}, "key_min_wan": {"2000"}, "excluded": {"房地产、商业综合体"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("good thresholds: %d", resp.StatusCode)
	}
	if _, body := do(t, bureau, "GET", a.URL+"/quality", nil); !strings.Contains(body, `value="房地产、商业综合体"`) || !strings.Contains(body, `name="evidence_wan" value="500"`) {
		t.Error("the saved thresholds are not shown")
	}
}

func TestTheDispatchShowsEachCountysOpenFindingsAndTheCheckerReadsTheSeed(t *testing.T) {
	a := withDemo(t)
	bureau := a.as(t, "t_bureau")
	if _, err := sqldb.NewQualityService(a.DB).RunChecks(sys()); err != nil {
		t.Fatal(err)
	}
	_, body := do(t, bureau, "GET", a.URL+"/reports/dispatch?through=2021-06", nil)
	if !strings.Contains(body, `class="badge bg-orange-lt quality-count"`) || !strings.Contains(body, "/quality?unit=") {
		t.Error("the dispatch shows no county's open findings")
	}
	seed, err := os.ReadFile("../reportcheck/testdata/seed-2021-h1.txt")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := do(t, bureau, "POST", a.URL+"/quality/check-report", url.Values{"text": {string(seed)}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d", resp.StatusCode)
	}
	rows := regexp.MustCompile(`<tr class="check-finding"`).FindAllString(body, -1)
	if len(rows) != 2 || !strings.Contains(body, "开工率98.9%") || !strings.Contains(body, "287") || !strings.Contains(body, "2021年1—6月") {
		t.Errorf("%d findings on the seed", len(rows))
	}
	_, body = do(t, bureau, "POST", a.URL+"/quality/check-report", url.Values{"text": {"1—6月，全州新引进重点产业项目289个，开工286个、开工率99.0%。"}, "through": {"2021-06"}})
	if !strings.Contains(body, `id="check-clean"`) {
		t.Error("an agreeing text is not clean")
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/quality/check-report", url.Values{"text": {" "}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an empty text: %d", resp.StatusCode)
	}
}

func TestTheAPIGivesTheReviewAndTheFindingsWithinTheCallersScope(t *testing.T) {
	a := newApp(t, "sqlite")
	kaili := a.Tree.ByCode("522601")
	projects := sqldb.NewProjectService(a.DB)
	p, err := projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "KL-7", Name: "凯里接口测试项目", OrgUnitID: kaili.ID, Investor: "甲集团有限公司",
		Area: zhaoshang.AreaIndustry, Industrial: true, ContractInvestment: 100 * zhaoshang.Wan, SignedOn: zhaoshang.NewDate(2021, 1, 10)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := projects.AddReceipt(sys(), zhaoshang.FundInput{ProjectID: p.ID, Month: zhaoshang.Month{Y: 2021, M: 2}, Amount: 150 * zhaoshang.Wan,
		Source: zhaoshang.SourceOutOfProvince, EvidenceNo: "PZ-7"}); err != nil {
		t.Fatal(err)
	}
	kt, ht := ledgerAPIToken(t, a, "t_kaili"), ledgerAPIToken(t, a, "t_huangping")
	var findings struct {
		Items []struct {
			Rule      string `json:"rule"`
			Status    string `json:"status"`
			ProjectID *int64 `json:"project_id"`
			Message   string `json:"message"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if code, body := ledgerAPIGet(t, a, kt, "/api/v1/findings?rule=Q103&status=open", &findings); code != 200 || findings.Total != 1 ||
		findings.Items[0].ProjectID == nil || *findings.Items[0].ProjectID != p.ID {
		t.Fatalf("the clerk's findings: %d %s", code, body)
	}
	if _, body := ledgerAPIGet(t, a, ht, "/api/v1/findings", &findings); findings.Total != 0 || strings.Contains(body, "KL-7") {
		t.Errorf("黄平县 sees 凯里市's findings: %s", body)
	}
	if code, body := ledgerAPIGet(t, a, kt, "/api/v1/findings?rule=Q999", nil); code != 422 || !strings.Contains(body, "参数“rule”格式不正确") {
		t.Errorf("an unknown rule: %d %s", code, body)
	}
	var reviews struct {
		Items []struct {
			OrgUnitID int64  `json:"org_unit_id"`
			Month     string `json:"month"`
			Status    string `json:"status"`
			Overdue   bool   `json:"overdue"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if code, body := ledgerAPIGet(t, a, kt, "/api/v1/reviews?year=2021", &reviews); code != 200 || reviews.Total != 12 ||
		reviews.Items[0].OrgUnitID != kaili.ID || reviews.Items[0].Month != "2021-01" || reviews.Items[0].Status != "filling" || !reviews.Items[0].Overdue {
		t.Errorf("the clerk's review of 2021: %d %s", code, body)
	}
}
