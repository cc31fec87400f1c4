package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"zhaoshang"
	"zhaoshang/pinyin"
)

var _ zhaoshang.ProjectService = (*ProjectService)(nil)

// ProjectService keeps the project ledger, receipts and attachments. Every
// read is limited by scopeCond to the caller's units (or, for 仅本人, to
// what they created); every change goes through DB.Write.
type ProjectService struct{ db *DB }

func NewProjectService(db *DB) *ProjectService { return &ProjectService{db: db} }

// projectSelect reads projects as p with their enterprise's credit code;
// callers append a tail that names columns as p.….
const projectSelect = `SELECT p.id, p.code, p.name, p.org_unit_id, p.enterprise_id, p.investor_name, e.credit_code,
	p.area, p.industry, p.key_industry, p.industrial, p.investor_region, p.contract_investment, p.total_investment,
	p.signed_on, p.started_on, p.producing_on, p.effective_on, p.responsible_unit, p.note, p.voided, p.void_reason,
	p.created_by, p.version, p.created_at, p.updated_at
	FROM projects p LEFT JOIN enterprises e ON e.id = p.enterprise_id `

func scanProject(row interface{ Scan(...any) error }) (*zhaoshang.Project, error) {
	var p zhaoshang.Project
	var area string
	var createdBy sql.NullInt64
	var code sql.NullString
	if err := row.Scan(&p.ID, &p.Code, &p.Name, &p.OrgUnitID, &p.EnterpriseID, &p.InvestorName, &code,
		&area, &p.Industry, &p.Key, &p.Industrial, &p.InvestorRegion, &p.ContractInvestment, &p.TotalInvestment,
		&p.SignedOn, &p.StartedOn, &p.ProducingOn, &p.EffectiveOn, &p.ResponsibleUnit, &p.Note, &p.Voided, &p.VoidReason,
		&createdBy, &p.Version, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.Area, p.CreatedBy, p.CreditCode = zhaoshang.Area(area), createdBy.Int64, code.String
	return &p, nil
}

func queryProjects(ctx context.Context, q queryer, tail string, args ...any) ([]*zhaoshang.Project, error) {
	rows, err := q.QueryContext(ctx, projectSelect+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// projectInScope loads a project the caller may see, or answers "not found".
func projectInScope(ctx context.Context, q queryer, p *zhaoshang.Principal, id int64) (*zhaoshang.Project, error) {
	ps, err := queryProjects(ctx, q, "WHERE p.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "项目不存在")
	}
	if err := notFoundUnlessSees(p, ps[0].OrgUnitID, ps[0].CreatedBy, "项目不存在"); err != nil {
		return nil, err
	}
	return ps[0], nil
}

// projectWhere turns a filter into a WHERE clause, scope first.
func (s *ProjectService) projectWhere(ctx context.Context, p *zhaoshang.Principal, f zhaoshang.ProjectFilter, args *[]any) (string, error) {
	where := []string{scopeCond(p, "p.org_unit_id", "p.created_by", args)}
	add := func(cond string, v any) {
		*args = append(*args, v)
		where = append(where, fmt.Sprintf(cond, len(*args)))
	}
	if f.Voided {
		where = append(where, "p.voided")
	} else {
		where = append(where, "NOT p.voided")
	}
	if f.OrgUnitID != 0 {
		tree, err := loadTree(ctx, s.db.read)
		if err != nil {
			return "", err
		}
		var ids []int64
		for _, u := range tree.Subtree(f.OrgUnitID) {
			ids = append(ids, u.ID)
		}
		if len(ids) == 0 {
			where = append(where, "FALSE")
		} else {
			where = append(where, "p.org_unit_id IN ("+sqlList(ids, args)+")")
		}
	}
	if r, ok := zhaoshang.StageRuleOf(f.Stage); ok {
		where = append(where, stageCond(r))
	}
	if f.Area != "" {
		add("p.area = $%d", string(f.Area))
	}
	if f.Industry != "" {
		add("p.industry LIKE $%d", "%"+f.Industry+"%")
	}
	if f.Key != nil {
		add("p.key_industry = $%d", *f.Key)
	}
	if f.Industrial != nil {
		add("p.industrial = $%d", *f.Industrial)
	}
	if !f.SignedFrom.IsZero() {
		add("p.signed_on >= $%d", f.SignedFrom)
	}
	if !f.SignedTo.IsZero() {
		add("p.signed_on <= $%d", f.SignedTo)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		add("p.search_key LIKE $%d", "%"+q+"%")
	}
	return strings.Join(where, " AND "), nil
}

// stageDateCols are the columns of the stage dates.
var stageDateCols = map[zhaoshang.Stage]string{zhaoshang.StageSigned: "p.signed_on", zhaoshang.StageStarted: "p.started_on",
	zhaoshang.StageProducing: "p.producing_on", zhaoshang.StageEffective: "p.effective_on"}

// stageCond writes the domain's rule of a stage (zhaoshang.StageRule) as a
// condition on the date columns: the date it has is given, those it lacks
// are not.
func stageCond(r zhaoshang.StageRule) string {
	var conds []string
	if r.Has != "" {
		conds = append(conds, stageDateCols[r.Has]+" IS NOT NULL")
	}
	for _, l := range r.Lacks {
		conds = append(conds, stageDateCols[l]+" IS NULL")
	}
	if len(conds) == 0 {
		return "TRUE"
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}

var projectSorts = map[string]string{
	"code": "p.code", "name": "p.name", "signed_on": "p.signed_on", "contract_investment": "p.contract_investment",
	"org": "p.org_unit_id", "area": "p.area", "updated_at": "p.updated_at",
}

func orderBy(sort string) string {
	desc := strings.HasPrefix(sort, "-")
	col, ok := projectSorts[strings.TrimPrefix(sort, "-")]
	if !ok {
		return "p.signed_on DESC, p.code"
	}
	if desc {
		return col + " DESC, p.code"
	}
	return col + ", p.code"
}

// Projects lists one page of the filtered projects with the totals of all
// of them: count, contract investment and live receipts.
func (s *ProjectService) Projects(ctx context.Context, f zhaoshang.ProjectFilter) ([]*zhaoshang.Project, zhaoshang.ProjectTotals, error) {
	var tot zhaoshang.ProjectTotals
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, tot, err
	}
	var args []any
	where, err := s.projectWhere(ctx, p, f, &args)
	if err != nil {
		return nil, tot, err
	}
	err = s.db.read.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(p.contract_investment), 0),
		COALESCE(SUM((SELECT SUM(r.amount) FROM fund_receipts r WHERE r.project_id = p.id AND NOT r.voided)), 0)
		FROM projects p WHERE `+where, args...).Scan(&tot.Count, &tot.ContractInvestment, &tot.Receipts)
	if err != nil {
		return nil, tot, err
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	args = append(args, limit, max(f.Offset, 0))
	list, err := queryProjects(ctx, s.db.read, fmt.Sprintf("WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d", where, orderBy(f.Sort), len(args)-1, len(args)), args...)
	return list, tot, err
}

// Project returns one project within the caller's scope.
func (s *ProjectService) Project(ctx context.Context, id int64) (*zhaoshang.Project, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	return projectInScope(ctx, s.db.read, p, id)
}

func (s *ProjectService) today() zhaoshang.Date { return zhaoshang.DateOf(s.db.now()) }

// checkCounty says whether projects may be kept for the unit: a county the
// caller reaches, still in use.
func checkCounty(ctx context.Context, tx *Tx, id int64) error {
	u, err := getOrg(ctx, tx, id)
	if err != nil || !tx.p.SeesUnit(id) {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "县市不存在或不在您的数据范围内")
	}
	if u.Kind != zhaoshang.OrgCounty {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "“%s”不是县市，项目须归属某个县市", u.Name)
	}
	if !u.Active {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "org", "“%s”已停用，不能新增或调入项目", u.Name)
	}
	return nil
}

// resolveEnterprise finds the investor by credit code, else by normalised
// name, or creates it; a ledger's 优强企业=是 adds the tag to an enterprise
// not yet strong. That makes it count as 优强 wherever it invests, so it is
// an edit of the shared record (MayEditEnterprise) and may not alter a
// locked month (checkStrongLock). A missing credit code is filled in: it
// changes no figure and helps the duplicate check.
func resolveEnterprise(ctx context.Context, tx *Tx, in zhaoshang.ProjectInput) (int64, error) {
	dup, _, err := duplicateOf(ctx, tx, in.Investor, in.CreditCode, 0)
	if err != nil {
		return 0, err
	}
	var tags []string
	if in.Strong {
		tags = []string{"优强企业"}
	}
	if dup == nil {
		e, err := insertEnterprise(ctx, tx, zhaoshang.EnterpriseInput{Name: in.Investor, CreditCode: in.CreditCode, HomeRegion: in.InvestorRegion, Tags: tags}, "随项目录入")
		if err != nil {
			return 0, err
		}
		return e.ID, nil
	}
	changed := false
	after := *dup
	if dup.CreditCode == "" && in.CreditCode != "" {
		after.CreditCode, changed = in.CreditCode, true
	}
	if in.Strong && !dup.Strong {
		if err := mayEditEnterprise(ctx, tx, dup); err != nil {
			return 0, zhaoshang.FieldErrorf(zhaoshang.EForbidden, "strong", "企业“%s”在您的数据范围以外也有项目，是否计为优强企业须由州局在企业库中认定", dup.Name)
		}
		if err := checkStrongLock(ctx, tx, []int64{dup.ID}); err != nil {
			return 0, err
		}
		after.Tags, changed = append(append([]string{}, dup.Tags...), "优强企业"), true
	}
	if changed {
		if _, err := tx.ExecContext(ctx, "UPDATE enterprises SET credit_code = $1, tags = $2, search_key = $3, version = version + 1, updated_at = $4 WHERE id = $5",
			after.CreditCode, jsonText(after.Tags), enterpriseSearchKey(after.Name, after.CreditCode), tx.now, dup.ID); err != nil {
			return 0, err
		}
		tx.Audit(zhaoshang.ActUpdate, "enterprise", dup.ID, auditEnterprise(dup), auditEnterprise(&after), "随项目录入补充")
	}
	return dup.ID, nil
}

func projectSearchKey(in zhaoshang.ProjectInput) string {
	return strings.ToLower(in.Code + " " + in.Name + " " + in.Investor + " " + pinyin.Key(in.Name) + " " + pinyin.Key(in.Investor))
}

// projectAudit is what the trail keeps of a project: its ledger fields.
func projectAudit(p *zhaoshang.Project) zhaoshang.ProjectInput {
	return inputOf(p)
}

func inputOf(p *zhaoshang.Project) zhaoshang.ProjectInput {
	return zhaoshang.ProjectInput{Code: p.Code, Name: p.Name, OrgUnitID: p.OrgUnitID, Investor: p.InvestorName, CreditCode: p.CreditCode,
		Area: p.Area, Industry: p.Industry, Key: p.Key, Industrial: p.Industrial, InvestorRegion: p.InvestorRegion,
		ContractInvestment: p.ContractInvestment, TotalInvestment: p.TotalInvestment, SignedOn: p.SignedOn, StartedOn: p.StartedOn,
		ProducingOn: p.ProducingOn, EffectiveOn: p.EffectiveOn, ResponsibleUnit: p.ResponsibleUnit, Note: p.Note}
}

// stageDates pairs each stage with its date in the input.
func stageDates(in zhaoshang.ProjectInput) map[zhaoshang.Stage]zhaoshang.Date {
	return map[zhaoshang.Stage]zhaoshang.Date{zhaoshang.StageSigned: in.SignedOn, zhaoshang.StageStarted: in.StartedOn,
		zhaoshang.StageProducing: in.ProducingOn, zhaoshang.StageEffective: in.EffectiveOn}
}

func stagesChanged(a, b zhaoshang.ProjectInput) bool {
	return a.SignedOn != b.SignedOn || a.StartedOn != b.StartedOn || a.ProducingOn != b.ProducingOn || a.EffectiveOn != b.EffectiveOn
}

// projectMonths are the county-months a change of a project touches
// (before is nil for a new project): its ledger data belong to the month
// of its signing date, each later stage to the month of its own date; the
// note belongs to none. See checkOpen.
func projectMonths(before *zhaoshang.Project, in zhaoshang.ProjectInput) []countyMonth {
	var out []countyMonth
	if before == nil {
		for _, d := range []zhaoshang.Date{in.SignedOn, in.StartedOn, in.ProducingOn, in.EffectiveOn} {
			out = append(out, countyMonth{in.OrgUnitID, d.Month()})
		}
		return out
	}
	old := inputOf(before)
	base := func(x zhaoshang.ProjectInput) zhaoshang.ProjectInput {
		x.Row, x.Strong, x.Note, x.StartedOn, x.ProducingOn, x.EffectiveOn = 0, false, "", zhaoshang.Date{}, zhaoshang.Date{}, zhaoshang.Date{}
		return x
	}
	if base(old) != base(in) {
		out = append(out, countyMonth{old.OrgUnitID, old.SignedOn.Month()}, countyMonth{in.OrgUnitID, in.SignedOn.Month()})
	}
	for _, pair := range [][2]zhaoshang.Date{{old.StartedOn, in.StartedOn}, {old.ProducingOn, in.ProducingOn}, {old.EffectiveOn, in.EffectiveOn}} {
		if pair[0] != pair[1] || old.OrgUnitID != in.OrgUnitID {
			out = append(out, countyMonth{old.OrgUnitID, pair[0].Month()}, countyMonth{in.OrgUnitID, pair[1].Month()})
		}
	}
	return out
}

// recordStages writes a timeline entry for each stage date that is new or moved.
func recordStages(ctx context.Context, tx *Tx, projectID int64, before, after zhaoshang.ProjectInput, note string) error {
	b, a := stageDates(before), stageDates(after)
	for _, st := range zhaoshang.Stages()[1:] {
		if a[st] != b[st] && !a[st].IsZero() {
			if _, err := tx.ExecContext(ctx, "INSERT INTO project_stages (project_id, stage, on_date, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
				projectID, string(st), a[st], note, nullInt(tx.p.UserID), tx.now); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertProject adds a checked project inside tx.
func insertProject(ctx context.Context, tx *Tx, in zhaoshang.ProjectInput, note string) (*zhaoshang.Project, error) {
	if err := tx.checkCeiling(in); err != nil {
		return nil, err
	}
	if err := checkOpen(ctx, tx, projectMonths(nil, in)...); err != nil {
		return nil, err
	}
	entID, err := resolveEnterprise(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO projects (code, name, org_unit_id, enterprise_id, investor_name, area, industry, key_industry, industrial,
		investor_region, contract_investment, total_investment, signed_on, started_on, producing_on, effective_on, responsible_unit, note,
		search_key, created_by, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1, $21, $21) RETURNING id`,
		in.Code, in.Name, in.OrgUnitID, entID, in.Investor, string(in.Area), in.Industry, in.Key, in.Industrial, in.InvestorRegion,
		in.ContractInvestment, in.TotalInvestment, in.SignedOn, in.StartedOn, in.ProducingOn, in.EffectiveOn, in.ResponsibleUnit, in.Note,
		projectSearchKey(in), nullInt(tx.p.UserID), tx.now).Scan(&id)
	if tx.db.dialect.isUniqueViolation(err) {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EConflict, "code", "项目编号“%s”已存在", in.Code)
	}
	if err != nil {
		return nil, err
	}
	if err := recordStages(ctx, tx, id, zhaoshang.ProjectInput{}, in, note); err != nil {
		return nil, err
	}
	p, err := projectInScope(ctx, tx, zhaoshang.SystemPrincipal, id)
	if err != nil {
		return nil, err
	}
	tx.Audit(zhaoshang.ActCreate, "project", id, nil, projectAudit(p), note)
	tx.touch(id)
	return p, nil
}

