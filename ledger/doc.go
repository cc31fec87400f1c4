// Package ledger reads and writes the exchange formats of EXCHANGE.md (the
// ledgers of projects, funds and targets, and the organisation file): it
// parses cells, detects encodings and names every wrong row, but stores
// nothing itself.
package ledger
