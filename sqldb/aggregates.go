package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"zhaoshang"
)

// The monthly aggregates of the measures (table measure_months): for every
// county (the unit that keeps the records), month and measure, the value of
// that month's records, kept current by the very write transaction that
// changes a record (refreshAggregates, before COMMIT), so a figure is never
// stale and no nightly job is needed. A report reads the cells of the
// counties and months it shows, whatever the years kept.
//
// A cell counts every live record of its county-month, approved or not:
// approval is a property of the county-month, applied when a report reads
// the cells. A measure that also asks for a later date by the period's end
// (开工, 投产 of the projects signed) keeps one cell per month of that date
// (cond), so that a report can ask both months to be approved and the
// later one to lie within the period.
//
// 新引进优强企业 is a distinct count over a region's whole history (the
// first signing of each enterprise there), which no sum of months gives;
// it is counted from the period's signings (newStrongEnterprises), an index
// range of the period, so it too grows with what is shown.

// cellKey names a cell's county and month.
type cellKey struct {
	org   int64
	month zhaoshang.Month
}

// aggRow is one cell of measure_months.
type aggRow struct {
	org     int64
	month   zhaoshang.Month
	measure string
	cond    zhaoshang.Month // the month of the later date; zero for none
	value   int64
}

// measureSource is how one kind of record feeds its measures: the records
// of a county's months, folded into cells. Each measure comes from exactly
// one source; a module adds its own source with its measures.
type measureSource struct {
	name     string
	measures []string
	// fold reads the records of the county's months and returns the
	// non-zero cells they make
	fold func(ctx context.Context, q queryer, org int64, months []zhaoshang.Month) ([]aggRow, error)
}

var measureSources = []measureSource{
	{name: "projects", measures: []string{zhaoshang.MNewKeyProjects, zhaoshang.MContractInvestment, zhaoshang.MStartedProjects, zhaoshang.MProducingProjects},
		fold: foldProjects},
	{name: "receipts", measures: []string{zhaoshang.MFundsInPlace, zhaoshang.MKeyFunds, zhaoshang.MIndustrialFunds, zhaoshang.MForeignFunds},
		fold: foldReceipts},
}

// monthRange is the first day of the earliest and the last day of the
// latest of months.
func monthRange(months []zhaoshang.Month) (zhaoshang.Date, zhaoshang.Date) {
	lo, hi := months[0], months[0]
	for _, m := range months {
		if m.Before(lo) {
			lo = m
		}
		if hi.Before(m) {
			hi = m
		}
	}
	return lo.First(), hi.Last()
}

