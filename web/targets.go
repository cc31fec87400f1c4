package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/app"
	"zhaoshang/indicator"
)

// The annual targets (目标任务, DOMAIN.md "Indicators"): a table of one
// year's targets, units by indicators, each cell editable in place for
// holders of target:edit; the decomposition of the prefecture's target of
// one indicator over its counties; and the export of a year's targets as
// a 目标任务 file. The rules (which indicators take targets, the units,
// the values, the stale version) are the service's; these screens show
// its answers.

// registerTargetRoutes registers the annual target screens.
func (s *Server) registerTargetRoutes() {
	s.handle("GET /targets", s.targetsPage)
	s.handle("GET /targets/decompose", s.decomposePage)
	s.handle("POST /targets", s.targetSave)
}

// targetDefs are the indicators that take a target, in report order.
func targetDefs() []*indicator.Definition {
	var out []*indicator.Definition
	for i := range indicator.Definitions {
		if d := &indicator.Definitions[i]; d.Targetable() {
			out = append(out, d)
		}
	}
	return out
}

// targetKind reports whether units of the kind take these targets.
func targetKind(k zhaoshang.OrgKind) bool {
	return k == zhaoshang.OrgProvince || k == zhaoshang.OrgPrefecture || k == zhaoshang.OrgCounty
}

// groupDigits puts thousands separators into a whole number.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// targetText shows a target in its ledger unit: a count as a whole number,
// money in 万元 with separators and the decimals it has.
func targetText(d *indicator.Definition, v int64) string {
	if d.Kind == indicator.KindMoney {
		return exactWan(zhaoshang.Money(v))
	}
	return groupDigits(v)
}

// targetUnit is the unit a target is written in: 万元 for money.
func targetUnit(d *indicator.Definition) string {
	if d.Kind == indicator.KindMoney {
		return "万元"
	}
	return d.Unit
}

// targetYear reads ?year=, the current year when missing or malformed.
func (s *Server) targetYear(r *http.Request) int {
	if y, err := strconv.Atoi(strings.TrimSpace(r.FormValue("year"))); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return s.now().Year()
}

// targetYears are the years offered: those with targets, the current one
// and the one shown, newest first.
func (s *Server) targetYears(r *http.Request, year int) ([]int, error) {
	years, err := s.svc.Targets.TargetYears(r.Context())
	if err != nil {
		return nil, err
	}
	years = append(years, s.now().Year(), year)
	slices.Sort(years)
	years = slices.Compact(years)
	slices.Reverse(years)
	return years, nil
}

// targetCell is one editable value: of a unit's target of an indicator.
type targetCell struct {
	P         *page
	Year      int
	UnitID    int64
	Indicator string // code
	Unit      string // the ledger unit: 个, 家, 万元
	Text      string // the target shown, "" when none
	Input     string // what the input holds
	Version   int64
	Editable  bool
	Err       string
	Saved     bool // just saved (an htmx answer)
	Back      string
}

// targetRowView is one unit of the table.
type targetRowView struct {
	ID     int64
	Name   string
	County bool
	Cells  []*targetCell
}

type targetHead struct {
	Code, Name, Unit string
}

type targetsData struct {
	Year     int
	Years    []int
	Heads    []targetHead
	Rows     []targetRowView
	Editable bool
	Import   bool // the user may open the import page
	Err      string
}

// cellOutcome is a refused change to show in its cell.
type cellOutcome struct {
	UnitID    int64
	Indicator string
	Value     string
	Version   int64
	Err       string
}

func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request) {
	if f := r.FormValue("export"); f != "" {
		s.targetsExport(w, r, f)
		return
	}
	s.renderTargets(w, r, http.StatusOK, s.targetYear(r), nil)
}