// CreateProject adds a project to a county's ledger.
func (s *ProjectService) CreateProject(ctx context.Context, in zhaoshang.ProjectInput) (*zhaoshang.Project, error) {
	in.Normalize()
	if err := in.Validate(s.today()); err != nil {
		return nil, err
	}
	var out *zhaoshang.Project
	err := s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		if err := checkCounty(ctx, tx, in.OrgUnitID); err != nil {
			return err
		}
		var err error
		out, err = insertProject(ctx, tx, in, "新建项目")
		return err
	})
	return out, err
}

// updateProject changes a checked project inside tx; a changed stage date
// needs a note.
func updateProject(ctx context.Context, tx *Tx, before *zhaoshang.Project, in zhaoshang.ProjectInput, stageNote, auditNote string) (*zhaoshang.Project, error) {
	old := inputOf(before)
	tx.markCells(before)
	if err := tx.checkCeiling(in); err != nil {
		return nil, err
	}
	if stagesChanged(old, in) && strings.TrimSpace(stageNote) == "" {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "stage_note", "阶段日期有变化，请简要说明变更情况")
	}
	if in.OrgUnitID != before.OrgUnitID {
		if err := checkCounty(ctx, tx, in.OrgUnitID); err != nil {
			return nil, err
		}
	}
	touched := projectMonths(before, in)
	if in.OrgUnitID != before.OrgUnitID { // its receipts move with it
		ms, err := receiptMonths(ctx, tx, before.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			touched = append(touched, countyMonth{before.OrgUnitID, m}, countyMonth{in.OrgUnitID, m})
		}
	}
	if err := checkOpen(ctx, tx, touched...); err != nil {
		return nil, err
	}
	entID, err := resolveEnterprise(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE projects SET code = $1, name = $2, org_unit_id = $3, enterprise_id = $4, investor_name = $5, area = $6, industry = $7,
		key_industry = $8, industrial = $9, investor_region = $10, contract_investment = $11, total_investment = $12, signed_on = $13, started_on = $14,
		producing_on = $15, effective_on = $16, responsible_unit = $17, note = $18, search_key = $19, version = version + 1, updated_at = $20 WHERE id = $21`,
		in.Code, in.Name, in.OrgUnitID, entID, in.Investor, string(in.Area), in.Industry, in.Key, in.Industrial, in.InvestorRegion,
		in.ContractInvestment, in.TotalInvestment, in.SignedOn, in.StartedOn, in.ProducingOn, in.EffectiveOn, in.ResponsibleUnit, in.Note,
		projectSearchKey(in), tx.now, before.ID)
	if tx.db.dialect.isUniqueViolation(err) {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EConflict, "code", "项目编号“%s”已存在", in.Code)
	}
	if err != nil {
		return nil, err
	}
	if in.OrgUnitID != before.OrgUnitID {
		if _, err := tx.ExecContext(ctx, "UPDATE fund_receipts SET org_unit_id = $1 WHERE project_id = $2", in.OrgUnitID, before.ID); err != nil {
			return nil, err
		}
	}
	if err := recordStages(ctx, tx, before.ID, old, in, stageNote); err != nil {
		return nil, err
	}
	after, err := projectInScope(ctx, tx, zhaoshang.SystemPrincipal, before.ID)
	if err != nil {
		return nil, err
	}
	tx.Audit(zhaoshang.ActUpdate, "project", before.ID, projectAudit(before), projectAudit(after), auditNote)
	tx.touch(before.ID)
	return after, nil
}

// UpdateProject saves a changed project read at version.
func (s *ProjectService) UpdateProject(ctx context.Context, id, version int64, in zhaoshang.ProjectInput, stageNote string) (*zhaoshang.Project, error) {
	in.Normalize()
	if err := in.Validate(s.today()); err != nil {
		return nil, err
	}
	var out *zhaoshang.Project
	err := s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		if err := tx.lock("projects", id); err != nil {
			return err
		}
		before, err := projectInScope(ctx, tx, tx.p, id)
		if err != nil {
			return err
		}
		if !tx.p.MayEditProject(before) {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "项目已作废，不能修改")
		}
		if before.Version != version {
			return staleError(ctx, tx, "project", id)
		}
		out, err = updateProject(ctx, tx, before, in, stageNote, "")
		return err
	})
	return out, err
}

// VoidProject takes a project out of every figure, keeping it and its
// history; a reason is required.
func (s *ProjectService) VoidProject(ctx context.Context, id, version int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "reason", "请填写作废原因")
	}
	return s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		if err := tx.lock("projects", id); err != nil {
			return err
		}
		before, err := projectInScope(ctx, tx, tx.p, id)
		if err != nil {
			return err
		}
		if before.Voided {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "项目已作废")
		}
		if before.Version != version {
			return staleError(ctx, tx, "project", id)
		}
		touched := projectMonths(nil, inputOf(before))
		ms, err := receiptMonths(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, m := range ms {
			touched = append(touched, countyMonth{before.OrgUnitID, m})
		}
		if err := checkOpen(ctx, tx, touched...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE projects SET voided = TRUE, void_reason = $1, version = version + 1, updated_at = $2 WHERE id = $3", reason, tx.now, id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActVoid, "project", id, map[string]any{"voided": false}, map[string]any{"voided": true, "void_reason": reason}, reason)
		tx.touch(id)
		return nil
	})
}

// Timeline lists the project's stage changes with the days spent in each.
func (s *ProjectService) Timeline(ctx context.Context, projectID int64) ([]zhaoshang.StageEntry, error) {
	p, err := s.Project(ctx, projectID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.stage, s.on_date, s.note, COALESCE(u.display_name, ''), s.created_at
		FROM project_stages s LEFT JOIN users u ON u.id = s.created_by WHERE s.project_id = $1 ORDER BY s.on_date, s.id`, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []zhaoshang.StageEntry
	for rows.Next() {
		var e zhaoshang.StageEntry
		var st string
		if err := rows.Scan(&st, &e.On, &e.Note, &e.By, &e.At); err != nil {
			return nil, err
		}
		e.Stage = zhaoshang.Stage(st)
		out = append(out, e)
	}
	// keep the latest entry per stage that matches the project's current date
	cur := stageDates(inputOf(p))
	var live []zhaoshang.StageEntry
	for _, e := range out {
		if cur[e.Stage] == e.On {
			live = append(live, e)
		}
	}
	today := s.today()
	for i := range live {
		next := today
		if i+1 < len(live) {
			next = live[i+1].On
		}
		live[i].DaysSpent = live[i].On.DaysUntil(next)
	}
	return live, rows.Err()
}

