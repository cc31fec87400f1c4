package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// The 考核办法 page: one year's scoring scheme of 季通报 and 年考核, one row
// per indicator (a blank weight leaves it out), then the bonus and penalty
// items with the counties they apply to. The rules (weights adding up to
// 100, caps of at least 100%, counties only) are zhaoshang.Scheme.Validate's
// and the service's; this page shows their answers.

type schemeItemRow struct {
	Code, Name, Unit string
	Weight, Cap      string
}

type schemeAdjRow struct {
	Index    int
	Name     string
	Points   string
	Counties []countyChoice
}

type countyChoice struct {
	Code, Name string
	Chosen     bool
}

// schemeAdjTable is the bonus or the penalty table of the form.
type schemeAdjTable struct {
	P        *page
	Kind     string // bonus, penalty: the prefix of the field names
	Rows     []schemeAdjRow
	Editable bool
}

type schemeData struct {
	Tables    []schemeAdjTable // bonus, then penalty
	Year      int
	Years     []int
	Version   int64
	Stored    bool
	UpdatedAt string
	Items     []schemeItemRow
	Bonus     []schemeAdjRow
	Penalty   []schemeAdjRow
	Editable  bool
	Err       string
	Links     []download
	Sum       string // the weights as shown, added up
}

const blankAdjustments = 2 // empty bonus and penalty rows offered for new items

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func (s *Server) schemePage(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sc, err := s.svc.Schemes.Scheme(r.Context(), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderScheme(w, r, http.StatusOK, sc, nil, nil)
}

// renderScheme shows the scheme; typed (when not nil) is what the user sent
// back with err, shown as typed.
func (s *Server) renderScheme(w http.ResponseWriter, r *http.Request, status int, sc *zhaoshang.StoredScheme, typed *schemeData, err error) {
	ctx := r.Context()
	tree, terr := s.svc.Org.Tree(ctx)
	if terr != nil {
		s.fail(w, r, terr)
		return
	}
	p := s.newPage(r, "考核办法", "scheme")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("考核办法"), URL: "/reports/scheme"}}
	year := sc.Scheme.Year
	d := &schemeData{Year: year, Version: sc.Version, Stored: sc.Stored, Editable: principal(ctx).Can(zhaoshang.PermTargetEdit)}
	if sc.Stored {
		d.UpdatedAt = formatTime(sc.UpdatedAt)
	}
	now := s.now().Year()
	for y := now + 1; y >= now-4; y-- {
		d.Years = append(d.Years, y)
	}
	if !slices.Contains(d.Years, year) {
		d.Years = append(d.Years, year)
	}
	var counties []*zhaoshang.OrgUnit
	for _, u := range tree.Units {
		if u.Kind == zhaoshang.OrgCounty && u.Active {
			counties = append(counties, u)
		}
	}
	choices := func(chosen []string) []countyChoice {
		var out []countyChoice
		for _, u := range counties {
			out = append(out, countyChoice{Code: u.Code, Name: u.Name, Chosen: slices.Contains(chosen, u.Code)})
		}
		return out
	}
	if typed != nil {
		d.Items, d.Bonus, d.Penalty = typed.Items, typed.Bonus, typed.Penalty
		for _, list := range [][]schemeAdjRow{d.Bonus, d.Penalty} {
			for i := range list {
				var chosen []string
				for _, c := range list[i].Counties {
					if c.Chosen {
						chosen = append(chosen, c.Code)
					}
				}
				list[i].Counties = choices(chosen)
			}
		}
	} else {
		for i := range indicator.Definitions {
			def := &indicator.Definitions[i]
			row := schemeItemRow{Code: def.Code, Name: def.Name, Unit: indicator.DisplayUnit(def), Cap: "120"}
			for _, it := range sc.Scheme.Items {
				if it.Indicator == def.Code {
					row.Weight, row.Cap = formatFloat(it.Weight), formatFloat(it.Cap)
				}
			}
			d.Items = append(d.Items, row)
		}
		adj := func(list []zhaoshang.Adjustment) []schemeAdjRow {
			var out []schemeAdjRow
			for i, a := range list {
				out = append(out, schemeAdjRow{Index: i, Name: a.Name, Points: formatFloat(a.Points), Counties: choices(a.Counties)})
			}
			for i := 0; i < blankAdjustments; i++ {
				out = append(out, schemeAdjRow{Index: len(list) + i, Counties: choices(nil)})
			}
			return out
		}
		d.Bonus, d.Penalty = adj(sc.Scheme.Bonus), adj(sc.Scheme.Penalty)
	}
	if err != nil {
		d.Err = p.Msg(err)
	}
	sum := 0.0
	for _, it := range d.Items {
		if w, err := strconv.ParseFloat(strings.TrimSpace(zhaoshang.FoldWidth(it.Weight)), 64); err == nil {
			sum += w
		}
	}
	d.Sum = strconv.FormatFloat(sum, 'f', -1, 64)
	y := strconv.Itoa(year)
	d.Links = []download{{p.T("按此办法查看年考核"), "/reports/assessment?year=" + y, "link-assessment"}, {p.T("按此办法查看季通报"), "/reports/bulletin?quarter=" + y + "Q1", "link-bulletin"}}
	d.Tables = []schemeAdjTable{{P: p, Kind: "bonus", Rows: d.Bonus, Editable: d.Editable}, {P: p, Kind: "penalty", Rows: d.Penalty, Editable: d.Editable}}
	p.Data = d
	s.render(w, r, status, "scheme", p)
}

