package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhaoshang"
)

// The JSON API of the ledger: projects, their fund receipts and the
// enterprises, read only. Money is integer 元, dates are "2021-06-03" or
// null, months "2021-06". Every call goes through the services, which
// limit it to the caller's data scope: a record outside it is 404, like one
// that does not exist. openapi.go describes these routes.

// registerLedgerAPIRoutes registers /api/v1 for projects, funds and enterprises.
func (s *Server) registerLedgerAPIRoutes() {
	s.handle("GET /api/v1/openapi.json", s.apiOpenAPI)
	s.handle("GET /api/v1/projects", s.apiProjects)
	s.handle("GET /api/v1/projects/{id}", s.apiProject)
	s.handle("GET /api/v1/funds", s.apiFunds)
	s.handle("GET /api/v1/enterprises", s.apiEnterprises)
	s.handle("GET /api/v1/enterprises/{id}", s.apiEnterprise)
}

// API paging: the default page and the largest one a caller may ask for.
const (
	apiDefaultLimit = 50
	apiMaxLimit     = 500
)

// apiProjectSorts are the columns /api/v1/projects sorts by (a "-" prefix
// descends); without one the newest signings come first.
var apiProjectSorts = []string{"code", "name", "org", "area", "signed_on", "contract_investment", "updated_at"}

// apiDate is a date as the API writes it: "2021-06-03", or null when not given.
type apiDate zhaoshang.Date

func (d apiDate) MarshalJSON() ([]byte, error) {
	if zhaoshang.Date(d).IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + zhaoshang.Date(d).String() + `"`), nil
}

// apiTime is a moment in UTC, RFC 3339; null when unknown.
type apiTime time.Time

func (t apiTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + time.Time(t).UTC().Format(time.RFC3339) + `"`), nil
}

// apiProject is a project as the API gives it.
type apiProject struct {
	ID                 int64   `json:"id"`
	Code               string  `json:"code"`
	Name               string  `json:"name"`
	OrgUnitID          int64   `json:"org_unit_id"`
	EnterpriseID       int64   `json:"enterprise_id"`
	Investor           string  `json:"investor"`
	CreditCode         string  `json:"credit_code"`
	Area               string  `json:"area"`
	Industry           string  `json:"industry"`
	Key                bool    `json:"key"`
	Industrial         bool    `json:"industrial"`
	InvestorRegion     string  `json:"investor_region"`
	ContractInvestment int64   `json:"contract_investment"`
	TotalInvestment    *int64  `json:"total_investment"`
	Stage              string  `json:"stage"`
	SignedOn           apiDate `json:"signed_on"`
	StartedOn          apiDate `json:"started_on"`
	ProducingOn        apiDate `json:"producing_on"`
	EffectiveOn        apiDate `json:"effective_on"`
	ResponsibleUnit    string  `json:"responsible_unit"`
	Note               string  `json:"note"`
	Voided             bool    `json:"voided"`
	VoidReason         string  `json:"void_reason"`
	Version            int64   `json:"version"`
	CreatedAt          apiTime `json:"created_at"`
	UpdatedAt          apiTime `json:"updated_at"`
}

func toAPIProject(p *zhaoshang.Project) apiProject {
	out := apiProject{
		ID: p.ID, Code: p.Code, Name: p.Name, OrgUnitID: p.OrgUnitID, EnterpriseID: p.EnterpriseID,
		Investor: p.InvestorName, CreditCode: p.CreditCode, Area: string(p.Area), Industry: p.Industry,
		Key: p.Key, Industrial: p.Industrial, InvestorRegion: p.InvestorRegion,
		ContractInvestment: int64(p.ContractInvestment), Stage: string(p.Stage()),
		SignedOn: apiDate(p.SignedOn), StartedOn: apiDate(p.StartedOn), ProducingOn: apiDate(p.ProducingOn), EffectiveOn: apiDate(p.EffectiveOn),
		ResponsibleUnit: p.ResponsibleUnit, Note: p.Note, Voided: p.Voided, VoidReason: p.VoidReason,
		Version: p.Version, CreatedAt: apiTime(p.CreatedAt), UpdatedAt: apiTime(p.UpdatedAt),
	}
	if p.TotalInvestment != 0 {
		v := int64(p.TotalInvestment)
		out.TotalInvestment = &v
	}
	return out
}

