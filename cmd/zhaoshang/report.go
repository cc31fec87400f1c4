package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"zhaoshang/app"

	"zhaoshang"
)

// runReport prints a statistical report: report indicators --through YYYY-MM
// [--org CODE] [--format table|json|xlsx] [--out FILE]. It runs as the
// program itself (the server's console), so it sees every unit.
func runReport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang report indicators --through YYYY-MM [--org 单位代码] [--format table|json|xlsx] [--out FILE] [--db URL]"
	if len(args) > 0 && args[0] == "bulletin" {
		return runBulletin(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "assessment" {
		return runAssessment(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "dispatch" {
		return runDispatch(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "indicators" {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	fs, dbURL := flags(e, "report indicators")
	through := fs.String("through", "", "统计截至月份 YYYY-MM：当年1月至该月累计（必填）")
	org := fs.String("org", "", "单位代码或名称（默认：根单位，如黔东南州）")
	format := fs.String("format", "table", "输出格式：table（文字表格）、json 或 xlsx")
	out := fs.String("out", "", "写入文件（默认：标准输出；xlsx 须指定文件）")
	rest, ok := parse(fs, args[1:])
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
	switch *format {
	case "table", "json":
	case "xlsx":
		if *out == "" {
			fmt.Fprintln(e.stderr, "zhaoshang: --format xlsx 须用 --out 指定要写入的 .xlsx 文件")
			return exitUsage
		}
	default:
		fmt.Fprintf(e.stderr, "zhaoshang: --format 应为 table、json 或 xlsx，不能是“%s”\n", *format)
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	doc, err := useCases(db).IndicatorDocument(zhaoshang.SystemContext(ctx), app.UnitRef{CodeOrName: *org}, m, *format)
	if err != nil {
		return reportRefused(e, err)
	}
	if *out == "" {
		e.stdout.Write(doc.Data)
		return exitOK
	}
	return writeDocument(e, doc, *out)
}

// reportRefused is refused for a report: a unit that --org does not name
// is a usage error, said with what to write instead.
func reportRefused(e *env, err error) int {
	if zhaoshang.ErrorCode(err) == zhaoshang.ENotFound {
		fmt.Fprintln(e.stderr, "zhaoshang: "+zhaoshang.AsError(err).Error()+"（--org 填写单位代码或名称；组织机构为空时请先运行 zhaoshang org import）")
		return exitUsage
	}
	return refused(e, err)
}

// writeDocument writes a document to the file named and says so.
func writeDocument(e *env, doc *app.Document, file string) int {
	if err := os.WriteFile(file, doc.Data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法写入文件“%s”：%v\n", file, err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "已写入“%s”到 %s\n", doc.Title, file)
	return exitOK
}
