// Command zhaoshang is the one binary of the platform: the web application
// and the command-line tools, wired here from the domain's adapters.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // Asia/Shanghai on machines without a zone database

	"zhaoshang"
	"zhaoshang/app"
	"zhaoshang/sqldb"
)

// Exit statuses of EXCHANGE.md.
const (
	exitOK      = 0
	exitRefused = 1 // the input was refused
	exitUsage   = 2 // a usage or environment error
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what every command gets: its streams and the process environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"serve", "运行网页应用", runServe},
		{"demo", "向空数据库载入演示数据（黔东南州2019年至2021年6月的项目、企业和到位资金）", runDemo},
		{"org", "组织机构：org import FILE 导入组织机构文件；org export FILE 导出", runOrg},
		{"import", "导入台账：import projects|funds|targets FILE [--dry-run] [--approve]", runImport},
		{"export", "导出台账：export projects|funds|targets FILE.xlsx|FILE.csv", runExport},
		{"report", "统计报表：report indicators --through YYYY-MM [--org CODE] [--format table|json|xlsx] [--out FILE]；report dispatch --through YYYY-MM --out FILE.xlsx；report bulletin --quarter 2021Q2 [--format docx|html|xlsx] --out FILE；report assessment --year 2021 [--format docx|html|xlsx] --out FILE", runReport},
		{"quality", "数据质量：quality [--format table|json] 检查全部记录并列出问题；quality check-report FILE 核对报告文字中的数字", runQuality},
		{"user", "用户：user add|passwd|disable USERNAME", runUser},
		{"audit", "审计日志：audit verify 校验审计日志链", runAudit},
		{"aggregates", "统计汇总：aggregates verify 与原始记录比对；aggregates rebuild 按原始记录重建", runAggregates},
		{"version", "显示版本", runVersion},
	}
}

var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "zhaoshang: 未知命令“%s”。运行 zhaoshang help 查看可用命令\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "zhaoshang — 招商引资管理平台\n\n用法：zhaoshang 命令 [参数]\n\n命令：")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个命令都接受 --db URL（或环境变量 ZHAOSHANG_DB）：sqlite:文件路径（默认 sqlite:zhaoshang.db）或 postgres://…")
}

// flags makes a flag set that reports errors on stderr, with --db.
func flags(e *env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("zhaoshang "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("ZHAOSHANG_DB")
	if def == "" {
		def = "sqlite:zhaoshang.db"
	}
	db := fs.String("db", def, "数据库地址：sqlite:文件路径 或 postgres://用户@主机:端口/库名（环境变量 ZHAOSHANG_DB）")
	return fs, db
}

// parse parses flags wherever they stand among the arguments (users write
// "import FILE --dry-run") and returns the positional arguments; on failure
// the flag package has printed why.
func parse(fs *flag.FlagSet, args []string) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, true
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// openDB opens the database or says in one line what is wrong.
func openDB(ctx context.Context, e *env, url string) (*sqldb.DB, bool) {
	db, err := sqldb.Open(ctx, url)
	if err != nil {
		var oe *sqldb.OpenError
		if errors.As(err, &oe) {
			fmt.Fprintln(e.stderr, "zhaoshang: "+oe.Msg)
		} else {
			fmt.Fprintf(e.stderr, "zhaoshang: 无法打开数据库“%s”：%v\n", url, err)
		}
		return nil, false
	}
	return db, true
}

// useCases are the use cases over the database's services (package app).
func useCases(db *sqldb.DB) *app.Services {
	return &app.Services{Org: sqldb.NewOrgService(db), Projects: sqldb.NewProjectService(db), Targets: sqldb.NewTargetService(db),
		Stats: sqldb.NewStatsService(db), Schemes: sqldb.NewSchemeService(db), Audit: sqldb.NewAuditService(db)}
}

// refused prints a domain error on stderr and picks the exit status.
func refused(e *env, err error) int {
	var ir *zhaoshang.ImportRefused
	if errors.As(err, &ir) {
		fmt.Fprintln(e.stderr, ir.Error())
		return exitRefused
	}
	if de := zhaoshang.AsError(err); de != nil && de.Code != zhaoshang.EInternal {
		fmt.Fprintln(e.stderr, "zhaoshang: "+de.Error())
		return exitRefused
	}
	fmt.Fprintf(e.stderr, "zhaoshang: %v\n", err)
	return exitUsage
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		return nil, fmt.Errorf("日志级别“%s”不正确，应为 debug、info、warn 或 error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("日志格式“%s”不正确，应为 text 或 json", format)
}

func runVersion(ctx context.Context, e *env, args []string) int {
	fmt.Fprintln(e.stdout, "zhaoshang", version)
	return exitOK
}
