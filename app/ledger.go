package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"zhaoshang"
	"zhaoshang/ledger"
)

// Ledger is a kind of ledger file of EXCHANGE.md.
type Ledger string

const (
	ProjectLedger Ledger = "projects" // 项目台账
	FundLedger    Ledger = "funds"    // 到位资金台账
	TargetLedger  Ledger = "targets"  // 目标任务
)

// Ledgers in the order the screens and the usage line list them.
func Ledgers() []Ledger { return []Ledger{ProjectLedger, FundLedger, TargetLedger} }

// ParseLedger reads a kind as the command line and the addresses write it.
func ParseLedger(s string) (Ledger, bool) {
	for _, l := range Ledgers() {
		if string(l) == s {
			return l, true
		}
	}
	return "", false
}

// Label is the ledger's Chinese name.
func (l Ledger) Label() string {
	switch l {
	case ProjectLedger:
		return "项目台账"
	case FundLedger:
		return "到位资金台账"
	}
	return "目标任务"
}

// Imported is what the import of a file did (or, dry, would do), with its
// rows as they were read (one of the three lists, by the ledger's kind).
type Imported struct {
	Ledger   Ledger
	SHA256   string
	Rows     int
	Result   *zhaoshang.ImportResult
	Projects []ledger.ProjectRow
	Funds    []ledger.FundRow
	Targets  []ledger.TargetRow
	Year     int // of a 目标任务 file: the first row's year
}

// ImportFile reads, parses and imports a ledger file all or nothing, as
// the caller of ctx: a file that is no ledger gives one *zhaoshang.Error,
// wrong rows one *zhaoshang.ImportRefused naming every one of them.
// opts.Dry checks and counts without writing; opts.Approve takes months'
// data in as approved (projects and funds only).
func (s *Services) ImportFile(ctx context.Context, kind Ledger, filename string, data []byte, opts zhaoshang.ImportOptions) (*Imported, error) {
	if kind == TargetLedger && opts.Approve {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "目标任务不按月审核，作为已审核数据导入只用于项目台账和到位资金台账")
	}
	table, err := ledger.ReadTable(filename, data, ledger.Limits{})
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	out := &Imported{Ledger: kind, SHA256: hex.EncodeToString(sum[:])}
	today := s.Today()
	switch kind {
	case ProjectLedger:
		tree, err := s.Org.Tree(ctx)
		if err != nil {
			return nil, err
		}
		rows, err := ledger.ParseProjects(table, tree, today)
		if err != nil {
			return nil, outOfScope(ctx, err)
		}
		out.Rows, out.Projects = len(rows), rows
		if out.Result, err = s.Projects.ImportProjects(ctx, ledger.ProjectInputs(rows), out.SHA256, opts); err != nil {
			return nil, nameCounties(err, rows)
		}
	case FundLedger:
		rows, err := ledger.ParseFunds(table, today)
		if err != nil {
			return nil, err
		}
		out.Rows, out.Funds = len(rows), rows
		if out.Result, err = s.Projects.ImportFunds(ctx, ledger.FundInputs(rows), out.SHA256, opts); err != nil {
			return nil, err
		}
	case TargetLedger:
		tree, err := s.Org.Tree(ctx)
		if err != nil {
			return nil, err
		}
		rows, err := ledger.ParseTargets(table, tree)
		if err != nil {
			return nil, outOfScope(ctx, err)
		}
		out.Rows, out.Targets = len(rows), rows
		if len(rows) > 0 {
			out.Year = rows[0].Year
		}
		if out.Result, err = s.Targets.ImportTargets(ctx, ledger.TargetInputs(rows), out.SHA256, opts.Dry); err != nil {
			return nil, err
		}
	default:
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "没有这种台账")
	}
	return out, nil
}

// outOfScope words the parser's "no such county" for a caller who sees
// only part of the tree (a county clerk): the tree the file was read with
// holds only the caller's own units, so a county missing from it may well
// exist, outside the caller's data scope.
func outOfScope(ctx context.Context, err error) error {
	var refused *zhaoshang.ImportRefused
	if p := zhaoshang.PrincipalFrom(ctx); p == nil || p.SeesAll() || !errors.As(err, &refused) {
		return err
	}
	for i, pb := range refused.Problems {
		if pb.Reason == ledger.MsgNoSuchCounty {
			refused.Problems[i].Reason = ledger.MsgCountyOutOfScope
		}
	}
	return err
}

// nameCounties fills in the county a refused row names, where the service
// (which knows the row only by its county's id) leaves the value empty.
func nameCounties(err error, rows []ledger.ProjectRow) error {
	var refused *zhaoshang.ImportRefused
	if !errors.As(err, &refused) {
		return err
	}
	byRow := make(map[int]string, len(rows))
	for _, r := range rows {
		byRow[r.Row] = r.CountyName
	}
	for i, pb := range refused.Problems {
		if pb.Column == ledger.CountyColumn && pb.Value == "" {
			refused.Problems[i].Value = byRow[pb.Row]
		}
	}
	return err
}

// Exported is a ledger file written for download.
type Exported struct {
	Data   []byte
	Rows   int
	Format string // xlsx or csv
}

// ExportFile writes a ledger in the exchange format (xlsx or csv), the
// rows the caller may see: projects and their receipts as f selects them,
// targets of the year (0: every year). Exporting is audited by the service.
func (s *Services) ExportFile(ctx context.Context, kind Ledger, format string, f zhaoshang.ProjectFilter, year int) (*Exported, error) {
	if format != "xlsx" && format != "csv" {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "导出格式只能是xlsx或csv")
	}
	tree, err := s.Org.Tree(ctx)
	if err != nil {
		return nil, err
	}
	out := &Exported{Format: format}
	switch kind {
	case ProjectLedger:
		ins, err := s.Projects.ExportProjects(ctx, f)
		if err != nil {
			return nil, err
		}
		out.Rows = len(ins)
		out.Data, err = ledger.WriteProjects(format, ledger.ProjectRows(ins, tree), tree)
		return out, err
	case FundLedger:
		ins, err := s.Projects.ExportFunds(ctx, f)
		if err != nil {
			return nil, err
		}
		out.Rows = len(ins)
		out.Data, err = ledger.WriteFunds(format, ledger.FundRows(ins))
		return out, err
	case TargetLedger:
		ins, err := s.Targets.ExportTargets(ctx, year)
		if err != nil {
			return nil, err
		}
		out.Rows = len(ins)
		out.Data, err = ledger.WriteTargets(format, ledger.TargetRows(ins, tree), tree)
		return out, err
	}
	return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "没有这种台账")
}
