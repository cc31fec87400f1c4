package sqldb

import (
	"context"
	"errors"
	"fmt"

	"zhaoshang"
)

// errDryRun rolls back a dry import after it has done everything else.
var errDryRun = errors.New("dry run")

// rowProblems collects the problems of an import's rows.
type rowProblems []zhaoshang.RowProblem

// add records the domain's refusal of a row; any other error is no problem
// of the row and is returned, to stop the import as it is.
func (ps *rowProblems) add(row int, column, value string, err error) error {
	e := zhaoshang.AsError(err)
	if e == nil {
		return err
	}
	*ps = append(*ps, zhaoshang.Problem(row, column, value, e))
	return nil
}

// refusal is the answer to rows with problems, nil without any.
func (ps rowProblems) refusal() error {
	if len(ps) == 0 {
		return nil
	}
	return &zhaoshang.ImportRefused{Problems: ps}
}

// ImportProjects loads checked ledger rows in one transaction: a new
// 项目编号 creates a project, a known one updates it. Any row the caller may
// not write (another county, a voided project) refuses the whole file.
// The import is one audit entry with the file's SHA-256, besides the
// entries of the projects it creates or changes.
func (s *ProjectService) ImportProjects(ctx context.Context, rows []zhaoshang.ProjectInput, sha string, opts zhaoshang.ImportOptions) (*zhaoshang.ImportResult, error) {
	if err := authorizeImport(ctx, opts); err != nil {
		return nil, err
	}
	res := &zhaoshang.ImportResult{SHA256: sha}
	today := s.today()
	err := s.db.Write(ctx, zhaoshang.PermLedgerImport, func(tx *Tx) error {
		tx.approving = opts.Approve
		var probs rowProblems
		var touched []countyMonth
		var span []zhaoshang.Month
		for _, in := range rows {
			touched = append(touched, projectMonths(nil, in)...)
			if !in.SignedOn.IsZero() {
				span = append(span, in.SignedOn.Month())
			}
			in.Normalize()
			if err := in.Validate(today); err != nil {
				if err := probs.add(in.Row, "", in.Code, err); err != nil {
					return err
				}
				continue
			}
			if err := checkCounty(ctx, tx, in.OrgUnitID); err != nil {
				// the county is left for the caller to name, who read it (app.nameCounties)
				if err := probs.add(in.Row, "县市", "", err); err != nil {
					return err
				}
				continue
			}
			existing, err := queryProjects(ctx, tx, "WHERE p.code = $1", in.Code)
			if err != nil {
				return err
			}
			if len(existing) == 0 {
				if _, err := insertProject(ctx, tx, in, "导入"); err != nil {
					if err := probs.add(in.Row, "项目编号", in.Code, err); err != nil {
						return err
					}
					continue
				}
				res.Created++
				continue
			}
			old := existing[0]
			if !tx.p.SeesUnit(old.OrgUnitID) {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Column: "项目编号", Value: in.Code, Reason: "该项目编号不可用，请按本县（市）的编号规则另行编号"})
				continue
			}
			if old.Voided {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Column: "项目编号", Value: in.Code, Reason: "该项目已作废，不能通过导入修改"})
				continue
			}
			cur := inputOf(old)
			in.Row, cur.Row = 0, 0
			want := in
			want.Strong = false
			if want == cur && !in.Strong {
				res.Unchanged++
				continue
			}
			if want == cur {
				// only the strong mark: it lives on the enterprise
				if _, err := resolveEnterprise(ctx, tx, in); err != nil {
					if err := probs.add(in.Row, "优强企业", "是", err); err != nil {
						return err
					}
					continue
				}
				res.Unchanged++
				continue
			}
			if _, err := updateProject(ctx, tx, old, in, "台账导入", "导入"); err != nil {
				if err := probs.add(in.Row, "", in.Code, err); err != nil {
					return err
				}
				continue
			}
			res.Updated++
		}
		if err := probs.refusal(); err != nil {
			return err
		}
		return finishImport(ctx, tx, "project_ledger", "项目台账", len(rows), res, opts, touched, span)
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// authorizeImport asks for what an import needs beyond ledger:import (which
// the write itself checks): project:edit, and review:approve to approve.
func authorizeImport(ctx context.Context, opts zhaoshang.ImportOptions) error {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectEdit); err != nil {
		return err
	}
	if opts.Approve {
		if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermReviewApprove); err != nil {
			return err
		}
	}
	return nil
}

