package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/app"
	"zhaoshang/indicator"
)

// registerLedgerRoutes registers the projects, receipts and enterprises screens.
func (s *Server) registerLedgerRoutes() {
	s.handle("GET /projects", s.projectsPage)
	s.handle("GET /projects/export", s.projectsExport)
	s.handle("GET /projects/new", s.projectNewPage)
	s.handle("POST /projects", s.projectCreate)
	s.handle("POST /projects/check", s.projectCheck)
	s.handle("GET /projects/{id}", s.projectPage)
	s.handle("GET /projects/{id}/edit", s.projectEditPage)
	s.handle("POST /projects/{id}", s.projectUpdate)
	s.handle("POST /projects/{id}/void", s.projectVoid)
	s.handle("POST /projects/{id}/receipts", s.receiptAdd)
	s.handle("POST /projects/{id}/attachments", s.attachmentAdd)
	s.handle("POST /receipts/{id}/void", s.receiptVoid)
	s.handle("GET /attachments/{id}", s.attachmentDownload)

	s.handle("GET /funds/grid", s.fundGridPage)
	s.handle("POST /funds/grid", s.fundGridSave)

	s.handle("GET /enterprises", s.enterprisesPage)
	s.handle("GET /enterprises/new", s.enterpriseNewPage)
	s.handle("POST /enterprises", s.enterpriseCreate)
	s.handle("GET /enterprises/check", s.enterpriseCheck)
	s.handle("GET /enterprises/{id}", s.enterprisePage)
	s.handle("POST /enterprises/{id}", s.enterpriseUpdate)
	s.handle("POST /enterprises/{id}/contacts", s.contactAdd)
	s.handle("POST /contacts/{id}/reveal", s.contactReveal)
}

const projectsPerPage = 50

// industrySuggestions are offered while typing the 产业 of a project: the
// prefecture's nine 100-billion industries (DOMAIN.md). Any text is accepted.
var industrySuggestions = []string{"铝加工", "玻璃", "钡化工", "生态特色食品加工", "民族医药", "民族工艺品加工", "木材加工", "新能源电池", "电子信息"}

// projectSorts are the columns the list sorts by ("-" for descending).
var projectSorts = []string{"signed_on", "contract_investment", "code", "name"}

const defaultProjectSort = "-signed_on"

// strongTag is the enterprise tag the project form's 优强企业 switch sets
// (as a ledger's 优强企业=是 does).
const strongTag = "优强企业"