// apiReceipt is a fund receipt as the API gives it.
type apiReceipt struct {
	ID         int64   `json:"id"`
	ProjectID  int64   `json:"project_id"`
	Month      string  `json:"month"`
	Amount     int64   `json:"amount"`
	Source     string  `json:"source"`
	EvidenceNo string  `json:"evidence_no"`
	Note       string  `json:"note"`
	Voided     bool    `json:"voided"`
	VoidReason string  `json:"void_reason"`
	Version    int64   `json:"version"`
	CreatedAt  apiTime `json:"created_at"`
	UpdatedAt  apiTime `json:"updated_at"`
}

// apiEnterprise is an enterprise as the API lists it.
type apiEnterprise struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	CreditCode string   `json:"credit_code"`
	HomeRegion string   `json:"home_region"`
	Tags       []string `json:"tags"`
	Strong     bool     `json:"strong"`
	Version    int64    `json:"version"`
	CreatedAt  apiTime  `json:"created_at"`
	UpdatedAt  apiTime  `json:"updated_at"`
}

func toAPIEnterprise(e *zhaoshang.Enterprise) apiEnterprise {
	tags := append([]string{}, e.Tags...)
	return apiEnterprise{e.ID, e.Name, e.CreditCode, e.HomeRegion, tags, e.Strong, e.Version, apiTime(e.CreatedAt), apiTime(e.UpdatedAt)}
}

// apiContact is a contact with the phone masked: the full number is a
// permission of its own, shown on the screen and audited, never in the API.
type apiContact struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Position string `json:"position"`
	Phone    string `json:"phone"`
}

// apiEnterpriseDetail is one enterprise with its contacts and the ids of
// its projects within the caller's scope.
type apiEnterpriseDetail struct {
	apiEnterprise
	Contacts []apiContact `json:"contacts"`
	// ContactsWithheld: none of its projects is within the caller's scope
	ContactsWithheld bool    `json:"contacts_withheld,omitempty"`
	ProjectIDs       []int64 `json:"project_ids"`
}

// apiParams reads query parameters; the first malformed one is kept as the
// error of the whole request.
type apiParams struct {
	v   url.Values
	err error
}

func newAPIParams(r *http.Request) *apiParams { return &apiParams{v: r.URL.Query()} }

// apiErrBadParam is the answer to a malformed parameter.
func apiErrBadParam(name string) error {
	return zhaoshang.FieldErrorf(zhaoshang.EInvalid, name, "参数“%s”格式不正确", name)
}

func (p *apiParams) fail(name string) {
	if p.err == nil {
		p.err = apiErrBadParam(name)
	}
}

func (p *apiParams) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// id reads a positive record id; 0 when absent.
func (p *apiParams) id(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.fail(name)
		return 0
	}
	return n
}

// intIn reads an integer between lo and hi; def when absent.
func (p *apiParams) intIn(name string, lo, hi, def int) int {
	s := p.str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.fail(name)
		return def
	}
	return n
}

// boolean reads true/false (also 1/0); nil when absent.
func (p *apiParams) boolean(name string) *bool {
	var b bool
	switch strings.ToLower(p.str(name)) {
	case "":
		return nil
	case "true", "1":
		b = true
	case "false", "0":
		b = false
	default:
		p.fail(name)
		return nil
	}
	return &b
}

// date reads 2021-06-03; the zero Date when absent.
func (p *apiParams) date(name string) zhaoshang.Date {
	s := p.str(name)
	if s == "" {
		return zhaoshang.Date{}
	}
	d, err := zhaoshang.ParseDate(s)
	if err != nil {
		p.fail(name)
	}
	return d
}

// oneOf reads a value that must be one of allowed; "" when absent.
func (p *apiParams) oneOf(name string, allowed []string) string {
	s := p.str(name)
	if s != "" && !slices.Contains(allowed, s) {
		p.fail(name)
		return ""
	}
	return s
}

func (p *apiParams) page() (offset, limit int) {
	return p.intIn("offset", 0, 1<<30, 0), p.intIn("limit", 1, apiMaxLimit, apiDefaultLimit)
}

func apiStringsOf[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// apiProjectSortValues are the accepted values of the sort parameter.
var apiProjectSortValues = func() []string {
	var out []string
	for _, c := range apiProjectSorts {
		out = append(out, c, "-"+c)
	}
	return out
}()

// parseAPIProjectFilter reads the query of /api/v1/projects.
func parseAPIProjectFilter(r *http.Request) (zhaoshang.ProjectFilter, error) {
	p := newAPIParams(r)
	f := zhaoshang.ProjectFilter{
		OrgUnitID:  p.id("org"),
		Stage:      zhaoshang.Stage(p.oneOf("stage", apiStringsOf(zhaoshang.Stages()))),
		Area:       zhaoshang.Area(p.oneOf("area", apiStringsOf(zhaoshang.Areas()))),
		Industry:   p.str("industry"),
		Key:        p.boolean("key"),
		Industrial: p.boolean("industrial"),
		SignedFrom: p.date("signed_from"),
		SignedTo:   p.date("signed_to"),
		Query:      p.str("q"),
		Sort:       p.oneOf("sort", apiProjectSortValues),
	}
	if v := p.boolean("voided"); v != nil {
		f.Voided = *v
	}
	f.Offset, f.Limit = p.page()
	if p.err != nil {
		return f, p.err
	}
	if !f.SignedFrom.IsZero() && !f.SignedTo.IsZero() && f.SignedTo.Before(f.SignedFrom) {
		return f, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "signed_to", "参数“signed_to”不能早于“signed_from”")
	}
	return f, nil
}

