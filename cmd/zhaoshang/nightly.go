package main

import (
	"context"
	"log/slog"
	"time"

	"zhaoshang"
)

// The nightly data-quality run: every rule over every record at 2:00
// China time, when nobody is entering data, so that the county statistics
// (spikes, first digits) are current each morning. Changes of records
// check the projects they touch at once; this catches the rest.

// nightlyHour is the hour of the nightly run, China time.
const nightlyHour = 2

// nextNightly is the next 2:00 China time after now.
func nextNightly(now time.Time) time.Time {
	t := now.In(zhaoshang.Shanghai)
	next := time.Date(t.Year(), t.Month(), t.Day(), nightlyHour, 0, 0, 0, zhaoshang.Shanghai)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// runNightly runs check every night until ctx ends.
func runNightly(ctx context.Context, log *slog.Logger, check func(context.Context) (*zhaoshang.QualityRun, error)) {
	for {
		timer := time.NewTimer(time.Until(nextNightly(time.Now())))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
		start := time.Now()
		run, err := check(zhaoshang.SystemContext(ctx))
		if err != nil {
			log.Error("nightly data-quality run failed", "err", err)
			continue
		}
		log.Info("nightly data-quality run", "projects", run.Projects, "receipts", run.Receipts, "found", run.Found,
			"new", run.New, "fixed", run.Fixed, "took", time.Since(start).Round(time.Millisecond))
	}
}