// renderPartial writes one template of the layout set (a fragment for
// htmx: an inline check, a revealed number) without the page around it.
func (s *Server) renderPartial(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	var buf bytes.Buffer
	if err := s.tmpl.pages["projects"].ExecuteTemplate(&buf, name, p); err != nil {
		s.log.Error("render partial", "template", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// parseWanField reads an amount in 万元 ("" is zero); msg (a catalogue
// key) refuses anything else.
func parseWanField(field, msg, s string) (zhaoshang.Money, error) {
	s = strings.TrimSpace(zhaoshang.FoldWidth(s))
	if s == "" {
		return 0, nil
	}
	m, ok := zhaoshang.ParseWan(s)
	if !ok {
		return 0, inputErr(field, msg)
	}
	return m, nil
}

// parseDateField reads a date 2021-06-30 ("" is no date); msg refuses
// anything else.
func parseDateField(field, msg, s string) (zhaoshang.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return zhaoshang.Date{}, nil
	}
	d, err := zhaoshang.ParseDate(s)
	if err != nil || !d.Valid() {
		return zhaoshang.Date{}, inputErr(field, msg)
	}
	return d, nil
}

// parseMonthField reads a month 2021-06.
func parseMonthField(field, s string) (zhaoshang.Month, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return zhaoshang.Month{}, inputErr(field, "请填写到位月份")
	}
	m, err := zhaoshang.ParseMonth(s)
	if err != nil {
		return zhaoshang.Month{}, inputErr(field, "到位月份应为形如2021-06的月份")
	}
	return m, nil
}

// ownCounty is the county a clerk works for: the only visible county, or
// the user's own unit when it is one.
func ownCounty(tree *zhaoshang.OrgTree, p *zhaoshang.Principal, choices []unitChoice) int64 {
	if len(choices) == 1 {
		return choices[0].ID
	}
	if u := tree.ByID(p.OrgUnitID); u != nil && u.Kind == zhaoshang.OrgCounty {
		for _, c := range choices {
			if c.ID == u.ID {
				return u.ID
			}
		}
	}
	return 0
}

// stageClass is the badge colour of a stage.
func stageClass(st zhaoshang.Stage) string {
	switch st {
	case zhaoshang.StageSigned:
		return "bg-blue-lt"
	case zhaoshang.StageStarted:
		return "bg-cyan-lt"
	case zhaoshang.StageProducing:
		return "bg-green-lt"
	case zhaoshang.StageEffective:
		return "bg-teal-lt"
	}
	return "bg-secondary-lt"
}

// ---------------------------------------------------------------- the list

// projectQuery is the list's filter as the GET form carries it.
type projectQuery struct {
	County     int64
	Stage      string
	Area       string
	Industry   string
	Key        string // "", "1", "0"
	Industrial string
	From, To   string
	Q          string
	Voided     bool
	Sort       string
	Page       int
}

func readProjectQuery(r *http.Request) projectQuery {
	q := projectQuery{
		County: formInt(r, "county"), Stage: formText(r, "stage"), Area: formText(r, "area"),
		Industry: formText(r, "industry"), Key: formText(r, "key"), Industrial: formText(r, "industrial"),
		From: formText(r, "from"), To: formText(r, "to"), Q: formText(r, "q"), Voided: r.FormValue("voided") == "1",
		Sort: formText(r, "sort"), Page: pageNumber(r),
	}
	if q.Key != "1" && q.Key != "0" {
		q.Key = ""
	}
	if q.Industrial != "1" && q.Industrial != "0" {
		q.Industrial = ""
	}
	if !slices.Contains(projectSorts, strings.TrimPrefix(q.Sort, "-")) {
		q.Sort = defaultProjectSort
	}
	return q
}

// filter turns the query into the service's filter (no paging), or says
// which value is wrong.
func (q projectQuery) filter() (zhaoshang.ProjectFilter, error) {
	f := zhaoshang.ProjectFilter{OrgUnitID: q.County, Industry: q.Industry, Query: q.Q, Voided: q.Voided, Sort: q.Sort,
		Key: yesNoPtr(q.Key), Industrial: yesNoPtr(q.Industrial)}
	if q.Stage != "" {
		if !slices.Contains(zhaoshang.Stages(), zhaoshang.Stage(q.Stage)) {
			return f, inputErr("stage", "阶段“%s”不正确", q.Stage)
		}
		f.Stage = zhaoshang.Stage(q.Stage)
	}
	if q.Area != "" {
		if !slices.Contains(zhaoshang.Areas(), zhaoshang.Area(q.Area)) {
			return f, inputErr("area", "四化领域“%s”不正确", q.Area)
		}
		f.Area = zhaoshang.Area(q.Area)
	}
	var err error
	if f.SignedFrom, err = parseDateField("from", "签约日期（起）应为形如2021-06-30的日期", q.From); err != nil {
		return f, err
	}
	if f.SignedTo, err = parseDateField("to", "签约日期（止）应为形如2021-06-30的日期", q.To); err != nil {
		return f, err
	}
	return f, nil
}

// values are the query's URL parameters; sort and page only when not the default.
func (q projectQuery) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.County != 0 {
		v.Set("county", strconv.FormatInt(q.County, 10))
	}
	set("stage", q.Stage)
	set("area", q.Area)
	set("industry", q.Industry)
	set("key", q.Key)
	set("industrial", q.Industrial)
	set("from", q.From)
	set("to", q.To)
	set("q", q.Q)
	if q.Voided {
		v.Set("voided", "1")
	}
	if q.Sort != defaultProjectSort {
		v.Set("sort", q.Sort)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return v
}

func (q projectQuery) url(path string) string {
	if e := q.values().Encode(); e != "" {
		return path + "?" + e
	}
	return path
}

// Filtered reports whether any filter is set (for the 清除条件 link).
func (q projectQuery) Filtered() bool {
	q.Sort, q.Page = defaultProjectSort, 1
	return len(q.values()) > 0
}

// sortHead is a sortable column header: its link and the arrow showing
// the current order.
type sortHead struct {
	URL   string
	Arrow string
}

type projectRow struct {
	*zhaoshang.Project
	County string
}

func (r projectRow) StageLabel() string { return string(r.Stage()) }
func (r projectRow) StageClass() string { return stageClass(r.Stage()) }

type projectsData struct {
	Q          projectQuery
	Rows       []projectRow
	Totals     zhaoshang.ProjectTotals
	Counties   []unitChoice
	Stages     []zhaoshang.Stage
	Areas      []zhaoshang.Area
	Heads      map[string]sortHead
	Pager      pager
	ExportXLSX string
	ExportCSV  string
	Err        string
	Field      string
}

func (s *Server) projectsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := readProjectQuery(r)
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "项目台账", "projects")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("项目列表"), URL: "/projects"}}
	d := &projectsData{Q: q, Counties: countyChoices(tree, principal(ctx), q.County), Stages: zhaoshang.Stages(), Areas: zhaoshang.Areas(),
		Heads: map[string]sortHead{}, Pager: newPager("/projects", q.values(), 1, projectsPerPage, 0)}
	p.Data = d
	for _, col := range projectSorts {
		desc := col == "signed_on" || col == "contract_investment" // big and recent first
		h, next := sortHead{}, col
		switch q.Sort {
		case col:
			h.Arrow, next = "▲", "-"+col
		case "-" + col:
			h.Arrow = "▼"
		default:
			if desc {
				next = "-" + col
			}
		}
		nq := q
		nq.Sort, nq.Page = next, 1
		h.URL = nq.url("/projects")
		d.Heads[col] = h
	}
	eq := q
	eq.Page = 1
	ev := eq.values()
	ev.Set("format", "xlsx")
	d.ExportXLSX = "/projects/export?" + ev.Encode()
	ev.Set("format", "csv")
	d.ExportCSV = "/projects/export?" + ev.Encode()

	f, err := q.filter()
	if err != nil {
		d.Err, d.Field = p.Msg(err), zhaoshang.AsError(err).Field
		s.render(w, r, http.StatusUnprocessableEntity, "projects", p)
		return
	}
	f.Offset, f.Limit = offset(q.Page, projectsPerPage), projectsPerPage
	projects, totals, err := s.svc.Projects.Projects(ctx, f)
	if err != nil {
		if e := zhaoshang.AsError(err); e != nil && e.Code == zhaoshang.EInvalid {
			d.Err, d.Field = p.Msg(err), e.Field
			s.render(w, r, http.StatusUnprocessableEntity, "projects", p)
			return
		}
		s.fail(w, r, err)
		return
	}
	for _, pr := range projects {
		d.Rows = append(d.Rows, projectRow{Project: pr, County: unitNameOf(tree, pr.OrgUnitID)})
	}
	d.Totals = totals
	d.Pager = newPager("/projects", q.values(), q.Page, projectsPerPage, totals.Count)
	s.render(w, r, http.StatusOK, "projects", p)
}

