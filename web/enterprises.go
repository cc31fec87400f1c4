package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"zhaoshang"
	"zhaoshang/i18n"
)

const enterprisesPerPage = 50

type enterprisesData struct {
	Query  string
	Strong string // "", "1", "0"
	Rows   []*zhaoshang.Enterprise
	Total  int
	Page   int
	Pager  pager
}

func (s *Server) enterprisesPage(w http.ResponseWriter, r *http.Request) {
	d := &enterprisesData{Query: formText(r, "q"), Strong: formText(r, "strong"), Page: pageNumber(r)}
	if d.Strong != "1" && d.Strong != "0" {
		d.Strong = ""
	}
	f := zhaoshang.EnterpriseFilter{Query: d.Query, Strong: yesNoPtr(d.Strong), Offset: offset(d.Page, enterprisesPerPage), Limit: enterprisesPerPage}
	rows, total, err := s.svc.Enterprises.Enterprises(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Rows, d.Total = rows, total
	v := url.Values{}
	if d.Query != "" {
		v.Set("q", d.Query)
	}
	if d.Strong != "" {
		v.Set("strong", d.Strong)
	}
	d.Pager = newPager("/enterprises", v, d.Page, enterprisesPerPage, total)
	p := s.newPage(r, "企业库", "enterprises")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("企业库"), URL: "/enterprises"}}
	p.Data = d
	s.render(w, r, http.StatusOK, "enterprises", p)
}

// enterpriseValues are the enterprise form's values as typed.
type enterpriseValues struct {
	Name, CreditCode, HomeRegion string
	Tags                         []string
}

func readEnterpriseValues(r *http.Request) enterpriseValues {
	r.ParseForm()
	v := enterpriseValues{Name: formText(r, "name"), CreditCode: formText(r, "credit_code"), HomeRegion: formText(r, "home_region")}
	for _, t := range r.Form["tag"] {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(v.Tags, t) {
			v.Tags = append(v.Tags, t)
		}
	}
	return v
}

func (v enterpriseValues) input() zhaoshang.EnterpriseInput {
	return zhaoshang.EnterpriseInput{Name: v.Name, CreditCode: zhaoshang.NormalizeCreditCode(v.CreditCode), HomeRegion: v.HomeRegion, Tags: v.Tags}
}

// tagChoice is one tag of the enterprise form.
type tagChoice struct {
	Tag     string
	Checked bool
	Strong  bool // the tag makes an enterprise 优强 (configured)
}

func tagChoices(checked, strong []string) []tagChoice {
	var out []tagChoice
	for _, t := range zhaoshang.EnterpriseTags() {
		out = append(out, tagChoice{t, slices.Contains(checked, t), slices.Contains(strong, t)})
	}
	for _, t := range checked { // a tag the list no longer offers stays visible
		if !slices.Contains(zhaoshang.EnterpriseTags(), t) {
			out = append(out, tagChoice{t, true, slices.Contains(strong, t)})
		}
	}
	return out
}

// enterpriseFields fill the fields the new and the edit form share.
type enterpriseFields struct {
	ID    int64 // 0 for a new enterprise
	V     enterpriseValues
	Tags  []tagChoice
	Field string
}

type enterpriseFormData struct {
	V          enterpriseValues
	Tags       []tagChoice
	Err, Field string
}

func (d *enterpriseFormData) Fields() enterpriseFields {
	return enterpriseFields{V: d.V, Tags: d.Tags, Field: d.Field}
}

func (s *Server) enterpriseNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderEnterpriseNew(w, r, http.StatusOK, &enterpriseFormData{})
}

func (s *Server) renderEnterpriseNew(w http.ResponseWriter, r *http.Request, status int, d *enterpriseFormData) {
	strong, err := s.svc.Enterprises.StrongTags(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Tags = tagChoices(d.V.Tags, strong)
	p := s.newPage(r, "新增企业", "enterprises")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("企业库"), URL: "/enterprises"}, {Label: p.T("新增企业")}}
	p.Data = d
	s.render(w, r, status, "enterprise_form", p)
}

func enterpriseURL(id int64) string { return fmt.Sprintf("/enterprises/%d", id) }