// finishImport ends an import whose rows all passed: one audit entry for
// the file (with its SHA-256), the approval of the months it touches when
// asked (approveImported), and for a dry run the rollback of it all.
func finishImport(ctx context.Context, tx *Tx, entity, label string, rows int, res *zhaoshang.ImportResult, opts zhaoshang.ImportOptions,
	touched []countyMonth, span []zhaoshang.Month) error {
	note := fmt.Sprintf("导入%s%d行：新增%d、更新%d、未变%d", label, rows, res.Created, res.Updated, res.Unchanged)
	if opts.Approve {
		note += "；作为已核实的历史数据导入，所涉县市月份直接审核通过"
	}
	tx.Audit(zhaoshang.ActImport, entity, res.SHA256, nil, map[string]any{"rows": rows, "created": res.Created, "updated": res.Updated,
		"unchanged": res.Unchanged, "sha256": res.SHA256, "approve": opts.Approve}, note)
	if opts.Approve {
		if err := approveImported(ctx, tx, touched, span); err != nil {
			return err
		}
	}
	if opts.Dry {
		return errDryRun
	}
	return nil
}

// ImportFunds loads checked receipt rows in one transaction; a receipt
// with the same identity (项目编号, 月份, 来源, 凭证编号) is replaced.
func (s *ProjectService) ImportFunds(ctx context.Context, rows []zhaoshang.FundInput, sha string, opts zhaoshang.ImportOptions) (*zhaoshang.ImportResult, error) {
	if err := authorizeImport(ctx, opts); err != nil {
		return nil, err
	}
	res := &zhaoshang.ImportResult{SHA256: sha}
	month := s.thisMonth()
	err := s.db.Write(ctx, zhaoshang.PermLedgerImport, func(tx *Tx) error {
		tx.approving = opts.Approve
		var probs rowProblems
		var touched []countyMonth
		var span []zhaoshang.Month
		cache := map[string]*zhaoshang.Project{}
		for _, in := range rows {
			if err := in.Validate(month); err != nil {
				if err := probs.add(in.Row, "", "", err); err != nil {
					return err
				}
				continue
			}
			p, ok := cache[in.ProjectCode]
			if !ok {
				ps, err := queryProjects(ctx, tx, "WHERE p.code = $1", in.ProjectCode)
				if err != nil {
					return err
				}
				if len(ps) > 0 && (tx.p.SeesUnit(ps[0].OrgUnitID) || (tx.p.SeesOwn() && ps[0].CreatedBy == tx.p.UserID)) {
					p = ps[0]
				}
				cache[in.ProjectCode] = p
			}
			if p == nil {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Column: "项目编号", Value: in.ProjectCode, Reason: "项目不存在或不在您的数据范围内，请先导入项目台账"})
				continue
			}
			touched = append(touched, countyMonth{p.OrgUnitID, in.Month})
			span = append(span, in.Month)
			what, _, err := upsertReceipt(ctx, tx, p, in, "导入")
			if err != nil {
				if err := probs.add(in.Row, "项目编号", in.ProjectCode, err); err != nil {
					return err
				}
				continue
			}
			switch what {
			case "created":
				res.Created++
			case "updated":
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		if err := probs.refusal(); err != nil {
			return err
		}
		return finishImport(ctx, tx, "fund_ledger", "到位资金台账", len(rows), res, opts, touched, span)
	})
	if errors.Is(err, errDryRun) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// exportFilter takes paging off a filter: an export holds every row.
func exportFilter(f zhaoshang.ProjectFilter) zhaoshang.ProjectFilter {
	f.Offset, f.Limit = 0, 0
	return f
}

// ExportProjects returns exactly the filtered projects as ledger rows and
// records the export in the audit trail.
func (s *ProjectService) ExportProjects(ctx context.Context, f zhaoshang.ProjectFilter) ([]zhaoshang.ProjectInput, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	var args []any
	where, err := s.projectWhere(ctx, p, exportFilter(f), &args)
	if err != nil {
		return nil, err
	}
	list, err := queryProjects(ctx, s.db.read, "WHERE "+where+" ORDER BY "+orderBy(f.Sort), args...)
	if err != nil {
		return nil, err
	}
	strong, err := strongEnterpriseIDs(ctx, s.db.read)
	if err != nil {
		return nil, err
	}
	out := make([]zhaoshang.ProjectInput, len(list))
	for i, pr := range list {
		out[i] = inputOf(pr)
		out[i].Strong = strong[pr.EnterpriseID]
	}
	err = s.db.Write(ctx, zhaoshang.PermProjectView, func(tx *Tx) error {
		tx.Audit(zhaoshang.ActExport, "project_ledger", "*", nil, map[string]any{"rows": len(out)}, fmt.Sprintf("导出项目台账%d行", len(out)))
		return nil
	})
	return out, err
}

// strongEnterpriseIDs marks the enterprises that carry a strong tag.
func strongEnterpriseIDs(ctx context.Context, q queryer) (map[int64]bool, error) {
	strong, err := strongTags(ctx, q)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, "SELECT "+enterpriseColumns+" FROM enterprises")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		e, err := scanEnterprise(rows, strong)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e.Strong
	}
	return out, rows.Err()
}

