package sqldb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

var _ zhaoshang.TargetService = (*TargetService)(nil)

// TargetService keeps the annual targets (目标任务) of the indicators.
// Targets are read within the caller's data scope; each change is audited
// with the target's before and after, and an import is one transaction with
// one more entry that names the file's SHA-256.
type TargetService struct{ db *DB }

func NewTargetService(db *DB) *TargetService { return &TargetService{db: db} }

const targetCols = `id, year, org_unit_id, indicator, value, version, created_at, updated_at`

func scanTarget(row interface{ Scan(...any) error }) (*zhaoshang.Target, error) {
	var t zhaoshang.Target
	if err := row.Scan(&t.ID, &t.Year, &t.OrgUnitID, &t.Indicator, &t.Value, &t.Version, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, err
	}
	return &t, nil
}

func queryTargets(ctx context.Context, q queryer, tail string, args ...any) ([]*zhaoshang.Target, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+targetCols+" FROM targets "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Target
	for rows.Next() {
		t, err := scanTarget(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// targetAudit is what the trail keeps of a target.
type targetAudit struct {
	Year      int    `json:"year"`
	OrgUnitID int64  `json:"org_unit_id"`
	Org       string `json:"org"`
	Indicator string `json:"indicator"`
	Value     int64  `json:"value"`
}

func auditTarget(t *zhaoshang.Target, tree *zhaoshang.OrgTree) targetAudit {
	a := targetAudit{Year: t.Year, OrgUnitID: t.OrgUnitID, Indicator: t.Indicator, Value: t.Value}
	if u := tree.ByID(t.OrgUnitID); u != nil {
		a.Org = u.Name
	}
	return a
}

// targetKinds are the units that take targets of these indicators.
var targetKinds = []zhaoshang.OrgKind{zhaoshang.OrgProvince, zhaoshang.OrgPrefecture, zhaoshang.OrgCounty}

// lookupTarget resolves an indicator given by code or name that may take a
// target.
func lookupTarget(codeOrName string) (*indicator.Definition, error) {
	def := indicator.Lookup(codeOrName)
	if def == nil {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "indicator", "未知指标“%s”：请填写指标代码或中文名称", strings.TrimSpace(codeOrName))
	}
	if !def.Targetable() {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "indicator", "“%s”是比率指标，由其他指标计算得出，不设目标值", def.Name)
	}
	return def, nil
}

// targetValue reads a target as written in the indicator's ledger unit: a
// whole number for 个/家, 万元 for money (returned in 元).
func targetValue(def *indicator.Definition, s string) (int64, error) {
	s = strings.TrimSpace(zhaoshang.FoldWidth(s))
	m, ok := zhaoshang.ParseWan(s)
	switch {
	case !ok && def.Kind == indicator.KindMoney:
		return 0, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "value", "目标值应为以万元为单位的数字，最多4位小数")
	case !ok:
		return 0, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "value", "目标值应为整数（%s）", def.Unit)
	case m < 0:
		return 0, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "value", "目标值不能为负数")
	case def.Kind == indicator.KindMoney:
		return int64(m), nil
	case m%zhaoshang.Wan != 0:
		return 0, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "value", "“%s”的目标值应为整数（%s）", def.Name, def.Unit)
	}
	return int64(m / zhaoshang.Wan), nil
}

// formatTarget writes a target in the ledger unit (the inverse of targetValue).
func formatTarget(def *indicator.Definition, v int64) string {
	if def != nil && def.Kind == indicator.KindMoney {
		return zhaoshang.Money(v).WanString()
	}
	return strconv.FormatInt(v, 10)
}

// checkTarget checks one input against the tree and the caller's scope and
// returns the target it asks for (without id or version).
func checkTarget(p *zhaoshang.Principal, tree *zhaoshang.OrgTree, in zhaoshang.TargetInput) (*zhaoshang.Target, error) {
	if in.Year < 2000 || in.Year > 2100 {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "year", "年度应为2000至2100之间的四位年份")
	}
	u := tree.ByID(in.OrgUnitID)
	if u == nil || !p.SeesUnit(u.ID) {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "单位不存在或不在您的数据范围内")
	}
	if !slices.Contains(targetKinds, u.Kind) {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "“%s”不是州（市）或县（市），不能下达这些指标的目标任务", u.Name)
	}
	def, err := lookupTarget(in.Indicator)
	if err != nil {
		return nil, err
	}
	v, err := targetValue(def, in.Value)
	if err != nil {
		return nil, err
	}
	return &zhaoshang.Target{Year: in.Year, OrgUnitID: u.ID, Indicator: def.Code, Value: v}, nil
}

