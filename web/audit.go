package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"zhaoshang"
	"zhaoshang/i18n"
	"zhaoshang/ledger"
)

// The audit trail and the login log, for the 审计管理员: a viewer with
// filters and paging, one entry with its before/after diff and its hash
// link, the export to Excel (itself audited), the chain check and the API.
// Every read goes through AuditService.FindAudit, which checks audit:view.

// registerAuditRoutes registers the audit trail and login log screens.
func (s *Server) registerAuditRoutes() {
	s.handle("GET /audit", s.auditPage)
	s.handle("GET /audit/{id}", s.auditEntryPage)
	s.handle("GET /audit/export.xlsx", s.auditExport)
	s.handle("GET /audit/logins", s.loginsPage)
	s.handle("POST /audit/verify", s.auditVerify)
	s.handle("GET /api/v1/audit", s.apiAudit)
}

// codeLabel is a stored code and its Chinese label (a catalogue key).
type codeLabel struct{ Code, Label string }

// auditEntities are the kinds of records the trail names, in the order the
// filter offers them.
var auditEntities = []codeLabel{
	{"org_unit", "组织机构"},
	{"user", "用户"},
	{"role", "角色"},
	{"setting", "系统设置"},
	{"api_token", "API令牌"},
	{"audit_log", "审计日志"},
	{"project", "项目"},
	{"fund_receipt", "到位资金"},
	{"enterprise", "企业"},
	{"contact", "企业联系人"},
	{"attachment", "附件"},
	{"project_ledger", "项目台账导入"},
	{"fund_ledger", "到位资金台账导入"},
	{"target", "目标任务"},
	{"target_ledger", "目标任务导入"},
	{"scheme", "考核办法"},
	{"month_review", "月度审核"},
	{"quality_finding", "数据质量问题"},
	{"quality", "数据质量检查"},
}

// auditActions label the Act* codes, in the order the filter offers them.
var auditActions = []codeLabel{
	{zhaoshang.ActCreate, "新增"},
	{zhaoshang.ActUpdate, "修改"},
	{zhaoshang.ActMove, "移动"},
	{zhaoshang.ActDeactivate, "停用"},
	{zhaoshang.ActActivate, "启用"},
	{zhaoshang.ActDelete, "删除"},
	{zhaoshang.ActVoid, "作废"},
	{zhaoshang.ActImport, "导入"},
	{zhaoshang.ActExport, "导出"},
	{zhaoshang.ActApprove, "审核"},
	{zhaoshang.ActLogin, "登录"},
	{zhaoshang.ActLoginFailed, "登录失败"},
	{zhaoshang.ActLogout, "退出"},
	{zhaoshang.ActPermission, "权限变更"},
	{zhaoshang.ActPasswordSet, "密码"},
	{zhaoshang.ActTokenCreate, "创建令牌"},
	{zhaoshang.ActTokenRevoke, "撤销令牌"},
	{zhaoshang.ActRevealPhone, "查看完整号码"},
	{zhaoshang.ActSystemConfig, "系统设置"},
	{string(zhaoshang.StepSubmit), "提交月度数据"},
	{string(zhaoshang.StepReturn), "退回"},
	{string(zhaoshang.StepRequestReopen), "申请重新开放"},
	{string(zhaoshang.StepApproveReopen), "批准重新开放"},
	{string(zhaoshang.StepRejectReopen), "驳回重新开放申请"},
	{string(zhaoshang.StepApproveImport), "历史数据导入审核"},
	{"quality_run", "数据质量检查"},
}

// loginActions are the entries the login log shows.
var loginActions = []string{zhaoshang.ActLogin, zhaoshang.ActLoginFailed, zhaoshang.ActLogout}

// auditFields label the fields of the before/after records.
var auditFields = map[string]string{
	"code": "编码", "name": "名称", "kind": "类型", "parent_id": "上级单位", "active": "是否启用",
	"version": "版本号", "username": "用户名", "display_name": "姓名", "org_unit_id": "所属单位",
	"phone": "电话", "must_change": "须修改密码", "role_ids": "角色", "permissions": "权限",
	"scope": "数据范围", "scope_units": "自定义单位", "prefix": "令牌前缀", "units": "单位数", "rows": "条数",
}

