package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"zhaoshang"
)

var _ zhaoshang.MeasureSource = (*StatsService)(nil)

// StatsService gives the measures behind the indicators. The sums come
// from the monthly aggregates (aggregates.go), read for the counties and
// months of the period and counted when their county-month is approved: a
// call reads a few rows per county and month shown, whatever the years
// kept. 新引进优强企业, a distinct count, comes from the period's signings
// (newStrongEnterprises), one query per layer of nested units.
//
// Which records count: projects and receipts that are not voided, receipts
// only of projects that are not voided, and only records of approved
// county-months (zhaoshang/review.go): a project by the month of its
// signing date, its start and production by the months of those dates, a
// receipt by its month. A preview (zhaoshang.WithUnapproved) drops the
// approval condition, never the others.
type StatsService struct{ db *DB }

// approval is which months of which counties are approved within a
// period, read once per call: the queries test a record's date against
// each county's runs of approved months written into the SQL (a CASE over
// the counties), which costs a comparison per row where a correlated
// subquery cost a probe.
type approval struct {
	all  bool                           // a preview: everything counts
	runs map[int64][][2]zhaoshang.Month // county → runs of approved months, first and last
}

// approvals reads the approved months of the counties within [from, through].
func (s *StatsService) approvals(ctx context.Context, orgs []int64, from, through zhaoshang.Month) (*approval, error) {
	if zhaoshang.Unapproved(ctx) {
		return &approval{all: true}, nil
	}
	a := &approval{runs: map[int64][][2]zhaoshang.Month{}}
	args := []any{from, through}
	rows, err := s.db.read.QueryContext(ctx, `SELECT org_unit_id, month FROM month_reviews WHERE status = 'approved' AND month >= $1 AND month <= $2
		AND org_unit_id IN (`+sqlList(orgs, &args)+`) ORDER BY org_unit_id, month`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var org int64
		var m zhaoshang.Month
		if err := rows.Scan(&org, &m); err != nil {
			return nil, err
		}
		rs := a.runs[org]
		if n := len(rs); n > 0 && rs[n-1][1].Add(1) == m {
			rs[n-1][1] = m
		} else {
			rs = append(rs, [2]zhaoshang.Month{m, m})
		}
		a.runs[org] = rs
	}
	return a, rows.Err()
}

// cond writes the condition that the value of col (of a record of the
// county in orgCol) lies in an approved run; bound gives a run's ends as
// SQL literals of col's kind (dates or months). The literals come from
// months and ids, never from input.
func (a *approval) cond(orgCol, col string, bound func(r [2]zhaoshang.Month) (string, string)) string {
	if a.all {
		return "TRUE"
	}
	if len(a.runs) == 0 {
		return "FALSE"
	}
	orgs := make([]int64, 0, len(a.runs))
	for org := range a.runs {
		orgs = append(orgs, org)
	}
	slices.Sort(orgs)
	var b strings.Builder
	b.WriteString("CASE " + orgCol)
	for _, org := range orgs {
		var ors []string
		for _, r := range a.runs[org] {
			lo, hi := bound(r)
			ors = append(ors, col+" >= '"+lo+"' AND "+col+" <= '"+hi+"'")
		}
		fmt.Fprintf(&b, " WHEN %d THEN (%s)", org, strings.Join(ors, " OR "))
	}
	b.WriteString(" ELSE FALSE END")
	return b.String()
}

// has reports whether the county's month is approved (or a preview).
func (a *approval) has(org int64, m zhaoshang.Month) bool {
	if a.all {
		return true
	}
	for _, r := range a.runs[org] {
		if !m.Before(r[0]) && !r[1].Before(m) {
			return true
		}
	}
	return false
}

// onDate is the condition for a date column: its month is approved.
func (a *approval) onDate(orgCol, dateCol string) string {
	return a.cond(orgCol, dateCol, func(r [2]zhaoshang.Month) (string, string) { return r[0].First().String(), r[1].Last().String() })
}

// onMonth is the condition for a month column (a receipt's).
func (a *approval) onMonth(orgCol, monthCol string) string {
	return a.cond(orgCol, monthCol, func(r [2]zhaoshang.Month) (string, string) { return r[0].String(), r[1].String() })
}

func NewStatsService(db *DB) *StatsService { return &StatsService{db: db} }

