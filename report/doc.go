// Package report turns indicator tables into the documents leaders read:
// the narrative text now; the dispatch table, bulletin and assessment
// writers later.
package report
