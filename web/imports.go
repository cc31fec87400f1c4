package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"zhaoshang"
	"zhaoshang/app"
	"zhaoshang/i18n"
	"zhaoshang/indicator"
	"zhaoshang/ledger"
)

// The import of a ledger file (EXCHANGE.md, "Importing") takes two steps:
// the upload is read, checked and imported dry, and the clerk sees either
// every problem of the file or what the import would do; the file is kept
// (StashUpload) until the clerk confirms, and the confirmation imports it
// for real, checking everything again (the data may have changed since).

// registerImportRoutes registers the ledger import screens.
func (s *Server) registerImportRoutes() {
	s.handle("GET /import", s.importPage)
	s.handle("GET /import/template/{kind}", s.importTemplate)
	s.handle("POST /import/{kind}", s.importUpload)
	s.handle("POST /import/{kind}/{id}/confirm", s.importConfirm)
}

// maxImportBytes is the largest ledger file accepted (ledger.DefaultLimits);
// the request may carry a little more for the multipart framing.
const maxImportBytes = 20 << 20

// importColumn is one column of a ledger as the import page explains it.
type importColumn struct {
	Header   string
	Required bool
	Hint     string // what to write; a catalogue key
}

// importKind is one kind of ledger the page imports.
type importKind struct {
	Kind     string // the path segment: projects, funds
	Label    string // 项目台账
	Template string // the template's file name
	Unit     string // what a row is, for the flash: 个, 笔
	Columns  []importColumn
	Notes    []string // catalogue keys
	Perm     string   // what the import needs beyond ledger:import ("" nothing)
}

// importKinds follow EXCHANGE.md, "Ledger files": the headers, the
// spellings accepted besides them, and the values each column takes.
var importKinds = []importKind{
	{
		Kind: "projects", Label: "项目台账", Template: "项目台账模板.xlsx", Unit: "个",
		Columns: []importColumn{
			{"项目编号", true, "项目的唯一编号；再次导入相同编号的项目会更新该项目"},
			{"项目名称", true, "项目全称"},
			{"县市", true, "县市名称（如凯里市）或6位行政区划代码（如522601）"},
			{"投资方", true, "投资企业全称"},
			{"统一社会信用代码", false, "18位，填写时校验校验位；用于识别投资企业"},
			{"优强企业", false, "是/否；填“是”表示投资方为优强企业"},
			{"四化领域", true, "新型工业化、新型城镇化、农业现代化、旅游产业化、其他 之一（也可简写为工业化、城镇化、农业、旅游）"},
			{"产业", false, "所属产业，如铝加工"},
			{"重点产业项目", true, "是/否"},
			{"工业项目", true, "是/否"},
			{"投资方所在地", false, "投资方所在的省或城市"},
			{"合同投资额(万元)", true, "大于0；列名也可写作“合同投资额”"},
			{"总投资(万元)", false, "列名也可写作“总投资”；不填表示未知"},
			{"签约日期", true, "正式合同签订日期"},
			{"开工日期", false, "未开工不填"},
			{"投产日期", false, "未投产不填"},
			{"达效日期", false, "未达效不填"},
			{"责任单位", false, "负责跟踪服务的单位"},
			{"备注", false, ""},
		},
		Notes: []string{
			"一个项目填一行；签约日期≤开工日期≤投产日期≤达效日期，且不晚于今天。",
			"投资企业按统一社会信用代码识别，未填代码时按企业名称识别。",
		},
	},
	{
		Kind: "funds", Label: "到位资金台账", Template: "到位资金台账模板.xlsx", Unit: "笔",
		Columns: []importColumn{
			{"项目编号", true, "已录入的项目（或同一批导入的项目）的项目编号"},
			{"到位月份", true, "资金到位的月份，不晚于本月"},
			{"到位金额(万元)", true, "大于0；列名也可写作“到位金额”"},
			{"资金来源", true, "省外境内、境外、省内 之一"},
			{"凭证编号", false, "银行回单、入账凭证等的编号"},
			{"备注", false, ""},
		},
		Notes: []string{
			"一笔到位资金填一行；项目编号、到位月份、资金来源、凭证编号都相同的记录再次导入时会替换原记录。",
			"请先导入项目台账，再导入其到位资金。",
		},
	},
	{
		Kind: "targets", Label: "目标任务", Template: "目标任务模板.xlsx", Unit: "项", Perm: zhaoshang.PermTargetEdit,
		Columns: []importColumn{
			{"年度", true, "四位年份，如2021"},
			{"单位", true, "州或县市，填写名称（如黔东南州、凯里市）或代码（如522600）"},
			{"指标", true, "指标代码或中文名称，如 new_key_projects 或 新引进重点产业项目个数；比率指标不设目标值"},
			{"目标值", true, "个数类指标填个/家数（整数），金额类指标填万元"},
		},
		Notes: []string{
			"一个单位一个年度的一项指标填一行；年度、单位、指标都相同的目标再次导入时会更新原目标值。",
			"需要“维护年度目标任务”权限。",
		},
	},
}