// foldProjects counts the key-industry projects signed in each month, their
// contract investment, and those started and in production by the month
// of that date.
func foldProjects(ctx context.Context, q queryer, org int64, months []zhaoshang.Month) ([]aggRow, error) {
	first, last := monthRange(months)
	rows, err := q.QueryContext(ctx, `SELECT signed_on, contract_investment, started_on, producing_on FROM projects
		WHERE org_unit_id = $1 AND signed_on >= $2 AND signed_on <= $3 AND key_industry AND NOT voided`, org, first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	want := map[zhaoshang.Month]bool{}
	for _, m := range months {
		want[m] = true
	}
	cells := map[aggRow]int64{} // the key with value 0 → the sum
	add := func(m zhaoshang.Month, measure string, cond zhaoshang.Month, v int64) {
		cells[aggRow{org: org, month: m, measure: measure, cond: cond}] += v
	}
	for rows.Next() {
		var signed, started, producing zhaoshang.Date
		var contract int64
		if err := rows.Scan(&signed, &contract, &started, &producing); err != nil {
			return nil, err
		}
		m := signed.Month()
		if !want[m] {
			continue
		}
		add(m, zhaoshang.MNewKeyProjects, zhaoshang.Month{}, 1)
		add(m, zhaoshang.MContractInvestment, zhaoshang.Month{}, contract)
		if !started.IsZero() {
			add(m, zhaoshang.MStartedProjects, started.Month(), 1)
		}
		if !producing.IsZero() {
			add(m, zhaoshang.MProducingProjects, producing.Month(), 1)
		}
	}
	return cellRows(cells), rows.Err()
}

// foldReceipts sums the live receipts of live projects of each month: all,
// those of key-industry projects, of industrial key-industry projects, and
// those from abroad.
func foldReceipts(ctx context.Context, q queryer, org int64, months []zhaoshang.Month) ([]aggRow, error) {
	args := []any{org}
	rows, err := q.QueryContext(ctx, `SELECT r.month, r.amount, r.source, p.key_industry, p.industrial
		FROM fund_receipts r JOIN projects p ON p.id = r.project_id
		WHERE r.org_unit_id = $1 AND r.month IN (`+sqlList(months, &args)+`) AND NOT r.voided AND NOT p.voided`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cells := map[aggRow]int64{}
	add := func(m zhaoshang.Month, measure string, v int64) {
		cells[aggRow{org: org, month: m, measure: measure}] += v
	}
	for rows.Next() {
		var m zhaoshang.Month
		var amount int64
		var source string
		var key, industrial bool
		if err := rows.Scan(&m, &amount, &source, &key, &industrial); err != nil {
			return nil, err
		}
		add(m, zhaoshang.MFundsInPlace, amount)
		if key {
			add(m, zhaoshang.MKeyFunds, amount)
			if industrial {
				add(m, zhaoshang.MIndustrialFunds, amount)
			}
		}
		if zhaoshang.FundSource(source) == zhaoshang.SourceForeign {
			add(m, zhaoshang.MForeignFunds, amount)
		}
	}
	return cellRows(cells), rows.Err()
}

// cellRows turns summed cells into rows, leaving out zeros.
func cellRows(cells map[aggRow]int64) []aggRow {
	out := make([]aggRow, 0, len(cells))
	for k, v := range cells {
		if v != 0 {
			k.value = v
			out = append(out, k)
		}
	}
	return out
}

// markCells notes, for refreshAggregates, the cells a project's records
// fed before a change that may move them: its county and signing month
// (its receipts' months are read at COMMIT, under both counties).
func (tx *Tx) markCells(p *zhaoshang.Project) {
	if tx.prior == nil {
		tx.prior = map[int64]cellKey{}
	}
	if _, ok := tx.prior[p.ID]; !ok {
		tx.prior[p.ID] = cellKey{p.OrgUnitID, p.SignedOn.Month()}
	}
}

// refreshAggregates recomputes, inside tx, every cell the touched projects
// (Tx.touch) fed before or feed now: their signing months and their
// receipts' months, in their county and in the one they left.
func refreshAggregates(ctx context.Context, tx *Tx) error {
	ids := make([]int64, 0, len(tx.touched))
	for id := range tx.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	cells := map[string]map[cellKey]bool{"projects": {}, "receipts": {}}
	orgsOf := map[int64][]int64{} // project → the counties it fed and feeds
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{}
		rows, err := tx.QueryContext(ctx, "SELECT id, org_unit_id, signed_on FROM projects WHERE id IN ("+sqlList(chunk, &args)+")", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, org int64
			var signed zhaoshang.Date
			if err := rows.Scan(&id, &org, &signed); err != nil {
				rows.Close()
				return err
			}
			cells["projects"][cellKey{org, signed.Month()}] = true
			orgsOf[id] = append(orgsOf[id], org)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		args = []any{}
		rows, err = tx.QueryContext(ctx, "SELECT DISTINCT project_id, month FROM fund_receipts WHERE project_id IN ("+sqlList(chunk, &args)+")", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var m zhaoshang.Month
			if err := rows.Scan(&id, &m); err != nil {
				rows.Close()
				return err
			}
			for _, org := range append(slices.Clone(orgsOf[id]), tx.prior[id].org) {
				if org != 0 {
					cells["receipts"][cellKey{org, m}] = true
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, k := range tx.prior {
		if !k.month.IsZero() {
			cells["projects"][k] = true
		}
	}
	for _, src := range measureSources {
		if err := recomputeCells(ctx, tx, src, cells[src.name]); err != nil {
			return err
		}
	}
	return nil
}

// recomputeCells replaces the source's cells of the given county-months
// with what their records make now.
func recomputeCells(ctx context.Context, tx *Tx, src measureSource, cells map[cellKey]bool) error {
	byOrg := map[int64][]zhaoshang.Month{}
	for k := range cells {
		if !k.month.IsZero() {
			byOrg[k.org] = append(byOrg[k.org], k.month)
		}
	}
	orgs := make([]int64, 0, len(byOrg))
	for org := range byOrg {
		orgs = append(orgs, org)
	}
	slices.Sort(orgs)
	for _, org := range orgs {
		months := byOrg[org]
		slices.SortFunc(months, func(a, b zhaoshang.Month) int { return a.Compare(b) })
		rows, err := src.fold(ctx, tx, org, months)
		if err != nil {
			return err
		}
		args := []any{org}
		del := "DELETE FROM measure_months WHERE org_unit_id = $1 AND month IN (" + sqlList(months, &args) + ") AND measure IN (" + sqlList(src.measures, &args) + ")"
		if _, err := tx.ExecContext(ctx, del, args...); err != nil {
			return err
		}
		if err := insertCells(ctx, tx, rows); err != nil {
			return err
		}
	}
	return nil
}

// insertCells writes cells with multi-row INSERTs.
func insertCells(ctx context.Context, tx *Tx, rows []aggRow) error {
	const batch = 100
	for start := 0; start < len(rows); start += batch {
		chunk := rows[start:min(start+batch, len(rows))]
		var b strings.Builder
		b.WriteString("INSERT INTO measure_months (org_unit_id, month, measure, cond_month, value) VALUES ")
		args := make([]any, 0, 5*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
			args = append(args, r.org, r.month.String(), r.measure, condText(r.cond), r.value)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// condText is how a cell's later month is kept: "" for none.
func condText(m zhaoshang.Month) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

// allCells lists every county-month that has records of each source.
func allCells(ctx context.Context, q queryer) (map[string]map[cellKey]bool, error) {
	cells := map[string]map[cellKey]bool{"projects": {}, "receipts": {}}
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT org_unit_id, signed_on FROM projects WHERE signed_on IS NOT NULL")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var org int64
		var d zhaoshang.Date
		if err := rows.Scan(&org, &d); err != nil {
			rows.Close()
			return nil, err
		}
		cells["projects"][cellKey{org, d.Month()}] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, "SELECT DISTINCT org_unit_id, month FROM fund_receipts")
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
		cells["receipts"][cellKey{org, m}] = true
	}
	return cells, rows.Err()
}

// RebuildAggregates recomputes every cell from the records, in one
// transaction (zhaoshang aggregates rebuild; and on first opening a
// database that has records but no cells).
func (db *DB) RebuildAggregates(ctx context.Context) error {
	return db.Write(ctx, zhaoshang.PermLedgerConfig, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM measure_months"); err != nil {
			return err
		}
		cells, err := allCells(ctx, tx)
		if err != nil {
			return err
		}
		n := 0
		for _, src := range measureSources {
			n += len(cells[src.name])
			if err := recomputeCells(ctx, tx, src, cells[src.name]); err != nil {
				return err
			}
		}
		tx.Audit(zhaoshang.ActSystemConfig, "measure_months", "*", nil, map[string]int{"county_months": n}, "统计汇总按原始记录重建")
		return nil
	})
}

// VerifyAggregates compares every stored cell with a recount from the
// records and lists the cells that differ (none: the aggregates are exact).
func (db *DB) VerifyAggregates(ctx context.Context) ([]string, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermReportView); err != nil {
		return nil, err
	}
	cells, err := allCells(ctx, db.read)
	if err != nil {
		return nil, err
	}
	want := map[aggRow]int64{}
	for _, src := range measureSources {
		byOrg := map[int64][]zhaoshang.Month{}
		for k := range cells[src.name] {
			byOrg[k.org] = append(byOrg[k.org], k.month)
		}
		for org, months := range byOrg {
			rows, err := src.fold(ctx, db.read, org, months)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				v := r.value
				r.value = 0
				want[r] = v
			}
		}
	}
	have := map[aggRow]int64{}
	rows, err := db.read.QueryContext(ctx, "SELECT org_unit_id, month, measure, cond_month, value FROM measure_months")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r aggRow
		var cond string
		if err := rows.Scan(&r.org, &r.month, &r.measure, &cond, &r.value); err != nil {
			return nil, err
		}
		if cond != "" {
			if r.cond, err = zhaoshang.ParseMonth(cond); err != nil {
				return nil, err
			}
		}
		v := r.value
		r.value = 0
		have[r] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for k, v := range want {
		if have[k] != v {
			out = append(out, fmt.Sprintf("单位%d %s %s %s：汇总为%d，按记录应为%d", k.org, k.month, k.measure, condText(k.cond), have[k], v))
		}
	}
	for k, v := range have {
		if _, ok := want[k]; !ok && v != 0 {
			out = append(out, fmt.Sprintf("单位%d %s %s %s：汇总为%d，按记录应为0", k.org, k.month, k.measure, condText(k.cond), v))
		}
	}
	slices.Sort(out)
	return out, nil
}

// ensureAggregates fills the cells of a database that has records and no
// cells yet (one written before the aggregates existed).
func (db *DB) ensureAggregates(ctx context.Context) error {
	var cells, projects int
	if err := db.read.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM measure_months), (SELECT COUNT(*) FROM projects)").Scan(&cells, &projects); err != nil {
		return err
	}
	if cells > 0 || projects == 0 {
		return nil
	}
	return db.RebuildAggregates(zhaoshang.SystemContext(ctx))
}
