package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
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

// buildScored counts the report of the period for the caller's root unit,
// reads the year's scheme and scores the counties with build.
func (s *Server) buildScored(r *http.Request, p zhaoshang.Period, build func(*indicator.Report, zhaoshang.Scheme) (report.Bulletin, error)) (*report.Bulletin, *zhaoshang.StoredScheme, error) {
	rep, err := s.buildReport(r, 0, p)
	if err != nil {
		return nil, nil, err
	}
	if len(rep.Counties) == 0 {
		return nil, nil, zhaoshang.Errorf(zhaoshang.EInvalid, "“%s”下没有县（市），无法排名；通报和考核由州（市）投资促进局查看", rep.Unit.Name)
	}
	sc, err := s.svc.Schemes.Scheme(r.Context(), p.Year())
	if err != nil {
		return nil, nil, err
	}
	b, err := build(rep, sc.Scheme)
	if err != nil {
		return nil, nil, zhaoshang.Errorf(zhaoshang.EInvalid, "%s", err.Error())
	}
	return &b, sc, nil
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

func (s *Server) renderScored(w http.ResponseWriter, r *http.Request, d *scoredData, b *report.Bulletin, sc *zhaoshang.StoredScheme, err error) {
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
		d.Ranking, d.Shame, d.Stored = report.RankingTable(*b), report.ShameTable(*b), sc.Stored
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
	b, sc, err := s.buildScored(r, report.QuarterPeriod(year, q), func(rep *indicator.Report, sc zhaoshang.Scheme) (report.Bulletin, error) {
		return report.NewBulletin(rep, q, sc)
	})
	s.renderScored(w, r, d, b, sc, err)
}

func (s *Server) assessmentPage(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year()-1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &scoredData{Kind: "assessment", Year: year, Incomplete: year >= s.today().Y}
	b, sc, err := s.buildScored(r, indicator.Year(year), report.NewAssessment)
	s.renderScored(w, r, d, b, sc, err)
}

func (s *Server) bulletinDownload(w http.ResponseWriter, r *http.Request) {
	year, q, err := s.readQuarter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, _, err := s.buildScored(r, report.QuarterPeriod(year, q), func(rep *indicator.Report, sc zhaoshang.Scheme) (report.Bulletin, error) {
		return report.NewBulletin(rep, q, sc)
	})
	s.sendScored(w, r, b, err, "bulletin-"+strconv.Itoa(year)+"Q"+strconv.Itoa(q))
}

func (s *Server) assessmentDownload(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year()-1)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, _, err := s.buildScored(r, indicator.Year(year), report.NewAssessment)
	s.sendScored(w, r, b, err, "assessment-"+strconv.Itoa(year))
}

// sendScored writes the bulletin or assessment as ?format=docx|html|xlsx.
func (s *Server) sendScored(w http.ResponseWriter, r *http.Request, b *report.Bulletin, err error, base string) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data []byte
	var ctype, ext string
	switch r.FormValue("format") {
	case "html":
		data, ctype, ext = report.HTML(*b), "text/html; charset=utf-8", ".html"
	case "xlsx":
		data, err = report.ScoresWorkbook(*b)
		ctype, ext = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
	case "docx", "":
		data, err = report.Docx(*b)
		ctype, ext = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
	default:
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "下载格式只能是docx、html或xlsx"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.svc.Audit.RecordDownload(r.Context(), strings.SplitN(base, "-", 2)[0], base, "下载"+b.Title+"（"+strings.TrimPrefix(ext, ".")+"）"); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	if ext != ".html" {
		h.Set("Content-Disposition", contentDisposition(base+ext, b.Title+ext))
	}
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}
