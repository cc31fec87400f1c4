package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"zhaoshang/app"

	"zhaoshang"
)

// The scored reports: 季通报 (the counties ranked by the year's scheme on
// the year to date through a quarter) and 年考核 (the same scheme on the
// whole year), each shown in the application and downloadable as .docx,
// printable HTML and the score table as .xlsx; and the page that keeps each
// year's scheme (考核办法). The scoring is package report's; the scheme is
// kept by the domain's SchemeService.

func (s *Server) registerScoringRoutes() {
	s.handle("GET /reports/bulletin", s.bulletinPage)
	s.handle("GET /reports/bulletin/download", s.bulletinDownload)
	s.handle("GET /reports/assessment", s.assessmentPage)
	s.handle("GET /reports/assessment/download", s.assessmentDownload)
	s.handle("GET /reports/scheme", s.schemePage)
	s.handle("POST /reports/scheme", s.schemeSave)
}

var quarterRE = regexp.MustCompile(`^\s*(\d{4})-?[Qq]([1-4])\s*$`)

// lastQuarter is the last quarter that has ended (Asia/Shanghai).
func (s *Server) lastQuarter() (year, q int) {
	today := s.today()
	m := zhaoshang.Month{Y: today.Y, M: today.M}.Add(-1)
	m = m.Add(-(m.M % 3))
	if m.M == 0 {
		m = zhaoshang.Month{Y: m.Y - 1, M: 12}
	}
	return m.Y, m.M / 3
}

// readQuarter reads ?quarter=2021Q2; the last ended quarter by default.
func (s *Server) readQuarter(r *http.Request) (year, q int, err error) {
	v := strings.TrimSpace(r.FormValue("quarter"))
	if v == "" {
		year, q = s.lastQuarter()
		return year, q, nil
	}
	m := quarterRE.FindStringSubmatch(zhaoshang.FoldWidth(v))
	if m == nil {
		return 0, 0, zhaoshang.Errorf(zhaoshang.EInvalid, "季度应写作2021Q2的形式")
	}
	year, _ = strconv.Atoi(m[1])
	q, _ = strconv.Atoi(m[2])
	return year, q, nil
}

// readYear reads ?year=2021; last year by default (the latest assessed).
func readYear(r *http.Request, def int) (int, error) {
	s := strings.TrimSpace(r.FormValue("year"))
	if s == "" {
		return def, nil
	}
	y, err := strconv.Atoi(zhaoshang.FoldWidth(s))
	if err != nil || y < 2000 || y > 2100 {
		return 0, zhaoshang.Errorf(zhaoshang.EInvalid, "年度应为2000至2100之间的四位年份")
	}
	return y, nil
}

type download struct{ Label, URL, ID string }

type scoredData struct {
	Kind       string // bulletin, assessment
	Title      string
	Period     string
	Paragraphs []string
	Ranking    [][]string
	Shame      [][]string
	Quarter    string // 2021Q2
	Year       int
	Incomplete bool // the assessed year has not ended
	Stored     bool // the year has its own scheme
	SchemeURL  string
	Downloads  []download
	Err        string
}

func (s *Server) renderScored(w http.ResponseWriter, r *http.Request, d *scoredData, b *app.Scored, err error) {
	title, nav := "季通报", "bulletin"
	if d.Kind == "assessment" {
		title, nav = "年考核", "assessment"
	}
	p := s.newPage(r, title, nav)
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T(title), URL: "/reports/" + d.Kind}}
	d.SchemeURL = "/reports/scheme?year=" + strconv.Itoa(d.Year)
	status := http.StatusOK
	if err != nil {
		if zhaoshang.ErrorCode(err) != zhaoshang.EInvalid {
			s.fail(w, r, err)
			return
		}
		d.Err, status = p.Msg(err), http.StatusUnprocessableEntity
	} else {
		d.Title, d.Period, d.Paragraphs = b.Title, b.Period.Title(), b.Paragraphs
		d.Ranking, d.Shame, d.Stored = b.RankingTable(), b.ShameTable(), b.Stored
		q := "/reports/" + d.Kind + "/download?"
		if d.Kind == "assessment" {
			q += "year=" + strconv.Itoa(d.Year)
		} else {
			q += "quarter=" + d.Quarter
		}
		d.Downloads = []download{{p.T("下载公文（.docx）"), q + "&format=docx", "download-docx"},
			{p.T("打印版（HTML）"), q + "&format=html", "download-html"}, {p.T("得分表（Excel）"), q + "&format=xlsx", "download-xlsx"}}
	}
	p.Data = d
	s.render(w, r, status, "scored", p)
}

func (s *Server) bulletinPage(w http.ResponseWriter, r *http.Request) {
	year, q, err := s.readQuarter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &scoredData{Kind: "bulletin", Year: year, Quarter: strconv.Itoa(year) + "Q" + strconv.Itoa(q)}
	b, err := s.app.Bulletin(r.Context(), app.UnitRef{}, year, q)
	s.renderScored(w, r, d, b, err)
}

func (s *Server) assessmentPage(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year()-1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &scoredData{Kind: "assessment", Year: year, Incomplete: year >= s.today().Y}
	b, err := s.app.Assessment(r.Context(), app.UnitRef{}, year)
	s.renderScored(w, r, d, b, err)
}

func (s *Server) bulletinDownload(w http.ResponseWriter, r *http.Request) {
	year, q, err := s.readQuarter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.app.Bulletin(r.Context(), app.UnitRef{}, year, q)
	s.sendScored(w, r, b, err)
}

func (s *Server) assessmentDownload(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year()-1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.app.Assessment(r.Context(), app.UnitRef{}, year)
	s.sendScored(w, r, b, err)
}

// sendScored writes the bulletin or assessment as ?format=docx|html|xlsx.
func (s *Server) sendScored(w http.ResponseWriter, r *http.Request, b *app.Scored, err error) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc, err := s.app.ScoredDocument(r.Context(), b, r.FormValue("format"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendDocument(w, doc)
}