// checkActive refuses a new or changed target for a unit no longer in use;
// an unchanged one (a re-imported export of past years) passes.
func checkActive(tree *zhaoshang.OrgTree, existing, want *zhaoshang.Target) error {
	if u := tree.ByID(want.OrgUnitID); u != nil && !u.Active && (existing == nil || existing.Value != want.Value) {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "“%s”已停用，不能下达或修改目标任务", u.Name)
	}
	return nil
}

// saveTarget writes want over existing (nil: a new target) inside tx and
// audits it; it reports whether anything changed.
func saveTarget(ctx context.Context, tx *Tx, tree *zhaoshang.OrgTree, existing, want *zhaoshang.Target, note string) (*zhaoshang.Target, bool, error) {
	if existing == nil {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO targets (year, org_unit_id, indicator, value, created_by, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id`, want.Year, want.OrgUnitID, want.Indicator, want.Value, nullInt(tx.p.UserID), tx.now).Scan(&id)
		if tx.db.dialect.isUniqueViolation(err) {
			return nil, false, zhaoshang.Errorf(zhaoshang.EConflict, "该单位该年度的这项目标已由他人设定，请刷新后重试")
		}
		if err != nil {
			return nil, false, err
		}
		t := *want
		t.ID, t.Version, t.CreatedAt, t.UpdatedAt = id, 1, tx.now, tx.now
		tx.Audit(zhaoshang.ActCreate, "target", id, nil, auditTarget(&t, tree), note)
		return &t, true, nil
	}
	if existing.Value == want.Value {
		return existing, false, nil
	}
	res, err := tx.ExecContext(ctx, "UPDATE targets SET value = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4", want.Value, tx.now, existing.ID, existing.Version)
	if err != nil {
		return nil, false, err
	}
	if n, _ := res.RowsAffected(); n != 1 { // changed by someone else since it was read
		return nil, false, staleError(ctx, tx, "target", existing.ID)
	}
	t := *existing
	t.Value, t.Version, t.UpdatedAt = want.Value, existing.Version+1, tx.now
	tx.Audit(zhaoshang.ActUpdate, "target", existing.ID, auditTarget(existing, tree), auditTarget(&t, tree), note)
	return &t, true, nil
}

// errUnchanged ends a write that found nothing to change.
var errUnchanged = errors.New("unchanged")

// SetTarget creates a target (version 0) or changes the one read at version.
func (s *TargetService) SetTarget(ctx context.Context, in zhaoshang.TargetInput, version int64) (*zhaoshang.Target, error) {
	var out *zhaoshang.Target
	err := s.db.Write(ctx, zhaoshang.PermTargetEdit, func(tx *Tx) error {
		tree, err := loadTree(ctx, tx)
		if err != nil {
			return err
		}
		want, err := checkTarget(tx.p, tree, in)
		if err != nil {
			return err
		}
		cur, err := queryTargets(ctx, tx, "WHERE year = $1 AND org_unit_id = $2 AND indicator = $3", want.Year, want.OrgUnitID, want.Indicator)
		if err != nil {
			return err
		}
		var existing *zhaoshang.Target
		if len(cur) > 0 {
			existing = cur[0]
			if existing.Version != version {
				return staleError(ctx, tx, "target", existing.ID)
			}
		} else if version != 0 {
			return zhaoshang.Errorf(zhaoshang.EConflict, "该目标已不存在，请刷新后重试")
		}
		if err := checkActive(tree, existing, want); err != nil {
			return err
		}
		t, changed, err := saveTarget(ctx, tx, tree, existing, want, "")
		if err != nil {
			return err
		}
		out = t
		if !changed {
			return errUnchanged
		}
		return nil
	})
	if errors.Is(err, errUnchanged) {
		return out, nil
	}
	return out, err
}

// readTargets authorises a reading of targets.
func readTargets(ctx context.Context) (*zhaoshang.Principal, error) {
	return zhaoshang.AuthorizeAny(ctx, zhaoshang.PermReportView, zhaoshang.PermTargetEdit)
}

// sortTargets puts targets in the order of the tree, then of the indicators.
func sortTargets(list []*zhaoshang.Target, tree *zhaoshang.OrgTree) {
	pos := map[int64]int{}
	for i, u := range tree.Units {
		pos[u.ID] = i
	}
	ind := map[string]int{}
	for i, d := range indicator.Definitions {
		ind[d.Code] = i
	}
	slices.SortStableFunc(list, func(a, b *zhaoshang.Target) int {
		switch {
		case a.Year != b.Year:
			return a.Year - b.Year
		case pos[a.OrgUnitID] != pos[b.OrgUnitID]:
			return pos[a.OrgUnitID] - pos[b.OrgUnitID]
		}
		return ind[a.Indicator] - ind[b.Indicator]
	})
}

// Targets lists a year's targets of the units in scope, in tree order.
func (s *TargetService) Targets(ctx context.Context, year int) ([]*zhaoshang.Target, error) {
	p, err := readTargets(ctx)
	if err != nil {
		return nil, err
	}
	args := []any{year}
	list, err := queryTargets(ctx, s.db.read, "WHERE year = $1 AND "+scopeCond(p, "org_unit_id", "", &args), args...)
	if err != nil {
		return nil, err
	}
	tree, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	sortTargets(list, tree)
	return list, nil
}

// Decomposition splits a unit's target (unitID 0: the root) over its
// counties, or the prefectures of a province: each part's target, their
// sum, and the gap between the unit's target and the sum.
func (s *TargetService) Decomposition(ctx context.Context, year int, ind string, unitID int64) (*zhaoshang.Decomposition, error) {
	p, err := readTargets(ctx)
	if err != nil {
		return nil, err
	}
	def, err := lookupTarget(ind)
	if err != nil {
		return nil, err
	}
	tree, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	if unitID == 0 && len(tree.Roots()) > 0 {
		unitID = tree.Roots()[0].ID
	}
	unit := tree.ByID(unitID)
	if unit == nil || !p.SeesUnit(unitID) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在或不在您的数据范围内")
	}
	d := &zhaoshang.Decomposition{Year: year, Indicator: def.Code, OrgUnitID: unitID}
	ids := []int64{unitID}
	for _, c := range tree.Children(unitID) {
		if c.Active && (c.Kind == zhaoshang.OrgCounty || c.Kind == zhaoshang.OrgPrefecture) && p.SeesUnit(c.ID) {
			d.Parts = append(d.Parts, zhaoshang.TargetPart{OrgUnitID: c.ID, Name: c.Name})
			ids = append(ids, c.ID)
		}
	}
	args := []any{year, def.Code}
	list, err := queryTargets(ctx, s.db.read, "WHERE year = $1 AND indicator = $2 AND org_unit_id IN ("+sqlList(ids, &args)+")", args...)
	if err != nil {
		return nil, err
	}
	byUnit := map[int64]int64{}
	for _, t := range list {
		byUnit[t.OrgUnitID] = t.Value
	}
	if v, ok := byUnit[unitID]; ok {
		d.Target = &v
	}
	for i := range d.Parts {
		if v, ok := byUnit[d.Parts[i].OrgUnitID]; ok {
			d.Parts[i].Target = &v
			d.Sum += v
		}
	}
	if d.Target != nil {
		gap := *d.Target - d.Sum
		d.Gap = &gap
	}
	return d, nil
}

// targetProblem records a checked input's refusal as the problem of its row
// (any other error is returned).
func targetProblem(probs *rowProblems, in zhaoshang.TargetInput, err error, tree *zhaoshang.OrgTree) error {
	col, val := "", ""
	if e := zhaoshang.AsError(err); e != nil {
		switch e.Field {
		case "year":
			col, val = "年度", strconv.Itoa(in.Year)
		case "org":
			col = "单位"
			if u := tree.ByID(in.OrgUnitID); u != nil {
				val = u.Name
			}
		case "indicator":
			col, val = "指标", in.Indicator
		case "value":
			col, val = "目标值", in.Value
		}
	}
	return probs.add(in.Row, col, val, err)
}

// ImportTargets loads a checked 目标任务 file in one transaction: every row
// is checked first (a known indicator that takes a target, a value in its
// unit, a prefecture or county in scope and in use, no row twice) and any
// wrong row refuses the whole file. A row upserts by (year, unit, indicator).
func (s *TargetService) ImportTargets(ctx context.Context, rows []zhaoshang.TargetInput, sha string, dry bool) (*zhaoshang.ImportResult, error) {
	res := &zhaoshang.ImportResult{SHA256: sha}
	err := s.db.Write(ctx, zhaoshang.PermTargetEdit, func(tx *Tx) error {
		tree, err := loadTree(ctx, tx)
		if err != nil {
			return err
		}
		var probs rowProblems
		wants := make([]*zhaoshang.Target, len(rows))
		seen := map[string]int{}
		years := map[int]bool{}
		for i, in := range rows {
			want, err := checkTarget(tx.p, tree, in)
			if err != nil {
				if zhaoshang.AsError(err) == nil {
					return err
				}
				if err := targetProblem(&probs, in, err, tree); err != nil {
					return err
				}
				continue
			}
			k := fmt.Sprintf("%d/%d/%s", want.Year, want.OrgUnitID, want.Indicator)
			if first, dup := seen[k]; dup {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Column: "指标", Value: in.Indicator, Reason: "与第%d行重复（年度、单位、指标均相同）", Args: []any{first}})
				continue
			}
			seen[k] = in.Row
			wants[i] = want
			years[want.Year] = true
		}
		if len(probs) > 0 {
			return &zhaoshang.ImportRefused{Problems: probs}
		}
		existing := map[string]*zhaoshang.Target{}
		for y := range years {
			list, err := queryTargets(ctx, tx, "WHERE year = $1", y)
			if err != nil {
				return err
			}
			for _, t := range list {
				existing[fmt.Sprintf("%d/%d/%s", t.Year, t.OrgUnitID, t.Indicator)] = t
			}
		}
		for i, want := range wants {
			if err := checkActive(tree, existing[fmt.Sprintf("%d/%d/%s", want.Year, want.OrgUnitID, want.Indicator)], want); err != nil {
				if err := targetProblem(&probs, rows[i], err, tree); err != nil {
					return err
				}
			}
		}
		if len(probs) > 0 {
			return &zhaoshang.ImportRefused{Problems: probs}
		}
		for _, want := range wants {
			old := existing[fmt.Sprintf("%d/%d/%s", want.Year, want.OrgUnitID, want.Indicator)]
			_, changed, err := saveTarget(ctx, tx, tree, old, want, "导入")
			switch {
			case err != nil:
				return err
			case !changed:
				res.Unchanged++
			case old == nil:
				res.Created++
			default:
				res.Updated++
			}
		}
		tx.Audit(zhaoshang.ActImport, "target_ledger", sha, nil, map[string]any{"rows": len(rows), "created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged, "sha256": sha},
			fmt.Sprintf("导入目标任务%d行：新增%d、更新%d、未变%d", len(rows), res.Created, res.Updated, res.Unchanged))
		if dry {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// ExportTargets lists the targets of a year (0: every year) in scope as
// file rows: the indicator by its Chinese name, the value in its ledger
// unit. The export is audited.
func (s *TargetService) ExportTargets(ctx context.Context, year int) ([]zhaoshang.TargetInput, error) {
	p, err := readTargets(ctx)
	if err != nil {
		return nil, err
	}
	args := []any{}
	where := scopeCond(p, "org_unit_id", "", &args)
	if year != 0 {
		args = append(args, year)
		where += fmt.Sprintf(" AND year = $%d", len(args))
	}
	list, err := queryTargets(ctx, s.db.read, "WHERE "+where, args...)
	if err != nil {
		return nil, err
	}
	tree, err := loadTree(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	sortTargets(list, tree)
	out := make([]zhaoshang.TargetInput, len(list))
	for i, t := range list {
		name := t.Indicator
		def := indicator.Lookup(t.Indicator)
		if def != nil {
			name = def.Name
		}
		out[i] = zhaoshang.TargetInput{Row: i + 2, Year: t.Year, OrgUnitID: t.OrgUnitID, Indicator: name, Value: formatTarget(def, t.Value)}
	}
	perm := zhaoshang.PermReportView
	if !p.Can(perm) {
		perm = zhaoshang.PermTargetEdit
	}
	err = s.db.Write(ctx, perm, func(tx *Tx) error {
		tx.Audit(zhaoshang.ActExport, "target_ledger", "*", nil, map[string]any{"rows": len(out), "year": year}, fmt.Sprintf("导出目标任务%d行", len(out)))
		return nil
	})
	return out, err
}

// TargetYears lists the years that have targets in scope, newest first.
func (s *TargetService) TargetYears(ctx context.Context) ([]int, error) {
	p, err := readTargets(ctx)
	if err != nil {
		return nil, err
	}
	var args []any
	rows, err := s.db.read.QueryContext(ctx, "SELECT DISTINCT year FROM targets WHERE "+scopeCond(p, "org_unit_id", "", &args)+" ORDER BY year DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}
