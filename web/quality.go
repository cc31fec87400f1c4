package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/quality"
	"zhaoshang/reportcheck"
)

// The 数据质量 screens: the findings of the data-quality rules by county
// and rule, each linked to its record, explained by the county or sent
// back by the bureau; the bureau's thresholds and its "check now"; and the
// report checker, where a report's text is pasted and its claims checked
// against its own figures and the approved records. The rules are package
// quality's and reportcheck's; the service keeps the findings.

func (s *Server) registerQualityRoutes() {
	s.handle("GET /quality", s.qualityPage)
	s.handle("POST /quality/{id}/explain", s.qualityExplain)
	s.handle("POST /quality/{id}/reopen", s.qualityReopen)
	s.handle("POST /quality/run", s.qualityRun)
	s.handle("POST /quality/settings", s.qualitySettings)
	s.handle("GET /quality/check-report", s.checkReportPage)
	s.handle("POST /quality/check-report", s.checkReport)
}

const findingsPerPage = 50

type qualityQuery struct {
	Unit     int64
	Rule     string
	Status   string // "" open; "all"
	Severity string
	Year     int
	Page     int
}

func (q qualityQuery) values() url.Values {
	v := url.Values{}
	if q.Unit != 0 {
		v.Set("unit", strconv.FormatInt(q.Unit, 10))
	}
	for k, x := range map[string]string{"rule": q.Rule, "status": q.Status, "severity": q.Severity} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if q.Year != 0 {
		v.Set("year", strconv.Itoa(q.Year))
	}
	return v
}

func readQualityQuery(r *http.Request) qualityQuery {
	q := qualityQuery{Rule: strings.TrimSpace(r.FormValue("rule")), Status: r.FormValue("status"), Severity: r.FormValue("severity")}
	q.Unit, _ = strconv.ParseInt(r.FormValue("unit"), 10, 64)
	q.Year, _ = strconv.Atoi(r.FormValue("year"))
	q.Page = pageNumber(r)
	if quality.Lookup(q.Rule) == nil {
		q.Rule = ""
	}
	if !slices.Contains([]string{"open", "explained", "fixed", "all"}, q.Status) {
		q.Status = ""
	}
	if !slices.Contains([]string{"error", "warning", "info"}, q.Severity) {
		q.Severity = ""
	}
	q.Page = max(q.Page, 1)
	return q
}

type findingView struct {
	*zhaoshang.Finding
	SeverityLabel, StatusLabel string
	CanExplain, CanReopen      bool
	Back                       string
}

type ruleView struct {
	Code, Title, Explain, Severity string
	Selected                       bool
}

type countRow struct {
	UnitID int64
	Name   string
	Cells  []int // open findings by rule, in the order of the rules
	Total  int
}

type qualityData struct {
	Q         qualityQuery
	Rules     []ruleView
	Units     []qualityUnit
	Counts    []countRow
	Findings  []findingView
	Total     int
	Pager     pager
	Page      int
	CanRun    bool
	CanConfig bool
	Settings  settingsView
	Err       string
}

type qualityUnit struct {
	ID       int64
	Name     string
	Selected bool
}

type settingsView struct {
	EvidenceWan, KeyMinWan string
	LocalRegions           string
	Excluded               string
}

