package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"zhaoshang/app"

	"zhaoshang"
)

var quarterPattern = regexp.MustCompile(`^(\d{4})-?[Qq]([1-4])$`)

// parseQuarter reads 2021Q2 or 2021-Q2.
func parseQuarter(s string) (year, q int, ok bool) {
	m := quarterPattern.FindStringSubmatch(strings.TrimSpace(zhaoshang.FoldWidth(s)))
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	q, _ = strconv.Atoi(m[2])
	return year, q, year >= 1900
}

// runBulletin writes 季通报: report bulletin --quarter 2021Q2 [--org CODE]
// [--format docx|html|xlsx] --out FILE, from the year to date through the
// quarter's last month, scored by the year's scheme (its own as set on the
// 考核办法 page, or zhaoshang.DefaultScheme).
func runBulletin(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang report bulletin --quarter 2021Q2 [--org 单位代码] [--format docx|html|xlsx] --out FILE [--db URL]"
	fs, dbURL := flags(e, "report bulletin")
	quarter := fs.String("quarter", "", "季度，如 2021Q2 或 2021-Q2（必填）：当年1月至该季度末累计")
	org := fs.String("org", "", "单位代码或名称（默认：根单位，如黔东南州）")
	format := fs.String("format", "docx", "输出格式：docx（可编辑公文）、html（可打印网页）或 xlsx（得分表）")
	out := fs.String("out", "", "写入文件（必填）")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) != 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	year, q, ok := parseQuarter(*quarter)
	if !ok {
		fmt.Fprintf(e.stderr, "zhaoshang: --quarter 应为季度，如 2021Q2 或 2021-Q2（收到“%s”）\n", *quarter)
		return exitUsage
	}
	return writeScored(ctx, e, *dbURL, *format, *out, func(uc *app.Services, ctx context.Context) (*app.Scored, error) {
		return uc.Bulletin(ctx, app.UnitRef{CodeOrName: *org}, year, q)
	})
}

// runAssessment writes 年考核: report assessment --year 2021 [--org CODE]
// [--format docx|html|xlsx] --out FILE, the year's scheme on the whole
// year's figures.
func runAssessment(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang report assessment --year 2021 [--org 单位代码] [--format docx|html|xlsx] --out FILE [--db URL]"
	fs, dbURL := flags(e, "report assessment")
	yearFlag := fs.String("year", "", "考核年度，如 2021（必填）：1—12月全年数据")
	org := fs.String("org", "", "单位代码或名称（默认：根单位，如黔东南州）")
	format := fs.String("format", "docx", "输出格式：docx（可编辑公文）、html（可打印网页）或 xlsx（得分表）")
	out := fs.String("out", "", "写入文件（必填）")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) != 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	year, err := strconv.Atoi(strings.TrimSpace(zhaoshang.FoldWidth(*yearFlag)))
	if err != nil || year < 1900 || year > 9999 {
		fmt.Fprintf(e.stderr, "zhaoshang: --year 应为四位年份，如 2021（收到“%s”）\n", *yearFlag)
		return exitUsage
	}
	return writeScored(ctx, e, *dbURL, *format, *out, func(uc *app.Services, ctx context.Context) (*app.Scored, error) {
		return uc.Assessment(ctx, app.UnitRef{CodeOrName: *org}, year)
	})
}

// writeScored builds the 季通报 or 年考核 with build and writes it in the
// format asked for.
func writeScored(ctx context.Context, e *env, dbURL, format, out string, build func(*app.Services, context.Context) (*app.Scored, error)) int {
	if format != "docx" && format != "html" && format != "xlsx" {
		fmt.Fprintf(e.stderr, "zhaoshang: --format 应为 docx、html 或 xlsx，不能是“%s”\n", format)
		return exitUsage
	}
	if out == "" {
		fmt.Fprintln(e.stderr, "zhaoshang: 须用 --out 指定要写入的文件")
		return exitUsage
	}
	db, ok := openDB(ctx, e, dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	uc := useCases(db)
	ctx = zhaoshang.SystemContext(ctx)
	sc, err := build(uc, ctx)
	if err != nil {
		return reportRefused(e, err)
	}
	doc, err := uc.ScoredDocument(ctx, sc, format)
	if err != nil {
		return refused(e, err)
	}
	return writeDocument(e, doc, out)
}
