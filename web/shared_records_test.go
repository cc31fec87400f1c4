package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/sqldb"
	"zhaoshang/sqldb/sqldbtest"
)

// approveMonths submits and approves a county's months of a year from
// January through the given month, as the system.
func approveMonths(t *testing.T, a *testApp, county int64, through zhaoshang.Month) {
	t.Helper()
	reviews := sqldb.NewReviewService(a.DB)
	for _, step := range []zhaoshang.ReviewAction{zhaoshang.StepSubmit, zhaoshang.StepApprove} {
		list, err := reviews.Reviews(sys(), through.Y, through)
		if err != nil {
			t.Fatal(err)
		}
		var steps []zhaoshang.ReviewStep
		for _, r := range list {
			if r.OrgUnitID == county {
				steps = append(steps, zhaoshang.ReviewStep{OrgUnitID: county, Month: r.Month, Version: r.Version})
			}
		}
		if _, err := reviews.Step(sys(), step, steps, ""); err != nil {
			t.Fatal(step, err)
		}
	}
}

// sharedFixture: an enterprise listed on the stock market (so 优强) whose
// only project is 黄平县's, signed in March 2021, with a contact; 黄平县's
// months through March approved.
type sharedFixture struct {
	*screenFixture
	e       *zhaoshang.Enterprise
	contact *zhaoshang.Contact
}

func newSharedFixture(t *testing.T, a *testApp) *sharedFixture {
	t.Helper()
	f := &sharedFixture{screenFixture: newScreenFixture(t, a)}
	var err error
	if f.e, err = f.Enterprises.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "黄平某某铝业股份有限公司", Tags: []string{"上市公司"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "HP2021001", Name: "黄平铝精深加工项目", OrgUnitID: f.huangping,
		Investor: f.e.Name, Area: zhaoshang.AreaIndustry, Industry: "铝加工", Key: true, Industrial: true,
		ContractInvestment: wan("30000"), SignedOn: date("2021-03-15")}); err != nil {
		t.Fatal(err)
	}
	if f.contact, err = f.Enterprises.AddContact(sys(), zhaoshang.Contact{EnterpriseID: f.e.ID, Name: "李总", Phone: "13900001111"}); err != nil {
		t.Fatal(err)
	}
	approveMonths(t, a, f.huangping, zhaoshang.Month{Y: 2021, M: 3})
	return f
}

func (f *sharedFixture) strongNewcomers(t *testing.T) int64 {
	t.Helper()
	ms, err := sqldb.NewStatsService(f.a.DB).Measures(sys(), []int64{f.huangping}, indicator.YTD(zhaoshang.Month{Y: 2021, M: 3}))
	if err != nil {
		t.Fatal(err)
	}
	return ms[f.huangping][zhaoshang.MNewStrongEnterprises]
}