func labelOf(list []codeLabel, code string) string {
	for _, c := range list {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// actionClass colours an action's badge.
func actionClass(action string) string {
	switch action {
	case zhaoshang.ActCreate, zhaoshang.ActActivate, zhaoshang.ActLogin:
		return "bg-green-lt"
	case zhaoshang.ActDelete, zhaoshang.ActVoid, zhaoshang.ActDeactivate, zhaoshang.ActLoginFailed, zhaoshang.ActTokenRevoke:
		return "bg-red-lt"
	case zhaoshang.ActPermission, zhaoshang.ActPasswordSet, zhaoshang.ActSystemConfig, zhaoshang.ActRevealPhone, zhaoshang.ActExport:
		return "bg-orange-lt"
	case zhaoshang.ActLogout:
		return "bg-secondary-lt"
	}
	return "bg-blue-lt"
}

// auditTime shows a stored time as 2021-06-30 14:05:09 in Beijing time.
func auditTime(t time.Time) string { return t.In(zhaoshang.Shanghai).Format("2006-01-02 15:04:05") }

const auditPageSize = 50

// auditQuery is the filter as the reader entered it, to show it again and
// to carry it into links.
type auditQuery struct {
	From, To string // YYYY-MM-DD, Beijing time, both days included
	User     string
	Org      int64
	Entity   string
	Action   string
	Result   string // login log: ok, failed, logout
	Page     int
}

// values encodes the query for links (the page left out).
func (q auditQuery) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("from", q.From)
	set("to", q.To)
	set("user", q.User)
	if q.Org != 0 {
		v.Set("org", strconv.FormatInt(q.Org, 10))
	}
	set("entity", q.Entity)
	set("action", q.Action)
	set("result", q.Result)
	return v
}

// parseAuditQuery reads the filter of the viewer, the export and the API.
func parseAuditQuery(r *http.Request) (auditQuery, zhaoshang.AuditFilter, error) {
	v := r.URL.Query()
	q := auditQuery{
		From: strings.TrimSpace(v.Get("from")), To: strings.TrimSpace(v.Get("to")),
		User: strings.TrimSpace(v.Get("user")), Entity: strings.TrimSpace(v.Get("entity")),
		Action: strings.TrimSpace(v.Get("action")), Result: strings.TrimSpace(v.Get("result")),
	}
	q.Page = pageNumber(r)
	f := zhaoshang.AuditFilter{ActorName: q.User, Entity: q.Entity, Action: q.Action}
	if s := strings.TrimSpace(v.Get("org")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 0 {
			return q, f, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "单位不正确")
		}
		q.Org, f.OrgUnitID = id, id
	}
	var err error
	if f.From, err = parseDay(q.From, "from"); err != nil {
		return q, f, err
	}
	if f.To, err = parseDay(q.To, "to"); err != nil {
		return q, f, err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the end day is included
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return q, f, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "to", "结束日期不能早于开始日期")
	}
	return q, f, nil
}

// parseDay reads a date as the start of that day in Beijing time.
func parseDay(s, field string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, zhaoshang.Shanghai)
	if err != nil {
		return time.Time{}, zhaoshang.FieldErrorf(zhaoshang.EInvalid, field, "日期“%s”格式不正确，应为2021-06-30的形式", s)
	}
	return t, nil
}

// unitNames gives the units' names for the columns and the unit filter.
// A reader without org:view still sees the trail, with unit ids only.
type unitNames struct{ tree *zhaoshang.OrgTree }

func (s *Server) unitNames(r *http.Request) (unitNames, error) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		if zhaoshang.ErrorCode(err) == zhaoshang.EForbidden {
			return unitNames{}, nil
		}
		return unitNames{}, err
	}
	return unitNames{tree}, nil
}

func (u unitNames) name(id int64) string {
	if id == 0 {
		return ""
	}
	if u.tree != nil {
		if unit := u.tree.ByID(id); unit != nil {
			return unit.Name
		}
	}
	return "#" + strconv.FormatInt(id, 10)
}

type unitOption struct {
	ID    int64
	Label string
}

func (u unitNames) options() []unitOption {
	if u.tree == nil {
		return nil
	}
	out := make([]unitOption, 0, len(u.tree.Units))
	for _, unit := range u.tree.Units {
		out = append(out, unitOption{unit.ID, strings.Repeat("\u3000", u.tree.Depth(unit.ID)) + unit.Name})
	}
	return out
}

// auditRow is one entry as the viewer's table shows it.
type auditRow struct {
	ID          int64
	At          string
	Actor       string
	Unit        string
	IP          string
	Action      string
	ActionClass string
	Entity      string
	EntityID    string
	Note        string
}

