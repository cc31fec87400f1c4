package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/app"
	"zhaoshang/indicator"
)

// registerReportRoutes registers the statistical report screens.
func (s *Server) registerReportRoutes() {
	s.handle("GET /reports/dispatch", s.dispatchPage)
	s.handle("GET /reports/dispatch.xlsx", s.dispatchXLSX)
}

// dispatchSorts are the columns the county table sorts by ("-" for
// descending); the default is the rank.
var dispatchSorts = []string{"name", "value", "target", "completion", "yoy", "rank"}

const defaultDispatchSort = "rank"

// dispatchQuery is what the dispatch screen was asked for.
type dispatchQuery struct {
	Through   zhaoshang.Month
	Unit      int64 // 0: the caller's root unit
	Indicator string
	Sort      string
	Preview   bool // 未审核数据预览: count the months not yet approved too
}

func (q dispatchQuery) values() url.Values {
	v := url.Values{"through": {q.Through.String()}}
	if q.Unit != 0 {
		v.Set("unit", strconv.FormatInt(q.Unit, 10))
	}
	if q.Indicator != "" && q.Indicator != indicator.Definitions[0].Code {
		v.Set("indicator", q.Indicator)
	}
	if q.Sort != "" && q.Sort != defaultDispatchSort {
		v.Set("sort", q.Sort)
	}
	if q.Preview {
		v.Set("preview", "1")
	}
	return v
}

// readDispatchQuery reads ?through=2021-06&unit=&indicator=&sort=; the
// month defaults to the last one (in Asia/Shanghai).
func (s *Server) readDispatchQuery(r *http.Request) (dispatchQuery, error) {
	q := dispatchQuery{Indicator: strings.TrimSpace(r.FormValue("indicator")), Sort: strings.TrimSpace(r.FormValue("sort")), Preview: r.FormValue("preview") == "1"}
	if v := strings.TrimSpace(r.FormValue("through")); v != "" {
		m, err := zhaoshang.ParseMonth(v)
		if err != nil || !m.Valid() {
			return q, zhaoshang.Errorf(zhaoshang.EInvalid, "统计截至月份应为形如2021-06的月份")
		}
		q.Through = m
	} else {
		today := s.today()
		q.Through = zhaoshang.Month{Y: today.Y, M: today.M}.Add(-1)
	}
	if v := strings.TrimSpace(r.FormValue("unit")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return q, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在或不在您的数据范围内")
		}
		q.Unit = id
	}
	if indicator.Lookup(q.Indicator) == nil {
		q.Indicator = indicator.Definitions[0].Code
	} else {
		q.Indicator = indicator.Lookup(q.Indicator).Code
	}
	if c := strings.TrimPrefix(q.Sort, "-"); !slices.Contains(dispatchSorts, c) {
		q.Sort = defaultDispatchSort
	}
	return q, nil
}

// addFindingCounts puts beside each county the number of its open
// data-quality findings of the year, for those who may read them.
func (s *Server) addFindingCounts(r *http.Request, rows []countyRow, year int) error {
	if s.svc.Quality == nil || !principal(r.Context()).Can(zhaoshang.PermProjectView) {
		return nil
	}
	counts, err := s.svc.Quality.Counts(r.Context(), year)
	if err != nil {
		return err
	}
	open := map[int64]int{}
	for _, c := range counts {
		open[c.OrgUnitID] += c.Open
	}
	for i := range rows {
		rows[i].Findings = open[rows[i].UnitID]
		rows[i].FindingsURL = "/quality?unit=" + strconv.FormatInt(rows[i].UnitID, 10) + "&year=" + strconv.Itoa(year)
	}
	return nil
}

// dispatchStatus is how completion keeps up with time: "ahead" (时间过半、
// 任务过半), "behind" (滞后) or "" (no completion).
func dispatchStatus(r *indicator.Row) string {
	switch {
	case r.Ahead == nil:
		return ""
	case *r.Ahead:
		return "ahead"
	}
	return "behind"
}

// overviewRow is one indicator of the unit in the overview table.
type overviewRow struct {
	Code, Name, Unit                             string
	Value, Previous, Target, Completion, YoY, TP string
	Status                                       string
	Selected                                     bool
	URL                                          string // the page with this indicator chosen
}

// countyRow is one line of the county table of the chosen indicator.
type countyRow struct {
	UnitID                                   int64
	Name                                     string
	Value, Target, Completion, TP, YoY, Rank string
	RankN                                    int // 0: no rank
	Status                                   string
	Total                                    bool
	Findings                                 int    // open data-quality findings of the county in the year
	FindingsURL                              string // the quality screen for them

	row *indicator.Row
}

type indicatorChoice struct {
	Code, Name string
	Selected   bool
}

type dispatchData struct {
	Title        string
	Period       string // 2021年1—6月
	Through      string // 2021-06
	Unit         *zhaoshang.OrgUnit
	UnitParam    int64
	TimeProgress string
	Indicators   []indicatorChoice
	Def          *indicator.Definition
	DisplayUnit  string
	Overview     []overviewRow
	Total        countyRow
	Counties     []countyRow
	Heads        map[string]sortHead
	Sort         string
	XLSX         string
	Preview      bool
	Toggle       string // the same page with the preview switched
}

