package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"zhaoshang"
)

// The 月度审核 screen: every county's months of a year as a grid of
// statuses, with the overdue months and the open requests listed apart.
// A county clerk ticks her months and submits them or asks to reopen one;
// the bureau ticks any number of counties' months and approves, returns,
// reopens or refuses at once. The rules are zhaoshang.NextReview's and the
// service's; this screen shows their answers.

func (s *Server) registerReviewRoutes() {
	s.handle("GET /review", s.reviewPage)
	s.handle("POST /review", s.reviewStep)
	s.handle("POST /review/settings", s.reviewSettings)
}

type reviewCell struct {
	Value    string // org:month:version, the checkbox's value
	Month    int
	Status   string
	Label    string
	Overdue  bool
	Reopen   bool   // a reopen request waits
	Reason   string // why returned or refused, or the reopen request's reason
	Deadline string
}

type reviewRow struct {
	UnitID int64
	Name   string
	Cells  []reviewCell
}

type reviewItem struct {
	Unit, Month, Reason, Deadline string
	Count                         int // overdue months of the county
}

type reviewData struct {
	Year          int
	Years         []int
	Months        []int
	Rows          []reviewRow
	Overdue       []reviewItem
	Requests      []reviewItem // reopen requests waiting for the bureau
	Waiting       int          // submitted months waiting for approval
	OverdueMonths int
	CanSubmit     bool
	CanApprove    bool
	CanConfig     bool
	DeadlineDay   int
	Err           string
}

// reviewThrough is the last month shown for a year: the current month in
// the current year, December before, nothing after.
func (s *Server) reviewThrough(year int) zhaoshang.Month {
	today := s.today()
	if year == today.Y {
		return zhaoshang.Month{Y: year, M: today.M}
	}
	return zhaoshang.Month{Y: year, M: 12}
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	year, err := readYear(r, s.now().Year())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderReview(w, r, http.StatusOK, year, nil)
}

func (s *Server) renderReview(w http.ResponseWriter, r *http.Request, status, year int, stepErr error) {
	ctx := r.Context()
	through := s.reviewThrough(year)
	list, err := s.svc.Reviews.Reviews(ctx, year, through)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	day, err := s.svc.Reviews.DeadlineDay(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := principal(ctx)
	p := s.newPage(r, "月度审核", "review")
	p.Crumbs = []crumb{{Label: p.T("统计报表")}, {Label: p.T("月度审核"), URL: "/review"}}
	d := &reviewData{Year: year, CanSubmit: pr.Can(zhaoshang.PermReviewSubmit), CanApprove: pr.Can(zhaoshang.PermReviewApprove),
		CanConfig: pr.Can(zhaoshang.PermLedgerConfig), DeadlineDay: day}
	now := s.now().Year()
	for y := now; y >= now-5; y-- {
		d.Years = append(d.Years, y)
	}
	for m := 1; m <= through.M; m++ {
		d.Months = append(d.Months, m)
	}
	rows := map[int64]*reviewRow{}
	var order []int64
	var overdueMonths [][]int // of each line of d.Overdue
	for _, rv := range list {
		row := rows[rv.OrgUnitID]
		if row == nil {
			row = &reviewRow{UnitID: rv.OrgUnitID, Name: rv.Unit}
			rows[rv.OrgUnitID] = row
			order = append(order, rv.OrgUnitID)
		}
		c := reviewCell{Value: fmt.Sprintf("%d:%s:%d", rv.OrgUnitID, rv.Month, rv.Version), Month: rv.Month.M, Status: string(rv.Status),
			Label: p.T(rv.Status.Label()), Overdue: rv.Overdue, Reopen: rv.ReopenPending, Reason: rv.Reason, Deadline: rv.Deadline.String()}
		if rv.ReopenPending {
			c.Reason = rv.ReopenReason
			d.Requests = append(d.Requests, reviewItem{Unit: rv.Unit, Month: rv.Month.Chinese(), Reason: rv.ReopenReason})
		}
		if rv.Overdue { // one line per county: its overdue months, the first deadline missed
			if n := len(d.Overdue); n == 0 || d.Overdue[n-1].Unit != rv.Unit {
				d.Overdue = append(d.Overdue, reviewItem{Unit: rv.Unit, Deadline: rv.Deadline.String()})
				overdueMonths = append(overdueMonths, nil)
			}
			k := len(d.Overdue) - 1
			d.Overdue[k].Count++
			overdueMonths[k] = append(overdueMonths[k], rv.Month.M)
			d.OverdueMonths++
		}
		if rv.Status == zhaoshang.ReviewSubmitted {
			d.Waiting++
		}
		row.Cells = append(row.Cells, c)
	}
	for _, id := range order {
		d.Rows = append(d.Rows, *rows[id])
	}
	for i, ms := range overdueMonths {
		d.Overdue[i].Month = fmt.Sprintf("%d年%s", year, monthRuns(ms))
	}
	if stepErr != nil {
		d.Err = p.Msg(stepErr)
	}
	p.Data = d
	s.render(w, r, status, "review", p)
}

// reviewActions are the steps the screen offers, by the button's value.
var reviewActions = map[string]zhaoshang.ReviewAction{
	"submit": zhaoshang.StepSubmit, "approve": zhaoshang.StepApprove, "return": zhaoshang.StepReturn,
	"request_reopen": zhaoshang.StepRequestReopen, "approve_reopen": zhaoshang.StepApproveReopen, "reject_reopen": zhaoshang.StepRejectReopen,
}

// readCells reads the ticked cells: org:YYYY-MM:version each.
func readCells(values []string) ([]zhaoshang.ReviewStep, error) {
	var out []zhaoshang.ReviewStep
	for _, v := range values {
		parts := strings.Split(v, ":")
		if len(parts) != 3 {
			return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "所选月份无法识别，请刷新后重试")
		}
		org, err1 := strconv.ParseInt(parts[0], 10, 64)
		m, err2 := zhaoshang.ParseMonth(parts[1])
		ver, err3 := strconv.ParseInt(parts[2], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "所选月份无法识别，请刷新后重试")
		}
		out = append(out, zhaoshang.ReviewStep{OrgUnitID: org, Month: m, Version: ver})
	}
	return out, nil
}

