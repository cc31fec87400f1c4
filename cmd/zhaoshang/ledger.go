package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"zhaoshang"
	"zhaoshang/app"
)

// runImport loads a ledger file: import projects|funds|targets FILE
// [--dry-run] [--approve]. --approve takes historic, already verified data
// in as approved (every county-month its rows touch becomes 已审核).
func runImport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang import projects|funds|targets FILE [--dry-run] [--approve] [--db URL]"
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	kind, ok := app.ParseLedger(args[0])
	if !ok {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	fs, dbURL := flags(e, "import "+args[0])
	dry := fs.Bool("dry-run", false, "只检查并统计，不写入数据库")
	approve := fs.Bool("approve", false, "作为已核实的历史数据导入，所涉县市月份直接审核通过（审计日志注明）")
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage
	}
	if *approve && kind == app.TargetLedger {
		fmt.Fprintln(e.stderr, "zhaoshang: 目标任务不按月审核，--approve 只用于项目台账和到位资金台账")
		return exitUsage
	}
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
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	done, err := useCases(db).ImportFile(zhaoshang.SystemContext(ctx), kind, filepath.Base(file), data, zhaoshang.ImportOptions{Dry: *dry, Approve: *approve})
	if err != nil {
		return refused(e, err)
	}
	verb := "已导入"
	switch {
	case *dry:
		verb = "试导入（未写入数据库）"
	case *approve:
		verb = "已导入并审核通过"
	}
	res := done.Result
	fmt.Fprintf(e.stdout, "%s%s%d行：新增%d，更新%d，未变%d（SHA-256 %s）\n", verb, kind.Label(), res.Created+res.Updated+res.Unchanged, res.Created, res.Updated, res.Unchanged, done.SHA256)
	return exitOK
}

// runExport writes a ledger file: export projects|funds|targets FILE (.xlsx or .csv by its name).
func runExport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang export projects|funds|targets FILE.xlsx|FILE.csv [--db URL]"
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	kind, ok := app.ParseLedger(args[0])
	if !ok {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	fs, dbURL := flags(e, "export "+args[0])
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
	out, err := useCases(db).ExportFile(zhaoshang.SystemContext(ctx), kind, format, zhaoshang.ProjectFilter{Sort: "code"}, 0)
	if err != nil {
		return refused(e, err)
	}
	if err := os.WriteFile(file, out.Data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法写入文件“%s”：%v\n", file, err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "已导出%d行到 %s\n", out.Rows, file)
	return exitOK
}