// seesSubtree reports whether the principal reaches the unit and every unit
// below it: a figure for a unit adds up its whole subtree, so a partial view
// would print a wrong total under the unit's name.
func seesSubtree(p *zhaoshang.Principal, tree *zhaoshang.OrgTree, id int64) bool {
	if p.SeesAll() {
		return true
	}
	for _, u := range tree.SubtreeIDs(id) {
		if !p.SeesUnit(u) {
			return false
		}
	}
	return true
}

// Measures counts each unit's measures over the period (see
// zhaoshang.MeasureSource). A county counts its own records; any other unit
// the records of its subtree. New strong enterprises are not a sum: an
// enterprise counts for a unit when its first signed project within that
// unit's region falls in the period, so the prefecture counts an
// enterprise's first signing anywhere in the prefecture, while a county
// counts its first signing in that county (an investor who came to 凯里市
// in 2020 and to 黄平县 in 2021 is new to 黄平县 in 2021, not to 黔东南州).
func (s *StatsService) Measures(ctx context.Context, unitIDs []int64, per zhaoshang.Period) (map[int64]zhaoshang.Measures, error) {
	pr, err := zhaoshang.Authorize(ctx, zhaoshang.PermReportView)
	if err != nil {
		return nil, err
	}
	if !per.From.Valid() || !per.Through.Valid() || per.Through.Before(per.From) {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "统计期间不正确")
	}
	tree, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	// towards[org] lists the requested units whose figures an org unit's
	// records go into.
	towards := map[int64][]int64{}
	for _, id := range unitIDs {
		if tree.ByID(id) == nil || !seesSubtree(pr, tree, id) {
			return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在或不在您的数据范围内")
		}
		for _, u := range tree.SubtreeIDs(id) {
			if !slices.Contains(towards[u], id) {
				towards[u] = append(towards[u], id)
			}
		}
	}
	out := make(map[int64]zhaoshang.Measures, len(unitIDs))
	for _, id := range unitIDs {
		out[id] = zhaoshang.Measures{}
	}
	if len(towards) == 0 {
		return out, nil
	}
	orgs := make([]int64, 0, len(towards))
	for id := range towards {
		orgs = append(orgs, id)
	}
	slices.Sort(orgs)
	add := func(org int64, f func(m zhaoshang.Measures)) {
		for _, id := range towards[org] {
			f(out[id])
		}
	}
	first, last := per.First(), per.Last()
	ok, err := s.approvals(ctx, orgs, per.From, per.Through)
	if err != nil {
		return nil, err
	}

	// 1. the cells of the period's months (sqldb/aggregates.go): a cell
	// counts when its county-month is approved, and one that asks for a
	// later date (开工, 投产) when that date's month is approved and lies
	// within the period too
	args := []any{per.From.String(), per.Through.String()}
	q := `SELECT org_unit_id, month, measure, cond_month, value FROM measure_months
		WHERE month >= $1 AND month <= $2 AND org_unit_id IN (` + sqlList(orgs, &args) + `) AND ` + scopeCond(pr, "org_unit_id", "", &args)
	rows, err := s.db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var org, value int64
		var month zhaoshang.Month
		var measure, cond string
		if err := rows.Scan(&org, &month, &measure, &cond, &value); err != nil {
			rows.Close()
			return nil, err
		}
		if !ok.has(org, month) {
			continue
		}
		if cond != "" {
			c, err := zhaoshang.ParseMonth(cond)
			if err != nil || per.Through.Before(c) || !ok.has(org, c) {
				continue
			}
		}
		add(org, func(m zhaoshang.Measures) { m[measure] += value })
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// 3. strong enterprises first signing in the period
	if err := s.newStrongEnterprises(ctx, pr, tree, unitIDs, first, last, ok, out); err != nil {
		return nil, err
	}
	return out, nil
}

