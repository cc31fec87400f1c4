package main

import (
	"context"
	"fmt"

	"zhaoshang"
)

// runAggregates keeps the monthly aggregates of the measures:
// aggregates rebuild recomputes every cell from the records; aggregates
// verify compares them with a recount and exits 1 on any difference.
func runAggregates(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang aggregates rebuild|verify [--db URL]"
	if len(args) == 0 || (args[0] != "rebuild" && args[0] != "verify") {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	fs, dbURL := flags(e, "aggregates "+args[0])
	if rest, ok := parse(fs, args[1:]); !ok || len(rest) > 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	if args[0] == "rebuild" {
		if err := db.RebuildAggregates(ctx); err != nil {
			return refused(e, err)
		}
		fmt.Fprintln(e.stdout, "已按原始记录重建统计汇总")
		return exitOK
	}
	diffs, err := db.VerifyAggregates(ctx)
	if err != nil {
		return refused(e, err)
	}
	for _, d := range diffs {
		fmt.Fprintln(e.stdout, d)
	}
	if len(diffs) > 0 {
		fmt.Fprintf(e.stderr, "统计汇总与原始记录不一致：%d处；可运行 zhaoshang aggregates rebuild 重建\n", len(diffs))
		return exitRefused
	}
	fmt.Fprintln(e.stdout, "统计汇总与原始记录一致")
	return exitOK
}
