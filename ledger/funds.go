package ledger

import (
	"fmt"
	"time"

	"zhaoshang"
)

// FundRow is one row of a 到位资金台账 (EXCHANGE.md), typed and checked.
type FundRow struct {
	Row         int    // the Excel row number
	ProjectCode string // 项目编号, full-width forms folded as ParseProjects does
	Month       zhaoshang.Month
	Amount      zhaoshang.Money // above zero
	Source      zhaoshang.FundSource
	EvidenceNo  string // 凭证编号, "" when not given
	Note        string
}

// Identity is what tells receipts apart (EXCHANGE.md): importing a
// receipt with the same identity again replaces it.
func (f FundRow) Identity() string {
	return fmt.Sprintf("%s\x00%s\x00%s\x00%s", f.ProjectCode, f.Month, f.Source, f.EvidenceNo)
}

const (
	fCode = iota
	fMonth
	fAmount
	fSource
	fEvidence
	fNote
)

var fundColumns = []column{
	fCode:     {header: "项目编号", required: true, max: zhaoshang.MaxCodeLen, width: 16, text: true, hint: "已录入的项目（或同一批导入的项目）的项目编号"},
	fMonth:    {header: "到位月份", required: true, width: 12, text: true, hint: "资金到位的月份，可写2021-06、2021/6、2021年6月，或该月中的某一日期"},
	fAmount:   {header: "到位金额(万元)", required: true, aliases: []string{"到位金额"}, width: 16, hint: "单位万元，大于0，最多4位小数，可带千分位分隔符"},
	fSource:   {header: "资金来源", required: true, width: 12, hint: "省外境内、境外、省内 之一"},
	fEvidence: {header: "凭证编号", max: zhaoshang.MaxCodeLen, width: 20, text: true, hint: "银行回单、入账凭证等的编号"},
	fNote:     {header: "备注", max: zhaoshang.MaxNoteLen, width: 24},
}

// ParseFunds reads a 到位资金台账. Refused are: a missing required value, a
// malformed value, an amount not above zero, a month after the month of
// today, and two rows with the same identity
// (项目编号, 到位月份, 资金来源, 凭证编号). Every problem is listed in one
// *zhaoshang.ImportRefused. Whether a project exists is the storage's to
// say. A zero today stands for the current date.
func ParseFunds(t *Table, today zhaoshang.Date) ([]FundRow, error) {
	if today.IsZero() {
		today = zhaoshang.DateOf(time.Now())
	}
	m, head := mapColumns(t, fundColumns)
	if len(head) > 0 {
		return nil, &zhaoshang.ImportRefused{Problems: head}
	}
	p := &problemList{}
	seen := map[string]int{}
	out := make([]FundRow, 0, len(t.Rows))
	for k, rec := range t.Rows {
		if p.full {
			break
		}
		r := &rowReader{m: m, rec: rec, row: t.rowNum(k), p: p}
		before := len(p.probs)
		f := FundRow{Row: r.row}
		f.ProjectCode = r.key(fCode)
		if v, ok := r.month(fMonth); ok {
			if today.Month().Before(v) {
				r.fail(fMonth, "到位月份晚于本月")
			}
			f.Month = v
		}
		if v, ok := r.amount(fAmount); ok {
			if v <= 0 {
				r.fail(fAmount, "到位金额应大于0")
			}
			f.Amount = v
		}
		f.Source, _ = parseCell(r, fSource, ParseSource)
		f.EvidenceNo = r.key(fEvidence)
		f.Note = r.text(fNote)
		if len(p.probs) == before {
			id := f.Identity()
			if first, dup := seen[id]; dup {
				r.fail(fCode, "与第%d行重复（项目编号、到位月份、资金来源、凭证编号均相同）", first)
			} else {
				seen[id] = r.row
			}
		}
		if len(p.probs) == before {
			out = append(out, f)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}