func (s *Server) projectsExport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	format := r.FormValue("format")
	if format != "xlsx" && format != "csv" {
		s.fail(w, r, inputErr("format", "导出格式应为 xlsx 或 csv，不能是“%s”", format))
		return
	}
	f, err := readProjectQuery(r).filter()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := s.app.ExportFile(ctx, app.ProjectLedger, format, f, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	day := s.today().String()
	sendFile(w, out.Data, contentTypeOf(format), "projects-"+day+"."+format, "项目台账-"+day+"."+format)
}

// ---------------------------------------------------------------- the form

// projectValues are the project form's values as typed, so that a refused
// form comes back exactly as it was sent.
type projectValues struct {
	Code, Name                                    string
	County                                        int64
	Investor, CreditCode                          string
	Strong                                        bool
	Area, Industry                                string
	Key, Industrial                               bool
	InvestorRegion                                string
	Contract, Total                               string
	SignedOn, StartedOn, ProducingOn, EffectiveOn string
	ResponsibleUnit, Note                         string
}

func valuesOfProject(p *zhaoshang.Project) projectValues {
	total := ""
	if p.TotalInvestment != 0 {
		total = p.TotalInvestment.WanString()
	}
	return projectValues{
		Code: p.Code, Name: p.Name, County: p.OrgUnitID, Investor: p.InvestorName, CreditCode: p.CreditCode,
		Area: string(p.Area), Industry: p.Industry, Key: p.Key, Industrial: p.Industrial,
		InvestorRegion: p.InvestorRegion, Contract: p.ContractInvestment.WanString(), Total: total,
		SignedOn: p.SignedOn.String(), StartedOn: p.StartedOn.String(), ProducingOn: p.ProducingOn.String(),
		EffectiveOn: p.EffectiveOn.String(), ResponsibleUnit: p.ResponsibleUnit, Note: p.Note,
	}
}