func (s *Server) renderTargets(w http.ResponseWriter, r *http.Request, status int, year int, out *cellOutcome) {
	ctx := r.Context()
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.svc.Targets.Targets(ctx, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	years, err := s.targetYears(r, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := principal(ctx)
	p := s.newPage(r, "目标任务", "targets")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("目标任务"), URL: "/targets"}}
	d := &targetsData{Year: year, Years: years, Editable: pr.Can(zhaoshang.PermTargetEdit), Import: pr.Can(zhaoshang.PermLedgerImport)}
	p.Data = d
	defs := targetDefs()
	for _, def := range defs {
		d.Heads = append(d.Heads, targetHead{Code: def.Code, Name: def.Name, Unit: targetUnit(def)})
	}
	byKey := map[int64]map[string]*zhaoshang.Target{}
	for _, t := range list {
		if byKey[t.OrgUnitID] == nil {
			byKey[t.OrgUnitID] = map[string]*zhaoshang.Target{}
		}
		byKey[t.OrgUnitID][t.Indicator] = t
	}
	back := "/targets?year=" + strconv.Itoa(year)
	for _, u := range tree.Units {
		if !targetKind(u.Kind) || !pr.SeesUnit(u.ID) || (!u.Active && byKey[u.ID] == nil) {
			continue
		}
		row := targetRowView{ID: u.ID, Name: u.Name, County: u.Kind == zhaoshang.OrgCounty}
		for _, def := range defs {
			c := &targetCell{P: p, Year: year, UnitID: u.ID, Indicator: def.Code, Unit: targetUnit(def), Editable: d.Editable && u.Active, Back: back}
			if t := byKey[u.ID][def.Code]; t != nil {
				c.Text, c.Version = targetText(def, t.Value), t.Version
				c.Input = c.Text
			}
			if out != nil && out.UnitID == u.ID && out.Indicator == def.Code {
				c.Input, c.Err = out.Value, out.Err
			}
			row.Cells = append(row.Cells, c)
		}
		d.Rows = append(d.Rows, row)
	}
	if out != nil {
		d.Err = out.Err
	}
	s.render(w, r, status, "targets", p)
}