const receiptColumns = `id, project_id, month, amount, source, evidence_no, note, voided, void_reason, created_by, version, created_at, updated_at`

func scanReceipt(row interface{ Scan(...any) error }) (*zhaoshang.FundReceipt, error) {
	var r zhaoshang.FundReceipt
	var src string
	var by sql.NullInt64
	if err := row.Scan(&r.ID, &r.ProjectID, &r.Month, &r.Amount, &src, &r.EvidenceNo, &r.Note, &r.Voided, &r.VoidReason, &by, &r.Version, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.Source, r.CreatedBy = zhaoshang.FundSource(src), by.Int64
	return &r, nil
}

func queryReceipts(ctx context.Context, q queryer, tail string, args ...any) ([]*zhaoshang.FundReceipt, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+receiptColumns+" FROM fund_receipts "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.FundReceipt
	for rows.Next() {
		r, err := scanReceipt(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Receipts lists a project's receipts (voided ones too, marked), by month.
func (s *ProjectService) Receipts(ctx context.Context, projectID int64) ([]*zhaoshang.FundReceipt, error) {
	if _, err := s.Project(ctx, projectID); err != nil {
		return nil, err
	}
	return queryReceipts(ctx, s.db.read, "WHERE project_id = $1 ORDER BY month, id", projectID)
}

func (s *ProjectService) thisMonth() zhaoshang.Month { return s.today().Month() }

// receiptMonths lists the months of a project's live receipts.
func receiptMonths(ctx context.Context, q queryer, projectID int64) ([]zhaoshang.Month, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT month FROM fund_receipts WHERE project_id = $1 AND NOT voided", projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []zhaoshang.Month
	for rows.Next() {
		var m zhaoshang.Month
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// upsertReceipt records a checked receipt for a live project inside tx:
// a receipt with the same identity (project, month, source, evidence) is
// replaced, as a re-imported ledger expects. It reports created/updated/unchanged.
func upsertReceipt(ctx context.Context, tx *Tx, p *zhaoshang.Project, in zhaoshang.FundInput, note string) (string, *zhaoshang.FundReceipt, error) {
	if p.Voided {
		return "", nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "project", "项目“%s”已作废，不能登记到位资金", p.Code)
	}
	if err := tx.checkCeiling(in); err != nil {
		return "", nil, err
	}
	existing, err := queryReceipts(ctx, tx, "WHERE project_id = $1 AND month = $2 AND source = $3 AND evidence_no = $4 AND NOT voided", p.ID, in.Month, string(in.Source), in.EvidenceNo)
	if err != nil {
		return "", nil, err
	}
	type receiptAudit struct {
		Project    string `json:"project"`
		Month      string `json:"month"`
		Amount     int64  `json:"amount"`
		Source     string `json:"source"`
		EvidenceNo string `json:"evidence_no"`
		Note       string `json:"note"`
	}
	after := receiptAudit{p.Code, in.Month.String(), int64(in.Amount), string(in.Source), in.EvidenceNo, in.Note}
	if len(existing) > 0 && existing[0].Amount == in.Amount && existing[0].Note == in.Note {
		return "unchanged", existing[0], nil
	}
	if err := checkOpen(ctx, tx, countyMonth{p.OrgUnitID, in.Month}); err != nil {
		return "", nil, err
	}
	if len(existing) > 0 {
		old := existing[0]
		if _, err := tx.ExecContext(ctx, "UPDATE fund_receipts SET amount = $1, note = $2, version = version + 1, updated_at = $3 WHERE id = $4", in.Amount, in.Note, tx.now, old.ID); err != nil {
			return "", nil, err
		}
		tx.touch(p.ID)
		tx.Audit(zhaoshang.ActUpdate, "fund_receipt", old.ID, receiptAudit{p.Code, old.Month.String(), int64(old.Amount), string(old.Source), old.EvidenceNo, old.Note}, after, note)
		rs, err := queryReceipts(ctx, tx, "WHERE id = $1", old.ID)
		if err != nil {
			return "", nil, err
		}
		return "updated", rs[0], nil
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO fund_receipts (project_id, org_unit_id, month, amount, source, evidence_no, note, created_by, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING id`, p.ID, p.OrgUnitID, in.Month, in.Amount, string(in.Source), in.EvidenceNo, in.Note, nullInt(tx.p.UserID), tx.now).Scan(&id); err != nil {
		return "", nil, err
	}
	tx.Audit(zhaoshang.ActCreate, "fund_receipt", id, nil, after, note)
	tx.touch(p.ID)
	rs, err := queryReceipts(ctx, tx, "WHERE id = $1", id)
	if err != nil {
		return "", nil, err
	}
	return "created", rs[0], nil
}

// AddReceipt records money received for a project in a month. A receipt
// with the same month, source and evidence number is refused: correct it
// by voiding it first.
func (s *ProjectService) AddReceipt(ctx context.Context, in zhaoshang.FundInput) (*zhaoshang.FundReceipt, error) {
	in.EvidenceNo, in.Note = strings.TrimSpace(in.EvidenceNo), strings.TrimSpace(in.Note)
	if err := in.Validate(s.thisMonth()); err != nil {
		return nil, err
	}
	var evidence *zhaoshang.Attachment
	if len(in.EvidenceFile) > 0 {
		var err error
		if evidence, err = checkAttachment(in.EvidenceFileName, in.EvidenceFile); err != nil {
			return nil, err
		}
	}
	var out *zhaoshang.FundReceipt
	err := s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		p, err := projectInScope(ctx, tx, tx.p, in.ProjectID)
		if err != nil {
			return err
		}
		dup, err := queryReceipts(ctx, tx, "WHERE project_id = $1 AND month = $2 AND source = $3 AND evidence_no = $4 AND NOT voided", p.ID, in.Month, string(in.Source), in.EvidenceNo)
		if err != nil {
			return err
		}
		if len(dup) > 0 {
			return zhaoshang.Errorf(zhaoshang.EConflict, "该项目%s已有来源为%s、凭证编号为“%s”的到位资金，如需更正请先作废原记录", in.Month.Chinese(), in.Source, in.EvidenceNo)
		}
		if _, out, err = upsertReceipt(ctx, tx, p, in, ""); err != nil {
			return err
		}
		if evidence != nil {
			evidence.OwnerKind, evidence.OwnerID = "fund_receipt", out.ID
			return insertAttachment(ctx, tx, evidence, in.EvidenceFile)
		}
		return nil
	})
	return out, err
}

// VoidReceipt takes a receipt out of every figure; a reason is required.
func (s *ProjectService) VoidReceipt(ctx context.Context, id, version int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "reason", "请填写作废原因")
	}
	return s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		if err := tx.lock("fund_receipts", id); err != nil {
			return err
		}
		rs, err := queryReceipts(ctx, tx, "WHERE id = $1", id)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "到位资金记录不存在")
		}
		owner, err := projectInScope(ctx, tx, tx.p, rs[0].ProjectID)
		if err != nil {
			return zhaoshang.Errorf(zhaoshang.ENotFound, "到位资金记录不存在")
		}
		if rs[0].Voided {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "该记录已作废")
		}
		if rs[0].Version != version {
			return staleError(ctx, tx, "fund_receipt", id)
		}
		if err := checkOpen(ctx, tx, countyMonth{owner.OrgUnitID, rs[0].Month}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE fund_receipts SET voided = TRUE, void_reason = $1, version = version + 1, updated_at = $2 WHERE id = $3", reason, tx.now, id); err != nil {
			return err
		}
		tx.Audit(zhaoshang.ActVoid, "fund_receipt", id, map[string]any{"voided": false}, map[string]any{"voided": true, "void_reason": reason}, reason)
		tx.touch(owner.ID)
		return nil
	})
}

// checkAttachment judges a file by its bytes, not its name.
func checkAttachment(filename string, data []byte) (*zhaoshang.Attachment, error) {
	if len(data) == 0 {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "请选择要上传的文件")
	}
	if len(data) > zhaoshang.MaxAttachmentBytes {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "附件不能超过%dMB", zhaoshang.MaxAttachmentBytes>>20)
	}
	ct := http.DetectContentType(data)
	if _, ok := zhaoshang.AttachmentTypes[ct]; !ok {
		return nil, zhaoshang.FieldErrorf(zhaoshang.EInvalid, "file", "只接受 PDF、JPEG、PNG 格式的附件（按文件内容判断）")
	}
	filename = strings.TrimSpace(filename)
	if filename == "" {
		filename = "附件" + zhaoshang.AttachmentTypes[ct]
	}
	sum := sha256.Sum256(data)
	return &zhaoshang.Attachment{Filename: filename, ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// insertAttachment stores a checked file inside tx and audits it (without its bytes).
func insertAttachment(ctx context.Context, tx *Tx, a *zhaoshang.Attachment, data []byte) error {
	a.CreatedAt = tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO attachments (owner_kind, owner_id, filename, content_type, size, sha256, data, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, a.OwnerKind, a.OwnerID, a.Filename, a.ContentType, a.Size, a.SHA256, data, nullInt(tx.p.UserID), tx.now).Scan(&a.ID); err != nil {
		return err
	}
	tx.Audit(zhaoshang.ActCreate, "attachment", a.ID, nil, map[string]any{"owner": a.OwnerKind, "owner_id": a.OwnerID, "filename": a.Filename, "size": a.Size, "sha256": a.SHA256}, "")
	return nil
}

// AddAttachment keeps a contract scan or a photo with a project or a
// receipt. The type is judged by the bytes, not the file name.
func (s *ProjectService) AddAttachment(ctx context.Context, ownerKind string, ownerID int64, filename string, data []byte) (*zhaoshang.Attachment, error) {
	a, err := checkAttachment(filename, data)
	if err != nil {
		return nil, err
	}
	a.OwnerKind, a.OwnerID = ownerKind, ownerID
	err = s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		projectID := ownerID
		switch ownerKind {
		case "project":
		case "fund_receipt":
			rs, err := queryReceipts(ctx, tx, "WHERE id = $1", ownerID)
			if err != nil || len(rs) == 0 {
				return zhaoshang.Errorf(zhaoshang.ENotFound, "到位资金记录不存在")
			}
			projectID = rs[0].ProjectID
		default:
			return zhaoshang.Errorf(zhaoshang.EInvalid, "附件的归属不正确")
		}
		if _, err := projectInScope(ctx, tx, tx.p, projectID); err != nil {
			return err
		}
		if ownerKind == "fund_receipt" { // an evidence scan answers Q104
			tx.touch(projectID)
		}
		return insertAttachment(ctx, tx, a, data)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// ReceiptAttachments lists the evidence files of a project's receipts.
func (s *ProjectService) ReceiptAttachments(ctx context.Context, projectID int64) (map[int64][]*zhaoshang.Attachment, error) {
	if _, err := s.Project(ctx, projectID); err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT a.id, a.owner_kind, a.owner_id, a.filename, a.content_type, a.size, a.sha256, a.created_at
		FROM attachments a JOIN fund_receipts r ON r.id = a.owner_id WHERE a.owner_kind = 'fund_receipt' AND r.project_id = $1 AND NOT a.voided ORDER BY a.id`, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]*zhaoshang.Attachment{}
	for rows.Next() {
		var a zhaoshang.Attachment
		if err := rows.Scan(&a.ID, &a.OwnerKind, &a.OwnerID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt); err != nil {
			return nil, err
		}
		out[a.OwnerID] = append(out[a.OwnerID], &a)
	}
	return out, rows.Err()
}

// attachmentProject is the project an attachment belongs to.
func (s *ProjectService) attachmentProject(ctx context.Context, a *zhaoshang.Attachment) (int64, error) {
	if a.OwnerKind == "project" {
		return a.OwnerID, nil
	}
	rs, err := queryReceipts(ctx, s.db.read, "WHERE id = $1", a.OwnerID)
	if err != nil || len(rs) == 0 {
		return 0, zhaoshang.Errorf(zhaoshang.ENotFound, "附件不存在")
	}
	return rs[0].ProjectID, nil
}

// Attachments lists the files kept with a project or a receipt.
func (s *ProjectService) Attachments(ctx context.Context, ownerKind string, ownerID int64) ([]*zhaoshang.Attachment, error) {
	projectID := ownerID
	if ownerKind == "fund_receipt" {
		pid, err := s.attachmentProject(ctx, &zhaoshang.Attachment{OwnerKind: ownerKind, OwnerID: ownerID})
		if err != nil {
			return nil, err
		}
		projectID = pid
	}
	if _, err := s.Project(ctx, projectID); err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, "SELECT id, owner_kind, owner_id, filename, content_type, size, sha256, created_at FROM attachments WHERE owner_kind = $1 AND owner_id = $2 AND NOT voided ORDER BY id", ownerKind, ownerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*zhaoshang.Attachment
	for rows.Next() {
		var a zhaoshang.Attachment
		if err := rows.Scan(&a.ID, &a.OwnerKind, &a.OwnerID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

// AttachmentData returns a file for download, within the caller's scope.
func (s *ProjectService) AttachmentData(ctx context.Context, id int64) (*zhaoshang.Attachment, []byte, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return nil, nil, err
	}
	var a zhaoshang.Attachment
	var data []byte
	err := s.db.read.QueryRowContext(ctx, "SELECT id, owner_kind, owner_id, filename, content_type, size, sha256, created_at, data FROM attachments WHERE id = $1 AND NOT voided", id).
		Scan(&a.ID, &a.OwnerKind, &a.OwnerID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.CreatedAt, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, zhaoshang.Errorf(zhaoshang.ENotFound, "附件不存在")
	}
	if err != nil {
		return nil, nil, err
	}
	pid, err := s.attachmentProject(ctx, &a)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.Project(ctx, pid); err != nil {
		return nil, nil, zhaoshang.Errorf(zhaoshang.ENotFound, "附件不存在")
	}
	return &a, data, nil
}

// uploadLife is how long an uploaded ledger waits for its confirmation:
// the file may hold another county's data or personal data, so it is not
// kept a moment longer than a clerk needs to read the preview.
const uploadLife = time.Hour

// StashUpload keeps an uploaded ledger for its confirmation; older uploads
// are dropped on the way.
func (s *ProjectService) StashUpload(ctx context.Context, kind, filename string, data []byte) (int64, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermLedgerImport)
	if err != nil {
		return 0, err
	}
	cutoff := s.db.now().Add(-uploadLife)
	var id int64
	err = s.db.housekeeping(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM import_uploads WHERE created_at < $1", cutoff); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO import_uploads (user_id, kind, filename, data, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
			p.UserID, kind, filename, data, s.db.now()).Scan(&id)
	})
	return id, err
}

// StashedUpload returns the caller's own stashed upload.
func (s *ProjectService) StashedUpload(ctx context.Context, id int64) (string, string, []byte, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermLedgerImport)
	if err != nil {
		return "", "", nil, err
	}
	var kind, name string
	var data []byte
	err = s.db.read.QueryRowContext(ctx, "SELECT kind, filename, data FROM import_uploads WHERE id = $1 AND user_id = $2 AND created_at >= $3",
		id, p.UserID, s.db.now().Add(-uploadLife)).Scan(&kind, &name, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil, zhaoshang.Errorf(zhaoshang.ENotFound, "上传的文件已过期，请重新上传")
	}
	return kind, name, data, err
}

// DropUpload forgets the caller's own stashed upload.
func (s *ProjectService) DropUpload(ctx context.Context, id int64) error {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermLedgerImport)
	if err != nil {
		return err
	}
	return s.db.housekeeping(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM import_uploads WHERE id = $1 AND user_id = $2", id, p.UserID)
		return err
	})
}

const amountCeilingKey = "amount_ceiling"

// amountCeiling reads the bureau's ceiling on one amount, read once per
// write transaction.
func amountCeiling(ctx context.Context, q queryer) (zhaoshang.Money, error) {
	tx, _ := q.(*Tx)
	if tx != nil && tx.ceiling != 0 {
		return tx.ceiling, nil
	}
	c := zhaoshang.DefaultAmountCeiling
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", amountCeilingKey).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, err
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, err
		}
		c = zhaoshang.Money(n)
	}
	if tx != nil {
		tx.ceiling = c
	}
	return c, nil
}

