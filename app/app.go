// Package app holds the use cases: each function is one thing a user does
// that takes more than one service call (import or export a ledger file,
// build the indicator table, the 月调度, the 季通报 or the 年考核, check a
// report's text). Each is written once here, over the domain's service
// interfaces, and called alike by the command line (cmd/zhaoshang), the
// screens and the JSON API (web), which only read their input and show the
// answer. A new module adds its use cases here, in a file of its own.
//
// app sits between the adapters: it may use the formats (ledger), the
// documents (report), the indicator engine and the report checker, never
// storage (sqldb) or the screens (web), which reach it through Services.
package app

import (
	"time"

	"zhaoshang"
)

// Services are the domain services the use cases call; a nil service is
// one the caller's use cases do not need.
type Services struct {
	Org      zhaoshang.OrgService
	Projects zhaoshang.ProjectService
	Targets  zhaoshang.TargetService
	Stats    zhaoshang.MeasureSource
	Schemes  zhaoshang.SchemeService
	Audit    zhaoshang.AuditService
	// Now is the one clock of the use cases and the screens (time.Now
	// when nil); tests set it.
	Now func() time.Time
}

// Today is the date in Asia/Shanghai by the clock.
func (s *Services) Today() zhaoshang.Date {
	if s.Now == nil {
		return zhaoshang.DateOf(time.Now())
	}
	return zhaoshang.DateOf(s.Now())
}
