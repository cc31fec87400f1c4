package reportcheck

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// Where a finding comes from.
const (
	SourceText    = "text"    // inconsistent with the figures stated beside it
	SourceRecords = "records" // differs from the approved records of the period
)

// Finding is one claim of the text that does not hold.
type Finding struct {
	Sentence string             `json:"sentence"` // the sentence as written (trimmed)
	Claim    string             `json:"claim"`    // the claim as written, e.g. "开工率98.9%"
	Expected string             `json:"expected"` // what the figures give, e.g. "286÷289＝98.96%，应为99.0%"
	Reason   string             `json:"reason"`   // one Chinese sentence
	Severity zhaoshang.Severity `json:"severity"` // warning for a wrong percentage or sum, error for a figure off the records
	Source   string             `json:"source"`   // SourceText or SourceRecords
	Offset   int                `json:"offset"`   // where the claim's figure begins in the text, in runes (for highlighting)
}

// SourceLabel is the source in the words of the screens: 文内, 记录.
func (f Finding) SourceLabel() string {
	switch f.Source {
	case SourceText:
		return "文内"
	case SourceRecords:
		return "记录"
	}
	return f.Source
}

// Check lists the claims of the text that do not follow from the figures
// stated beside them (Source "text"), in the order of the text. A claim
// whose base is not stated is not checked.
func Check(text string) []Finding { return CheckAgainst(text, nil) }

// CheckAgainst is Check plus the comparison of the stated indicators with
// rep, the report of the root unit for the period the text speaks of (see
// PeriodOf); rep nil checks the text alone. A claim gets one finding: when
// it is both inconsistent and off the records, the records' (an error).
func CheckAgainst(text string, rep *indicator.Report) []Finding {
	d := parse(text)
	byClaim := map[int]int{}
	var out []Finding
	add := func(f Finding) {
		if i, ok := byClaim[f.Offset]; ok {
			if f.Severity.Rank() < out[i].Severity.Rank() {
				out[i] = f
			}
			return
		}
		byClaim[f.Offset] = len(out)
		out = append(out, f)
	}
	for _, f := range d.checkRecords(rep) {
		add(f)
	}
	for _, f := range d.checkText() {
		add(f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset < out[j].Offset })
	return out
}

// WriteTable writes the findings as a tab-separated table with a header
// (严重程度, 来源, 声明, 应为, 原因, 语句), one finding a line, or a line
// saying there is none.
func WriteTable(w io.Writer, fs []Finding) error {
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "未发现与所列数值或审定记录不符的表述。")
		return err
	}
	if _, err := fmt.Fprintln(w, "严重程度\t来源\t声明\t应为\t原因\t语句"); err != nil {
		return err
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", f.Severity.Label(), f.SourceLabel(),
			clean.Replace(f.Claim), clean.Replace(f.Expected), clean.Replace(f.Reason), clean.Replace(f.Sentence)); err != nil {
			return err
		}
	}
	return nil
}