func readProjectValues(r *http.Request) projectValues {
	return projectValues{
		Code: formText(r, "code"), Name: formText(r, "name"), County: formInt(r, "org"),
		Investor: formText(r, "investor"), CreditCode: formText(r, "credit_code"), Strong: r.FormValue("strong") == "1",
		Area: formText(r, "area"), Industry: formText(r, "industry"), Key: r.FormValue("key") == "1",
		Industrial: r.FormValue("industrial") == "1", InvestorRegion: formText(r, "investor_region"),
		Contract: formText(r, "contract_investment"), Total: formText(r, "total_investment"),
		SignedOn: formText(r, "signed_on"), StartedOn: formText(r, "started_on"), ProducingOn: formText(r, "producing_on"),
		EffectiveOn: formText(r, "effective_on"), ResponsibleUnit: formText(r, "responsible_unit"), Note: strings.TrimSpace(r.FormValue("note")),
	}
}

// input parses the typed values; a value that is not a number or a date
// is refused naming its field. Everything else the service checks.
func (v projectValues) input() (zhaoshang.ProjectInput, error) {
	in := zhaoshang.ProjectInput{
		Code: v.Code, Name: v.Name, OrgUnitID: v.County, Investor: v.Investor,
		CreditCode: zhaoshang.NormalizeCreditCode(v.CreditCode), Strong: v.Strong, Area: zhaoshang.Area(v.Area),
		Industry: v.Industry, Key: v.Key, Industrial: v.Industrial, InvestorRegion: v.InvestorRegion,
		ResponsibleUnit: v.ResponsibleUnit, Note: v.Note,
	}
	var err error
	if in.ContractInvestment, err = parseWanField("contract_investment", msgContractNumber, v.Contract); err != nil {
		return in, err
	}
	if in.TotalInvestment, err = parseWanField("total_investment", msgTotalNumber, v.Total); err != nil {
		return in, err
	}
	for i, d := range []*zhaoshang.Date{&in.SignedOn, &in.StartedOn, &in.ProducingOn, &in.EffectiveOn} {
		if *d, err = parseDateField(stageFields[i].field, stageFields[i].msg, v.stageDates()[i]); err != nil {
			return in, err
		}
	}
	return in, nil
}

// The form's messages for values that are not numbers or dates.
const (
	msgContractNumber = "合同投资额应为以万元为单位的数字，最多4位小数"
	msgTotalNumber    = "总投资应为以万元为单位的数字，最多4位小数"
	msgAmountNumber   = "到位金额应为以万元为单位的数字，最多4位小数"
)

// stageFields are the stage date fields in the order of a project's life.
var stageFields = [4]struct{ field, msg string }{
	{"signed_on", "签约日期应为形如2021-06-30的日期"}, {"started_on", "开工日期应为形如2021-06-30的日期"},
	{"producing_on", "投产日期应为形如2021-06-30的日期"}, {"effective_on", "达效日期应为形如2021-06-30的日期"},
}

// stageDates are the four stage dates as typed.
func (v projectValues) stageDates() [4]string {
	return [4]string{v.SignedOn, v.StartedOn, v.ProducingOn, v.EffectiveOn}
}

type projectFormData struct {
	ID         int64 // 0 for a new project
	Version    int64
	V          projectValues
	Orig       [4]string // the stored stage dates (edit), to notice a stage change
	StageNote  string
	Err, Field string
	Counties   []unitChoice
	Areas      []zhaoshang.Area
	Industries []string
}

func (s *Server) projectNewPage(w http.ResponseWriter, r *http.Request) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := principal(r.Context())
	v := projectValues{County: ownCounty(tree, pr, countyChoices(tree, pr, 0))}
	s.renderProjectForm(w, r, http.StatusOK, &projectFormData{V: v})
}

