package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhaoshang"
)

var _ zhaoshang.ReviewService = (*ReviewService)(nil)

// ReviewService keeps the monthly review of each county's data
// (zhaoshang/review.go has the states and the rules). A step on a month
// takes the county's review lock exclusively; every change of a county's
// records takes it shared and asks checkOpen first, so no record lands in
// a month that is submitted or approved.
type ReviewService struct{ db *DB }

func NewReviewService(db *DB) *ReviewService { return &ReviewService{db: db} }

const deadlineKey = "review_deadline_day"

const reviewCols = `org_unit_id, month, status, reason, reopen_pending, reopen_reason, by_import, submitted_by, submitted_at, reviewed_by, reviewed_at, version`

type reviewKey struct {
	org   int64
	month zhaoshang.Month
}

func scanReview(row interface{ Scan(...any) error }) (*zhaoshang.MonthReview, error) {
	var r zhaoshang.MonthReview
	var sub, rev sql.NullTime
	var status string
	if err := row.Scan(&r.OrgUnitID, &r.Month, &status, &r.Reason, &r.ReopenPending, &r.ReopenReason, &r.ByImport, &r.SubmittedBy, &sub, &r.ReviewedBy, &rev, &r.Version); err != nil {
		return nil, err
	}
	r.Status, r.SubmittedAt, r.ReviewedAt = zhaoshang.ReviewStatus(status), sub.Time, rev.Time
	return &r, nil
}

func queryReviews(ctx context.Context, q queryer, tail string, args ...any) (map[reviewKey]*zhaoshang.MonthReview, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+reviewCols+" FROM month_reviews "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[reviewKey]*zhaoshang.MonthReview{}
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, err
		}
		out[reviewKey{r.OrgUnitID, r.Month}] = r
	}
	return out, rows.Err()
}

func readDeadlineDay(ctx context.Context, q queryer) (int, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", deadlineKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return zhaoshang.DefaultDeadlineDay, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(v)
}

// DeadlineDay is the day of the following month a month is due.
func (s *ReviewService) DeadlineDay(ctx context.Context) (int, error) {
	if _, err := zhaoshang.AuthorizeAny(ctx, zhaoshang.PermReportView, zhaoshang.PermReviewSubmit, zhaoshang.PermReviewApprove); err != nil {
		return 0, err
	}
	return readDeadlineDay(ctx, s.db.read)
}

// SetDeadlineDay sets the day (1–28) of the following month a month is due.
func (s *ReviewService) SetDeadlineDay(ctx context.Context, day int) error {
	if day < 1 || day > 28 {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "deadline_day", "报送截止日应为每月1日至28日之间")
	}
	return s.db.Write(ctx, zhaoshang.PermLedgerConfig, func(tx *Tx) error {
		old, err := readDeadlineDay(ctx, tx)
		if err != nil {
			return err
		}
		if err := tx.saveSetting(deadlineKey, strconv.Itoa(day)); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActSystemConfig, "setting", deadlineKey, map[string]int{"deadline_day": old}, map[string]int{"deadline_day": day}, "月度数据报送截止日")
		return nil
	})
}

// reviewCounties are the active counties the principal sees.
func reviewCounties(p *zhaoshang.Principal, tree *zhaoshang.OrgTree) []*zhaoshang.OrgUnit {
	var out []*zhaoshang.OrgUnit
	for _, u := range tree.Units {
		if u.Kind == zhaoshang.OrgCounty && u.Active && p.SeesUnit(u.ID) {
			out = append(out, u)
		}
	}
	return out
}

