package ledger

import (
	"strconv"
	"strings"

	"zhaoshang"
)

// TargetRow is one row of a 目标任务 file (EXCHANGE.md). The unit of the
// value depends on the indicator, which the caller resolves: Raw keeps the
// number as written (canonically: no separators, no needless decimals),
// Count and Money read it as either.
type TargetRow struct {
	Row       int // the Excel row number
	Year      int
	OrgUnitID int64 // the prefecture or a county
	OrgName   string
	Indicator string // the indicator's code or Chinese name, as written
	Raw       string // the target value, a non-negative decimal
}

// Count is the value as a count (个/家): a whole number.
func (r TargetRow) Count() (int64, bool) { return wholeNumber(r.Raw) }

// Money is the value as an amount in 万元.
func (r TargetRow) Money() (zhaoshang.Money, bool) {
	m, err := ParseAmountCell(r.Raw)
	if err != nil || r.Raw == "" || m < 0 {
		return 0, false
	}
	return m, true
}

const (
	tYear = iota
	tUnit
	tIndicator
	tValue
)

var targetColumns = []column{
	tYear:      {header: "年度", required: true, width: 8, hint: "四位年份，如2021"},
	tUnit:      {header: "单位", required: true, width: 14, hint: "州或县市，填写名称（如黔东南州、凯里市）或代码（如522600）"},
	tIndicator: {header: "指标", required: true, max: 64, width: 28, hint: "指标代码或中文名称，如 new_key_projects 或 新引进重点产业项目个数"},
	tValue:     {header: "目标值", required: true, width: 14, hint: "个数类指标填个/家数（整数），金额类指标填万元"},
}

const msgTargetUnit = "单位“%s”不存在或不是州、县市（可填写名称或代码）"

// ParseTargets reads a 目标任务 file: a year from 2000 to 2100, the
// prefecture or a county (by name or code), an indicator as written and a
// non-negative number. Two rows for the same year, unit and indicator
// are refused. Every problem is listed in one *zhaoshang.ImportRefused.
func ParseTargets(t *Table, tree *zhaoshang.OrgTree) ([]TargetRow, error) {
	m, head := mapColumns(t, targetColumns)
	if len(head) > 0 {
		return nil, &zhaoshang.ImportRefused{Problems: head}
	}
	p := &problemList{}
	seen := map[string]int{}
	out := make([]TargetRow, 0, len(t.Rows))
	for k, rec := range t.Rows {
		if p.full {
			break
		}
		r := &rowReader{m: m, rec: rec, row: t.rowNum(k), p: p}
		before := len(p.probs)
		tr := TargetRow{Row: r.row}
		if v, ok := r.raw(tYear); ok && v != "" {
			y, ok := wholeNumber(strings.TrimSuffix(foldCell(v), "年"))
			if !ok || y < 2000 || y > 2100 {
				r.fail(tYear, "年度应为2000至2100之间的四位年份")
			}
			tr.Year = int(y)
		}
		if v, ok := r.raw(tUnit); ok && v != "" {
			if u, err := findUnit(tree, v, msgTargetUnit, zhaoshang.OrgPrefecture, zhaoshang.OrgCounty); err != nil {
				r.failErr(tUnit, err)
			} else {
				tr.OrgUnitID, tr.OrgName = u.ID, u.Name
			}
		}
		tr.Indicator = cleanText(zhaoshang.FoldWidth(r.text(tIndicator)))
		if v, ok := r.raw(tValue); ok && v != "" {
			switch m, err := ParseAmountCell(v); {
			case err != nil:
				r.fail(tValue, "目标值应为数字：个数类指标填整数，金额类指标以万元为单位、最多4位小数")
			case m < 0:
				r.fail(tValue, "目标值不能为负数")
			default:
				tr.Raw = m.WanString()
			}
		}
		if len(p.probs) == before {
			id := strconv.Itoa(tr.Year) + "\x00" + strconv.FormatInt(tr.OrgUnitID, 10) + "\x00" + tr.Indicator
			if first, dup := seen[id]; dup {
				r.fail(tIndicator, "与第%d行重复（年度、单位、指标均相同）", first)
			} else {
				seen[id] = r.row
			}
		}
		if len(p.probs) == before {
			out = append(out, tr)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}
