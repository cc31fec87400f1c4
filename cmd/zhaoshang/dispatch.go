package main

import (
	"context"
	"fmt"
	"strings"
	"zhaoshang/app"

	"zhaoshang"
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
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	doc, err := useCases(db).DispatchDocument(zhaoshang.SystemContext(ctx), app.UnitRef{CodeOrName: *org}, m)
	if err != nil {
		return reportRefused(e, err)
	}
	return writeDocument(e, doc, *out)
}
