package main

import (
	"context"
	"fmt"
	"os"

	"zhaoshang"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
)

func runOrg(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || (args[0] != "import" && args[0] != "export") {
		fmt.Fprintln(e.stderr, "用法：zhaoshang org import FILE | zhaoshang org export FILE [--db URL]")
		return exitUsage
	}
	sub := args[0]
	fs, dbURL := flags(e, "org "+sub)
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage
	}
	if len(rest) != 1 {
		fmt.Fprintf(e.stderr, "用法：zhaoshang org %s FILE [--db URL]\n", sub)
		return exitUsage
	}
	file := rest[0]
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	org := sqldb.NewOrgService(db)
	if sub == "import" {
		b, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(e.stderr, "zhaoshang: 无法读取文件“%s”：%v\n", file, err)
			return exitUsage
		}
		rows, err := ledger.ParseOrgCSV(b)
		if err != nil {
			return refused(e, err)
		}
		if err := org.ImportTree(ctx, rows); err != nil {
			return refused(e, err)
		}
		fmt.Fprintf(e.stdout, "已导入%d个单位\n", len(rows))
		return exitOK
	}
	tree, err := org.Tree(ctx)
	if err != nil {
		return refused(e, err)
	}
	if err := os.WriteFile(file, ledger.OrgCSV(tree), 0o644); err != nil {
		fmt.Fprintf(e.stderr, "zhaoshang: 无法写入文件“%s”：%v\n", file, err)
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "已导出%d个单位到 %s\n", len(tree.Units), file)
	return exitOK
}
