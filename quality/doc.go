// Package quality is the data-quality rule engine of 依法统计: a
// declarative catalogue of rules (Rules), each with a code, a severity, a
// Chinese title and an explanation, that looks for figures which are wrong
// or implausible in the project ledger and the funds received.
//
// The package is pure: it reads a Snapshot (projects, receipts, which
// receipts carry an evidence scan) and a Config (thresholds), and returns
// Detections, each with a Chinese message in the tone of an official
// notice and a stable Key that names the finding across runs. It touches
// no database, clock or file; the same input always gives the same output
// in the same order.
//
// The engine runs in three places, none of them here: on save (RunFor with
// the saved project, which skips the county statistics), nightly over
// everything and on demand (Run). Loading the snapshot and keeping each
// finding's status (open, explained, fixed) by its Key is the work of the
// storage (sqldb); listing and explaining findings is the work of the
// screens (web). Voided records never count, as in every statistic.
package quality