// checkCeiling refuses an amount above the bureau's ceiling.
func (tx *Tx) checkCeiling(in interface{ CheckCeiling(zhaoshang.Money) error }) error {
	c, err := amountCeiling(tx.ctx, tx)
	if err != nil {
		return err
	}
	return in.CheckCeiling(c)
}

// AmountCeiling is the largest amount one record may hold.
func (s *ProjectService) AmountCeiling(ctx context.Context) (zhaoshang.Money, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView); err != nil {
		return 0, err
	}
	return amountCeiling(ctx, s.db.read)
}

// SetAmountCeiling changes it (台账规则), within 1亿元 and zhaoshang.MaxAmount.
func (s *ProjectService) SetAmountCeiling(ctx context.Context, c zhaoshang.Money) error {
	if err := zhaoshang.ValidAmountCeiling(c); err != nil {
		return err
	}
	return s.db.Write(ctx, zhaoshang.PermLedgerConfig, func(tx *Tx) error {
		before, err := amountCeiling(ctx, tx)
		if err != nil {
			return err
		}
		if err := tx.saveSetting(amountCeilingKey, strconv.FormatInt(int64(c), 10)); err != nil {
			return err
		}
		tx.ceiling = c
		tx.Audit(zhaoshang.ActSystemConfig, "setting", amountCeilingKey, before, c, "单项金额上限")
		return nil
	})
}