// readSchemeForm reads the form into a scheme, and into the rows to show
// again when it is refused.
func readSchemeForm(r *http.Request, year int) (zhaoshang.Scheme, *schemeData, error) {
	sc := zhaoshang.Scheme{Year: year}
	typed := &schemeData{}
	var errs []string
	num := func(label, s string) (float64, bool) {
		s = strings.TrimSpace(zhaoshang.FoldWidth(s))
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s“%s”不是数字", label, s))
			return 0, false
		}
		return f, true
	}
	for i := range indicator.Definitions {
		def := &indicator.Definitions[i]
		row := schemeItemRow{Code: def.Code, Name: def.Name, Unit: indicator.DisplayUnit(def),
			Weight: strings.TrimSpace(r.FormValue("w_" + def.Code)), Cap: strings.TrimSpace(r.FormValue("c_" + def.Code))}
		typed.Items = append(typed.Items, row)
		if row.Weight == "" {
			continue
		}
		wt, ok1 := num(def.Name+"的分值", row.Weight)
		cp, ok2 := num(def.Name+"的完成率封顶值", row.Cap)
		if ok1 && ok2 {
			sc.Items = append(sc.Items, zhaoshang.SchemeItem{Indicator: def.Code, Weight: wt, Cap: cp})
		}
	}
	adj := func(prefix, kind string) ([]zhaoshang.Adjustment, []schemeAdjRow) {
		var out []zhaoshang.Adjustment
		var rows []schemeAdjRow
		for i := 0; i < 100; i++ {
			key := fmt.Sprintf("%s_%d_", prefix, i)
			if _, ok := r.Form[key+"name"]; !ok {
				continue
			}
			name, points := strings.TrimSpace(r.FormValue(key+"name")), strings.TrimSpace(r.FormValue(key+"points"))
			codes := r.Form[key+"counties"]
			row := schemeAdjRow{Index: len(rows), Name: name, Points: points}
			for _, c := range codes {
				row.Counties = append(row.Counties, countyChoice{Code: c, Chosen: true})
			}
			rows = append(rows, row)
			if name == "" && points == "" && len(codes) == 0 {
				continue // an unused blank row
			}
			a := zhaoshang.Adjustment{Name: name, Counties: codes}
			if points != "" {
				a.Points, _ = num(kind+"“"+name+"”的分值", points)
			}
			out = append(out, a)
		}
		return out, rows
	}
	sc.Bonus, typed.Bonus = adj("bonus", "加分项")
	sc.Penalty, typed.Penalty = adj("penalty", "减分项")
	if len(errs) > 0 {
		return sc, typed, zhaoshang.Errorf(zhaoshang.EInvalid, "评分办法有误：%s", strings.Join(errs, "；"))
	}
	return sc, typed, nil
}

func (s *Server) schemeSave(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "表单无法读取"))
		return
	}
	year, err := readYear(r, 0)
	if err != nil || year == 0 {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "年度应为2000至2100之间的四位年份"))
		return
	}
	version, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	sc, typed, err := readSchemeForm(r, year)
	if err == nil {
		_, err = s.svc.Schemes.SetScheme(r.Context(), sc, version)
	}
	if err != nil {
		code := zhaoshang.ErrorCode(err)
		if code != zhaoshang.EInvalid && code != zhaoshang.EConflict {
			s.fail(w, r, err)
			return
		}
		cur := &zhaoshang.StoredScheme{Scheme: sc, Version: version, Stored: version > 0}
		if code == zhaoshang.EConflict { // show what is kept now, to edit again
			kept, kerr := s.svc.Schemes.Scheme(r.Context(), year)
			if kerr != nil {
				s.fail(w, r, kerr)
				return
			}
			cur, typed = kept, nil
		}
		s.renderScheme(w, r, http.StatusUnprocessableEntity, cur, typed, err)
		return
	}
	setFlash(w, "已保存考核办法")
	redirect(w, r, "/reports/scheme?year="+strconv.Itoa(year))
}
