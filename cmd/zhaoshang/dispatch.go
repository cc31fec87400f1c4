package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/report"
	"zhaoshang/sqldb"
)

// runDispatch writes the 月调度 table: report dispatch --through YYYY-MM
// [--org CODE] [--format xlsx] --out FILE.
func runDispatch(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang report dispatch --through YYYY-MM [--org 单位代码] [--format xlsx] --out FILE [--db URL]"
	fs, dbURL := flags(e, "report dispatch")
	through := fs.String("through", "", "统计截至月份 YYYY-MM：当年1月至该月累计（必填）")
	org := fs.String("org", "", "单位代码或名称（默认：根单位，如黔东南州）")
	format := fs.String("format", "xlsx", "输出格式：xlsx（正式调度表）")
	out := fs.String("out", "", "写入文件（必填）")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) != 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	m, err := zhaoshang.ParseMonth(strings.TrimSpace(*through))
	if err != nil || !m.Valid() {
		fmt.Fprintf(e.stderr, "zhaoshang: --through 应为统计截至月份，如 2021-06（收到“%s”）\n", *through)
		return exitUsage
	}
	if *format != "xlsx" {
		fmt.Fprintf(e.stderr, "zhaoshang: 月调度表只能导出为 xlsx，不能是“%s”\n", *format)
		return exitUsage
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "zhaoshang: 须用 --out 指定要写入的文件")
		return exitUsage
	}
	rep, code := buildReport(ctx, e, *dbURL, *org, indicator.YTD(m))
	if rep == nil {
		return code
	}
	data, err := report.DispatchWorkbook(rep)
	if err != nil {
		return refused(e, err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法写入文件“%s”：%v\n", *out, err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "已写入“%s”到 %s\n", report.DispatchTitle(rep), *out)
	return exitOK
}

// buildReport builds the indicator report of a unit (the root when org is
// empty) as the program itself; on failure it has said why and returns the
// exit status.
func buildReport(ctx context.Context, e *env, dbURL, org string, p indicator.Period) (*indicator.Report, int) {
	rep, _, code := buildScored(ctx, e, dbURL, org, p, false)
	return rep, code
}

// buildScored is buildReport that also reads the year's scoring scheme
// (its own, or the default) when withScheme.
func buildScored(ctx context.Context, e *env, dbURL, org string, p indicator.Period, withScheme bool) (*indicator.Report, *zhaoshang.Scheme, int) {
	db, ok := openDB(ctx, e, dbURL)
	if !ok {
		return nil, nil, exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	tree, err := sqldb.NewOrgService(db).Tree(ctx)
	if err != nil {
		return nil, nil, refused(e, err)
	}
	unit := reportUnit(tree, org)
	if unit == nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 单位“%s”不存在（--org 填写单位代码或名称）；组织机构为空时请先运行 zhaoshang org import\n", org)
		return nil, nil, exitUsage
	}
	rep, err := indicator.Build(ctx, sqldb.NewStatsService(db), sqldb.NewTargetService(db), tree, unit.ID, p)
	if err != nil {
		return nil, nil, refused(e, err)
	}
	if !withScheme {
		return rep, nil, exitOK
	}
	sc, err := sqldb.NewSchemeService(db).Scheme(ctx, p.Year())
	if err != nil {
		return nil, nil, refused(e, err)
	}
	return rep, &sc.Scheme, exitOK
}

// reportUnit is the unit a report is about: the one named, or the root.
func reportUnit(tree *zhaoshang.OrgTree, org string) *zhaoshang.OrgUnit {
	if org == "" {
		if roots := tree.Roots(); len(roots) > 0 {
			return roots[0]
		}
		return nil
	}
	return tree.Find(org)
}