// The review's attack: demo_kaili removed the tags of enterprises whose
// only projects are 黄平县's, and 黄平县's approved figure fell. A county
// clerk may not change an enterprise whose projects lie beyond her county,
// nor see or reveal its contacts; the page offers her none of it.
func TestACountyClerkCannotChangeOrReadAnotherCountysEnterprise(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		f := newSharedFixture(t, a)
		if n := f.strongNewcomers(t); n != 1 {
			t.Fatalf("黄平县 counts %d new strong enterprises, want 1", n)
		}
		clerk := a.as(t, "t_kaili")
		page := fmt.Sprintf("%s/enterprises/%d", a.URL, f.e.ID)
		_, body := do(t, clerk, "GET", page, nil)
		if strings.Contains(body, `id="form-edit"`) || strings.Contains(body, `id="form-contact"`) || !strings.Contains(body, `id="edit-withheld"`) {
			t.Error("the clerk is offered the edit forms of another county's enterprise")
		}
		if strings.Contains(body, "李总") || strings.Contains(body, "139****1111") || strings.Contains(body, "/reveal") {
			t.Error("the clerk sees another county's contacts")
		}
		resp, body := do(t, clerk, "POST", page, url.Values{"name": {f.e.Name}, "version": {idStr(f.e.Version)}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "在您的数据范围以外也有项目") {
			t.Errorf("removing the tags: %d", resp.StatusCode)
		}
		resp, _ = do(t, clerk, "POST", page+"/contacts", url.Values{"contact_name": {"冒名者"}, "phone": {"13000000000"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("adding a contact: %d", resp.StatusCode)
		}
		resp, body = do(t, clerk, "POST", fmt.Sprintf("%s/contacts/%d/reveal", a.URL, f.contact.ID), url.Values{"enterprise": {idStr(f.e.ID)}}, "HX-Request", "true")
		if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "13900001111") {
			t.Errorf("revealing the phone: %d", resp.StatusCode)
		}
		resp, body = do(t, clerk, "GET", fmt.Sprintf("%s/api/v1/enterprises/%d", a.URL, f.e.ID), nil)
		var api struct {
			Contacts []any `json:"contacts"`
			Withheld bool  `json:"contacts_withheld"`
		}
		if json.Unmarshal([]byte(body), &api); resp.StatusCode != 200 || len(api.Contacts) != 0 || !api.Withheld {
			t.Errorf("the API: %d %s", resp.StatusCode, body)
		}
		got, _ := f.Enterprises.Enterprise(sys(), f.e.ID)
		cs, _ := f.Enterprises.Contacts(sys(), f.e.ID)
		if !slices.Equal(got.Tags, []string{"上市公司"}) || len(cs) != 1 || f.strongNewcomers(t) != 1 {
			t.Errorf("the enterprise changed: %+v, %d contacts", got, len(cs))
		}
		audits, _, _ := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Action: zhaoshang.ActRevealPhone})
		if len(audits) != 0 {
			t.Error("a refused reveal was audited as a reveal")
		}
		// the county that alone holds the projects may edit them
		hp := a.as(t, "t_huangping")
		if _, body := do(t, hp, "GET", page, nil); !strings.Contains(body, `id="form-edit"`) || !strings.Contains(body, "139****1111") {
			t.Error("黄平县's clerk should edit her own enterprise and see its contact")
		}
	})
}