func (s *Server) reviewStep(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "表单无法读取"))
		return
	}
	year, err := readYear(r, s.now().Year())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, ok := reviewActions[r.FormValue("action")]
	if !ok {
		s.fail(w, r, zhaoshang.Errorf(zhaoshang.EInvalid, "未知的审核操作"))
		return
	}
	steps, err := readCells(r.Form["cell"])
	if err == nil {
		_, err = s.svc.Reviews.Step(r.Context(), a, steps, r.FormValue("reason"))
	}
	if err != nil {
		switch zhaoshang.ErrorCode(err) {
		case zhaoshang.EInvalid, zhaoshang.EConflict, zhaoshang.ENotFound:
			s.renderReview(w, r, http.StatusUnprocessableEntity, year, err)
		default:
			s.fail(w, r, err)
		}
		return
	}
	setFlash(w, fmt.Sprintf("已办理“%s”，共%d个月份", a.Label(), len(steps)))
	redirect(w, r, "/review?year="+strconv.Itoa(year))
}

func (s *Server) reviewSettings(w http.ResponseWriter, r *http.Request) {
	day, err := strconv.Atoi(strings.TrimSpace(r.FormValue("deadline_day")))
	if err != nil {
		day = 0 // the service says what is allowed
	}
	year, _ := readYear(r, s.now().Year())
	if err := s.svc.Reviews.SetDeadlineDay(r.Context(), day); err != nil {
		if zhaoshang.ErrorCode(err) == zhaoshang.EInvalid {
			s.renderReview(w, r, http.StatusUnprocessableEntity, year, err)
			return
		}
		s.fail(w, r, err)
		return
	}
	setFlash(w, "已保存报送截止日")
	redirect(w, r, "/review?year="+strconv.Itoa(year))
}

// monthRuns writes ascending months as runs: 1—3月、5月、7—12月.
func monthRuns(ms []int) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d—%d月", ms[i], ms[j]))
		} else {
			parts = append(parts, fmt.Sprintf("%d月", ms[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}