func (s *Server) enterpriseCreate(w http.ResponseWriter, r *http.Request) {
	v := readEnterpriseValues(r)
	e, err := s.svc.Enterprises.CreateEnterprise(r.Context(), v.input())
	if err != nil {
		d := &enterpriseFormData{V: v}
		if !s.formRefused(w, r, err, &d.Err, &d.Field) {
			s.renderEnterpriseNew(w, r, formStatus(err), d)
		}
		return
	}
	setFlash(w, "已新增企业")
	redirect(w, r, enterpriseURL(e.ID))
}

// enterpriseCheck answers the inline duplicate check of the enterprise
// form: a malformed credit code, and enterprises that may be the same.
func (s *Server) enterpriseCheck(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "", "")
	d := &checkData{Done: true}
	name, cc := formText(r, "name"), zhaoshang.NormalizeCreditCode(r.FormValue("credit_code"))
	if cc != "" {
		if err := zhaoshang.CheckCreditCode(cc); err != nil {
			d.Items = append(d.Items, checkItem{Level: "danger", Text: p.Msg(err)})
			cc = ""
		}
	}
	if name != "" || cc != "" {
		similar, err := s.svc.Enterprises.SimilarEnterprises(r.Context(), name, cc)
		if err != nil && zhaoshang.ErrorCode(err) == zhaoshang.EInternal {
			s.log.Error("similar enterprises", "err", err)
		}
		if self := formInt(r, "id"); self != 0 { // editing: the enterprise itself is no duplicate
			similar = slices.DeleteFunc(similar, func(e *zhaoshang.Enterprise) bool { return e.ID == self })
		}
		if len(similar) > 0 {
			d.Items = append(d.Items, checkItem{Level: "warning", Text: p.T("企业库中已有相似企业："), Similar: similar})
		}
	}
	p.Data = d
	s.renderPartial(w, r, http.StatusOK, "ledger_checks", p)
}

// contactRow is a contact as the page shows it: the phone masked.
type contactRow struct {
	*zhaoshang.Contact
	Masked string
}

type contactValues struct {
	Name, Position, Phone string
}

// enterpriseForm is a refused form of the enterprise page.
type enterpriseForm struct {
	Name       string // edit, contact
	Err, Field string
	V          enterpriseValues
	Version    int64
	Contact    contactValues
}

type enterprisePageData struct {
	E        *zhaoshang.Enterprise
	Contacts []contactRow
	Projects []projectRow
	Edit     enterpriseValues
	Version  int64
	Tags     []tagChoice
	Contact  contactValues
	Form     *enterpriseForm
	Revealed map[int64]string // a number shown in full (without JavaScript)
	// what the viewer may do with this shared record (zhaoshang.Principal.MayEditEnterprise)
	CanEdit, Reaches, CanReveal bool
}

func (d *enterprisePageData) Fields() enterpriseFields {
	f := enterpriseFields{ID: d.E.ID, V: d.Edit, Tags: d.Tags}
	if d.Form != nil && d.Form.Name == "edit" {
		f.Field = d.Form.Field
	}
	return f
}

func (s *Server) enterprisePage(w http.ResponseWriter, r *http.Request) {
	s.renderEnterprise(w, r, http.StatusOK, pathID(r), nil, nil)
}