// ExportFunds returns the live receipts of the filtered projects as
// ledger rows and records the export.
func (s *ProjectService) ExportFunds(ctx context.Context, f zhaoshang.ProjectFilter) ([]zhaoshang.FundInput, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	var args []any
	where, err := s.projectWhere(ctx, p, exportFilter(f), &args)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT p.code, r.month, r.amount, r.source, r.evidence_no, r.note
		FROM fund_receipts r JOIN projects p ON p.id = r.project_id WHERE NOT r.voided AND `+where+` ORDER BY p.code, r.month, r.source, r.evidence_no`, args...)
	if err != nil {
		return nil, err
	}
	var out []zhaoshang.FundInput
	for rows.Next() {
		var in zhaoshang.FundInput
		var src string
		if err := rows.Scan(&in.ProjectCode, &in.Month, &in.Amount, &src, &in.EvidenceNo, &in.Note); err != nil {
			rows.Close()
			return nil, err
		}
		in.Source = zhaoshang.FundSource(src)
		out = append(out, in)
	}
	rows.Close()
	err = s.db.Write(ctx, zhaoshang.PermProjectView, func(tx *Tx) error {
		tx.Audit(zhaoshang.ActExport, "fund_ledger", "*", nil, map[string]any{"rows": len(out)}, fmt.Sprintf("导出到位资金台账%d行", len(out)))
		return nil
	})
	return out, err
}

// MonthReceipts lists a county's live projects signed by the month's end with
// what each received before the month and in it.
func (s *ProjectService) MonthReceipts(ctx context.Context, countyID int64, m zhaoshang.Month) ([]zhaoshang.ProjectMonth, error) {
	p, err := zhaoshang.Authorize(ctx, zhaoshang.PermProjectView)
	if err != nil {
		return nil, err
	}
	if !p.SeesUnit(countyID) {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "县市不存在或不在您的数据范围内")
	}
	projects, err := queryProjects(ctx, s.db.read, "WHERE p.org_unit_id = $1 AND NOT p.voided AND p.signed_on <= $2 ORDER BY p.code", countyID, m.Last())
	if err != nil {
		return nil, err
	}
	before := map[int64]zhaoshang.Money{}
	rows, err := s.db.read.QueryContext(ctx, "SELECT project_id, SUM(amount) FROM fund_receipts WHERE org_unit_id = $1 AND month < $2 AND NOT voided GROUP BY project_id", countyID, m)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var sum zhaoshang.Money
		rows.Scan(&id, &sum)
		before[id] = sum
	}
	rows.Close()
	in, err := queryReceipts(ctx, s.db.read, "WHERE org_unit_id = $1 AND month = $2 AND NOT voided ORDER BY id", countyID, m)
	if err != nil {
		return nil, err
	}
	byProject := map[int64][]*zhaoshang.FundReceipt{}
	for _, r := range in {
		byProject[r.ProjectID] = append(byProject[r.ProjectID], r)
	}
	out := make([]zhaoshang.ProjectMonth, len(projects))
	for i, pr := range projects {
		out[i] = zhaoshang.ProjectMonth{ProjectID: pr.ID, Code: pr.Code, Name: pr.Name, ContractInvestment: pr.ContractInvestment,
			ReceivedBefore: before[pr.ID], InMonth: byProject[pr.ID]}
	}
	return out, nil
}

// SaveMonthReceipts records the amounts entered in the monthly grid, all or
// nothing; each entry's Row is its line in the grid.
func (s *ProjectService) SaveMonthReceipts(ctx context.Context, countyID int64, m zhaoshang.Month, entries []zhaoshang.FundInput) (int, error) {
	month := s.thisMonth()
	saved := 0
	err := s.db.Write(ctx, zhaoshang.PermProjectEdit, func(tx *Tx) error {
		var probs rowProblems
		for _, in := range entries {
			in.Month = m
			if err := in.Validate(month); err != nil {
				if err := probs.add(in.Row, "", "", err); err != nil {
					return err
				}
				continue
			}
			p, err := projectInScope(ctx, tx, tx.p, in.ProjectID)
			if err != nil || p.OrgUnitID != countyID {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Reason: "项目不存在或不属于该县市"})
				continue
			}
			dup, err := queryReceipts(ctx, tx, "WHERE project_id = $1 AND month = $2 AND source = $3 AND evidence_no = $4 AND NOT voided", p.ID, m, string(in.Source), in.EvidenceNo)
			if err != nil {
				return err
			}
			if len(dup) > 0 {
				probs = append(probs, zhaoshang.RowProblem{Row: in.Row, Column: "凭证编号", Value: in.EvidenceNo, Reason: "本月已有相同来源和凭证编号的记录"})
				continue
			}
			if _, _, err := upsertReceipt(ctx, tx, p, in, "月度填报"); err != nil {
				if err := probs.add(in.Row, "", "", err); err != nil {
					return err
				}
				continue
			}
			saved++
		}
		if err := probs.refusal(); err != nil {
			return err
		}
		if saved == 0 {
			return zhaoshang.Errorf(zhaoshang.EInvalid, "没有填写任何金额")
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return saved, nil
}
