package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestTheProjectPageOffersItsEditsExactlyToWhomTheDomainLetsEditTheProject:
// the clerk of a live project sees the edit button and the receipt and
// attachment forms; a leader (project:view only) does not, and once the
// project is voided nobody does.
func TestTheProjectPageOffersItsEditsExactlyToWhomTheDomainLetsEditTheProject(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p := f.project("KL-E1", "凯里编辑测试项目", f.kaili, "1000", "2021-03-10")
	edits := []string{`id="edit-project"`, `action="/projects/` + itoa(p.ID) + `/receipts"`}
	page := func(user string) string {
		t.Helper()
		resp, body := do(t, a.as(t, user), "GET", a.URL+"/projects/"+itoa(p.ID), nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", user, resp.StatusCode)
		}
		return body
	}
	offers := func(body string) (n int) {
		for _, e := range edits {
			if strings.Contains(body, e) {
				n++
			}
		}
		return n
	}
	if n := offers(page("t_kaili")); n != len(edits) {
		t.Errorf("the county clerk is offered %d of the %d edits of a live project", n, len(edits))
	}
	if n := offers(page("t_leader")); n != 0 {
		t.Errorf("a leader is offered %d edits", n)
	}
	if err := f.Projects.VoidProject(sys(), p.ID, p.Version, "签约后撤销"); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"t_kaili", "t_bureau"} {
		if n := offers(page(u)); n != 0 {
			t.Errorf("%s is offered %d edits of a voided project", u, n)
		}
	}
}
