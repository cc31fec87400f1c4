package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zhaoshang"
)

// gridRow is one project of the monthly entry grid with what was typed
// for it and the problem found, if any.
type gridRow struct {
	zhaoshang.ProjectMonth
	InMonthTotal               zhaoshang.Money
	Amount, Source, EvidenceNo string
	Err                        string
}

type gridData struct {
	Counties []unitChoice
	County   int64
	Name     string // the county's name
	Month    string // 2021-06
	Title    string // 2021年6月
	Rows     []gridRow
	Sources  []zhaoshang.FundSource
	Err      string
	Status   string // the month's review status and deadline
	Locked   string // why the month's records are locked, "" when open
}

// gridInput is the grid as submitted: amounts per project id.
type gridInput map[int64]struct{ Amount, Source, EvidenceNo string }

func (s *Server) fundGridPage(w http.ResponseWriter, r *http.Request) {
	s.renderFundGrid(w, r, http.StatusOK, formInt(r, "county"), formText(r, "month"), nil, nil, "")
}

// renderFundGrid shows the grid of a county and month; a refused
// submission comes back with what was typed (in), the problems per
// project and msg for the whole form.
func (s *Server) renderFundGrid(w http.ResponseWriter, r *http.Request, status int, county int64, month string, in gridInput, problems map[int64]string, msg string) {
	ctx := r.Context()
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pr := principal(ctx)
	p := s.newPage(r, "到位资金填报", "funds")
	p.Crumbs = []crumb{{Label: p.T("项目台账")}, {Label: p.T("到位资金填报"), URL: "/funds/grid"}}
	d := &gridData{Sources: zhaoshang.FundSources(), Err: msg}
	p.Data = d
	choices := countyChoices(tree, pr, 0)
	if county == 0 {
		county = ownCounty(tree, pr, choices)
		if county == 0 && len(choices) > 0 {
			county = choices[0].ID
		}
	}
	for i := range choices {
		choices[i].Selected = choices[i].ID == county
	}
	d.Counties, d.County, d.Name = choices, county, unitNameOf(tree, county)
	m := s.today().Month().Add(-1)
	if month != "" {
		if m, err = parseMonthField("month", month); err != nil {
			d.Err, d.Month = p.Msg(err), month
			s.render(w, r, http.StatusUnprocessableEntity, "fund_grid", p)
			return
		}
	}
	d.Month, d.Title = m.String(), p.T("%d年%d月", m.Y, m.M)
	if county == 0 {
		s.render(w, r, status, "fund_grid", p)
		return
	}
	if err := s.gridReview(r, p, d, county, m); err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := s.svc.Projects.MonthReceipts(ctx, county, m)
	if err != nil {
		if e := zhaoshang.AsError(err); e != nil && e.Code == zhaoshang.EInvalid {
			d.Err = p.Msg(err)
			s.render(w, r, http.StatusUnprocessableEntity, "fund_grid", p)
			return
		}
		s.fail(w, r, err)
		return
	}
	for _, g := range rows {
		row := gridRow{ProjectMonth: g, Source: string(zhaoshang.SourceOutOfProvince)}
		for _, rc := range g.InMonth {
			if !rc.Voided {
				row.InMonthTotal += rc.Amount
			}
		}
		if v, ok := in[g.ProjectID]; ok {
			row.Amount, row.Source, row.EvidenceNo = v.Amount, v.Source, v.EvidenceNo
		}
		row.Err = problems[g.ProjectID]
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, status, "fund_grid", p)
}

// gridReview says where the county's month stands in the review and
// whether its records are locked (zhaoshang/review.go): by its own status
// or by a later month of the year submitted or approved.
func (s *Server) gridReview(r *http.Request, p *page, d *gridData, county int64, m zhaoshang.Month) error {
	if s.svc.Reviews == nil {
		return nil
	}
	list, err := s.svc.Reviews.Reviews(r.Context(), m.Y, zhaoshang.Month{Y: m.Y, M: 12})
	if err != nil {
		return err
	}
	var own []*zhaoshang.MonthReview
	for _, rv := range list {
		if rv.OrgUnitID != county {
			continue
		}
		own = append(own, rv)
		if rv.Month == m {
			d.Status = p.T("本月状态：%s（报送截止日%s）", p.T(rv.Status.Label()), rv.Deadline.String())
		}
	}
	if lock := zhaoshang.LockingReview(own, m); lock != nil {
		d.Locked = p.T("%s%s的数据%s，本月记录已锁定，不能修改；如需更正，请在“月度审核”页申请重新开放。", lock.Unit, lock.Month.Chinese(), p.T(lock.Status.Label()))
	}
	return nil
}

func (s *Server) fundGridSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	county, month := formInt(r, "county"), formText(r, "month")
	p := s.newPage(r, "", "")
	r.ParseForm()
	in := gridInput{}
	problems := map[int64]string{}
	var entries []zhaoshang.FundInput
	byRow := map[int]int64{} // row number → project
	for i, v := range r.Form["pid"] {
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		key := strconv.FormatInt(id, 10)
		x := struct{ Amount, Source, EvidenceNo string }{formText(r, "amount_"+key), formText(r, "source_"+key), formText(r, "evidence_"+key)}
		in[id] = x
		if x.Amount == "" {
			continue
		}
		amt, err := parseWanField("amount", msgAmountNumber, x.Amount)
		if err != nil {
			problems[id] = p.Msg(err)
			continue
		}
		row := i + 1 // the grid's line: what the service's problems name
		byRow[row] = id
		entries = append(entries, zhaoshang.FundInput{Row: row, ProjectID: id, Amount: amt,
			Source: zhaoshang.FundSource(x.Source), EvidenceNo: x.EvidenceNo})
	}
	refuse := func(status int, msg string) {
		s.renderFundGrid(w, r, status, county, month, in, problems, msg)
	}
	if county == 0 {
		refuse(http.StatusUnprocessableEntity, p.T("请选择县市"))
		return
	}
	m, err := parseMonthField("month", month)
	if err != nil {
		refuse(http.StatusUnprocessableEntity, p.Msg(err))
		return
	}
	if len(problems) > 0 {
		refuse(http.StatusUnprocessableEntity, p.T("有%d行填写有误，未保存任何数据，请修改后重新提交", len(problems)))
		return
	}
	for i := range entries {
		entries[i].Month = m
	}
	if _, err := s.svc.Projects.SaveMonthReceipts(ctx, county, m, entries); err != nil {
		var refused *zhaoshang.ImportRefused
		if errors.As(err, &refused) {
			for _, pb := range refused.Problems {
				if id, ok := byRow[pb.Row]; ok {
					if problems[id] != "" {
						problems[id] += "；"
					}
					problems[id] += p.T(pb.Reason, pb.Args...)
				}
			}
			refuse(http.StatusUnprocessableEntity, p.T("有%d行填写有误，未保存任何数据，请修改后重新提交", len(refused.Problems)))
			return
		}
		e := zhaoshang.AsError(err)
		if e == nil || e.Code == zhaoshang.ENotFound || e.Code == zhaoshang.EUnauthorized {
			s.fail(w, r, err)
			return
		}
		refuse(formStatus(err), p.Msg(err))
		return
	}
	setFlash(w, "已保存本月到位资金")
	v := url.Values{"county": {strconv.FormatInt(county, 10)}, "month": {m.String()}}
	redirect(w, r, "/funds/grid?"+v.Encode())
}