// Reviews lists every county-month of the year through the month given
// (zero: December), for the counties in scope; months never touched are
// 填报中. Each carries its deadline and whether it is overdue today.
func (s *ReviewService) Reviews(ctx context.Context, year int, through zhaoshang.Month) ([]*zhaoshang.MonthReview, error) {
	p, err := zhaoshang.AuthorizeAny(ctx, zhaoshang.PermReportView, zhaoshang.PermReviewSubmit, zhaoshang.PermReviewApprove)
	if err != nil {
		return nil, err
	}
	if through.IsZero() || through.Y != year {
		through = zhaoshang.Month{Y: year, M: 12}
	}
	tree, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	day, err := readDeadlineDay(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	args := []any{zhaoshang.Month{Y: year, M: 1}, through}
	have, err := queryReviews(ctx, s.db.read, "WHERE month >= $1 AND month <= $2 AND "+scopeCond(p, "org_unit_id", "", &args), args...)
	if err != nil {
		return nil, err
	}
	today := zhaoshang.DateOf(s.db.now())
	var out []*zhaoshang.MonthReview
	for _, u := range reviewCounties(p, tree) {
		for m := (zhaoshang.Month{Y: year, M: 1}); !through.Before(m); m = m.Add(1) {
			r := have[reviewKey{u.ID, m}]
			if r == nil {
				r = &zhaoshang.MonthReview{OrgUnitID: u.ID, Month: m, Status: zhaoshang.ReviewFilling}
			}
			r.Unit = u.Name
			r.Deadline = zhaoshang.Deadline(m, day)
			r.Overdue = (r.Status == zhaoshang.ReviewFilling || r.Status == zhaoshang.ReviewReturned) && r.Deadline.Before(today)
			out = append(out, r)
		}
	}
	return out, nil
}

// reviewAudit is what the trail keeps of a county-month's review.
type reviewAudit struct {
	Org           string `json:"org"`
	Month         string `json:"month"`
	Status        string `json:"status"`
	Reason        string `json:"reason,omitempty"`
	ReopenPending bool   `json:"reopen_pending,omitempty"`
}

func auditReview(r *zhaoshang.MonthReview, name string) reviewAudit {
	return reviewAudit{Org: name, Month: r.Month.String(), Status: r.Status.Label(), Reason: r.Reason, ReopenPending: r.ReopenPending}
}

// Step takes one review step on each month, all or nothing, in the order
// of counties and months (so that one batch may approve January before
// February). Steps on months never touched start from 填报中 at version 0.
func (s *ReviewService) Step(ctx context.Context, a zhaoshang.ReviewAction, steps []zhaoshang.ReviewStep, reason string) ([]*zhaoshang.MonthReview, error) {
	reason = strings.TrimSpace(reason)
	if a.NeedsReason() && reason == "" {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "reason", "请填写%s的原因", a.Label())
	}
	if len(steps) == 0 {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "请至少选择一个县（市）的月份")
	}
	steps = slices.Clone(steps)
	slices.SortFunc(steps, func(x, y zhaoshang.ReviewStep) int {
		if x.OrgUnitID != y.OrgUnitID {
			return int(x.OrgUnitID - y.OrgUnitID)
		}
		return x.Month.Compare(y.Month)
	})
	var out []*zhaoshang.MonthReview
	err := s.db.Write(ctx, a.Permission(), func(tx *Tx) error {
		tree, err := loadTree(ctx, tx)
		if err != nil {
			return err
		}
		locked := map[int64]bool{}
		for i, st := range steps {
			if i > 0 && st.OrgUnitID == steps[i-1].OrgUnitID && st.Month == steps[i-1].Month {
				return zhaoshang.Errorf(zhaoshang.EInvalid, "同一月份选择了两次")
			}
			u := tree.ByID(st.OrgUnitID)
			if u == nil || u.Kind != zhaoshang.OrgCounty || !tx.p.SeesUnit(u.ID) {
				return zhaoshang.Errorf(zhaoshang.ENotFound, "县（市）不存在或不在您的数据范围内")
			}
			if !st.Month.Valid() {
				return zhaoshang.Errorf(zhaoshang.EInvalid, "月份不正确")
			}
			if !locked[u.ID] {
				if err := tx.db.dialect.lockReview(ctx, tx.Tx, u.ID, true); err != nil {
					return err
				}
				locked[u.ID] = true
			}
			r, err := stepReview(ctx, tx, u, st, a, reason)
			if err != nil {
				return err
			}
			out = append(out, r...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// stepReview takes one step on one county-month inside tx and returns the
// months it changed (a reopen also reopens the later locked months).
func stepReview(ctx context.Context, tx *Tx, u *zhaoshang.OrgUnit, st zhaoshang.ReviewStep, a zhaoshang.ReviewAction, reason string) ([]*zhaoshang.MonthReview, error) {
	m := st.Month
	all, err := queryReviews(ctx, tx, "WHERE org_unit_id = $1 AND month >= $2 AND month <= $3", u.ID, zhaoshang.Month{Y: m.Y, M: 1}, zhaoshang.Month{Y: m.Y, M: 12})
	if err != nil {
		return nil, err
	}
	cur := all[reviewKey{u.ID, m}]
	if cur == nil {
		cur = &zhaoshang.MonthReview{OrgUnitID: u.ID, Month: m, Status: zhaoshang.ReviewFilling}
	}
	if cur.Version != st.Version {
		return nil, zhaoshang.Errorf(zhaoshang.EConflict, "%s%s的审核状态已被他人更新为“%s”，请刷新后重试", u.Name, m.Chinese(), cur.Status.Label())
	}
	next, err := zhaoshang.NextReview(cur.Status, cur.ReopenPending, a)
	if err != nil {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "%s%s：%s", u.Name, m.Chinese(), zhaoshang.AsError(err).Message)
	}
	ofYear := slices.Collect(maps.Values(all))
	if err := zhaoshang.CheckReviewOrder(u.Name, ofYear, m, a); err != nil {
		return nil, err
	}
	after := *cur
	after.Status, after.ByImport = next, a == zhaoshang.StepApproveImport
	note := fmt.Sprintf("%s%s：%s", u.Name, m.Chinese(), a.Label())
	switch a {
	case zhaoshang.StepSubmit:
		after.SubmittedBy, after.SubmittedAt, after.Reason = tx.p.Username, tx.now, ""
	case zhaoshang.StepApprove, zhaoshang.StepApproveImport:
		after.ReviewedBy, after.ReviewedAt, after.Reason = tx.p.Username, tx.now, ""
		if a == zhaoshang.StepApproveImport {
			note = fmt.Sprintf("%s%s：历史数据经核实后导入，直接审核通过", u.Name, m.Chinese())
		}
	case zhaoshang.StepReturn:
		after.ReviewedBy, after.ReviewedAt, after.Reason = tx.p.Username, tx.now, reason
		note += "，原因：" + reason
	case zhaoshang.StepRequestReopen:
		after.ReopenPending, after.ReopenReason = true, reason
		note += "，原因：" + reason
	case zhaoshang.StepRejectReopen:
		after.ReopenPending, after.Reason = false, reason
		after.ReviewedBy, after.ReviewedAt = tx.p.Username, tx.now
		note += "，原因：" + reason
	case zhaoshang.StepApproveReopen:
		after.ReopenPending, after.Reason = false, "重新开放："+cur.ReopenReason
		after.ReviewedBy, after.ReviewedAt = tx.p.Username, tx.now
	}
	if err := saveReview(ctx, tx, u, cur, &after, string(a), note); err != nil {
		return nil, err
	}
	out := []*zhaoshang.MonthReview{&after}
	if a == zhaoshang.StepApproveReopen {
		// the later months' year-to-date figures hold this month: they open too
		for _, l := range zhaoshang.ReopenCascade(ofYear, m) {
			r := all[reviewKey{u.ID, l}]
			opened := *r
			opened.Status, opened.ReopenPending, opened.Reason, opened.ByImport = zhaoshang.ReviewFilling, false, "随"+m.Chinese()+"重新开放", false
			if err := saveReview(ctx, tx, u, r, &opened, string(a), fmt.Sprintf("%s%s：随%s重新开放", u.Name, l.Chinese(), m.Chinese())); err != nil {
				return nil, err
			}
			out = append(out, &opened)
		}
	}
	return out, nil
}

// saveReview writes after over cur (version 0: a new row) and audits it.
func saveReview(ctx context.Context, tx *Tx, u *zhaoshang.OrgUnit, cur, after *zhaoshang.MonthReview, action, note string) error {
	null := func(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }
	byImport := after.ByImport
	if cur.Version == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO month_reviews (org_unit_id, month, first_day, last_day, status, reason, reopen_pending, reopen_reason,
			submitted_by, submitted_at, reviewed_by, reviewed_at, by_import, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14)`,
			u.ID, after.Month, after.Month.First(), after.Month.Last(), string(after.Status), after.Reason, after.ReopenPending, after.ReopenReason,
			after.SubmittedBy, null(after.SubmittedAt), after.ReviewedBy, null(after.ReviewedAt), byImport, tx.now)
		if err != nil {
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE month_reviews SET status = $1, reason = $2, reopen_pending = $3, reopen_reason = $4, submitted_by = $5,
			submitted_at = $6, reviewed_by = $7, reviewed_at = $8, by_import = $9, version = version + 1, updated_at = $10
			WHERE org_unit_id = $11 AND month = $12 AND version = $13`,
			string(after.Status), after.Reason, after.ReopenPending, after.ReopenReason, after.SubmittedBy, null(after.SubmittedAt),
			after.ReviewedBy, null(after.ReviewedAt), byImport, tx.now, u.ID, after.Month, cur.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return zhaoshang.Errorf(zhaoshang.EConflict, "%s%s的审核状态已被他人更新，请刷新后重试", u.Name, after.Month.Chinese())
		}
	}
	after.Version = cur.Version + 1
	after.Unit = u.Name
	var before any
	if cur.Version > 0 {
		before = auditReview(cur, u.Name)
	}
	tx.Audit(action, "month_review", fmt.Sprintf("%d:%s", u.ID, after.Month), before, auditReview(after, u.Name), note)
	return nil
}

// countyMonth is a county's month that a change of records touches.
type countyMonth struct {
	org   int64
	month zhaoshang.Month
}

// checkOpen refuses a change of records touching any of the county-months
// while a month from it to December of its year locks it: the figures of
// that month would change under the county's confirmation or the
// prefecture's approval. The rule is the domain's
// (zhaoshang.LockingReviewFor, with its exception for an approving import,
// tx.approving, writing into months an earlier approving import approved);
// the query below states it for one indexed read, and a property test
// (rules_review_test.go) holds the two to the same answer. It holds each
// county's review lock shared until the transaction ends.
func checkOpen(ctx context.Context, tx *Tx, touched ...countyMonth) error {
	earliest := map[[2]int64]zhaoshang.Month{} // (org, year) → the earliest month touched
	for _, t := range touched {
		if t.month.IsZero() {
			continue
		}
		k := [2]int64{t.org, int64(t.month.Y)}
		if m, ok := earliest[k]; !ok || t.month.Before(m) {
			earliest[k] = t.month
		}
	}
	keys := make([][2]int64, 0, len(earliest))
	for k := range earliest {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int64) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	held := map[int64]bool{}
	for _, k := range keys {
		if !held[k[0]] {
			if err := tx.db.dialect.lockReview(ctx, tx.Tx, k[0], false); err != nil {
				return err
			}
			held[k[0]] = true
		}
		m := earliest[k]
		var lockedMonth zhaoshang.Month
		var status string
		err := tx.QueryRowContext(ctx, `SELECT month, status FROM month_reviews WHERE org_unit_id = $1 AND month >= $2 AND month <= $3
			AND status IN ('submitted', 'approved') AND NOT (by_import AND $4) ORDER BY month LIMIT 1`, k[0], m, zhaoshang.Month{Y: m.Y, M: 12}, tx.approving).Scan(&lockedMonth, &status)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		name := ""
		if u, _ := loadUnitName(ctx, tx, k[0]); u != "" {
			name = u
		}
		st := zhaoshang.ReviewStatus(status)
		if lockedMonth == m {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "%s%s的数据%s，已锁定，不能修改；如需更正，请申请重新开放%s，经州局批准后修改", name, m.Chinese(), st.Label(), m.Chinese())
		}
		return zhaoshang.Errorf(zhaoshang.EInvalid, "%s%s的数据%s，此前各月（含%s）的记录已锁定，不能修改；如需更正，请申请重新开放%s，经州局批准后修改",
			name, lockedMonth.Chinese(), st.Label(), m.Chinese(), lockedMonth.Chinese())
	}
	return nil
}