type verifyResult struct {
	Checked int64
	Broken  string // the first broken link; empty: intact
}

type auditData struct {
	Q         auditQuery
	Query     string // the filter, encoded for links
	Rows      []auditRow
	Total     int
	Pager     pager
	Units     []unitOption
	Entities  []codeLabel
	Actions   []codeLabel
	Err       string
	Field     string
	Verify    *verifyResult
	ExportMax int
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	s.renderAudit(w, r, nil)
}

// renderAudit shows the viewer, with the result of a chain check if one ran.
func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, verify *verifyResult) {
	p := s.newPage(r, "审计日志", "audit")
	p.Crumbs = []crumb{{Label: p.T("安全审计")}, {Label: p.T("审计日志"), URL: "/audit"}}
	units, err := s.unitNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, f, ferr := parseAuditQuery(r)
	d := &auditData{Q: q, Query: q.values().Encode(), Units: units.options(), Entities: auditEntities, Actions: auditActions,
		Verify: verify, ExportMax: zhaoshang.AuditExportMax}
	status := http.StatusOK
	if ferr != nil {
		if zhaoshang.AsError(ferr) == nil {
			s.fail(w, r, ferr)
			return
		}
		d.Err, d.Field, status = p.Msg(ferr), zhaoshang.AsError(ferr).Field, http.StatusUnprocessableEntity
	} else {
		f.Offset, f.Limit = (q.Page-1)*auditPageSize, auditPageSize
		entries, total, err := s.svc.Audit.FindAudit(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Total = total
		for _, e := range entries {
			d.Rows = append(d.Rows, auditRow{
				ID: e.ID, At: auditTime(e.At), Actor: e.ActorName, Unit: units.name(e.ActorOrgID), IP: e.IP,
				Action: p.T(labelOf(auditActions, e.Action)), ActionClass: actionClass(e.Action),
				Entity: p.T(labelOf(auditEntities, e.Entity)), EntityID: e.EntityID, Note: p.T(e.Note),
			})
		}
	}
	d.Pager = newPager("/audit", q.values(), q.Page, auditPageSize, d.Total)
	p.Data = d
	s.render(w, r, status, "audit", p)
}

// auditVerify walks the whole chain and shows the result on the viewer.
// The page is rendered, not redirected to, so the result cannot be forged
// by a link.
func (s *Server) auditVerify(w http.ResponseWriter, r *http.Request) {
	n, err := s.svc.Audit.VerifyAudit(r.Context())
	res := &verifyResult{Checked: n}
	if err != nil {
		if zhaoshang.ErrorCode(err) != zhaoshang.EConflict {
			s.fail(w, r, err)
			return
		}
		res.Broken = errText(i18n.FromRequest(r), err)
	}
	s.renderAudit(w, r, res)
}

// diffRow is one field of an entry's before and after.
type diffRow struct {
	Field   string
	Label   string
	Before  string
	After   string
	InB     bool // the field exists before
	InA     bool // … and after
	Changed bool
}

type auditEntryData struct {
	E          *zhaoshang.AuditEntry
	At         string
	Unit       string
	Action     string
	Class      string
	Entity     string
	Note       string
	Diff       []diffRow
	BothSides  bool
	BeforeJSON string
	AfterJSON  string
	Prev, Next int64
}

func (s *Server) auditEntryPage(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	var e *zhaoshang.AuditEntry
	if id > 0 {
		entries, _, err := s.svc.Audit.FindAudit(r.Context(), zhaoshang.AuditFilter{ID: id, Limit: 1, NoTotal: true})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(entries) == 1 {
			e = entries[0]
		}
	}
	if e == nil {
		s.renderError(w, r, http.StatusNotFound, "审计记录不存在")
		return
	}
	units, err := s.unitNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "审计日志", "audit")
	p.Title = p.T("审计记录第%d条", e.ID)
	p.Crumbs = []crumb{{Label: p.T("安全审计")}, {Label: p.T("审计日志"), URL: "/audit"}, {Label: p.Title, URL: "/audit/" + strconv.FormatInt(e.ID, 10)}}
	d := &auditEntryData{E: e, At: auditTime(e.At), Unit: units.name(e.ActorOrgID),
		Action: p.T(labelOf(auditActions, e.Action)), Class: actionClass(e.Action), Entity: p.T(labelOf(auditEntities, e.Entity)),
		Note: p.T(e.Note), BothSides: e.Before != nil && e.After != nil,
		BeforeJSON: prettyJSON(e.Before), AfterJSON: prettyJSON(e.After)}
	if e.ID > 1 {
		d.Prev = e.ID - 1
	}
	d.Next = e.ID + 1 // a missing next entry answers 404
	d.Diff = auditDiff(p, units, e.Before, e.After)
	p.Data = d
	s.render(w, r, http.StatusOK, "audit_entry", p)
}