// A change of tags that would alter a figure of a locked month is refused
// like any other change to that month, for the bureau too: here the
// enterprise would stop counting as 黄平县's new strong enterprise of
// March, which is approved. The strong-tag setting is such an input too.
func TestAChangeThatAltersALockedFigureThroughTheEnterpriseIsRefused(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db.Dialect())
		f := newSharedFixture(t, a)
		bureau := a.as(t, "t_bureau")
		page := fmt.Sprintf("%s/enterprises/%d", a.URL, f.e.ID)
		resp, body := do(t, bureau, "POST", page, url.Values{"name": {f.e.Name}, "version": {idStr(f.e.Version)}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "黄平县2021年3月的数据已审核，已锁定") {
			t.Errorf("the bureau removing the tags of a locked newcomer: %d", resp.StatusCode)
		}
		// other details change freely: they feed no figure
		resp, _ = do(t, bureau, "POST", page, url.Values{"name": {f.e.Name}, "home_region": {"广东省深圳市"}, "tag": {"上市公司"}, "version": {idStr(f.e.Version)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("changing the home region: %d", resp.StatusCode)
		}
		// the setting: without 上市公司 the enterprise would no longer count
		resp, body = do(t, bureau, "POST", a.URL+"/settings/ledger", url.Values{"tag": {"世界500强", "央企"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "黄平县2021年3月的数据已审核，已锁定") {
			t.Errorf("changing the strong tags: %d", resp.StatusCode)
		}
		if tags, _ := f.Enterprises.StrongTags(sys()); !slices.Contains(tags, "上市公司") || f.strongNewcomers(t) != 1 {
			t.Errorf("the setting changed: %v", tags)
		}
		// a setting that moves no locked figure is accepted
		resp, _ = do(t, bureau, "POST", a.URL+"/settings/ledger", url.Values{"tag": {"上市公司", "世界500强", "央企"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a harmless setting: %d", resp.StatusCode)
		}
	})
}

// A ledger row's 优强企业=是 tags a shared enterprise: it is an edit of
// that record, so a county may not make another county's investor strong.
func TestALedgerRowCannotMakeAnotherCountysInvestorStrong(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	if _, err := f.Projects.CreateProject(sys(), zhaoshang.ProjectInput{Code: "HP2022001", Name: "黄平食品项目", OrgUnitID: f.huangping,
		Investor: "贵州某食品有限公司", Area: zhaoshang.AreaAgriculture, Industry: "生态特色食品加工", Key: true,
		ContractInvestment: wan("8000"), SignedOn: date("2022-02-01")}); err != nil {
		t.Fatal(err)
	}
	_, err := f.Projects.ImportProjects(signedInContext(t, a, "t_kaili"), []zhaoshang.ProjectInput{{Row: 2, Code: "KL2022001", Name: "凯里食品项目",
		OrgUnitID: f.kaili, Investor: "贵州某食品有限公司", Strong: true, Area: zhaoshang.AreaAgriculture, Industry: "生态特色食品加工", Key: true,
		ContractInvestment: wan("5000"), SignedOn: date("2022-03-01")}}, "x", zhaoshang.ImportOptions{})
	var ir *zhaoshang.ImportRefused
	if !errors.As(err, &ir) || !strings.Contains(ir.Error(), "是否计为优强企业须由州局在企业库中认定") {
		t.Fatalf("import: %v", err)
	}
}

// signedInContext is a context acting as the test account.
func signedInContext(t *testing.T, a *testApp, username string) context.Context {
	t.Helper()
	res, err := sqldb.NewAuthService(a.DB).Login(sys(), username, testPassword, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return zhaoshang.WithPrincipal(sys(), res.Principal)
}

// The review's denial of service: amounts up to 999,999,999,999.9999万元
// were accepted and 1,000 of them overflowed SQLite's SUM, so the lists
// and the dispatch answered 500 for the whole prefecture. One amount is now
// at most 1万亿元 (a typing error above that), and 1,000 projects at the
// ceiling leave every page working with exact totals.
func TestAmountsHaveACeilingAndSumsAtTheCeilingStayExact(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	row := func(i int, contract zhaoshang.Money) zhaoshang.ProjectInput {
		return zhaoshang.ProjectInput{Row: i + 2, Code: fmt.Sprintf("KL2022%04d", i), Name: fmt.Sprintf("凯里大项目%d", i), OrgUnitID: f.kaili,
			Investor: "某集团有限公司", Area: zhaoshang.AreaIndustry, Key: true, ContractInvestment: contract, SignedOn: date("2022-01-10")}
	}
	huge, _ := zhaoshang.ParseWan("999999999999.9999")
	_, err := f.Projects.ImportProjects(sys(), []zhaoshang.ProjectInput{row(0, huge)}, "x", zhaoshang.ImportOptions{})
	var ir *zhaoshang.ImportRefused
	if !errors.As(err, &ir) || !strings.Contains(ir.Error(), "超过单项上限10,000亿元，疑为录入错误") {
		t.Fatalf("an amount above the ceiling: %v", err)
	}
	var rows []zhaoshang.ProjectInput
	for i := 0; i < 1000; i++ {
		rows = append(rows, row(i, zhaoshang.MaxAmount))
	}
	if _, err := f.Projects.ImportProjects(sys(), rows, "y", zhaoshang.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	_, totals, err := f.Projects.Projects(sys(), zhaoshang.ProjectFilter{Limit: 10})
	if err != nil || totals.ContractInvestment != 1000*zhaoshang.MaxAmount {
		t.Fatalf("totals %+v, %v", totals, err)
	}
	bureau := a.as(t, "t_bureau")
	for _, u := range []string{"/projects", "/api/v1/projects", "/reports/dispatch?through=2022-01&preview=1", "/reports/dispatch?through=2022-01"} {
		if resp, _ := do(t, bureau, "GET", a.URL+u, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", u, resp.StatusCode)
		}
	}
	// the bureau may lower the ceiling, not raise it
	if resp, body := do(t, bureau, "POST", a.URL+"/settings/ledger", url.Values{"form": {"ceiling"}, "amount_ceiling": {"20000"}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="ceiling-error"`) {
		t.Errorf("raising the ceiling: %d", resp.StatusCode)
	}
	if resp, _ := do(t, bureau, "POST", a.URL+"/settings/ledger", url.Values{"form": {"ceiling"}, "amount_ceiling": {"500"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("lowering the ceiling: %d", resp.StatusCode)
	}
	if _, err := f.Projects.CreateProject(sys(), row(2000, 600*zhaoshang.Yi)); zhaoshang.ErrorCode(err) != zhaoshang.EInvalid || !strings.Contains(err.Error(), "超过单项上限500亿元") {
		t.Errorf("a project above the lowered ceiling: %v", err)
	}
}