func (s *Server) qualityPage(w http.ResponseWriter, r *http.Request) {
	s.renderQuality(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderQuality(w http.ResponseWriter, r *http.Request, status int, actionErr error, typed *settingsView) {
	ctx := r.Context()
	q := readQualityQuery(r)
	pr := principal(ctx)
	p := s.newPage(r, "数据质量", "quality")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("数据质量"), URL: "/quality"}}
	d := &qualityData{Q: q, Page: q.Page, CanRun: pr.Can(zhaoshang.PermReviewApprove), CanConfig: pr.Can(zhaoshang.PermLedgerConfig)}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range quality.Rules {
		ru := &quality.Rules[i]
		d.Rules = append(d.Rules, ruleView{Code: ru.Code, Title: ru.Title, Explain: ru.Explain, Severity: ru.Severity.Label(), Selected: ru.Code == q.Rule})
	}
	for _, u := range tree.Units {
		if u.Kind == zhaoshang.OrgCounty && pr.SeesUnit(u.ID) {
			d.Units = append(d.Units, qualityUnit{ID: u.ID, Name: u.Name, Selected: u.ID == q.Unit})
		}
	}
	counts, err := s.svc.Quality.Counts(ctx, q.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := map[int64]*countRow{}
	for _, c := range counts {
		row := rows[c.OrgUnitID]
		if row == nil {
			name := ""
			if u := tree.ByID(c.OrgUnitID); u != nil {
				name = u.Name
			}
			row = &countRow{UnitID: c.OrgUnitID, Name: name, Cells: make([]int, len(quality.Rules))}
			rows[c.OrgUnitID] = row
		}
		if k := slices.IndexFunc(quality.Rules, func(x quality.Rule) bool { return x.Code == c.Rule }); k >= 0 {
			row.Cells[k] += c.Open
			row.Total += c.Open
		}
	}
	for _, u := range tree.Units {
		if row := rows[u.ID]; row != nil {
			d.Counts = append(d.Counts, *row)
		}
	}
	f := zhaoshang.FindingFilter{OrgUnitID: q.Unit, Rule: q.Rule, Severity: zhaoshang.Severity(q.Severity), Year: q.Year,
		Offset: offset(q.Page, findingsPerPage), Limit: findingsPerPage}
	switch q.Status {
	case "":
		f.Status = zhaoshang.FindingOpen
	case "all":
	default:
		f.Status = zhaoshang.FindingStatus(q.Status)
	}
	list, total, err := s.svc.Quality.Findings(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	back := "/quality?" + q.values().Encode()
	for _, x := range list {
		d.Findings = append(d.Findings, findingView{Finding: x, SeverityLabel: p.T(x.Severity.Label()), StatusLabel: p.T(x.Status.Label()),
			CanExplain: pr.MayStepFinding(x, zhaoshang.FindingExplain), CanReopen: pr.MayStepFinding(x, zhaoshang.FindingSendBack), Back: back})
	}
	d.Total = total
	d.Pager = newPager("/quality", q.values(), q.Page, findingsPerPage, total)
	if d.CanConfig {
		if typed != nil {
			d.Settings = *typed
		} else {
			st, err := s.svc.Quality.QualitySettings(ctx)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			d.Settings = settingsView{EvidenceWan: st.EvidenceThreshold.WanString(), KeyMinWan: st.KeyMinInvestment.WanString(),
				LocalRegions: strings.Join(st.LocalRegions, "、"), Excluded: strings.Join(st.ExcludedIndustries, "、")}
		}
	}
	if actionErr != nil {
		d.Err = p.Msg(actionErr)
	}
	p.Data = d
	s.render(w, r, status, "quality", p)
}

// safeBack is a local page to go back to after a change.
func safeBack(r *http.Request, def string) string {
	b := r.FormValue("back")
	if strings.HasPrefix(b, "/quality") && !strings.HasPrefix(b, "//") {
		return b
	}
	return def
}

func (s *Server) findingStep(w http.ResponseWriter, r *http.Request, step func(id, version int64, text string) (*zhaoshang.Finding, error), flash string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.ENotFound, "问题记录不存在或不在您的数据范围内"))
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	if _, err := step(id, version, r.FormValue("text")); err != nil {
		switch zhaoshang.ErrorCode(err) {
		case zhaoshang.EInvalid, zhaoshang.EConflict:
			s.renderQuality(w, r, http.StatusUnprocessableEntity, err, nil)
		default:
			s.fail(w, r, err)
		}
		return
	}
	setFlash(w, flash)
	redirect(w, r, safeBack(r, "/quality"))
}

func (s *Server) qualityExplain(w http.ResponseWriter, r *http.Request) {
	s.findingStep(w, r, func(id, v int64, text string) (*zhaoshang.Finding, error) {
		return s.svc.Quality.Explain(r.Context(), id, v, text)
	}, "已提交情况说明")
}

func (s *Server) qualityReopen(w http.ResponseWriter, r *http.Request) {
	s.findingStep(w, r, func(id, v int64, text string) (*zhaoshang.Finding, error) {
		return s.svc.Quality.Reopen(r.Context(), id, v, text)
	}, "已退回重新处理")
}