// apiPathID reads the {id} of the path: a positive integer, or 422.
func apiPathID(r *http.Request) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0, apiErrBadParam("id")
	}
	return n, nil
}

func (s *Server) apiProjects(w http.ResponseWriter, r *http.Request) {
	f, err := parseAPIProjectFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	projects, totals, err := s.svc.Projects.Projects(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiProject, 0, len(projects))
	for _, p := range projects {
		items = append(items, toAPIProject(p))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"items": items,
		"total": totals.Count,
		"totals": map[string]any{
			"count":               totals.Count,
			"contract_investment": int64(totals.ContractInvestment),
			"receipts":            int64(totals.Receipts),
		},
	})
}

func (s *Server) apiProject(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p, err := s.svc.Projects.Project(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIProject(p))
}

// apiFunds lists the receipts of one project (voided ones included and
// marked); sum adds up the live ones.
func (s *Server) apiFunds(w http.ResponseWriter, r *http.Request) {
	p := newAPIParams(r)
	id := p.id("project")
	if p.err == nil && id == 0 {
		p.err = zhaoshang.FieldErrorf(zhaoshang.EInvalid, "project", "缺少参数“%s”", "project")
	}
	if p.err != nil {
		s.apiError(w, r, p.err)
		return
	}
	// the project first: one outside the caller's scope is 404 whatever
	// the receipts would say
	project, err := s.svc.Projects.Project(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	receipts, err := s.svc.Projects.Receipts(r.Context(), project.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiReceipt, 0, len(receipts))
	var sum zhaoshang.Money
	for _, f := range receipts {
		items = append(items, apiReceipt{
			ID: f.ID, ProjectID: f.ProjectID, Month: f.Month.String(), Amount: int64(f.Amount), Source: string(f.Source),
			EvidenceNo: f.EvidenceNo, Note: f.Note, Voided: f.Voided, VoidReason: f.VoidReason, Version: f.Version,
			CreatedAt: apiTime(f.CreatedAt), UpdatedAt: apiTime(f.UpdatedAt),
		})
		if !f.Voided {
			sum += f.Amount
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"project_id": project.ID, "items": items, "total": len(items), "sum": int64(sum),
	})
}

func (s *Server) apiEnterprises(w http.ResponseWriter, r *http.Request) {
	p := newAPIParams(r)
	f := zhaoshang.EnterpriseFilter{Query: p.str("q"), Strong: p.boolean("strong")}
	f.Offset, f.Limit = p.page()
	if p.err != nil {
		s.apiError(w, r, p.err)
		return
	}
	list, total, err := s.svc.Enterprises.Enterprises(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiEnterprise, 0, len(list))
	for _, e := range list {
		items = append(items, toAPIEnterprise(e))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}

func (s *Server) apiEnterprise(w http.ResponseWriter, r *http.Request) {
	id, err := apiPathID(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	e, err := s.svc.Enterprises.Enterprise(r.Context(), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	contacts, err := s.svc.Enterprises.Contacts(r.Context(), e.ID)
	withheld := zhaoshang.ErrorCode(err) == zhaoshang.EForbidden
	if err != nil && !withheld {
		s.apiError(w, r, err)
		return
	}
	projects, err := s.svc.Enterprises.EnterpriseProjects(r.Context(), e.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := apiEnterpriseDetail{apiEnterprise: toAPIEnterprise(e), Contacts: make([]apiContact, 0, len(contacts)), ContactsWithheld: withheld,
		ProjectIDs: make([]int64, 0, len(projects))}
	for _, c := range contacts {
		out.Contacts = append(out.Contacts, apiContact{c.ID, c.Name, c.Position, zhaoshang.MaskPhone(c.Phone)})
	}
	for _, p := range projects {
		out.ProjectIDs = append(out.ProjectIDs, p.ID)
	}
	writeJSON(w, http.StatusOK, out)
}