func findImportKind(kind string) *importKind {
	for i := range importKinds {
		if importKinds[i].Kind == kind {
			return &importKinds[i]
		}
	}
	return nil
}

// importOutcome is a file that did not pass: one message for a file that
// is no ledger at all, or every problem of its rows.
type importOutcome struct {
	Kind     *importKind
	FileName string
	Err      string
	Problems []zhaoshang.RowProblem
}

type importData struct {
	Kinds   []importKind
	Outcome *importOutcome
}

// visibleImportKinds are the kinds the user may import.
func visibleImportKinds(p *zhaoshang.Principal) []importKind {
	var out []importKind
	for _, k := range importKinds {
		if k.Perm == "" || p.Can(k.Perm) {
			out = append(out, k)
		}
	}
	return out
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) {
	s.renderImport(w, r, http.StatusOK, nil)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, out *importOutcome) {
	p := s.newPage(r, "台账导入", "import")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("台账导入"), URL: "/import"}}
	p.Data = &importData{Kinds: visibleImportKinds(p.User), Outcome: out}
	if out != nil {
		// the answer to a POST: the address stays /import, so that a
		// reload shows the page rather than repeating the upload
		w.Header().Set("HX-Push-Url", "false")
	}
	s.render(w, r, status, "import", p)
}

// importTemplate sends an empty ledger to fill in.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	k := findImportKind(r.PathValue("kind"))
	if k == nil {
		s.renderError(w, r, http.StatusNotFound, "页面不存在")
		return
	}
	var data []byte
	var err error
	switch k.Kind {
	case "projects":
		var tree *zhaoshang.OrgTree
		if tree, err = s.svc.Org.Tree(r.Context()); err == nil {
			data, err = ledger.ProjectTemplate(tree)
		}
	case "targets":
		var tree *zhaoshang.OrgTree
		if tree, err = s.svc.Org.Tree(r.Context()); err == nil {
			data, err = ledger.TargetTemplate(tree, indicator.TargetNames())
		}
	default:
		data, err = ledger.FundTemplate()
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, data, typeXLSX, k.Kind+"-template.xlsx", k.Template)
}

// importPreview is what the dry run found: the counts, and a few rows as
// they were read, to check that the columns were understood.
type importPreview struct {
	Kind      *importKind
	ID        int64 // the stashed upload
	FileName  string
	SHA256    string
	Rows      int
	Created   int
	Updated   int
	Unchanged int
	Sample    *importSample
	Approve   bool // historic, verified data: the months it touches are approved on confirming
}

// approveAsked reads the form's 作为已核实的历史数据导入 box; only ledgers of
// months (projects, funds) are approved, and the service checks that the
// user may approve.
func approveAsked(r *http.Request, k *importKind) bool {
	return r.FormValue("approve") == "1" && k.Kind != "targets"
}

// importSample shows the first rows of a file as they were read.
type importSample struct {
	Heads []string // catalogue keys
	Num   []bool   // right-aligned columns
	Rows  [][]string
	More  int // rows not shown
}

const sampleRows = 10

