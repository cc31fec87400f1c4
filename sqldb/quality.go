package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"zhaoshang"
	"zhaoshang/quality"
)

var _ zhaoshang.QualityService = (*QualityService)(nil)

// QualityService keeps the findings of the data-quality rules (package
// quality). The rules run in three ways: on save, inside the transaction of
// every change of projects and receipts, over the projects it touched
// (Tx.touch, refreshFindings); over everything, nightly and on demand
// (RunChecks); each run brings the stored findings up to date by their
// keys, so that a county's explanation survives the next run.
type QualityService struct{ db *DB }

func NewQualityService(db *DB) *QualityService { return &QualityService{db: db} }

const qualityConfigKey = "quality_config"

// DefaultLocalRegions are the short names of the prefectures and counties
// of the tree ("黔东南", "凯里", "黄平"…): an investor from there is local.
func DefaultLocalRegions(tree *zhaoshang.OrgTree) []string {
	var out []string
	for _, u := range tree.Units {
		if u.Kind != zhaoshang.OrgPrefecture && u.Kind != zhaoshang.OrgCounty {
			continue
		}
		name := u.Name
		for _, suffix := range []string{"苗族侗族自治州", "布依族苗族自治州", "自治州", "自治县", "州", "市", "县", "区"} {
			if strings.HasSuffix(name, suffix) && len([]rune(name)) > len([]rune(suffix))+1 {
				name = strings.TrimSuffix(name, suffix)
				break
			}
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

func readQualitySettings(ctx context.Context, q queryer) (zhaoshang.QualitySettings, error) {
	def := quality.DefaultConfig()
	s := zhaoshang.QualitySettings{EvidenceThreshold: def.EvidenceThreshold, KeyMinInvestment: def.KeyMinInvestment, ExcludedIndustries: def.ExcludedIndustries}
	var js string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", qualityConfigKey).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal([]byte(js), &s)
}

// qualityConfig is the configuration the rules run with.
func qualityConfig(ctx context.Context, q queryer, tree *zhaoshang.OrgTree) (quality.Config, error) {
	s, err := readQualitySettings(ctx, q)
	if err != nil {
		return quality.Config{}, err
	}
	cfg := quality.DefaultConfig()
	cfg.EvidenceThreshold, cfg.KeyMinInvestment, cfg.ExcludedIndustries = s.EvidenceThreshold, s.KeyMinInvestment, s.ExcludedIndustries
	cfg.LocalRegions = s.LocalRegions
	if len(cfg.LocalRegions) == 0 {
		cfg.LocalRegions = DefaultLocalRegions(tree)
	}
	return cfg, nil
}

// QualitySettings are the bureau's thresholds (project:view to read).
func (s *QualityService) QualitySettings(ctx context.Context) (zhaoshang.QualitySettings, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return zhaoshang.QualitySettings{}, err
	}
	return readQualitySettings(ctx, s.db.read)
}

// SetQualitySettings changes the thresholds (ledger:config) and runs the
// checks again, so that the findings follow at once.
func (s *QualityService) SetQualitySettings(ctx context.Context, in zhaoshang.QualitySettings) error {
	clean := func(l []string) []string {
		var out []string
		for _, x := range l {
			if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		return out
	}
	in.LocalRegions, in.ExcludedIndustries = clean(in.LocalRegions), clean(in.ExcludedIndustries)
	cfg := quality.DefaultConfig()
	cfg.EvidenceThreshold, cfg.KeyMinInvestment, cfg.LocalRegions, cfg.ExcludedIndustries = in.EvidenceThreshold, in.KeyMinInvestment, in.LocalRegions, in.ExcludedIndustries
	if err := cfg.Validate(); err != nil {
		return err
	}
	js, _ := json.Marshal(in)
	return s.db.Write(ctx, zhaoshang.PermLedgerConfig, func(tx *Tx) error {
		old, err := readQualitySettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := tx.saveSetting(qualityConfigKey, string(js)); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActSystemConfig, "setting", qualityConfigKey, old, in, "数据质量检查标准")
		_, err = runAll(ctx, tx)
		return err
	})
}

// touch marks a project whose records changed in tx: its findings are
// brought up to date before the transaction commits.
func (tx *Tx) touch(projectID int64) {
	if tx.touched == nil {
		tx.touched = map[int64]bool{}
	}
	tx.touched[projectID] = true
}

// focusedLimit is the number of touched projects above which a save (an
// import) reads every record instead of looking up candidates one by one.
const focusedLimit = 200

// refreshFindings runs the rules that apply on save over the touched
// projects and brings their findings up to date, inside tx.
func refreshFindings(ctx context.Context, tx *Tx) error {
	ids := make([]int64, 0, len(tx.touched))
	for id := range tx.touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	tree, err := loadTree(ctx, tx)
	if err != nil {
		return err
	}
	cfg, err := qualityConfig(ctx, tx, tree)
	if err != nil {
		return err
	}
	var snap *quality.Snapshot
	if len(ids) > focusedLimit {
		snap, err = loadSnapshot(ctx, tx, tree, nil, cfg)
	} else {
		snap, err = loadSnapshot(ctx, tx, tree, ids, cfg)
	}
	if err != nil {
		return err
	}
	dets := quality.RunFor(snap, cfg, ids...)
	args := []any{}
	var onSave []string
	for i := range quality.Rules {
		if quality.Rules[i].OnSave() {
			onSave = append(onSave, quality.Rules[i].Code)
		}
	}
	where := "WHERE f.rule IN (" + sqlList(onSave, &args) + ")"
	if len(ids) > focusedLimit {
		// a large import: read the rules' findings whole and keep those of
		// the touched projects, rather than bind two variables per project
		_, err = reconcile(ctx, tx, dets, where, func(f *zhaoshang.Finding) bool {
			return tx.touched[f.ProjectID] || tx.touched[f.OtherProjectID]
		}, args...)
		return err
	}
	in := sqlList(ids, &args)
	_, err = reconcile(ctx, tx, dets, where+" AND (f.project_id IN ("+in+") OR f.other_project_id IN ("+in+"))", nil, args...)
	return err
}

// loadSnapshot reads the records the rules look at: every record when ids
// is nil; else the projects of ids with their receipts, and the projects
// of other counties that may duplicate them (same credit code, or a
// contract investment within the tolerance).
func loadSnapshot(ctx context.Context, q queryer, tree *zhaoshang.OrgTree, ids []int64, cfg quality.Config) (*quality.Snapshot, error) {
	snap := &quality.Snapshot{ReceiptScans: map[int64]bool{}, CountyOf: func(id int64) string {
		if u := tree.ByID(id); u != nil {
			return u.Name
		}
		return ""
	}}
	var err error
	if ids == nil {
		if snap.Projects, err = queryProjects(ctx, q, "ORDER BY p.id"); err != nil {
			return nil, err
		}
		if snap.Receipts, err = queryReceipts(ctx, q, "ORDER BY id"); err != nil {
			return nil, err
		}
	} else {
		args := []any{}
		if snap.Projects, err = queryProjects(ctx, q, "WHERE p.id IN ("+sqlList(ids, &args)+") ORDER BY p.id", args...); err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		for _, p := range snap.Projects {
			seen[p.ID] = true
		}
		for _, p := range slices.Clone(snap.Projects) {
			if p.Voided {
				continue
			}
			lo := zhaoshang.Money(float64(p.ContractInvestment) * (1 - cfg.DuplicateAmountTolerance))
			hi := zhaoshang.Money(float64(p.ContractInvestment) / (1 - cfg.DuplicateAmountTolerance))
			cands, err := queryProjects(ctx, q, `WHERE NOT p.voided AND p.org_unit_id <> $1
				AND ((e.credit_code = $2 AND $2 <> '') OR (p.contract_investment >= $3 AND p.contract_investment <= $4))`, p.OrgUnitID, p.CreditCode, lo, hi)
			if err != nil {
				return nil, err
			}
			for _, c := range cands {
				if !seen[c.ID] {
					seen[c.ID] = true
					snap.Projects = append(snap.Projects, c)
				}
			}
		}
		args = []any{}
		if snap.Receipts, err = queryReceipts(ctx, q, "WHERE project_id IN ("+sqlList(ids, &args)+") ORDER BY id", args...); err != nil {
			return nil, err
		}
	}
	scans := "SELECT DISTINCT owner_id FROM attachments WHERE owner_kind = 'fund_receipt' AND NOT voided"
	args := []any{}
	if ids != nil { // only the scans of the focused projects' receipts
		scans += " AND owner_id IN (SELECT id FROM fund_receipts WHERE project_id IN (" + sqlList(ids, &args) + "))"
	}
	rows, err := q.QueryContext(ctx, scans, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		snap.ReceiptScans[id] = true
	}
	return snap, rows.Err()
}

// reconcile brings the stored findings chosen by where (and its args) up
// to date with what the rules found: a finding found again is refreshed
// (and opened again if it was marked fixed), a new one is stored open, and
// one no longer found is marked fixed. An explanation stays.
func reconcile(ctx context.Context, tx *Tx, dets []quality.Detection, where string, keep func(*zhaoshang.Finding) bool, args ...any) (*zhaoshang.QualityRun, error) {
	have, err := queryFindings(ctx, tx, where, args...)
	if err != nil {
		return nil, err
	}
	if keep != nil {
		have = slices.DeleteFunc(have, func(f *zhaoshang.Finding) bool { return !keep(f) })
	}
	byKey := map[string]*zhaoshang.Finding{}
	for _, f := range have {
		byKey[f.Key] = f
	}
	run := &zhaoshang.QualityRun{Found: len(dets)}
	null := func(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }
	found := map[string]bool{}
	for _, d := range dets {
		found[d.Key] = true
		old := byKey[d.Key]
		if old == nil {
			// a key found by another scope's run (a pair seen from its other side) is updated, not inserted twice
			var id int64
			err := tx.QueryRowContext(ctx, "SELECT id FROM quality_findings WHERE key = $1", d.Key).Scan(&id)
			if err == nil {
				status, err := foundAgain(ctx, tx, id)
				if err != nil {
					return nil, err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE quality_findings SET severity = $1, message = $2, last_seen = $3,
					status = $4, version = version + 1 WHERE id = $5`,
					string(d.Severity), d.Message, tx.now, string(status), id); err != nil {
					return nil, err
				}
				continue
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO quality_findings (key, rule, severity, org_unit_id, project_id, other_project_id, receipt_id,
				month, year, message, status, first_seen, last_seen, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $11, $11, 1)`,
				d.Key, d.Rule, string(d.Severity), d.OrgUnitID, null(d.ProjectID), null(d.OtherProjectID), null(d.ReceiptID), d.Month, d.Year, d.Message, tx.now); err != nil {
				return nil, err
			}
			run.New++
			continue
		}
		status, _ := zhaoshang.NextFinding(old.Status, zhaoshang.FindingFoundAgain)
		if old.Status == zhaoshang.FindingFixed && status != old.Status {
			run.Reopened++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE quality_findings SET severity = $1, message = $2, org_unit_id = $3, month = $4, year = $5,
			status = $6, last_seen = $7, version = version + 1 WHERE id = $8`,
			string(d.Severity), d.Message, d.OrgUnitID, d.Month, d.Year, string(status), tx.now, old.ID); err != nil {
			return nil, err
		}
	}
	for _, f := range have {
		if found[f.Key] {
			continue
		}
		if status, _ := zhaoshang.NextFinding(f.Status, zhaoshang.FindingGone); status != f.Status {
			if _, err := tx.ExecContext(ctx, "UPDATE quality_findings SET status = $1, version = version + 1 WHERE id = $2", string(status), f.ID); err != nil {
				return nil, err
			}
			run.Fixed++
		}
	}
	return run, nil
}

// foundAgain locks the stored finding and says its status once a run has
// found it again (zhaoshang.NextFinding).
func foundAgain(ctx context.Context, tx *Tx, id int64) (zhaoshang.FindingStatus, error) {
	if err := tx.lock("quality_findings", id); err != nil {
		return "", err
	}
	var status string
	if err := tx.QueryRowContext(ctx, "SELECT status FROM quality_findings WHERE id = $1", id).Scan(&status); err != nil {
		return "", err
	}
	next, _ := zhaoshang.NextFinding(zhaoshang.FindingStatus(status), zhaoshang.FindingFoundAgain)
	return next, nil
}

const findingCols = `f.id, f.key, f.rule, f.severity, f.org_unit_id, o.name, f.project_id, p.code, f.other_project_id, f.receipt_id, f.month, f.year,
	f.message, f.status, f.explanation, f.explained_by, f.explained_at, f.first_seen, f.last_seen, f.version`

const findingFrom = ` FROM quality_findings f JOIN org_units o ON o.id = f.org_unit_id LEFT JOIN projects p ON p.id = f.project_id `

func queryFindings(ctx context.Context, q queryer, where string, args ...any) ([]*zhaoshang.Finding, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+findingCols+findingFrom+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Finding
	for rows.Next() {
		var f zhaoshang.Finding
		var project, other, receipt sql.NullInt64
		var code sql.NullString
		var month zhaoshang.Month
		var sev, status string
		var explainedAt sql.NullTime
		if err := rows.Scan(&f.ID, &f.Key, &f.Rule, &sev, &f.OrgUnitID, &f.Unit, &project, &code, &other, &receipt, &month, &f.Year,
			&f.Message, &status, &f.Explanation, &f.ExplainedBy, &explainedAt, &f.FirstSeen, &f.LastSeen, &f.Version); err != nil {
			return nil, err
		}
		f.ProjectID, f.ProjectCode, f.OtherProjectID, f.ReceiptID, f.Month = project.Int64, code.String, other.Int64, receipt.Int64, month
		f.Severity, f.Status, f.ExplainedAt = zhaoshang.Severity(sev), zhaoshang.FindingStatus(status), explainedAt.Time
		if r := quality.Lookup(f.Rule); r != nil {
			f.RuleTitle = r.Title
		}
		out = append(out, &f)
	}
	return out, rows.Err()
}

// runAll runs every rule over every record inside tx.
func runAll(ctx context.Context, tx *Tx) (*zhaoshang.QualityRun, error) {
	tree, err := loadTree(ctx, tx)
	if err != nil {
		return nil, err
	}
	cfg, err := qualityConfig(ctx, tx, tree)
	if err != nil {
		return nil, err
	}
	snap, err := loadSnapshot(ctx, tx, tree, nil, cfg)
	if err != nil {
		return nil, err
	}
	run, err := reconcile(ctx, tx, quality.Run(snap, cfg), "", nil)
	if err != nil {
		return nil, err
	}
	run.Projects, run.Receipts = len(snap.Projects), len(snap.Receipts)
	return run, nil
}

// RunChecks runs every rule over every record (nightly, and on demand by
// the bureau) and records the run in the audit trail.
func (s *QualityService) RunChecks(ctx context.Context) (*zhaoshang.QualityRun, error) {
	var run *zhaoshang.QualityRun
	err := s.db.Write(ctx, zhaoshang.PermReviewApprove, func(tx *Tx) error {
		var err error
		if run, err = runAll(ctx, tx); err != nil {
			return err
		}
		tx.Audit("quality_run", "quality", "all", nil, run,
			fmt.Sprintf("数据质量检查：检查项目%d个、到位资金%d笔，现有问题%d条，新发现%d条，已纠正%d条", run.Projects, run.Receipts, run.Found, run.New, run.Fixed))
		return nil
	})
	return run, err
}

// Findings lists findings within the caller's scope, most serious and
// newest first, with the number of all that match.
func (s *QualityService) Findings(ctx context.Context, f zhaoshang.FindingFilter) ([]*zhaoshang.Finding, int, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, 0, err
	}
	args := []any{}
	conds := []string{scopeCond(p, "f.org_unit_id", "", &args)}
	if f.OrgUnitID != 0 {
		tree, err := loadTree(ctx, s.db.read)
		if err != nil {
			return nil, 0, err
		}
		if ids := tree.SubtreeIDs(f.OrgUnitID); len(ids) > 0 {
			conds = append(conds, "f.org_unit_id IN ("+sqlList(ids, &args)+")")
		} else {
			conds = append(conds, "FALSE")
		}
	}
	add := func(col string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf("%s = $%d", col, len(args)))
	}
	if f.Rule != "" {
		add("f.rule", f.Rule)
	}
	if f.Status != "" {
		add("f.status", string(f.Status))
	}
	if f.Severity != "" {
		add("f.severity", string(f.Severity))
	}
	if f.Year != 0 {
		add("f.year", f.Year)
	}
	if f.ProjectID != 0 {
		args = append(args, f.ProjectID)
		conds = append(conds, fmt.Sprintf("(f.project_id = $%d OR f.other_project_id = $%d)", len(args), len(args)))
	}
	where := " WHERE " + strings.Join(conds, " AND ")
	var total int
	if err := s.db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM quality_findings f"+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	tail := where + ` ORDER BY CASE f.status WHEN 'open' THEN 0 WHEN 'explained' THEN 1 ELSE 2 END,
		CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.last_seen DESC, f.id DESC`
	if f.Limit > 0 {
		tail += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	list, err := queryFindings(ctx, s.db.read, tail, args...)
	return list, total, err
}

// Counts counts the findings of a year (0: every year) by county and rule
// within the caller's scope.
func (s *QualityService) Counts(ctx context.Context, year int) ([]zhaoshang.FindingCount, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	args := []any{}
	where := scopeCond(p, "org_unit_id", "", &args)
	if year != 0 {
		args = append(args, year)
		where += fmt.Sprintf(" AND year = $%d", len(args))
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT org_unit_id, rule,
		SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'explained' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'fixed' THEN 1 ELSE 0 END)
		FROM quality_findings WHERE `+where+` GROUP BY org_unit_id, rule ORDER BY org_unit_id, rule`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []zhaoshang.FindingCount
	for rows.Next() {
		var c zhaoshang.FindingCount
		if err := rows.Scan(&c.OrgUnitID, &c.Rule, &c.Open, &c.Explained, &c.Fixed); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// findingInScope loads a finding the caller may see, locked for a change.
func findingInScope(ctx context.Context, tx *Tx, id, version int64) (*zhaoshang.Finding, error) {
	if err := tx.lock("quality_findings", id); err != nil {
		return nil, err
	}
	list, err := queryFindings(ctx, tx, "WHERE f.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 || !tx.p.SeesUnit(list[0].OrgUnitID) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "问题记录不存在或不在您的数据范围内")
	}
	if list[0].Version != version {
		return nil, zhaoshang.Errorf(zhaoshang.EConflict, "该问题已被他人处理或重新检查，请刷新后重试")
	}
	return list[0], nil
}

type findingAudit struct {
	Rule        string `json:"rule"`
	Unit        string `json:"org"`
	Status      string `json:"status"`
	Explanation string `json:"explanation,omitempty"`
}

// Explain records the county's explanation of why the data are right.
func (s *QualityService) Explain(ctx context.Context, id, version int64, explanation string) (*zhaoshang.Finding, error) {
	explanation = strings.TrimSpace(explanation)
	if explanation == "" {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "explanation", "请填写情况说明：为什么这条数据是真实准确的")
	}
	return s.setStatus(ctx, zhaoshang.FindingExplain, id, version, explanation)
}

// Reopen sends an explanation back: the finding is open again.
func (s *QualityService) Reopen(ctx context.Context, id, version int64, reason string) (*zhaoshang.Finding, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "reason", "请填写不认可说明的理由")
	}
	return s.setStatus(ctx, zhaoshang.FindingSendBack, id, version, "不认可说明："+reason)
}

// setStatus takes a person's step on a finding (zhaoshang.NextFinding),
// with the step's permission, keeping text as its explanation.
func (s *QualityService) setStatus(ctx context.Context, a zhaoshang.FindingAction, id, version int64, text string) (*zhaoshang.Finding, error) {
	var out *zhaoshang.Finding
	err := s.db.Write(ctx, a.Permission(), func(tx *Tx) error {
		f, err := findingInScope(ctx, tx, id, version)
		if err != nil {
			return err
		}
		to, err := zhaoshang.NextFinding(f.Status, a)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE quality_findings SET status = $1, explanation = $2, explained_by = $3, explained_at = $4,
			version = version + 1 WHERE id = $5`, string(to), text, tx.p.Username, tx.now, id); err != nil {
			return err
		}
		after := *f
		after.Status, after.Explanation, after.ExplainedBy, after.ExplainedAt, after.Version = to, text, tx.p.Username, tx.now, f.Version+1
		tx.Audit(zhaoshang.ActUpdate, "quality_finding", id, findingAudit{f.Rule, f.Unit, f.Status.Label(), f.Explanation},
			findingAudit{f.Rule, f.Unit, to.Label(), text}, f.Unit+"："+f.RuleTitle)
		out = &after
		return nil
	})
	return out, err
}