// auditDiff lines up the fields of before and after: the fields in the
// order the record has them, those only after at the end.
func auditDiff(p *page, units unitNames, before, after json.RawMessage) []diffRow {
	bKeys, bVals, bObj := jsonFields(before)
	aKeys, aVals, aObj := jsonFields(after)
	if (before != nil && !bObj) || (after != nil && !aObj) {
		// not an object on some side: one row with the whole values
		row := diffRow{Label: p.T("值"), InB: before != nil, InA: after != nil}
		row.Before, row.After = showJSON(p, units, "", before), showJSON(p, units, "", after)
		row.Changed = row.InB && row.InA && compactJSON(before) != compactJSON(after)
		return []diffRow{row}
	}
	keys := append([]string{}, bKeys...)
	for _, k := range aKeys {
		if _, ok := bVals[k]; !ok {
			keys = append(keys, k)
		}
	}
	out := make([]diffRow, 0, len(keys))
	for _, k := range keys {
		b, inB := bVals[k]
		a, inA := aVals[k]
		row := diffRow{Field: k, InB: inB, InA: inA}
		if l, ok := auditFields[k]; ok {
			row.Label = p.T(l)
		}
		if inB {
			row.Before = showJSON(p, units, k, b)
		}
		if inA {
			row.After = showJSON(p, units, k, a)
		}
		row.Changed = before != nil && after != nil && (inA != inB || compactJSON(a) != compactJSON(b))
		out = append(out, row)
	}
	return out
}

// jsonFields reads a JSON object's members in their order; ok is false
// for anything that is not an object.
func jsonFields(raw json.RawMessage) (keys []string, vals map[string]json.RawMessage, ok bool) {
	vals = map[string]json.RawMessage{}
	if raw == nil {
		return nil, vals, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, vals, false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, vals, false
		}
		k, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, vals, false
		}
		if _, dup := vals[k]; !dup {
			keys = append(keys, k)
		}
		vals[k] = v
	}
	return keys, vals, true
}

func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

