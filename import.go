package zhaoshang

import (
	"encoding/json"
	"fmt"
	"strings"
)

// RowProblem names one wrong cell of an imported file, in the words a clerk
// reads: row number as Excel shows it, the column header, the value, why.
// Reason is a key of the message catalogue and Args its values, so each
// adapter shows it in the reader's language; nothing compares its text.
type RowProblem struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"-"`
	Args   []any  `json:"-"`
}

// Problem is the row problem an error of the domain makes of one row.
func Problem(row int, column, value string, err *Error) RowProblem {
	return RowProblem{Row: row, Column: column, Value: value, Reason: err.Message, Args: err.Args}
}

// Text is the reason in Chinese, its arguments filled in.
func (p RowProblem) Text() string {
	if len(p.Args) == 0 {
		return p.Reason
	}
	return fmt.Sprintf(p.Reason, p.Args...)
}

// MarshalJSON writes the reason as text, for the API and --format json.
func (p RowProblem) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Row    int    `json:"row"`
		Column string `json:"column"`
		Value  string `json:"value"`
		Reason string `json:"reason"`
	}{p.Row, p.Column, p.Value, p.Text()})
}

func (p RowProblem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("第%d行：%s", p.Row, p.Text())
	}
	return fmt.Sprintf("第%d行【%s】“%s”：%s", p.Row, p.Column, p.Value, p.Text())
}

// ImportRefused is the answer to a file with wrong rows: nothing was written.
type ImportRefused struct {
	Problems []RowProblem
}

func (e *ImportRefused) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "文件中有%d处错误，未导入任何数据：", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// ValidateOrgRows checks an organisation file as a whole: every code once,
// every parent present, one root, no cycles, known kinds. Rows must carry
// their Line.
func ValidateOrgRows(rows []OrgRow) []RowProblem {
	var probs []RowProblem
	seen := map[string]int{}
	for _, r := range rows {
		in := OrgUnitInput{Code: r.Code, Name: r.Name, Kind: r.Kind}
		if err := in.Validate(); err != nil {
			e := AsError(err)
			col, val := "", ""
			switch e.Field {
			case "code":
				col, val = "code", r.Code
			case "name":
				col, val = "name", r.Name
			case "kind":
				col, val = "kind", string(r.Kind)
			}
			probs = append(probs, Problem(r.Line, col, val, e))
			continue
		}
		if first, dup := seen[r.Code]; dup {
			probs = append(probs, RowProblem{Row: r.Line, Column: "code", Value: r.Code, Reason: fmt.Sprintf("编码与第%d行重复", first)})
			continue
		}
		seen[r.Code] = r.Line
	}
	roots := 0
	parent := map[string]string{}
	for _, r := range rows {
		parent[r.Code] = r.ParentCode
	}
	for _, r := range rows {
		if r.ParentCode == "" {
			roots++
			if roots > 1 {
				probs = append(probs, RowProblem{Row: r.Line, Column: "parent_code", Reason: "只能有一个根单位（上级编码为空的单位）"})
			}
			continue
		}
		if _, ok := seen[r.ParentCode]; !ok {
			probs = append(probs, RowProblem{Row: r.Line, Column: "parent_code", Value: r.ParentCode, Reason: "上级单位编码在文件中不存在"})
			continue
		}
		// walk up; more steps than rows means a cycle
		c, steps := r.ParentCode, 0
		for c != "" && steps <= len(rows) {
			if c == r.Code {
				probs = append(probs, RowProblem{Row: r.Line, Column: "parent_code", Value: r.ParentCode, Reason: "上下级关系构成循环"})
				break
			}
			c, steps = parent[c], steps+1
		}
	}
	if len(rows) > 0 && roots == 0 {
		probs = append(probs, RowProblem{Row: rows[0].Line, Column: "parent_code", Reason: "缺少根单位（上级编码为空的单位）"})
	}
	if len(rows) == 0 {
		probs = append(probs, RowProblem{Row: 1, Reason: "文件中没有任何单位"})
	}
	return probs
}

// ImportOptions say how a ledger file is taken in.
type ImportOptions struct {
	Dry bool // check and count only; write nothing
	// Approve marks what the file holds as reviewed and approved: historic,
	// already verified data (import --approve). Every county-month its rows
	// touch becomes 已审核, and the audit trail says so. It needs
	// review:approve besides the import's own permission.
	Approve bool
}