func (s *Server) qualityRun(w http.ResponseWriter, r *http.Request) {
	run, err := s.svc.Quality.RunChecks(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "数据质量", "quality")
	setFlash(w, p.T("检查完成：现有问题%d条，新发现%d条，已纠正%d条", run.Found, run.New, run.Fixed))
	redirect(w, r, safeBack(r, "/quality"))
}

// wanField reads an amount in 万元 from a settings form.
func wanField(s, label string) (zhaoshang.Money, error) {
	m, ok := zhaoshang.ParseWan(strings.TrimSpace(zhaoshang.FoldWidth(s)))
	if !ok {
		return 0, zhaoshang.Errorf(zhaoshang.EInvalid, "%s应为以万元为单位的数字", label)
	}
	return m, nil
}

// splitList reads a list written with 、，, or spaces.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；; \t\n", r) })
}

func (s *Server) qualitySettings(w http.ResponseWriter, r *http.Request) {
	typed := &settingsView{EvidenceWan: r.FormValue("evidence_wan"), KeyMinWan: r.FormValue("key_min_wan"),
		LocalRegions: r.FormValue("local_regions"), Excluded: r.FormValue("excluded")}
	ev, err := wanField(typed.EvidenceWan, "凭证核验金额标准")
	var km zhaoshang.Money
	if err == nil {
		km, err = wanField(typed.KeyMinWan, "重点产业项目合同投资额标准")
	}
	if err == nil {
		err = s.svc.Quality.SetQualitySettings(r.Context(), zhaoshang.QualitySettings{EvidenceThreshold: ev, KeyMinInvestment: km,
			LocalRegions: splitList(typed.LocalRegions), ExcludedIndustries: splitList(typed.Excluded)})
	}
	if err != nil {
		if zhaoshang.ErrorCode(err) == zhaoshang.EInvalid {
			s.renderQuality(w, r, http.StatusUnprocessableEntity, err, typed)
			return
		}
		s.fail(w, r, err)
		return
	}
	setFlash(w, "已保存数据质量检查标准，并已重新检查")
	redirect(w, r, "/quality")
}

// ---- the report checker ----

type checkView struct {
	reportcheck.Finding
	SeverityLabel, SourceLabel string
}

type reportCheckData struct {
	Text     string
	Through  string
	Period   string // the period the text speaks of, as read or chosen
	Checked  bool
	Findings []checkView
	Note     string
	Err      string
}

// maxReportText bounds the pasted text: a report, not a book.
const maxReportText = 200_000

func (s *Server) checkReportPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "报告数字核对", "check-report")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("报告数字核对"), URL: "/quality/check-report"}}
	p.Data = &reportCheckData{}
	s.render(w, r, http.StatusOK, "check_report", p)
}

func (s *Server) checkReport(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "报告数字核对", "check-report")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("报告数字核对"), URL: "/quality/check-report"}}
	d := &reportCheckData{Text: r.FormValue("text"), Through: strings.TrimSpace(r.FormValue("through"))}
	p.Data = d
	status := http.StatusOK
	switch {
	case strings.TrimSpace(d.Text) == "":
		d.Err, status = p.T("请粘贴要核对的报告文字"), http.StatusUnprocessableEntity
	case len(d.Text) > maxReportText:
		d.Err, status = p.T("报告文字过长（超过20万字节），请分段核对"), http.StatusUnprocessableEntity
	default:
		var through zhaoshang.Month
		if d.Through != "" {
			m, err := zhaoshang.ParseMonth(d.Through)
			if err != nil || !m.Valid() {
				d.Err, status = p.T("统计截至月份应为形如2021-06的月份"), http.StatusUnprocessableEntity
				break
			}
			through = m
		}
		checked, err := s.app.CheckReport(r.Context(), []byte(d.Text), through, false)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Period = checked.Period
		if checked.Period == "" {
			d.Note = p.T("文中没有可识别的统计期间（如“1—6月”），只核对了文中数字之间的关系；可填写统计截至月份后再核对。")
		}
		found := checked.Findings
		d.Checked = true
		for _, f := range found {
			d.Findings = append(d.Findings, checkView{Finding: f, SeverityLabel: p.T(f.Severity.Label()), SourceLabel: p.T(f.SourceLabel())})
		}
	}
	s.render(w, r, status, "check_report", p)
}