func (s *Server) renderEnterprise(w http.ResponseWriter, r *http.Request, status int, id int64, f *enterpriseForm, revealed map[int64]string) {
	ctx := r.Context()
	e, err := s.svc.Enterprises.Enterprise(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reach, err := s.svc.Enterprises.Reach(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := principal(ctx)
	var contacts []*zhaoshang.Contact
	if pr.ReachesEnterprise(reach) {
		if contacts, err = s.svc.Enterprises.Contacts(ctx, id); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	projects, err := s.svc.Enterprises.EnterpriseProjects(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &enterprisePageData{E: e, Form: f, Revealed: revealed, Version: e.Version,
		CanEdit: pr.Can(zhaoshang.PermEnterpriseEdit) && pr.MayEditEnterprise(reach), Reaches: pr.ReachesEnterprise(reach),
		CanReveal: pr.Can(zhaoshang.PermContactReveal) && pr.ReachesEnterprise(reach),
		Edit:      enterpriseValues{Name: e.Name, CreditCode: e.CreditCode, HomeRegion: e.HomeRegion, Tags: e.Tags}}
	// phones come masked from the service; masking again changes nothing
	if f != nil && f.Name == "edit" && f.Version != 0 {
		d.Edit, d.Version = f.V, f.Version
	}
	if f != nil && f.Name == "contact" {
		d.Contact = f.Contact
	}
	strong, err := s.svc.Enterprises.StrongTags(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Tags = tagChoices(d.Edit.Tags, strong)
	for _, c := range contacts {
		d.Contacts = append(d.Contacts, contactRow{Contact: c, Masked: zhaoshang.MaskPhone(c.Phone)})
	}
	for _, pj := range projects {
		d.Projects = append(d.Projects, projectRow{Project: pj, County: unitNameOf(tree, pj.OrgUnitID)})
	}
	p := s.newPage(r, "企业详情", "enterprises")
	p.Title = e.Name
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("企业库"), URL: "/enterprises"}, {Label: e.Name, URL: enterpriseURL(e.ID)}}
	p.Data = d
	s.render(w, r, status, "enterprise", p)
}

func (s *Server) enterpriseFormFailed(w http.ResponseWriter, r *http.Request, id int64, f *enterpriseForm, err error) {
	if s.formRefused(w, r, err, &f.Err, &f.Field) {
		return
	}
	if zhaoshang.ErrorCode(err) == zhaoshang.EConflict {
		f.Version = 0 // show the stored enterprise, not the stale form
	}
	s.renderEnterprise(w, r, formStatus(err), id, f, nil)
}

func (s *Server) enterpriseUpdate(w http.ResponseWriter, r *http.Request) {
	id, version, v := pathID(r), formInt(r, "version"), readEnterpriseValues(r)
	if _, err := s.svc.Enterprises.UpdateEnterprise(r.Context(), id, version, v.input()); err != nil {
		s.enterpriseFormFailed(w, r, id, &enterpriseForm{Name: "edit", V: v, Version: version}, err)
		return
	}
	setFlash(w, "已保存修改")
	redirect(w, r, enterpriseURL(id))
}

func (s *Server) contactAdd(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	v := contactValues{Name: formText(r, "contact_name"), Position: formText(r, "position"), Phone: formText(r, "phone")}
	if _, err := s.svc.Enterprises.AddContact(r.Context(), zhaoshang.Contact{EnterpriseID: id, Name: v.Name, Position: v.Position, Phone: v.Phone}); err != nil {
		s.enterpriseFormFailed(w, r, id, &enterpriseForm{Name: "contact", Contact: v}, err)
		return
	}
	setFlash(w, "已添加联系人")
	redirect(w, r, enterpriseURL(id)+"#contacts")
}

// revealData is the phone cell after a reveal.
type revealData struct {
	ID    int64
	Phone string
	Err   string
}

// contactReveal shows a contact's full number (audited by the service):
// in place for htmx, or on the whole page without JavaScript.
func (s *Server) contactReveal(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	phone, err := s.svc.Enterprises.RevealPhone(r.Context(), id)
	if r.Header.Get("HX-Request") == "true" {
		p := s.newPage(r, "", "")
		d := &revealData{ID: id, Phone: phone}
		status := http.StatusOK
		if err != nil {
			d.Err = errText(i18n.FromRequest(r), err)
			switch zhaoshang.ErrorCode(err) {
			case zhaoshang.ENotFound:
				status = http.StatusNotFound
			case zhaoshang.EForbidden, zhaoshang.EUnauthorized:
				status = http.StatusForbidden
			case zhaoshang.EInternal:
				s.log.Error("reveal phone", "err", err)
				status = http.StatusInternalServerError
			}
		}
		p.Data = d
		s.renderPartial(w, r, status, "ledger_phone", p)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ent := formInt(r, "enterprise")
	if ent == 0 {
		s.renderError(w, r, http.StatusUnprocessableEntity, "缺少企业编号")
		return
	}
	s.renderEnterprise(w, r, http.StatusOK, ent, nil, map[int64]string{id: phone})
}
