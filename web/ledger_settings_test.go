package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"zhaoshang"
	"zhaoshang/sqldb"
)

func TestTheBureauDecidesWhichTagsMakeAnEnterpriseStrong(t *testing.T) {
	a := newApp(t, "sqlite")
	ents := sqldb.NewEnterpriseService(a.DB)
	e, err := ents.CreateEnterprise(sys(), zhaoshang.EnterpriseInput{Name: "贵州高新材料有限公司", Tags: []string{"高新技术企业"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Strong {
		t.Fatal("高新技术企业 is not a strong tag by default")
	}
	if resp, _ := do(t, a.as(t, "t_kaili"), "POST", a.URL+"/settings/ledger", url.Values{"tag": {"高新技术企业"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a county clerk changed the rule: %d", resp.StatusCode)
	}
	c := a.as(t, "t_bureau")
	if resp, _ := do(t, c, "POST", a.URL+"/settings/ledger", url.Values{}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("no tag at all: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "POST", a.URL+"/settings/ledger", url.Values{"tag": {"世界500强", "高新技术企业"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	e, _ = ents.Enterprise(sys(), e.ID)
	if !e.Strong {
		t.Error("the enterprise does not count as strong under the new rule")
	}
	entries, _, _ := sqldb.NewAuditService(a.DB).FindAudit(sys(), zhaoshang.AuditFilter{Entity: "setting", EntityID: "strong_tags"})
	if len(entries) != 1 || entries[0].ActorName != "t_bureau" {
		t.Errorf("the rule change is not in the trail: %+v", entries)
	}
}