func (s *Server) projectEditPage(w http.ResponseWriter, r *http.Request) {
	pj, err := s.svc.Projects.Project(r.Context(), pathID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := valuesOfProject(pj)
	if pj.EnterpriseID != 0 { // the switch shows the tag it sets
		if e, err := s.svc.Enterprises.Enterprise(r.Context(), pj.EnterpriseID); err == nil {
			v.Strong = slices.Contains(e.Tags, strongTag)
		}
	}
	s.renderProjectForm(w, r, http.StatusOK, &projectFormData{ID: pj.ID, Version: pj.Version, V: v, Orig: v.stageDates()})
}

func (s *Server) renderProjectForm(w http.ResponseWriter, r *http.Request, status int, d *projectFormData) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Counties = countyChoices(tree, principal(r.Context()), d.V.County)
	d.Areas, d.Industries = zhaoshang.Areas(), industrySuggestions
	p := s.newPage(r, "新增项目", "projects")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("项目列表"), URL: "/projects"}}
	if d.ID != 0 {
		p.Title = p.T("修改项目：%s", d.V.Name)
		p.Crumbs = append(p.Crumbs, crumb{Label: d.V.Code, URL: projectURL(d.ID)}, crumb{Label: p.T("编辑")})
	} else {
		p.Crumbs = append(p.Crumbs, crumb{Label: p.T("新增项目")})
	}
	p.Data = d
	s.render(w, r, status, "project_form", p)
}

func projectURL(id int64) string { return fmt.Sprintf("/projects/%d", id) }

func (s *Server) projectCreate(w http.ResponseWriter, r *http.Request) {
	v := readProjectValues(r)
	d := &projectFormData{V: v}
	in, err := v.input()
	var pj *zhaoshang.Project
	if err == nil {
		pj, err = s.svc.Projects.CreateProject(r.Context(), in)
	}
	if err != nil {
		if !s.formRefused(w, r, err, &d.Err, &d.Field) {
			s.renderProjectForm(w, r, formStatus(err), d)
		}
		return
	}
	setFlash(w, "已新增项目")
	redirect(w, r, projectURL(pj.ID))
}

func (s *Server) projectUpdate(w http.ResponseWriter, r *http.Request) {
	id, version, v := pathID(r), formInt(r, "version"), readProjectValues(r)
	d := &projectFormData{ID: id, Version: version, V: v, StageNote: strings.TrimSpace(r.FormValue("stage_note"))}
	for i, name := range []string{"orig_signed_on", "orig_started_on", "orig_producing_on", "orig_effective_on"} {
		d.Orig[i] = formText(r, name)
	}
	in, err := v.input()
	if err == nil {
		_, err = s.svc.Projects.UpdateProject(r.Context(), id, version, in, d.StageNote)
	}
	if err != nil {
		if s.formRefused(w, r, err, &d.Err, &d.Field) {
			return
		}
		if zhaoshang.ErrorCode(err) == zhaoshang.EConflict {
			// changed meanwhile: show the stored project, so that saving
			// again cannot overwrite the other change unseen
			if pj, err2 := s.svc.Projects.Project(r.Context(), id); err2 == nil {
				d.V, d.Version = valuesOfProject(pj), pj.Version
				d.Orig = d.V.stageDates()
			}
		}
		s.renderProjectForm(w, r, formStatus(err), d)
		return
	}
	setFlash(w, "已保存修改")
	redirect(w, r, projectURL(id))
}

// checkItem is one finding of an inline check.
type checkItem struct {
	Level   string // danger, warning, info
	Text    string
	Similar []*zhaoshang.Enterprise
}

type checkData struct {
	Items []checkItem
	Done  bool // something was checked
}