func newCountyRow(name string, unitID int64, r *indicator.Row) countyRow {
	c := countyRow{UnitID: unitID, Name: name, Value: indicator.Figure(r.Def, r.ExactValue()), Target: indicator.TargetFigure(r.Def, r.Target),
		Completion: indicator.PercentText(r.Completion), TP: indicator.FormatPercent(r.TimeProgress), YoY: indicator.FormatChange(r.Def, r.YoY),
		Rank: indicator.None, Status: dispatchStatus(r), row: r}
	if r.Rank != nil {
		c.RankN = *r.Rank
		c.Rank = strconv.Itoa(*r.Rank)
	}
	return c
}

// compareOpt orders present values before missing ones.
func compareOpt[T cmp.Ordered](a, b *T, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	if desc {
		return cmp.Compare(*b, *a)
	}
	return cmp.Compare(*a, *b)
}

func sortCounties(rows []countyRow, sort string) {
	col, desc := strings.TrimPrefix(sort, "-"), strings.HasPrefix(sort, "-")
	slices.SortStableFunc(rows, func(a, b countyRow) int {
		var c int
		switch col {
		case "name":
			c = cmp.Compare(a.Name, b.Name)
			if desc {
				c = -c
			}
		case "value":
			if av, bv := a.row.ExactValue(), b.row.ExactValue(); av != nil && bv != nil {
				c = av.Cmp(bv)
				if desc {
					c = -c
				}
			} else {
				c = compareOpt(a.row.Value, b.row.Value, desc)
			}
		case "target":
			c = compareOpt(a.row.Target, b.row.Target, desc)
		case "completion":
			c = compareOpt(a.row.Completion, b.row.Completion, desc)
		case "yoy":
			c = compareOpt(a.row.YoY, b.row.YoY, desc)
		default: // rank
			c = compareOpt(a.row.Rank, b.row.Rank, desc)
		}
		return c
	})
}

func (s *Server) dispatchPage(w http.ResponseWriter, r *http.Request) {
	q, err := s.readDispatchQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := s.app.Dispatch(r.Context(), app.UnitRef{ID: q.Unit}, q.Through, q.Preview)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "月调度", "dispatch")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("月调度"), URL: "/reports/dispatch"}}
	k := slices.IndexFunc(indicator.Definitions, func(d indicator.Definition) bool { return d.Code == q.Indicator })
	def := &indicator.Definitions[k]
	d := &dispatchData{Title: rep.Title, Period: rep.Period.Title(), Through: q.Through.String(), Unit: rep.Unit, UnitParam: q.Unit,
		TimeProgress: indicator.FormatPercent(rep.Period.TimeProgress()), Def: def, DisplayUnit: indicator.DisplayUnit(def),
		Heads: map[string]sortHead{}, Sort: q.Sort}
	p.Data = d
	for i := range rep.Rows {
		row := &rep.Rows[i]
		d.Indicators = append(d.Indicators, indicatorChoice{Code: row.Def.Code, Name: row.Def.Name, Selected: i == k})
		nq := q
		nq.Indicator = row.Def.Code
		d.Overview = append(d.Overview, overviewRow{Code: row.Def.Code, Name: row.Def.Name, Unit: indicator.DisplayUnit(row.Def),
			Value: indicator.Figure(row.Def, row.ExactValue()), Previous: indicator.Figure(row.Def, row.ExactPrevious()),
			Target: indicator.TargetFigure(row.Def, row.Target), Completion: indicator.PercentText(row.Completion),
			TP: indicator.FormatPercent(row.TimeProgress), YoY: indicator.FormatChange(row.Def, row.YoY),
			Status: dispatchStatus(row), Selected: i == k, URL: "/reports/dispatch?" + nq.values().Encode()})
	}
	d.Total = newCountyRow(indicator.TotalLabel(rep.Unit), rep.Unit.ID, &rep.Rows[k])
	d.Total.Total = true
	for _, c := range rep.Counties {
		d.Counties = append(d.Counties, newCountyRow(c.Unit.Name, c.Unit.ID, &c.Rows[k]))
	}
	if err := s.addFindingCounts(r, d.Counties, rep.Period.Year()); err != nil {
		s.fail(w, r, err)
		return
	}
	sortCounties(d.Counties, q.Sort)
	for _, col := range dispatchSorts {
		h, next := sortHead{}, col
		desc := col != "name" && col != "rank" // big figures first
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
		nq.Sort = next
		h.URL = "/reports/dispatch?" + nq.values().Encode()
		d.Heads[col] = h
	}
	xq := q
	xq.Indicator, xq.Sort, xq.Preview = "", "", false
	d.XLSX = "/reports/dispatch.xlsx?" + xq.values().Encode()
	tq := q
	tq.Preview = !q.Preview
	d.Preview, d.Toggle = q.Preview, "/reports/dispatch?"+tq.values().Encode()
	s.render(w, r, http.StatusOK, "dispatch", p)
}

func (s *Server) dispatchXLSX(w http.ResponseWriter, r *http.Request) {
	q, err := s.readDispatchQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.app.DispatchDocument(r.Context(), app.UnitRef{ID: q.Unit}, q.Through) // approved data only
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendDocument(w, doc)
}