// importFile imports a ledger through the use case the command line uses
// too (app.ImportFile) and adds the sample of its rows the preview shows.
func (s *Server) importFile(ctx context.Context, k *importKind, name string, data []byte, opts zhaoshang.ImportOptions) (*app.Imported, *importSample, error) {
	done, err := s.app.ImportFile(ctx, app.Ledger(k.Kind), name, data, opts)
	if err != nil {
		return nil, nil, err
	}
	switch done.Ledger {
	case app.ProjectLedger:
		return done, projectSample(done.Projects), nil
	case app.TargetLedger:
		return done, targetSample(done.Targets), nil
	}
	return done, fundSample(done.Funds), nil
}

func projectSample(rows []ledger.ProjectRow) *importSample {
	sm := &importSample{
		Heads: []string{"行号", "项目编号", "项目名称", "县市", "投资方", "四化领域", "合同投资额(万元)", "签约日期"},
		Num:   []bool{true, false, false, false, false, false, true, false},
		More:  max(0, len(rows)-sampleRows),
	}
	for _, r := range rows[:min(len(rows), sampleRows)] {
		sm.Rows = append(sm.Rows, []string{strconv.Itoa(r.Row), r.Code, r.Name, r.CountyName, r.Investor, string(r.Area),
			exactWan(r.ContractInvestment), r.SignedOn.String()})
	}
	return sm
}

func targetSample(rows []ledger.TargetRow) *importSample {
	sm := &importSample{
		Heads: []string{"行号", "年度", "单位", "指标", "目标值"},
		Num:   []bool{true, true, false, false, true},
		More:  max(0, len(rows)-sampleRows),
	}
	for _, r := range rows[:min(len(rows), sampleRows)] {
		sm.Rows = append(sm.Rows, []string{strconv.Itoa(r.Row), strconv.Itoa(r.Year), r.OrgName, r.Indicator, r.Raw})
	}
	return sm
}

func fundSample(rows []ledger.FundRow) *importSample {
	sm := &importSample{
		Heads: []string{"行号", "项目编号", "到位月份", "到位金额(万元)", "资金来源", "凭证编号"},
		Num:   []bool{true, false, false, true, false, false},
		More:  max(0, len(rows)-sampleRows),
	}
	for _, r := range rows[:min(len(rows), sampleRows)] {
		sm.Rows = append(sm.Rows, []string{strconv.Itoa(r.Row), r.ProjectCode, r.Month.String(), exactWan(r.Amount), string(r.Source), r.EvidenceNo})
	}
	return sm
}

// exactWan shows an amount in 万元 with separators and every decimal it
// has: the preview shows what was read, not a rounding of it.
func exactWan(m zhaoshang.Money) string {
	s := m.FormatWan(4)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// uploadName is the file's own name, without any path a browser sent.
func uploadName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7F {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	if name == "" {
		name = "upload"
	}
	return name
}

// readUpload takes the file out of a multipart form: at most
// maxImportBytes, one clear message for anything larger.
func readUpload(w http.ResponseWriter, r *http.Request) (name string, data []byte, err error) {
	tooLarge := zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "文件过大（超过%s）", "20MB")
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes+1<<20)
	if perr := r.ParseMultipartForm(1 << 20); perr != nil {
		var mbe *http.MaxBytesError
		if errors.As(perr, &mbe) {
			return "", nil, tooLarge
		}
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "请选择要上传的文件")
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, ferr := r.FormFile("file")
	if ferr != nil {
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "请选择要上传的文件")
	}
	defer file.Close()
	data, err = io.ReadAll(io.LimitReader(file, maxImportBytes+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, tooLarge
		}
		return "", nil, err
	}
	if len(data) > maxImportBytes {
		return "", nil, tooLarge
	}
	if len(data) == 0 {
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "文件为空")
	}
	return uploadName(hdr.Filename), data, nil
}

