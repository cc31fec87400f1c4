package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// ledgerAPIToken signs in as the test account and makes an API token.
func ledgerAPIToken(t *testing.T, a *testApp, username string) string {
	t.Helper()
	auth := sqldb.NewAuthService(a.DB)
	res, err := auth.Login(context.Background(), username, testPassword, "", "")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := auth.CreateToken(zhaoshang.WithPrincipal(context.Background(), res.Principal), "api test", 0)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// ledgerAPIGet calls the API with the token and decodes a 200 answer into out.
func ledgerAPIGet(t *testing.T, a *testApp, token, path string, out any, header ...string) (int, string) {
	t.Helper()
	resp, body := do(t, noRedirect, "GET", a.URL+path, nil, append([]string{"Authorization", "Bearer " + token}, header...)...)
	if resp.StatusCode == http.StatusOK && out != nil {
		if err := json.Unmarshal([]byte(body), out); err != nil {
			t.Fatalf("%s: %v in %s", path, err, body)
		}
	}
	return resp.StatusCode, body
}

type apiProjectJSON struct {
	ID                 int64   `json:"id"`
	Code               string  `json:"code"`
	OrgUnitID          int64   `json:"org_unit_id"`
	EnterpriseID       int64   `json:"enterprise_id"`
	Investor           string  `json:"investor"`
	Area               string  `json:"area"`
	Key                bool    `json:"key"`
	ContractInvestment int64   `json:"contract_investment"`
	TotalInvestment    *int64  `json:"total_investment"`
	Stage              string  `json:"stage"`
	SignedOn           *string `json:"signed_on"`
	StartedOn          *string `json:"started_on"`
	ProducingOn        *string `json:"producing_on"`
}

type apiProjectListJSON struct {
	Items  []apiProjectJSON `json:"items"`
	Total  int              `json:"total"`
	Totals struct {
		Count              int   `json:"count"`
		ContractInvestment int64 `json:"contract_investment"`
		Receipts           int64 `json:"receipts"`
	} `json:"totals"`
}

func (l apiProjectListJSON) codes() []string {
	var out []string
	for _, p := range l.Items {
		out = append(out, p.Code)
	}
	return out
}

// ledgerFixture is three projects in 凯里市 and one in 黄平县, with receipts,
// and a strong enterprise with a contact.
type ledgerFixture struct {
	kaili, huangping int64
	projects         map[string]*zhaoshang.Project
	enterprise       *zhaoshang.Enterprise
}

func newLedgerFixture(t *testing.T, a *testApp) *ledgerFixture {
	t.Helper()
	ps, es := sqldb.NewProjectService(a.DB), sqldb.NewEnterpriseService(a.DB)
	f := &ledgerFixture{kaili: a.Tree.ByCode("522601").ID, huangping: a.Tree.ByCode("522622").ID, projects: map[string]*zhaoshang.Project{}}
	var err error
	f.enterprise, err = es.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "贵州黔东南铝业集团有限公司", HomeRegion: "广东省", Tags: []string{"上市公司"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := es.AddContact(sys(), zhaoshang.Contact{EnterpriseID: f.enterprise.ID, Name: "王经理", Position: "总经理", Phone: "13812345678"}); err != nil {
		t.Fatal(err)
	}
	if _, err := es.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "凯里市小微商贸有限公司"}); err != nil {
		t.Fatal(err)
	}
	d := zhaoshang.NewDate
	for _, in := range []zhaoshang.ProjectInput{
		{Code: "KL-001", Name: "年产10万吨铝精深加工项目", OrgUnitID: f.kaili, Investor: f.enterprise.Name, Area: zhaoshang.AreaIndustry, Industry: "铝加工",
			Key: true, Industrial: true, ContractInvestment: 5000 * zhaoshang.Wan, TotalInvestment: 8000 * zhaoshang.Wan, SignedOn: d(2021, 3, 15), StartedOn: d(2021, 5, 1)},
		{Code: "KL-002", Name: "下司古镇文旅综合体项目", OrgUnitID: f.kaili, Investor: "贵州文旅开发有限公司", Area: zhaoshang.AreaTourism,
			ContractInvestment: 12_345_678, SignedOn: d(2021, 6, 3)},
		{Code: "KL-003", Name: "高山生态茶园项目", OrgUnitID: f.kaili, Investor: "贵州茶业有限公司", Area: zhaoshang.AreaAgriculture,
			Key: true, ContractInvestment: 800 * zhaoshang.Wan, SignedOn: d(2020, 11, 20)},
		{Code: "HP-001", Name: "黄平县生态茶叶精深加工项目", OrgUnitID: f.huangping, Investor: "黄平茶叶有限公司", Area: zhaoshang.AreaAgriculture,
			Key: true, Industrial: true, ContractInvestment: 3000 * zhaoshang.Wan, SignedOn: d(2021, 4, 1)},
	} {
		p, err := ps.CreateProject(sys(), in)
		if err != nil {
			t.Fatalf("%s: %v", in.Code, err)
		}
		f.projects[in.Code] = p
	}
	for _, r := range []zhaoshang.FundInput{
		{ProjectID: f.projects["KL-001"].ID, Month: zhaoshang.Month{Y: 2021, M: 4}, Amount: 1000 * zhaoshang.Wan, Source: zhaoshang.SourceOutOfProvince},
		{ProjectID: f.projects["KL-001"].ID, Month: zhaoshang.Month{Y: 2021, M: 5}, Amount: 500 * zhaoshang.Wan, Source: zhaoshang.SourceForeign, EvidenceNo: "PZ-0501"},
		{ProjectID: f.projects["KL-002"].ID, Month: zhaoshang.Month{Y: 2021, M: 6}, Amount: 2_005_000, Source: zhaoshang.SourceInProvince},
		{ProjectID: f.projects["HP-001"].ID, Month: zhaoshang.Month{Y: 2021, M: 5}, Amount: 100 * zhaoshang.Wan, Source: zhaoshang.SourceOutOfProvince},
	} {
		if _, err := ps.AddReceipt(sys(), r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestTheProjectsAPIFiltersAndPagesWithTotalsInYuan(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		f := newLedgerFixture(t, a)
		token := ledgerAPIToken(t, a, "t_bureau")

		var all apiProjectListJSON
		if code, body := ledgerAPIGet(t, a, token, "/api/v1/projects", &all); code != 200 {
			t.Fatalf("list: %d %s", code, body)
		}
		if all.Total != 4 || len(all.Items) != 4 || all.Totals.Count != 4 ||
			all.Totals.ContractInvestment != 50_000_000+12_345_678+8_000_000+30_000_000 ||
			all.Totals.Receipts != 10_000_000+5_000_000+2_005_000+1_000_000 {
			t.Errorf("all projects: %+v", all)
		}

		var kaili apiProjectListJSON
		ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects?org=%d", f.kaili), &kaili)
		if kaili.Total != 3 || kaili.Totals.ContractInvestment != 70_345_678 || kaili.Totals.Receipts != 17_005_000 {
			t.Errorf("凯里市: total %d totals %+v", kaili.Total, kaili.Totals)
		}

		for _, c := range []struct {
			query string
			want  []string
		}{
			{fmt.Sprintf("org=%d&key=true&sort=code", f.kaili), []string{"KL-001", "KL-003"}},
			{fmt.Sprintf("org=%d&key=false", f.kaili), []string{"KL-002"}},
			{"industrial=true&sort=-code", []string{"KL-001", "HP-001"}},
			{"signed_from=2021-01-01&signed_to=2021-06-30&sort=signed_on", []string{"KL-001", "HP-001", "KL-002"}},
			{"stage=开工", []string{"KL-001"}},
			{"area=农业现代化&sort=code", []string{"HP-001", "KL-003"}},
			{"q=kl-002", []string{"KL-002"}},
			{"voided=true", nil},
		} {
			var got apiProjectListJSON
			if code, body := ledgerAPIGet(t, a, token, "/api/v1/projects?"+c.query, &got); code != 200 {
				t.Errorf("%s: %d %s", c.query, code, body)
				continue
			}
			if !slices.Equal(got.codes(), c.want) || got.Total != len(c.want) || got.Totals.Count != len(c.want) {
				t.Errorf("%s: %v (total %d), want %v", c.query, got.codes(), got.Total, c.want)
			}
		}

		// paging: the page is cut, the totals are those of the whole filtered list
		var page apiProjectListJSON
		ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects?org=%d&sort=code&limit=2", f.kaili), &page)
		if !slices.Equal(page.codes(), []string{"KL-001", "KL-002"}) || page.Total != 3 || page.Totals.ContractInvestment != 70_345_678 {
			t.Errorf("first page: %v total %d %+v", page.codes(), page.Total, page.Totals)
		}
		ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects?org=%d&sort=code&limit=2&offset=2", f.kaili), &page)
		if !slices.Equal(page.codes(), []string{"KL-003"}) || page.Total != 3 {
			t.Errorf("second page: %v total %d", page.codes(), page.Total)
		}

		// one project: money in 元, dates as 2021-06-03 or null
		var p apiProjectJSON
		code, body := ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects/%d", f.projects["KL-001"].ID), &p)
		if code != 200 || p.Code != "KL-001" || p.ContractInvestment != 50_000_000 || p.TotalInvestment == nil || *p.TotalInvestment != 80_000_000 ||
			p.Stage != "开工" || p.SignedOn == nil || *p.SignedOn != "2021-03-15" || p.StartedOn == nil || *p.StartedOn != "2021-05-01" ||
			p.ProducingOn != nil || p.OrgUnitID != f.kaili || p.EnterpriseID != f.enterprise.ID || !p.Key || p.Area != "新型工业化" {
			t.Errorf("KL-001: %d %s", code, body)
		}
		if !strings.Contains(body, `"producing_on": null`) || !strings.Contains(body, `"signed_on": "2021-03-15"`) {
			t.Errorf("dates are not written as 2021-03-15 / null: %s", body)
		}
		ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects/%d", f.projects["KL-002"].ID), &p)
		if p.ContractInvestment != 12_345_678 || p.TotalInvestment != nil || p.Stage != "签约" {
			t.Errorf("KL-002: %+v", p)
		}
		if code, _ := ledgerAPIGet(t, a, token, "/api/v1/projects/999999", nil); code != 404 {
			t.Errorf("unknown project: %d", code)
		}

		// the receipts of a project
		var funds struct {
			ProjectID int64 `json:"project_id"`
			Items     []struct {
				Month      string `json:"month"`
				Amount     int64  `json:"amount"`
				Source     string `json:"source"`
				EvidenceNo string `json:"evidence_no"`
				Voided     bool   `json:"voided"`
			} `json:"items"`
			Total int   `json:"total"`
			Sum   int64 `json:"sum"`
		}
		code, body = ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/funds?project=%d", f.projects["KL-001"].ID), &funds)
		if code != 200 || funds.Total != 2 || len(funds.Items) != 2 || funds.Sum != 15_000_000 || funds.ProjectID != f.projects["KL-001"].ID ||
			funds.Items[0].Month != "2021-04" || funds.Items[0].Amount != 10_000_000 || funds.Items[0].Source != "省外境内" ||
			funds.Items[1].Month != "2021-05" || funds.Items[1].EvidenceNo != "PZ-0501" {
			t.Errorf("funds: %d %s", code, body)
		}
	})
}

func TestTheAPIGivesACountyClerksTokenOnlyHerCounty(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newLedgerFixture(t, a)
	token := ledgerAPIToken(t, a, "t_kaili")

	var list apiProjectListJSON
	if code, body := ledgerAPIGet(t, a, token, "/api/v1/projects", &list); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if list.Total != 3 || list.Totals.ContractInvestment != 70_345_678 || list.Totals.Receipts != 17_005_000 {
		t.Errorf("the clerk's list: %v total %d %+v", list.codes(), list.Total, list.Totals)
	}
	for _, p := range list.Items {
		if p.OrgUnitID != f.kaili {
			t.Errorf("the clerk sees %s of unit %d", p.Code, p.OrgUnitID)
		}
	}
	// asking for the other county gives nothing, not its projects
	ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects?org=%d", f.huangping), &list)
	if list.Total != 0 || len(list.Items) != 0 || list.Totals.ContractInvestment != 0 {
		t.Errorf("the clerk filtered by 黄平县: %v", list.codes())
	}
	other := f.projects["HP-001"].ID
	for _, path := range []string{fmt.Sprintf("/api/v1/projects/%d", other), fmt.Sprintf("/api/v1/funds?project=%d", other)} {
		code, body := ledgerAPIGet(t, a, token, path, nil)
		if code != 404 || strings.Contains(body, "HP-001") || strings.Contains(body, "黄平") || !strings.Contains(body, `"not_found"`) {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
	// her own county's project is there
	if code, _ := ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects/%d", f.projects["KL-003"].ID), nil); code != 200 {
		t.Errorf("own project: %d", code)
	}
	// and the other county's clerk sees the other way round
	var hp apiProjectListJSON
	ledgerAPIGet(t, a, ledgerAPIToken(t, a, "t_huangping"), "/api/v1/projects", &hp)
	if !slices.Equal(hp.codes(), []string{"HP-001"}) || hp.Totals.Receipts != 1_000_000 {
		t.Errorf("黄平县's clerk: %v %+v", hp.codes(), hp.Totals)
	}
}

func TestTheLedgerAPIAnswersABadParameterWith422InChinese(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newLedgerFixture(t, a)
	token := ledgerAPIToken(t, a, "t_bureau")
	for _, c := range []struct{ path, want string }{
		{"/api/v1/projects?limit=501", "参数“limit”格式不正确"},
		{"/api/v1/projects?limit=0", "参数“limit”格式不正确"},
		{"/api/v1/projects?limit=ten", "参数“limit”格式不正确"},
		{"/api/v1/projects?offset=-1", "参数“offset”格式不正确"},
		{"/api/v1/projects?key=maybe", "参数“key”格式不正确"},
		{"/api/v1/projects?industrial=是", "参数“industrial”格式不正确"},
		{"/api/v1/projects?voided=yes", "参数“voided”格式不正确"},
		{"/api/v1/projects?signed_from=2021-02-30", "参数“signed_from”格式不正确"},
		{"/api/v1/projects?signed_to=2021/6/30", "参数“signed_to”格式不正确"},
		{"/api/v1/projects?signed_from=2021-07-01&signed_to=2021-06-30", "参数“signed_to”不能早于“signed_from”"},
		{"/api/v1/projects?stage=施工", "参数“stage”格式不正确"},
		{"/api/v1/projects?area=工业", "参数“area”格式不正确"},
		{"/api/v1/projects?org=凯里", "参数“org”格式不正确"},
		{"/api/v1/projects?sort=price", "参数“sort”格式不正确"},
		{"/api/v1/projects/abc", "参数“id”格式不正确"},
		{"/api/v1/funds", "缺少参数“project”"},
		{"/api/v1/funds?project=x1", "参数“project”格式不正确"},
		{"/api/v1/enterprises?strong=1x", "参数“strong”格式不正确"},
		{"/api/v1/enterprises?limit=1000", "参数“limit”格式不正确"},
		{"/api/v1/enterprises/-3", "参数“id”格式不正确"},
	} {
		code, body := ledgerAPIGet(t, a, token, c.path, nil)
		var e struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal([]byte(body), &e)
		if code != http.StatusUnprocessableEntity || e.Error.Code != "invalid" || e.Error.Message != c.want {
			t.Errorf("%s: %d %s, want 422 %q", c.path, code, body, c.want)
		}
	}
	// in English with the language switch
	_, body := ledgerAPIGet(t, a, token, "/api/v1/projects?limit=501", nil, "Cookie", "lang=en")
	if !strings.Contains(body, "The parameter “limit” is malformed") {
		t.Errorf("English: %s", body)
	}
	// the good values of the same parameters pass
	if code, body := ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/projects?limit=500&offset=0&key=1&industrial=false&voided=0&signed_from=2021-02-28&stage=签约&area=新型工业化&org=%d&sort=-contract_investment", f.kaili), nil); code != 200 {
		t.Errorf("good parameters: %d %s", code, body)
	}
}

func TestTheLedgerAPIIsClosedToThoseWithoutProjectView(t *testing.T) {
	a := newApp(t, "sqlite")
	newLedgerFixture(t, a)
	if resp, body := get(t, a.URL+"/api/v1/projects"); resp.StatusCode != 401 || !strings.Contains(body, `"unauthorized"`) {
		t.Errorf("anonymous: %d %s", resp.StatusCode, body)
	}
	if code, body := ledgerAPIGet(t, a, ledgerAPIToken(t, a, "t_sys"), "/api/v1/projects", nil); code != 403 || strings.Contains(body, "KL-001") {
		t.Errorf("system administrator: %d %s", code, body)
	}
	var list apiProjectListJSON
	if code, _ := ledgerAPIGet(t, a, ledgerAPIToken(t, a, "t_leader"), "/api/v1/projects", &list); code != 200 || list.Total != 4 {
		t.Errorf("the prefecture's leader: %d total %d", code, list.Total)
	}
}

func TestTheEnterpriseAPIMasksContactPhones(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newLedgerFixture(t, a)
	token := ledgerAPIToken(t, a, "t_kaili")

	var list struct {
		Items []struct {
			ID     int64    `json:"id"`
			Name   string   `json:"name"`
			Tags   []string `json:"tags"`
			Strong bool     `json:"strong"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if code, body := ledgerAPIGet(t, a, token, "/api/v1/enterprises?strong=true", &list); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != f.enterprise.ID || !list.Items[0].Strong || !slices.Contains(list.Items[0].Tags, "上市公司") {
		t.Errorf("strong enterprises: %+v", list)
	}
	ledgerAPIGet(t, a, token, "/api/v1/enterprises?strong=false&limit=100", &list)
	for _, e := range list.Items {
		if e.Strong || e.ID == f.enterprise.ID {
			t.Errorf("strong=false lists %s", e.Name)
		}
	}
	ledgerAPIGet(t, a, token, "/api/v1/enterprises?q=小微", &list)
	if list.Total != 1 || list.Items[0].Name != "凯里市小微商贸有限公司" {
		t.Errorf("q=小微: %+v", list)
	}
	ledgerAPIGet(t, a, token, "/api/v1/enterprises?limit=2&offset=1", &list)
	if list.Total < 5 || len(list.Items) != 2 {
		t.Errorf("paging: %d items of %d", len(list.Items), list.Total)
	}

	var e struct {
		ID       int64  `json:"id"`
		Name     string `json:"name"`
		Contacts []struct {
			Name     string `json:"name"`
			Position string `json:"position"`
			Phone    string `json:"phone"`
		} `json:"contacts"`
		ProjectIDs []int64 `json:"project_ids"`
	}
	code, body := ledgerAPIGet(t, a, token, fmt.Sprintf("/api/v1/enterprises/%d", f.enterprise.ID), &e)
	if code != 200 || e.ID != f.enterprise.ID || len(e.Contacts) != 1 || e.Contacts[0].Name != "王经理" || e.Contacts[0].Phone != "138****5678" ||
		!slices.Equal(e.ProjectIDs, []int64{f.projects["KL-001"].ID}) {
		t.Errorf("enterprise: %d %s", code, body)
	}
	if strings.Contains(body, "13812345678") {
		t.Error("the API shows a contact's full phone number")
	}
	if code, _ := ledgerAPIGet(t, a, token, "/api/v1/enterprises/999999", nil); code != 404 {
		t.Errorf("unknown enterprise: %d", code)
	}
}
