package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"zhaoshang"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
)

// runImport loads a ledger file: import projects|funds|targets FILE
// [--dry-run] [--approve]. --approve takes historic, already verified data
// in as approved (every county-month its rows touch becomes 已审核).
func runImport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang import projects|funds|targets FILE [--dry-run] [--approve] [--db URL]"
	if len(args) == 0 || (args[0] != "projects" && args[0] != "funds" && args[0] != "targets") {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	kind := args[0]
	fs, dbURL := flags(e, "import "+kind)
	dry := fs.Bool("dry-run", false, "只检查并统计，不写入数据库")
	approve := fs.Bool("approve", false, "作为已核实的历史数据导入，所涉县市月份直接审核通过（审计日志注明）")
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage
	}
	if *approve && kind == "targets" {
		fmt.Fprintln(e.stderr, "zhaoshang: 目标任务不按月审核，--approve 只用于项目台账和到位资金台账")
		return exitUsage
	}
	opts := zhaoshang.ImportOptions{Dry: *dry, Approve: *approve}
	if len(rest) != 1 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	file := rest[0]
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法读取文件“%s”：%v\n", file, err)
		return exitUsage
	}
	table, err := ledger.ReadTable(filepath.Base(file), data, ledger.Limits{})
	if err != nil {
		return refused(e, err)
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	tree, err := sqldb.NewOrgService(db).Tree(ctx)
	if err != nil {
		return refused(e, err)
	}
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	projects := sqldb.NewProjectService(db)
	today := zhaoshang.DateOf(time.Now())
	var res *zhaoshang.ImportResult
	label := "项目台账"
	switch kind {
	case "targets":
		label = "目标任务"
		rows, err := ledger.ParseTargets(table, tree)
		if err != nil {
			return refused(e, err)
		}
		res, err = sqldb.NewTargetService(db).ImportTargets(ctx, targetInputs(rows), sha, *dry)
		if err != nil {
			return refused(e, err)
		}
	case "projects":
		rows, err := ledger.ParseProjects(table, tree, today)
		if err != nil {
			return refused(e, err)
		}
		res, err = projects.ImportProjects(ctx, ledger.ProjectInputs(rows), sha, opts)
		if err != nil {
			return refused(e, err)
		}
	default:
		label = "到位资金台账"
		rows, err := ledger.ParseFunds(table, today, nil)
		if err != nil {
			return refused(e, err)
		}
		res, err = projects.ImportFunds(ctx, ledger.FundInputs(rows), sha, opts)
		if err != nil {
			return refused(e, err)
		}
	}
	verb := "已导入"
	switch {
	case *dry:
		verb = "试导入（未写入数据库）"
	case *approve:
		verb = "已导入并审核通过"
	}
	fmt.Fprintf(e.stdout, "%s%s%d行：新增%d，更新%d，未变%d（SHA-256 %s）\n", verb, label, res.Created+res.Updated+res.Unchanged, res.Created, res.Updated, res.Unchanged, sha)
	return exitOK
}

// runExport writes a ledger file: export projects|funds|targets FILE (.xlsx or .csv by its name).
func runExport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang export projects|funds|targets FILE.xlsx|FILE.csv [--db URL]"
	if len(args) == 0 || (args[0] != "projects" && args[0] != "funds" && args[0] != "targets") {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	kind := args[0]
	fs, dbURL := flags(e, "export "+kind)
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage
	}
	if len(rest) != 1 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	file := rest[0]
	format := "xlsx"
	if strings.EqualFold(filepath.Ext(file), ".csv") {
		format = "csv"
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	tree, err := sqldb.NewOrgService(db).Tree(ctx)
	if err != nil {
		return refused(e, err)
	}
	projects := sqldb.NewProjectService(db)
	var data []byte
	var n int
	switch kind {
	case "targets":
		ins, err := sqldb.NewTargetService(db).ExportTargets(ctx, 0)
		if err != nil {
			return refused(e, err)
		}
		n = len(ins)
		data, err = ledger.WriteTargets(format, targetRows(ins, tree), tree)
		if err != nil {
			return refused(e, err)
		}
	case "projects":
		ins, err := projects.ExportProjects(ctx, zhaoshang.ProjectFilter{Sort: "code"})
		if err != nil {
			return refused(e, err)
		}
		n = len(ins)
		data, err = ledger.WriteProjects(format, ledger.ProjectRows(ins, tree), tree)
		if err != nil {
			return refused(e, err)
		}
	default:
		ins, err := projects.ExportFunds(ctx, zhaoshang.ProjectFilter{})
		if err != nil {
			return refused(e, err)
		}
		n = len(ins)
		data, err = ledger.WriteFunds(format, ledger.FundRows(ins))
		if err != nil {
			return refused(e, err)
		}
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法写入文件“%s”：%v\n", file, err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "已导出%d行到 %s\n", n, file)
	return exitOK
}
