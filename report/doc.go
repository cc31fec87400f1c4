// Package report turns indicator tables into the documents leaders read:
// the narrative text, the 月调度 workbook, the indicator table (text, JSON,
// workbook), the scores of 季通报 and 年考核 and their .docx, HTML and
// workbooks. It builds bytes; the use cases (package app) decide what is
// built for whom.
package report