// projectCheck answers the form's inline check: what is wrong or
// doubtful in the values typed so far. The rules are the domain's
// (ProjectInput.Validate, CheckStageDates, CheckCreditCode); a required
// value not yet typed is mentioned only once its field was left empty.
// It changes nothing.
func (s *Server) projectCheck(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := s.newPage(r, "", "")
	v := readProjectValues(r)
	d := &checkData{Done: true}
	seen, broken := map[string]bool{}, map[string]bool{}
	bad := func(err error) {
		if e := zhaoshang.AsError(err); e != nil {
			broken[e.Field] = true
		}
		if t := p.Msg(err); !seen[t] {
			seen[t] = true
			d.Items = append(d.Items, checkItem{Level: "danger", Text: t})
		}
	}
	today := s.today()

	// values that are not numbers or dates
	in := zhaoshang.ProjectInput{Code: v.Code, Name: v.Name, OrgUnitID: v.County, Investor: v.Investor,
		CreditCode: v.CreditCode, Area: zhaoshang.Area(v.Area), Industry: v.Industry, InvestorRegion: v.InvestorRegion,
		ResponsibleUnit: v.ResponsibleUnit, Note: v.Note}
	in.Normalize()
	var err error
	if in.ContractInvestment, err = parseWanField("contract_investment", msgContractNumber, v.Contract); err != nil {
		bad(err)
	}
	if in.TotalInvestment, err = parseWanField("total_investment", msgTotalNumber, v.Total); err != nil {
		bad(err)
	}
	datesOK := true
	for i, d := range []*zhaoshang.Date{&in.SignedOn, &in.StartedOn, &in.ProducingOn, &in.EffectiveOn} {
		if *d, err = parseDateField(stageFields[i].field, stageFields[i].msg, v.stageDates()[i]); err != nil {
			bad(err)
			datesOK = false
		}
	}
	if datesOK {
		if err := zhaoshang.CheckStageDates(in.SignedOn, in.StartedOn, in.ProducingOn, in.EffectiveOn, today); err != nil {
			bad(err)
		}
	}
	if in.CreditCode != "" {
		if err := zhaoshang.CheckCreditCode(in.CreditCode); err != nil {
			bad(err)
		}
	}

	// the domain's own check; a required value not typed yet stands in
	// with a harmless one, unless its field was just left empty
	trigger := r.Header.Get("HX-Trigger-Name")
	typed := map[string]bool{
		"code": v.Code != "", "name": v.Name != "", "org": v.County != 0, "investor": v.Investor != "", "area": v.Area != "",
		"contract_investment": v.Contract != "", "signed_on": v.SignedOn != "",
	}
	unreadable := maps.Clone(broken) // said already, as not a number or a date
	probe := in
	for range len(typed) + 1 {
		err := probe.Validate(today)
		e := zhaoshang.AsError(err)
		if e == nil {
			break
		}
		if filled, required := typed[e.Field]; !unreadable[e.Field] && (!required || filled || e.Field == trigger) {
			bad(err)
			break
		}
		switch e.Field {
		case "code":
			probe.Code = "-"
		case "name":
			probe.Name = "-"
		case "org":
			probe.OrgUnitID = -1
		case "investor":
			probe.Investor = "-"
		case "area":
			probe.Area = zhaoshang.AreaOther
		case "contract_investment":
			probe.ContractInvestment = zhaoshang.Wan
		case "signed_on":
			probe.SignedOn = today
			for _, d := range []zhaoshang.Date{probe.EffectiveOn, probe.ProducingOn, probe.StartedOn} {
				if !d.IsZero() {
					probe.SignedOn = d
				}
			}
		}
	}

	if formInt(r, "id") != 0 && strings.TrimSpace(r.FormValue("stage_note")) == "" {
		orig := [4]string{formText(r, "orig_signed_on"), formText(r, "orig_started_on"), formText(r, "orig_producing_on"), formText(r, "orig_effective_on")}
		if orig != v.stageDates() {
			d.Items = append(d.Items, checkItem{Level: "warning", Text: p.T("阶段日期有变化，请在“阶段变更说明”中简要写明情况")})
		}
	}
	if v.Investor != "" || in.CreditCode != "" {
		cc := in.CreditCode
		if zhaoshang.CheckCreditCode(cc) != nil {
			cc = ""
		}
		similar, err := s.svc.Enterprises.SimilarEnterprises(ctx, v.Investor, cc)
		if err != nil && zhaoshang.ErrorCode(err) == zhaoshang.EInternal {
			s.log.Error("similar enterprises", "err", err)
		}
		if len(similar) > 0 {
			d.Items = append(d.Items, checkItem{Level: "info", Text: p.T("企业库中已有相似企业："), Similar: similar})
		}
	}
	p.Data = d
	s.renderPartial(w, r, http.StatusOK, "ledger_checks", p)
}

// ---------------------------------------------------------------- the project page

type receiptRow struct {
	*zhaoshang.FundReceipt
	Cumulative   zhaoshang.Money // live receipts up to and including this one
	FirstOfMonth bool            // the month's first line (the month is shown once)
	Evidence     []*zhaoshang.Attachment
}

type attachmentRow struct {
	*zhaoshang.Attachment
	SizeText string
}

// sizeText says a file size as people read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// projectForm is a refused form of the project page, with what was typed.
type projectForm struct {
	Name       string // void, receipt, attachment, rvoid
	Err, Field string
	Receipt    receiptValues
	ReceiptID  int64 // the receipt a refused void was for
	Reason     string
}

type receiptValues struct {
	Month, Amount, Source, EvidenceNo, Note string
}

// stageStep is one stage of the steps bar over a project.
type stageStep struct {
	Label  string
	On     string // the stage's date, "" when not reached
	Active bool
}