// targetsExport sends a year's targets as a 目标任务 file (xlsx or csv).
func (s *Server) targetsExport(w http.ResponseWriter, r *http.Request, format string) {
	ctx := r.Context()
	if format != "xlsx" && format != "csv" {
		s.fail(w, r, inputErr("format", "导出格式应为 xlsx 或 csv，不能是“%s”", format))
		return
	}
	year := s.targetYear(r)
	out, err := s.app.ExportFile(ctx, app.TargetLedger, format, zhaoshang.ProjectFilter{}, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	y := strconv.Itoa(year)
	sendFile(w, out.Data, contentTypeOf(format), "targets-"+y+"."+format, "目标任务-"+y+"."+format)
}

// ---------------------------------------------------------------- decomposition

// decomposePart is one county's line of the decomposition.
type decomposePart struct {
	Name  string
	Share string // of the unit's target, "—" without one
	Cell  *targetCell
}

type decomposeData struct {
	Year      int
	Years     []int
	Indicator string
	Heads     []targetHead
	UnitName  string
	Unit      string // 个, 家, 万元
	Own       *targetCell
	Parts     []decomposePart
	Sum       string
	SumShare  string
	Gap       string // formatted with its unit
	GapKind   string // short, over, even, none (no target), alone (no counties below)
	Editable  bool
	Err       string
}

func (s *Server) decomposePage(w http.ResponseWriter, r *http.Request) {
	s.renderDecompose(w, r, http.StatusOK, s.targetYear(r), r.FormValue("indicator"), formInt(r, "unit"), nil)
}

func (s *Server) renderDecompose(w http.ResponseWriter, r *http.Request, status int, year int, ind string, unitID int64, out *cellOutcome) {
	ctx := r.Context()
	def := indicator.Lookup(ind)
	if strings.TrimSpace(ind) == "" {
		def = targetDefs()[0]
	}
	if def == nil || !def.Targetable() {
		// the service words why
		if _, err := s.svc.Targets.Decomposition(ctx, year, ind, unitID); err != nil {
			s.fail(w, r, err)
			return
		}
		s.renderError(w, r, http.StatusNotFound, "页面不存在")
		return
	}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if unitID == 0 && len(tree.Roots()) > 0 {
		unitID = tree.Roots()[0].ID // the top of what the user sees
	}
	dec, err := s.svc.Targets.Decomposition(ctx, year, def.Code, unitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	years, err := s.targetYears(r, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// the versions of the stored targets, for the forms
	list, err := s.svc.Targets.Targets(ctx, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions := map[int64]int64{}
	for _, t := range list {
		if t.Indicator == def.Code {
			versions[t.OrgUnitID] = t.Version
		}
	}
	pr := principal(ctx)
	p := s.newPage(r, "目标分解", "targets")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("目标任务"), URL: "/targets?year=" + strconv.Itoa(year)}, {Label: p.T("目标分解")}}
	d := &decomposeData{Year: year, Years: years, Indicator: def.Code, UnitName: unitNameOf(tree, dec.OrgUnitID), Unit: targetUnit(def),
		Editable: pr.Can(zhaoshang.PermTargetEdit)}
	p.Data = d
	for _, x := range targetDefs() {
		d.Heads = append(d.Heads, targetHead{Code: x.Code, Name: x.Name, Unit: targetUnit(x)})
	}
	back := "/targets/decompose?" + url.Values{"year": {strconv.Itoa(year)}, "indicator": {def.Code}, "unit": {strconv.FormatInt(dec.OrgUnitID, 10)}}.Encode()
	cell := func(id int64, v *int64) *targetCell {
		c := &targetCell{P: p, Year: year, UnitID: id, Indicator: def.Code, Unit: d.Unit, Version: versions[id], Back: back}
		if u := tree.ByID(id); u != nil {
			c.Editable = d.Editable && u.Active
		}
		if v != nil {
			c.Text = targetText(def, *v)
			c.Input = c.Text
		}
		if out != nil && out.UnitID == id && out.Indicator == def.Code {
			c.Input, c.Err = out.Value, out.Err
		}
		return c
	}
	share := func(v *int64) string {
		if v == nil || dec.Target == nil {
			return indicator.None
		}
		f, ok := indicator.Percent(*v, *dec.Target)
		if !ok {
			return indicator.None
		}
		return indicator.FormatPercent(f) + "%"
	}
	d.Own = cell(dec.OrgUnitID, dec.Target)
	for _, part := range dec.Parts {
		d.Parts = append(d.Parts, decomposePart{Name: part.Name, Share: share(part.Target), Cell: cell(part.OrgUnitID, part.Target)})
	}
	sum := dec.Sum
	d.Sum, d.SumShare = targetText(def, sum)+d.Unit, share(&sum)
	switch {
	case len(dec.Parts) == 0:
		d.GapKind = "alone"
	case dec.Gap == nil:
		d.GapKind = "none"
	case *dec.Gap > 0:
		d.GapKind, d.Gap = "short", targetText(def, *dec.Gap)+d.Unit
	case *dec.Gap < 0:
		d.GapKind, d.Gap = "over", targetText(def, -*dec.Gap)+d.Unit
	default:
		d.GapKind, d.Gap = "even", targetText(def, 0)+d.Unit
	}
	if out != nil {
		d.Err = out.Err
	}
	s.render(w, r, status, "targets_decompose", p)
}

// ---------------------------------------------------------------- saving

// targetSave sets one target from a cell's form. An htmx request from the
// table gets the cell back (saved, or with the service's refusal); any
// other request is redirected back, or shown its page with the refusal in
// the cell.
func (s *Server) targetSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	year, _ := strconv.Atoi(formText(r, "year"))
	in := zhaoshang.TargetInput{Year: year, OrgUnitID: formInt(r, "unit"), Indicator: formText(r, "indicator"), Value: formText(r, "value")}
	version := formInt(r, "version")
	back := formText(r, "back")
	if !strings.HasPrefix(back, "/targets") {
		back = "/targets?year=" + strconv.Itoa(year)
	}
	decompose := strings.HasPrefix(back, "/targets/decompose")
	cellOnly := r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-Boosted") != "true" && !decompose
	t, err := s.svc.Targets.SetTarget(ctx, in, version)
	if err != nil {
		e := zhaoshang.AsError(err)
		if e == nil || e.Code == zhaoshang.ENotFound || e.Code == zhaoshang.EUnauthorized {
			s.fail(w, r, err)
			return
		}
		p := s.newPage(r, "", "")
		out := &cellOutcome{UnitID: in.OrgUnitID, Indicator: in.Indicator, Value: in.Value, Version: version, Err: p.Msg(err)}
		if def := indicator.Lookup(in.Indicator); def != nil {
			out.Indicator = def.Code
		}
		if cellOnly {
			c := &targetCell{P: p, Year: year, UnitID: in.OrgUnitID, Indicator: out.Indicator, Input: in.Value, Version: version,
				Editable: true, Err: out.Err, Back: back}
			if def := indicator.Lookup(in.Indicator); def != nil {
				c.Unit = targetUnit(def)
			}
			if e.Code == zhaoshang.EConflict {
				// changed meanwhile: show the stored value and version, so
				// that saving again cannot overwrite the other change unseen
				s.storedCell(r, c)
			}
			s.renderTargetCell(w, r, formStatus(err), c)
			return
		}
		if e.Code == zhaoshang.EConflict {
			out.Value = "" // the page shows the stored target
			c := &targetCell{Year: year, UnitID: in.OrgUnitID, Indicator: out.Indicator}
			s.storedCell(r, c)
			out.Value = c.Input
		}
		if decompose {
			s.renderDecompose(w, r, formStatus(err), year, out.Indicator, backUnit(back), out)
			return
		}
		s.renderTargets(w, r, formStatus(err), year, out)
		return
	}
	if cellOnly {
		def := indicator.Lookup(t.Indicator)
		c := &targetCell{P: s.newPage(r, "", ""), Year: t.Year, UnitID: t.OrgUnitID, Indicator: t.Indicator, Unit: targetUnit(def),
			Text: targetText(def, t.Value), Version: t.Version, Editable: true, Saved: true, Back: back}
		c.Input = c.Text
		s.renderTargetCell(w, r, http.StatusOK, c)
		return
	}
	setFlash(w, "已保存目标任务")
	redirect(w, r, back)
}

// backUnit reads the unit of a decomposition's address.
func backUnit(back string) int64 {
	u, err := url.Parse(back)
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseInt(u.Query().Get("unit"), 10, 64)
	return n
}

// storedCell fills a cell with the target as stored now.
func (s *Server) storedCell(r *http.Request, c *targetCell) {
	list, err := s.svc.Targets.Targets(r.Context(), c.Year)
	if err != nil {
		return
	}
	c.Text, c.Input, c.Version = "", "", 0
	for _, t := range list {
		if t.OrgUnitID == c.UnitID && t.Indicator == c.Indicator {
			if def := indicator.Lookup(t.Indicator); def != nil {
				c.Text = targetText(def, t.Value)
				c.Input, c.Version = c.Text, t.Version
			}
		}
	}
}

// renderTargetCell writes one cell of the table (an htmx fragment).
func (s *Server) renderTargetCell(w http.ResponseWriter, r *http.Request, status int, c *targetCell) {
	var buf bytes.Buffer
	if err := s.tmpl.pages["targets"].ExecuteTemplate(&buf, "target_cell", c); err != nil {
		s.log.Error("render partial", "template", "target_cell", "err", err)
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