// newStrongEnterprises counts, for each requested unit, the strong
// enterprises with a live project signed in the period within the unit's
// subtree and none signed there before the period. The units are taken in
// layers whose subtrees do not overlap (the counties; then the
// prefecture), one query each: it starts from the period's signings
// (projects_org_signed) and probes each investor's earlier projects
// (projects_enterprise_org_signed), so it grows with the period's records, not with
// the years kept. Tags are matched roughly in SQL and exactly here.
func (s *StatsService) newStrongEnterprises(ctx context.Context, pr *zhaoshang.Principal, tree *zhaoshang.OrgTree, unitIDs []int64,
	first, last zhaoshang.Date, ok *approval, out map[int64]zhaoshang.Measures) error {
	strong, err := strongTags(ctx, s.db.read)
	if err != nil || len(strong) == 0 {
		return err
	}
	for _, layer := range layers(tree, unitIDs) {
		args := []any{first, last}
		var likes []string
		for _, tag := range strong {
			args = append(args, "%"+likePattern(jsonText(tag))+"%")
			likes = append(likes, fmt.Sprintf(`e.tags LIKE $%d ESCAPE '\'`, len(args)))
		}
		var all []int64
		singletons := true
		sub := map[int64][]int64{}
		for _, u := range layer {
			sub[u] = tree.SubtreeIDs(u)
			all = append(all, sub[u]...)
			singletons = singletons && len(sub[u]) == 1
		}
		inAll := sqlList(all, &args)
		same := "q.org_unit_id = p.org_unit_id"
		grp := "p.org_unit_id"
		switch {
		case len(layer) == 1: // one region: the IN list above says it all
			args = append(args, layer[0])
			grp, same = fmt.Sprintf("CAST($%d AS BIGINT)", len(args)), "TRUE"
		case !singletons:
			var b strings.Builder
			b.WriteString("CASE")
			for _, u := range layer {
				in := sqlList(sub[u], &args)
				args = append(args, u)
				fmt.Fprintf(&b, " WHEN %%[1]s.org_unit_id IN (%s) THEN CAST($%d AS BIGINT)", in, len(args))
			}
			b.WriteString(" END")
			grp = fmt.Sprintf(b.String(), "p")
			same = fmt.Sprintf(b.String(), "q") + " = " + grp
		}
		q := `SELECT DISTINCT ` + grp + `, p.enterprise_id, e.tags
			FROM projects p JOIN enterprises e ON e.id = p.enterprise_id
			WHERE NOT p.voided AND p.signed_on >= $1 AND p.signed_on <= $2 AND p.org_unit_id IN (` + inAll + `)
			AND ` + ok.onDate("p.org_unit_id", "p.signed_on") + `
			AND ` + scopeCond(pr, "p.org_unit_id", "", &args) + ` AND (` + strings.Join(likes, " OR ") + `)
			AND NOT EXISTS (SELECT 1 FROM projects q WHERE q.enterprise_id = p.enterprise_id AND NOT q.voided
				AND q.signed_on < $1 AND q.org_unit_id IN (` + inAll + `) AND ` + same + `)`
		if err := s.countStrong(ctx, q, args, strong, out); err != nil {
			return err
		}
	}
	return nil
}

func (s *StatsService) countStrong(ctx context.Context, q string, args []any, strong []string, out map[int64]zhaoshang.Measures) error {
	rows, err := s.db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var unit, ent int64
		var tags string
		if err := rows.Scan(&unit, &ent, &tags); err != nil {
			return err
		}
		var l []string
		json.Unmarshal([]byte(tags), &l)
		if zhaoshang.IsStrong(l, strong) {
			m := out[unit]
			m[zhaoshang.MNewStrongEnterprises]++
			out[unit] = m
		}
	}
	return rows.Err()
}

// likePattern escapes the LIKE wildcards of s (escape character \).
func likePattern(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// layers splits units into groups whose subtrees do not overlap, higher
// units first: [[prefecture], [counties…]] becomes two layers, the
// counties one.
func layers(tree *zhaoshang.OrgTree, unitIDs []int64) [][]int64 {
	ids := slices.Clone(unitIDs)
	slices.SortFunc(ids, func(a, b int64) int { return tree.Depth(a) - tree.Depth(b) })
	var out [][]int64
	var taken []map[int64]bool // the units each layer's subtrees cover
	for _, id := range ids {
		sub := tree.SubtreeIDs(id)
		placed := false
		for i := range out {
			if slices.Contains(out[i], id) {
				placed = true
				break
			}
			// deeper units come later: one overlaps the layer when it lies in a subtree already taken
			if !taken[i][id] {
				out[i] = append(out[i], id)
				for _, u := range sub {
					taken[i][u] = true
				}
				placed = true
				break
			}
		}
		if !placed {
			out = append(out, []int64{id})
			t := map[int64]bool{}
			for _, u := range sub {
				t[u] = true
			}
			taken = append(taken, t)
		}
	}
	return out
}
