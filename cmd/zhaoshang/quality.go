package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"zhaoshang"
	"zhaoshang/reportcheck"
	"zhaoshang/sqldb"
)

// runQuality runs the data-quality checks over every record and lists the
// findings: quality [--org CODE] [--status open|explained|fixed|all]
// [--rule Q103] [--year 2021] [--format table|json] [--no-run]; or checks
// a report's text: quality check-report FILE.
func runQuality(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "check-report" {
		return runCheckReport(ctx, e, args[1:])
	}
	const use = "用法：zhaoshang quality [--org 单位代码] [--status open|explained|fixed|all] [--rule Q103] [--year 2021] [--format table|json] [--no-run] [--db URL]；zhaoshang quality check-report FILE [--format table|json]"
	fs, dbURL := flags(e, "quality")
	org := fs.String("org", "", "只列该单位（及其下级）的问题")
	status := fs.String("status", "open", "问题状态：open（待处理）、explained（已说明）、fixed（已纠正）或 all")
	rule := fs.String("rule", "", "只列该规则的问题，如 Q103")
	year := fs.Int("year", 0, "只列该年度的问题")
	format := fs.String("format", "table", "输出格式：table 或 json")
	noRun := fs.Bool("no-run", false, "不重新检查，只列出已有的问题")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) != 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(e.stderr, "zhaoshang: --format 应为 table 或 json，不能是“%s”\n", *format)
		return exitUsage
	}
	filter := zhaoshang.FindingFilter{Rule: strings.ToUpper(strings.TrimSpace(*rule)), Year: *year}
	switch *status {
	case "all":
	case "open", "explained", "fixed":
		filter.Status = zhaoshang.FindingStatus(*status)
	default:
		fmt.Fprintf(e.stderr, "zhaoshang: --status 应为 open、explained、fixed 或 all，不能是“%s”\n", *status)
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	if *org != "" {
		tree, err := sqldb.NewOrgService(db).Tree(ctx)
		if err != nil {
			return refused(e, err)
		}
		u := tree.Find(*org)
		if u == nil {
			fmt.Fprintf(e.stderr, "zhaoshang: 单位“%s”不存在（--org 填写单位代码或名称）\n", *org)
			return exitUsage
		}
		filter.OrgUnitID = u.ID
	}
	qs := sqldb.NewQualityService(db)
	if !*noRun {
		run, err := qs.RunChecks(ctx)
		if err != nil {
			return refused(e, err)
		}
		fmt.Fprintf(e.stderr, "已检查项目%d个、到位资金%d笔：现有问题%d条，新发现%d条，已纠正%d条\n", run.Projects, run.Receipts, run.Found, run.New, run.Fixed)
	}
	list, total, err := qs.Findings(ctx, filter)
	if err != nil {
		return refused(e, err)
	}
	if *format == "json" {
		type jsonFinding struct {
			Rule        string `json:"rule"`
			Title       string `json:"title"`
			Severity    string `json:"severity"`
			Status      string `json:"status"`
			Org         string `json:"org"`
			Project     string `json:"project,omitempty"`
			Month       string `json:"month,omitempty"`
			Year        int    `json:"year"`
			Message     string `json:"message"`
			Explanation string `json:"explanation,omitempty"`
		}
		out := []jsonFinding{}
		for _, f := range list {
			m := ""
			if !f.Month.IsZero() {
				m = f.Month.String()
			}
			out = append(out, jsonFinding{f.Rule, f.RuleTitle, string(f.Severity), string(f.Status), f.Unit, f.ProjectCode, m, f.Year, f.Message, f.Explanation})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(map[string]any{"total": total, "findings": out}); err != nil {
			return exitUsage
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "规则\t严重程度\t状态\t县市\t项目\t问题")
	for _, f := range list {
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\t%s\n", f.Rule, f.RuleTitle, f.Severity.Label(), f.Status.Label(), f.Unit, orDash(f.ProjectCode), f.Message)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "共%d条\n", total)
	return exitOK
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// runCheckReport checks a report's text: quality check-report FILE
// [--format table|json] [--through YYYY-MM] [--text-only]. It finds the
// claims that the figures stated beside them or the approved records of
// the period the text speaks of do not bear out; exit 1 when it finds any.
func runCheckReport(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang quality check-report FILE [--format table|json] [--through YYYY-MM] [--text-only] [--db URL]"
	fs, dbURL := flags(e, "quality check-report")
	format := fs.String("format", "table", "输出格式：table 或 json")
	through := fs.String("through", "", "报告所述期间的截至月份（默认从文中识别，如“1—6月”）")
	textOnly := fs.Bool("text-only", false, "只核对文中数字之间的关系，不与审定记录比对")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) != 1 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(e.stderr, "zhaoshang: --format 应为 table 或 json，不能是“%s”\n", *format)
		return exitUsage
	}
	raw, err := os.ReadFile(rest[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法读取文件“%s”：%v\n", rest[0], err)
		return exitUsage
	}
	var until zhaoshang.Month
	if *through != "" {
		m, err := zhaoshang.ParseMonth(strings.TrimSpace(*through))
		if err != nil || !m.Valid() {
			fmt.Fprintf(e.stderr, "zhaoshang: --through 应为月份，如 2021-06（收到“%s”）\n", *through)
			return exitUsage
		}
		until = m
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	checked, err := useCases(db).CheckReport(zhaoshang.SystemContext(ctx), raw, until, *textOnly)
	if err != nil {
		return refused(e, err)
	}
	if checked.Period == "" && !*textOnly {
		fmt.Fprintln(e.stderr, "zhaoshang: 文中没有可识别的统计期间（如“1—6月”），只核对文中数字之间的关系；可用 --through 指定")
	}
	found := checked.Findings
	if *format == "json" {
		if found == nil {
			found = []reportcheck.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(found)
	} else {
		reportcheck.WriteTable(e.stdout, found)
	}
	if len(found) > 0 {
		fmt.Fprintln(e.stderr, "发现"+strconv.Itoa(len(found))+"处与所列数值或审定记录不符的表述")
		return exitRefused
	}
	return exitOK
}
