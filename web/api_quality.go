package web

import (
	"net/http"
	"slices"

	"zhaoshang"
	"zhaoshang/quality"
)

// The JSON API of the monthly review and of the data-quality findings,
// read only: where each county's months stand, and what the rules found.
// Both are limited to the caller's data scope by the services.

func (s *Server) registerQualityAPIRoutes() {
	s.handle("GET /api/v1/reviews", s.apiReviews)
	s.handle("GET /api/v1/findings", s.apiFindings)
}

// apiReview is one county-month's review.
type apiReview struct {
	OrgUnitID     int64   `json:"org_unit_id"`
	Org           string  `json:"org"`
	Month         string  `json:"month"`
	Status        string  `json:"status"`
	Reason        string  `json:"reason"`
	ReopenPending bool    `json:"reopen_pending"`
	ReopenReason  string  `json:"reopen_reason"`
	SubmittedBy   string  `json:"submitted_by"`
	SubmittedAt   apiTime `json:"submitted_at"`
	ReviewedBy    string  `json:"reviewed_by"`
	ReviewedAt    apiTime `json:"reviewed_at"`
	Deadline      apiDate `json:"deadline"`
	Overdue       bool    `json:"overdue"`
	Version       int64   `json:"version"`
}

func (s *Server) apiReviews(w http.ResponseWriter, r *http.Request) {
	p := newAPIParams(r)
	year := p.intIn("year", 2000, 2100, s.now().Year())
	if p.err != nil {
		s.apiError(w, r, p.err)
		return
	}
	list, err := s.svc.Reviews.Reviews(r.Context(), year, s.reviewThrough(year))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiReview, 0, len(list))
	for _, rv := range list {
		items = append(items, apiReview{OrgUnitID: rv.OrgUnitID, Org: rv.Unit, Month: rv.Month.String(), Status: string(rv.Status), Reason: rv.Reason,
			ReopenPending: rv.ReopenPending, ReopenReason: rv.ReopenReason, SubmittedBy: rv.SubmittedBy, SubmittedAt: apiTime(rv.SubmittedAt),
			ReviewedBy: rv.ReviewedBy, ReviewedAt: apiTime(rv.ReviewedAt), Deadline: apiDate(rv.Deadline), Overdue: rv.Overdue, Version: rv.Version})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// apiFinding is one data-quality finding.
type apiFinding struct {
	ID             int64   `json:"id"`
	Rule           string  `json:"rule"`
	Title          string  `json:"title"`
	Severity       string  `json:"severity"`
	Status         string  `json:"status"`
	OrgUnitID      int64   `json:"org_unit_id"`
	Org            string  `json:"org"`
	ProjectID      *int64  `json:"project_id"`
	OtherProjectID *int64  `json:"other_project_id"`
	ReceiptID      *int64  `json:"receipt_id"`
	Month          *string `json:"month"`
	Year           int     `json:"year"`
	Message        string  `json:"message"`
	Explanation    string  `json:"explanation"`
	ExplainedBy    string  `json:"explained_by"`
	ExplainedAt    apiTime `json:"explained_at"`
	FirstSeen      apiTime `json:"first_seen"`
	LastSeen       apiTime `json:"last_seen"`
	Version        int64   `json:"version"`
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

var findingStatuses = []string{"open", "explained", "fixed"}
var severities = []string{"error", "warning", "info"}

func (s *Server) apiFindings(w http.ResponseWriter, r *http.Request) {
	p := newAPIParams(r)
	f := zhaoshang.FindingFilter{OrgUnitID: p.id("org"), ProjectID: p.id("project"), Rule: p.str("rule"),
		Status: zhaoshang.FindingStatus(p.str("status")), Severity: zhaoshang.Severity(p.str("severity")), Year: p.intIn("year", 2000, 2100, 0)}
	f.Offset, f.Limit = p.page()
	if f.Rule != "" && quality.Lookup(f.Rule) == nil {
		p.fail("rule")
	}
	if f.Status != "" && !slices.Contains(findingStatuses, string(f.Status)) {
		p.fail("status")
	}
	if f.Severity != "" && !slices.Contains(severities, string(f.Severity)) {
		p.fail("severity")
	}
	if p.err != nil {
		s.apiError(w, r, p.err)
		return
	}
	list, total, err := s.svc.Quality.Findings(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	items := make([]apiFinding, 0, len(list))
	for _, x := range list {
		var month *string
		if !x.Month.IsZero() {
			m := x.Month.String()
			month = &m
		}
		items = append(items, apiFinding{ID: x.ID, Rule: x.Rule, Title: x.RuleTitle, Severity: string(x.Severity), Status: string(x.Status),
			OrgUnitID: x.OrgUnitID, Org: x.Unit, ProjectID: optID(x.ProjectID), OtherProjectID: optID(x.OtherProjectID), ReceiptID: optID(x.ReceiptID),
			Month: month, Year: x.Year, Message: x.Message, Explanation: x.Explanation, ExplainedBy: x.ExplainedBy, ExplainedAt: apiTime(x.ExplainedAt),
			FirstSeen: apiTime(x.FirstSeen), LastSeen: apiTime(x.LastSeen), Version: x.Version})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}