func prettyJSON(raw json.RawMessage) string {
	if raw == nil {
		return ""
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

// showJSON shows one value: text as it is (a unit kind or data scope by
// its label), true/false as 是/否, a unit id with the unit's name, anything
// else as compact JSON.
func showJSON(p *page, units unitNames, field string, raw json.RawMessage) string {
	if raw == nil {
		return ""
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		switch {
		case v == "":
			return p.T("（空）")
		case field == "kind":
			return p.T(zhaoshang.OrgKind(v).Label())
		case field == "scope":
			return p.T(zhaoshang.DataScope(v).Label())
		}
		return v
	case bool:
		if v {
			return p.T("是")
		}
		return p.T("否")
	case float64:
		if (field == "parent_id" || strings.HasSuffix(field, "org_unit_id")) && v > 0 && units.tree != nil {
			if u := units.tree.ByID(int64(v)); u != nil {
				return fmt.Sprintf("%s（%d）", u.Name, int64(v))
			}
		}
	}
	return compactJSON(raw)
}

// auditExport writes exactly the rows of the viewer's filter as an .xlsx
// workbook, records the export in the trail, then sends the file: an
// export that cannot be recorded is not sent.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	q, f, err := parseAuditQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.unitNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := i18n.FromRequest(r)
	p := s.newPage(r, "", "")
	// Fix the newest entry first: ids only grow and are committed in
	// order, so the count and every page below agree exactly, whatever is
	// written meanwhile (this export's own entry included).
	hf := f
	hf.Limit, hf.NoTotal = 1, true
	head, _, err := s.svc.Audit.FindAudit(r.Context(), hf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	total := 0
	var page []*zhaoshang.AuditEntry
	if len(head) > 0 {
		f.BeforeID, f.Limit = head[0].ID+1, 1000
		if page, total, err = s.svc.Audit.FindAudit(r.Context(), f); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if total > zhaoshang.AuditExportMax {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "筛选结果共%d条，超过单次导出上限%d条，请缩小时间范围后分次导出", total, zhaoshang.AuditExportMax))
		return
	}
	now := s.now()
	title := p.T("审计日志（%s），共%d条；%s于%s导出", s.describeAudit(p, units, q), total, principal(r.Context()).Username, auditTime(now))
	book, err := ledger.NewAuditWorkbook(title, ledger.AuditText{
		T:      func(key string) string { return i18n.T(lang, key) },
		Action: func(code string) string { return i18n.T(lang, labelOf(auditActions, code)) },
		Entity: func(code string) string { return i18n.T(lang, labelOf(auditEntities, code)) },
		Unit:   units.name,
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer book.Close()
	for len(page) > 0 && book.Rows() < total {
		for _, e := range page {
			if err := book.Add(e); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		f.BeforeID, f.NoTotal = page[len(page)-1].ID, true
		if page, _, err = s.svc.Audit.FindAudit(r.Context(), f); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	f.BeforeID, f.Limit, f.NoTotal = 0, 0, false
	if err := s.svc.Audit.RecordExport(r.Context(), f, book.Rows()); err != nil {
		s.fail(w, r, err)
		return
	}
	name := "审计日志-" + now.In(zhaoshang.Shanghai).Format("20060102") + ".xlsx"
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="audit-%s.xlsx"; filename*=UTF-8''%s`, now.In(zhaoshang.Shanghai).Format("20060102"), url.PathEscape(name)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if _, err := book.WriteTo(w); err != nil {
		s.log.Warn("audit export: writing the workbook", "err", err)
	}
}

// describeAudit states the filter in the reader's language, for the title
// of an export.
func (s *Server) describeAudit(p *page, units unitNames, q auditQuery) string {
	var parts []string
	switch {
	case q.From != "" && q.To != "":
		parts = append(parts, p.T("日期 %s 至 %s", q.From, q.To))
	case q.From != "":
		parts = append(parts, p.T("日期 %s 起", q.From))
	case q.To != "":
		parts = append(parts, p.T("日期 至 %s", q.To))
	}
	if q.User != "" {
		parts = append(parts, p.T("操作人 %s", q.User))
	}
	if q.Org != 0 {
		parts = append(parts, p.T("所属单位 %s", units.name(q.Org)))
	}
	if q.Entity != "" {
		parts = append(parts, p.T("对象 %s", p.T(labelOf(auditEntities, q.Entity))))
	}
	if q.Action != "" {
		parts = append(parts, p.T("操作 %s", p.T(labelOf(auditActions, q.Action))))
	}
	if len(parts) == 0 {
		return p.T("全部")
	}
	return strings.Join(parts, p.T("；"))
}

// loginRow is one sign-in, failure or sign-out.
type loginRow struct {
	ID      int64
	At      string
	User    string
	IP      string
	Browser string
	Agent   string // the whole user agent, on hover
	Result  string
	Class   string
	Note    string
}

type loginsData struct {
	Q     auditQuery
	Rows  []loginRow
	Total int
	Pager pager
	Err   string
	Field string
}

// loginResults are the choices of the login log's result filter.
var loginResults = map[string]string{"ok": zhaoshang.ActLogin, "failed": zhaoshang.ActLoginFailed, "logout": zhaoshang.ActLogout}

func (s *Server) loginsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "登录日志", "logins")
	p.Crumbs = []crumb{{Label: p.T("安全审计")}, {Label: p.T("登录日志"), URL: "/audit/logins"}}
	q, f, err := parseAuditQuery(r)
	q.Org, q.Entity, q.Action = 0, "", "" // not filters of this page
	f = zhaoshang.AuditFilter{From: f.From, To: f.To, ActorName: f.ActorName, Actions: loginActions}
	if _, ok := loginResults[q.Result]; !ok {
		q.Result = ""
	}
	f.Action = loginResults[q.Result]
	d := &loginsData{Q: q}
	status := http.StatusOK
	if err != nil {
		e := zhaoshang.AsError(err)
		if e == nil {
			s.fail(w, r, err)
			return
		}
		d.Err, d.Field, status = p.Msg(err), e.Field, http.StatusUnprocessableEntity
	} else {
		f.Offset, f.Limit = (q.Page-1)*auditPageSize, auditPageSize
		entries, total, err := s.svc.Audit.FindAudit(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Total = total
		for _, e := range entries {
			row := loginRow{ID: e.ID, At: auditTime(e.At), User: e.ActorName, IP: e.IP, Browser: shortUA(e.UserAgent), Agent: e.UserAgent, Note: p.T(e.Note)}
			switch e.Action {
			case zhaoshang.ActLogin:
				row.Result, row.Class = p.T("成功"), "bg-green-lt"
			case zhaoshang.ActLoginFailed:
				row.Result, row.Class = p.T("失败"), "bg-red-lt"
			default:
				row.Result, row.Class = p.T("退出"), "bg-secondary-lt"
			}
			d.Rows = append(d.Rows, row)
		}
	}
	d.Pager = newPager("/audit/logins", q.values(), q.Page, auditPageSize, d.Total)
	p.Data = d
	s.render(w, r, status, "logins", p)
}

// shortUA names the browser and system of a user agent, e.g. "Chrome 126 ·
// Windows"; anything unknown is cut to 40 characters.
func shortUA(ua string) string {
	if strings.TrimSpace(ua) == "" {
		return "—"
	}
	version := func(marker string) string {
		i := strings.Index(ua, marker)
		if i < 0 {
			return ""
		}
		v := ua[i+len(marker):]
		if j := strings.IndexAny(v, ". ;)"); j >= 0 {
			v = v[:j]
		}
		return v
	}
	browser := ""
	for _, b := range []struct{ marker, name string }{
		{"MicroMessenger/", "微信"}, {"QQBrowser/", "QQ浏览器"}, {"MetaSr", "搜狗浏览器"}, {"360SE", "360浏览器"},
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chromium/", "Chromium"}, {"Chrome/", "Chrome"},
		{"Trident/", "IE"}, {"MSIE ", "IE"}, {"curl/", "curl"}, {"Go-http-client/", "Go"}, {"python-requests/", "Python"},
	} {
		if strings.Contains(ua, b.marker) {
			browser = b.name
			if v := version(b.marker); v != "" && strings.HasSuffix(b.marker, "/") {
				browser += " " + v
			}
			break
		}
	}
	if browser == "" && strings.Contains(ua, "Safari/") && strings.Contains(ua, "Version/") {
		browser = "Safari " + version("Version/")
	}
	system := ""
	for _, o := range []struct{ marker, name string }{
		{"Windows NT 6.1", "Windows 7"}, {"Windows", "Windows"}, {"iPhone", "iOS"}, {"iPad", "iPadOS"},
		{"Android", "Android"}, {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.marker) {
			system = o.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " · " + system
	case browser != "":
		return browser
	case system != "":
		return system
	}
	if utf8.RuneCountInString(ua) > 40 {
		return string([]rune(ua)[:40]) + "…"
	}
	return ua
}

// apiAuditEntry is an entry as /api/v1/audit gives it.
type apiAuditEntry struct {
	ID         int64           `json:"id"`
	At         string          `json:"at"`
	ActorID    int64           `json:"actor_id"`
	ActorName  string          `json:"actor_name"`
	ActorOrgID int64           `json:"actor_org_id"`
	IP         string          `json:"ip"`
	Action     string          `json:"action"`
	Entity     string          `json:"entity"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
	Note       string          `json:"note"`
	Hash       string          `json:"hash"`
	PrevHash   string          `json:"prev_hash"`
}

// apiAudit lists entries with the viewer's filters as query parameters
// (from, to, user, org, entity, action) and offset/limit paging.
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	_, f, err := parseAuditQuery(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	v := r.URL.Query()
	f.Limit = auditPageSize
	if l := v.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 1000 {
			s.apiError(w, r, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "limit", "limit应为1到1000之间的整数"))
			return
		}
		f.Limit = n
	}
	if o := v.Get("offset"); o != "" {
		n, err := strconv.Atoi(o)
		if err != nil || n < 0 {
			s.apiError(w, r, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "offset", "offset应为不小于0的整数"))
			return
		}
		f.Offset = n
	}
	entries, total, err := s.svc.Audit.FindAudit(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiAuditEntry, 0, len(entries))
	for _, e := range entries {
		items = append(items, apiAuditEntry{
			ID: e.ID, At: e.At.UTC().Format(time.RFC3339), ActorID: e.ActorID, ActorName: e.ActorName, ActorOrgID: e.ActorOrgID,
			IP: e.IP, Action: e.Action, Entity: e.Entity, EntityID: e.EntityID, Before: e.Before, After: e.After,
			Note: e.Note, Hash: e.Hash, PrevHash: e.PrevHash,
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}