// importUpload checks an uploaded ledger and imports it dry: the preview,
// or every problem of the file. Nothing is written either way.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	k := findImportKind(r.PathValue("kind"))
	if k == nil {
		s.renderError(w, r, http.StatusNotFound, "页面不存在")
		return
	}
	name, data, err := readUpload(w, r)
	if err != nil {
		s.importRefused(w, r, k, name, err)
		return
	}
	approve := approveAsked(r, k)
	done, sample, err := s.importFile(r.Context(), k, name, data, zhaoshang.ImportOptions{Dry: true, Approve: approve})
	if err != nil {
		s.importRefused(w, r, k, name, err)
		return
	}
	id, err := s.svc.Projects.StashUpload(r.Context(), k.Kind, name, data)
	if err != nil {
		s.importRefused(w, r, k, name, err)
		return
	}
	p := s.newPage(r, "导入预览", "import")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("台账导入"), URL: "/import"}, {Label: p.T("导入预览")}}
	p.Data = &importPreview{Kind: k, ID: id, FileName: name, SHA256: done.SHA256, Rows: done.Rows,
		Created: done.Result.Created, Updated: done.Result.Updated, Unchanged: done.Result.Unchanged, Sample: sample, Approve: approve}
	w.Header().Set("HX-Push-Url", "false")
	s.render(w, r, http.StatusOK, "import_preview", p)
}

// importConfirm imports a stashed upload for real: read and checked again,
// all or nothing.
func (s *Server) importConfirm(w http.ResponseWriter, r *http.Request) {
	k := findImportKind(r.PathValue("kind"))
	if k == nil {
		s.renderError(w, r, http.StatusNotFound, "页面不存在")
		return
	}
	kind, name, data, err := s.svc.Projects.StashedUpload(r.Context(), pathID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if kind != k.Kind {
		s.renderError(w, r, http.StatusNotFound, "上传的文件已过期，请重新上传")
		return
	}
	done, _, err := s.importFile(r.Context(), k, name, data, zhaoshang.ImportOptions{Approve: approveAsked(r, k)})
	if err != nil {
		s.importRefused(w, r, k, name, err)
		return
	}
	if err := s.svc.Projects.DropUpload(r.Context(), pathID(r)); err != nil {
		s.log.Warn("import: stashed upload not dropped", "id", pathID(r), "err", err)
	}
	lang := i18n.FromRequest(r)
	res := done.Result
	var msg string
	next := "/projects"
	switch k.Kind {
	case "projects":
		msg = i18n.T(lang, "已导入项目台账：新增%d个，更新%d个，未变%d个", res.Created, res.Updated, res.Unchanged)
	case "targets":
		msg = i18n.T(lang, "已导入目标任务：新增%d项，更新%d项，未变%d项", res.Created, res.Updated, res.Unchanged)
		next = "/targets"
		if done.Year != 0 {
			next += "?year=" + strconv.Itoa(done.Year)
		}
	default:
		msg = i18n.T(lang, "已导入到位资金台账：新增%d笔，更新%d笔，未变%d笔", res.Created, res.Updated, res.Unchanged)
	}
	setFlash(w, msg) // already in the reader's language: no key to translate
	redirect(w, r, next)
}

// importRefused shows why a file was not imported on the import page: the
// problems of its rows, or one message for the whole file. A failure that
// is not about the file is answered as any other.
func (s *Server) importRefused(w http.ResponseWriter, r *http.Request, k *importKind, name string, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return
	}
	lang := i18n.FromRequest(r)
	out := &importOutcome{Kind: k, FileName: name}
	var refused *zhaoshang.ImportRefused
	if errors.As(err, &refused) {
		out.Problems = make([]zhaoshang.RowProblem, len(refused.Problems))
		for i, pb := range refused.Problems {
			pb.Reason, pb.Args = i18n.T(lang, pb.Reason, pb.Args...), nil
			out.Problems[i] = pb
		}
		s.renderImport(w, r, http.StatusUnprocessableEntity, out)
		return
	}
	switch zhaoshang.ErrorCode(err) {
	case zhaoshang.EInvalid, zhaoshang.EConflict, zhaoshang.EForbidden:
		out.Err = errText(lang, err)
		s.renderImport(w, r, formStatus(err), out)
	default:
		s.fail(w, r, err)
	}
}