type projectPageData struct {
	P           *zhaoshang.Project
	Steps       []stageStep
	County      string
	StageLabel  string
	StageClass  string
	Timeline    []zhaoshang.StageEntry
	Receipts    []receiptRow
	Received    zhaoshang.Money
	Share       string
	Attachments []attachmentRow
	Sources     []zhaoshang.FundSource
	Receipt     receiptValues // the receipt form
	Form        *projectForm
	MaxUpload   string
	Findings    []*zhaoshang.Finding // open data-quality findings about the project
	Editable    bool                 // the user may change the project here (Principal.MayEditProject)
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) {
	s.renderProject(w, r, http.StatusOK, pathID(r), nil)
}

func (s *Server) renderProject(w http.ResponseWriter, r *http.Request, status int, id int64, form *projectForm) {
	ctx := r.Context()
	pj, err := s.svc.Projects.Project(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	timeline, err := s.svc.Projects.Timeline(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	receipts, err := s.svc.Projects.Receipts(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	atts, err := s.svc.Projects.Attachments(ctx, "project", id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &projectPageData{P: pj, County: unitNameOf(tree, pj.OrgUnitID), StageLabel: string(pj.Stage()), StageClass: stageClass(pj.Stage()),
		Timeline: timeline, Sources: zhaoshang.FundSources(), Form: form, MaxUpload: sizeText(zhaoshang.MaxAttachmentBytes),
		Receipt:  receiptValues{Month: s.today().Month().Add(-1).String(), Source: string(zhaoshang.SourceOutOfProvince)},
		Editable: principal(ctx).MayEditProject(pj)}
	if form != nil && form.Name == "receipt" {
		d.Receipt = form.Receipt
	}
	for i, on := range []zhaoshang.Date{{}, pj.SignedOn, pj.StartedOn, pj.ProducingOn, pj.EffectiveOn} {
		st := zhaoshang.Stages()[i]
		d.Steps = append(d.Steps, stageStep{Label: string(st), On: on.String(), Active: st == pj.Stage()})
	}
	sorted := slices.Clone(receipts)
	slices.SortStableFunc(sorted, func(a, b *zhaoshang.FundReceipt) int {
		if c := strings.Compare(a.Month.String(), b.Month.String()); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	evidence, err := s.svc.Projects.ReceiptAttachments(r.Context(), pj.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i, rc := range sorted {
		if !rc.Voided {
			d.Received += rc.Amount
		}
		d.Receipts = append(d.Receipts, receiptRow{FundReceipt: rc, Cumulative: d.Received, FirstOfMonth: i == 0 || sorted[i-1].Month != rc.Month, Evidence: evidence[rc.ID]})
	}
	d.Share = indicator.ShareText(d.Received, pj.ContractInvestment)
	if s.svc.Quality != nil {
		if d.Findings, _, err = s.svc.Quality.Findings(ctx, zhaoshang.FindingFilter{ProjectID: pj.ID, Status: zhaoshang.FindingOpen}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	for _, a := range atts {
		d.Attachments = append(d.Attachments, attachmentRow{Attachment: a, SizeText: sizeText(a.Size)})
	}
	p := s.newPage(r, "项目详情", "projects")
	p.Title = pj.Name
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("项目列表"), URL: "/projects"}, {Label: pj.Code, URL: projectURL(pj.ID)}}
	p.Data = d
	s.render(w, r, status, "project", p)
}

// projectFormFailed re-shows the project page with the refused form.
func (s *Server) projectFormFailed(w http.ResponseWriter, r *http.Request, id int64, f *projectForm, err error) {
	if s.formRefused(w, r, err, &f.Err, &f.Field) {
		return
	}
	s.renderProject(w, r, formStatus(err), id, f)
}

func (s *Server) projectVoid(w http.ResponseWriter, r *http.Request) {
	id, reason := pathID(r), strings.TrimSpace(r.FormValue("reason"))
	err := error(nil)
	if reason == "" {
		err = inputErr("reason", "请填写作废原因")
	} else {
		err = s.svc.Projects.VoidProject(r.Context(), id, formInt(r, "version"), reason)
	}
	if err != nil {
		s.projectFormFailed(w, r, id, &projectForm{Name: "void", Reason: reason}, err)
		return
	}
	setFlash(w, "已作废项目")
	redirect(w, r, projectURL(id))
}

func (s *Server) receiptAdd(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	file, name, ferr := evidenceUpload(w, r)
	v := receiptValues{Month: formText(r, "month"), Amount: formText(r, "amount"), Source: formText(r, "source"),
		EvidenceNo: formText(r, "evidence_no"), Note: strings.TrimSpace(r.FormValue("note"))}
	in := zhaoshang.FundInput{ProjectID: id, Source: zhaoshang.FundSource(v.Source), EvidenceNo: v.EvidenceNo, Note: v.Note,
		EvidenceFile: file, EvidenceFileName: name}
	err := ferr
	if err == nil {
		in.Month, err = parseMonthField("month", v.Month)
	}
	if err == nil {
		in.Amount, err = parseWanField("amount", msgAmountNumber, v.Amount)
	}
	if err == nil {
		_, err = s.svc.Projects.AddReceipt(r.Context(), in)
	}
	if err != nil {
		s.projectFormFailed(w, r, id, &projectForm{Name: "receipt", Receipt: v}, err)
		return
	}
	setFlash(w, "已记录到位资金")
	redirect(w, r, projectURL(id)+"#receipts")
}

func (s *Server) receiptVoid(w http.ResponseWriter, r *http.Request) {
	id, project, reason := pathID(r), formInt(r, "project"), strings.TrimSpace(r.FormValue("reason"))
	err := error(nil)
	if reason == "" {
		err = inputErr("reason", "请填写作废原因")
	} else {
		err = s.svc.Projects.VoidReceipt(r.Context(), id, formInt(r, "version"), reason)
	}
	if err != nil {
		if project == 0 {
			s.fail(w, r, err)
			return
		}
		s.projectFormFailed(w, r, project, &projectForm{Name: "rvoid", ReceiptID: id, Reason: reason}, err)
		return
	}
	setFlash(w, "已作废该笔到位资金")
	if project == 0 {
		redirect(w, r, "/projects")
		return
	}
	redirect(w, r, projectURL(project)+"#receipts")
}

// evidenceUpload reads the optional evidence file of a receipt form
// (multipart); no file is no error.
func evidenceUpload(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return nil, "", nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, zhaoshang.MaxAttachmentBytes+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", inputErr("evidence_file", "附件不能超过%dMB", zhaoshang.MaxAttachmentBytes>>20)
		}
		return nil, "", inputErr("evidence_file", "表单无法读取")
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, err := r.FormFile("evidence_file")
	if err != nil {
		return nil, "", nil // no file chosen
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, zhaoshang.MaxAttachmentBytes+1))
	if err != nil {
		return nil, "", inputErr("evidence_file", "表单无法读取")
	}
	if len(data) == 0 {
		return nil, "", nil
	}
	return data, hdr.Filename, nil
}

func (s *Server) attachmentAdd(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	tooLarge := inputErr("file", "附件不能超过%dMB", zhaoshang.MaxAttachmentBytes>>20)
	r.Body = http.MaxBytesReader(w, r.Body, zhaoshang.MaxAttachmentBytes+1<<20)
	var err error
	var name string
	var data []byte
	if perr := r.ParseMultipartForm(1 << 20); perr != nil {
		var mbe *http.MaxBytesError
		if errors.As(perr, &mbe) {
			err = tooLarge
		} else {
			err = inputErr("file", "请选择要上传的文件")
		}
	} else if file, hdr, ferr := r.FormFile("file"); ferr != nil {
		err = inputErr("file", "请选择要上传的文件")
	} else {
		defer file.Close()
		name = hdr.Filename
		data, err = io.ReadAll(io.LimitReader(file, zhaoshang.MaxAttachmentBytes+1))
		if err == nil && int64(len(data)) > zhaoshang.MaxAttachmentBytes {
			err = tooLarge
		}
	}
	if err == nil {
		_, err = s.svc.Projects.AddAttachment(r.Context(), "project", id, name, data)
	}
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
	if err != nil {
		s.projectFormFailed(w, r, id, &projectForm{Name: "attachment"}, err)
		return
	}
	setFlash(w, "已上传附件")
	redirect(w, r, projectURL(id)+"#attachments")
}

func (s *Server) attachmentDownload(w http.ResponseWriter, r *http.Request) {
	a, data, err := s.svc.Projects.AttachmentData(r.Context(), pathID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ext := zhaoshang.AttachmentTypes[a.ContentType]
	w.Header().Set("Content-Security-Policy", "sandbox") // a PDF opened in the browser runs nothing
	sendFile(w, data, a.ContentType, fmt.Sprintf("attachment-%d%s", a.ID, ext), a.Filename)
}