func loadUnitName(ctx context.Context, q queryer, id int64) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, "SELECT name FROM org_units WHERE id = $1", id).Scan(&name)
	return name, err
}

// approveImported approves, as historic verified data (import --approve),
// every county-month the imported records touch that is not approved yet,
// and for each county in the file every month of the span the file covers
// (its signing and receipt months, first to last): a month in which a
// county reported nothing is a verified month of nothing, not one left to
// be filled in.
func approveImported(ctx context.Context, tx *Tx, touched []countyMonth, span []zhaoshang.Month) error {
	tree, err := loadTree(ctx, tx)
	if err != nil {
		return err
	}
	if len(span) > 0 {
		first, last := slices.MinFunc(span, zhaoshang.Month.Compare), slices.MaxFunc(span, zhaoshang.Month.Compare)
		orgs := map[int64]bool{}
		for _, t := range touched {
			orgs[t.org] = true
		}
		for org := range orgs {
			for m := first; !last.Before(m); m = m.Add(1) {
				touched = append(touched, countyMonth{org, m})
			}
		}
	}
	seen := map[countyMonth]bool{}
	slices.SortFunc(touched, func(a, b countyMonth) int {
		if a.org != b.org {
			return int(a.org - b.org)
		}
		return a.month.Compare(b.month)
	})
	for _, t := range touched {
		if t.month.IsZero() || seen[t] {
			continue
		}
		seen[t] = true
		u := tree.ByID(t.org)
		if u == nil {
			continue
		}
		if err := tx.db.dialect.lockReview(ctx, tx.Tx, u.ID, true); err != nil {
			return err
		}
		have, err := queryReviews(ctx, tx, "WHERE org_unit_id = $1 AND month = $2", u.ID, t.month)
		if err != nil {
			return err
		}
		cur := have[reviewKey{u.ID, t.month}]
		if cur != nil && cur.Status == zhaoshang.ReviewApproved {
			continue
		}
		if cur == nil {
			cur = &zhaoshang.MonthReview{OrgUnitID: u.ID, Month: t.month, Status: zhaoshang.ReviewFilling}
		}
		if _, err := stepReview(ctx, tx, u, zhaoshang.ReviewStep{OrgUnitID: u.ID, Month: t.month, Version: cur.Version}, zhaoshang.StepApproveImport, ""); err != nil {
			return err
		}
	}
	return nil
}
