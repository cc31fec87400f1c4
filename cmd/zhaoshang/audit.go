package main

import (
	"context"
	"fmt"

	"zhaoshang"
	"zhaoshang/sqldb"
)

func runAudit(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "用法：zhaoshang audit verify [--db URL]")
		return exitUsage
	}
	fs, dbURL := flags(e, "audit verify")
	if rest, ok := parse(fs, args[1:]); !ok || len(rest) > 0 {
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	n, err := sqldb.NewAuditService(db).VerifyAudit(zhaoshang.SystemContext(ctx))
	if err != nil {
		fmt.Fprintf(e.stdout, "审计日志链校验失败（已校验%d条）：%v\n", n, err)
		return exitRefused
	}
	fmt.Fprintf(e.stdout, "审计日志链完整：共%d条，逐条校验通过\n", n)
	return exitOK
}
