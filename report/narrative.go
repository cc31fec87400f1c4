package report

import (
	"math/big"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// Options chooses the clauses the narrative adds beyond the wording of the
// seed's section 一. The zero value writes exactly that wording.
type Options struct {
	// AllChanges adds the year-on-year change wherever the rows have one,
	// also for the figures the seed states without it: 新增到位资金, 工业项目
	// 到位资金 and, in percentage points ("同比提高N个百分点"), the share and
	// the start and production rates.
	AllChanges bool
}

// Narrative writes the paragraph a summary opens with (the seed's section
// 一) for one org unit over a period, from its indicator table as
// indicator.Build returns it (Report.Rows, or a county's UnitRows.Rows):
//
//	1—6月，全州新引进重点产业项目289个，完成州级年度目标任务450个的64.2%，同比增长9.9%，……。顺利实现“时间过半、任务过半”工作目标。
//
// It is pure: it reads nothing but its arguments. See Options.Narrative for
// the rules.
func Narrative(unit *zhaoshang.OrgUnit, p zhaoshang.Period, rows []indicator.Row) string {
	return Options{}.Narrative(unit, p, rows)
}

// ReportNarrative is the narrative of the unit a report is about.
func ReportNarrative(r *indicator.Report) string { return Narrative(r.Unit, r.Period, r.Rows) }

// Narrative writes the paragraph with the chosen clauses. The rules:
//
//   - The paragraph opens with the period's label (Period.Label: "1—6月",
//     "一季度", "6月", "全年") and the subject: "全州" for a prefecture
//     named …州 ("全市" for one named …市), "全省" for a province, the
//     unit's own name for a county or any other unit. Targets are "州级年
//     度目标任务" ("市级", "省级") above a county and "年度目标任务" for a
//     county or any other unit.
//   - A clause is left out where its figure is missing: no row or no value
//     (a rate whose denominator is zero) → no clause for it; no target or
//     no completion → no "完成…的X%"; no year-on-year (no previous, or a
//     previous of zero) → no 同比 clause.
//   - Changes: "同比增长X%", "同比下降X%"; for rates and shares "同比提高N个
//     百分点", "同比下降N个百分点"; "与上年持平" when the change displays as
//     0.0. Percentages are rounded half-up to one decimal
//     (indicator.FormatPercent).
//   - Money (FormatMoney): a value of 1亿元 or more in 亿元 with one decimal
//     (355.7亿元); from 0.1亿 to below 1亿 in 亿元 with two decimals
//     (0.35亿元); below 0.1亿 in 万元 with one decimal (85.3万元); zero is
//     "0亿元"; where rounding reaches the next unit it is written in that
//     one (0.998亿 is "1.0亿元"). A target is written exactly, without
//     trailing zeros (600亿元, 12.5亿元, 800万元).
//   - The closing sentence, for a year-to-date period only, judges every
//     indicator that has a completion (a target) against the time progress
//     (序时进度): through June "顺利实现“时间过半、任务过半”工作目标。" when
//     each is at or above it, else "X、Y完成进度低于序时进度，距“时间过半、任
//     务过半”工作目标尚有差距。"; through another month "各项目标任务完成进度
//     均达到序时进度要求。" or "X、Y完成进度低于序时进度（Z%）。"; for the
//     whole year "全面完成年度目标任务。" or "X、Y未完成年度目标任务。". A
//     month, quarter or half other than 上半年 has no closing sentence,
//     nor has a unit without any completion.
func (o Options) Narrative(unit *zhaoshang.OrgUnit, p zhaoshang.Period, rows []indicator.Row) string {
	n := narrator{opts: o, rows: map[string]*indicator.Row{}}
	for i := range rows {
		if rows[i].Def != nil {
			n.rows[rows[i].Def.Code] = &rows[i]
		}
	}
	subject, level := subjectOf(unit)
	n.level = level

	var segs []string
	// 新引进重点产业项目…，合同约定投资总额…
	var s []string
	if r := n.row("new_key_projects"); r != nil {
		s = append(s, "新引进重点产业项目"+count(r)+n.completion(r)+n.change(r, true))
	}
	if r := n.row("contract_investment"); r != nil {
		s = append(s, "合同约定投资总额"+FormatMoney(r.ExactValue())+n.completion(r)+n.change(r, true))
	}
	segs = appendSeg(segs, strings.Join(s, "，"))
	if r := n.row("new_strong_enterprises"); r != nil {
		segs = appendSeg(segs, "新引进优强企业"+count(r)+n.completion(r)+n.change(r, true))
	}
	// 新增到位资金…，其中：重点产业项目到位资金…
	s = nil
	if r := n.row("funds_in_place"); r != nil {
		s = append(s, "新增到位资金"+FormatMoney(r.ExactValue())+n.completion(r)+n.change(r, o.AllChanges))
	}
	if r := n.row("key_funds_in_place"); r != nil {
		t := "重点产业项目到位资金" + FormatMoney(r.ExactValue()) + n.completion(r) + n.change(r, true)
		if len(s) > 0 {
			t = "其中：" + t
		}
		s = append(s, t)
	}
	segs = appendSeg(segs, strings.Join(s, "，"))
	// 工业项目到位资金…，占比…
	s = nil
	if r := n.row("industrial_funds_in_place"); r != nil {
		s = append(s, "工业项目到位资金"+FormatMoney(r.ExactValue())+n.completion(r)+n.change(r, o.AllChanges))
		if sh := n.row("industrial_funds_share"); sh != nil {
			s = append(s, "占比"+percent(sh)+n.change(sh, o.AllChanges))
		}
	}
	segs = appendSeg(segs, strings.Join(s, "，"))
	// 新增重点产业项目中，开工…、开工率…，投产…、投产率…
	s = nil
	for _, c := range [][3]string{{"started_projects", "start_rate", "开工"}, {"producing_projects", "production_rate", "投产"}} {
		r := n.row(c[0])
		if r == nil {
			continue
		}
		t := c[2] + count(r) + n.completion(r) + n.change(r, o.AllChanges)
		if rate := n.row(c[1]); rate != nil {
			sep := "、"
			if strings.Contains(t, "，") {
				sep = "，"
			}
			t += sep + c[2] + "率" + percent(rate) + n.change(rate, o.AllChanges)
		}
		s = append(s, t)
	}
	if len(s) > 0 {
		segs = appendSeg(segs, "新增重点产业项目中，"+strings.Join(s, "，"))
	}

	var b strings.Builder
	b.WriteString(p.Label())
	b.WriteString("，")
	if len(segs) == 0 {
		b.WriteString(subject + "暂无招商引资统计数据。")
		return b.String()
	}
	b.WriteString(subject)
	b.WriteString(strings.Join(segs, "；"))
	b.WriteString("。")
	b.WriteString(n.closing(p, rows))
	return b.String()
}

type narrator struct {
	opts  Options
	rows  map[string]*indicator.Row
	level string // 州级年度目标任务, 年度目标任务
}

// row is the row of the indicator when it has a value.
func (n *narrator) row(code string) *indicator.Row {
	if r := n.rows[code]; r != nil && r.Value != nil && r.ExactValue() != nil {
		return r
	}
	return nil
}

// completion is "，完成州级年度目标任务450个的64.2%", or "".
func (n *narrator) completion(r *indicator.Row) string {
	if r.Target == nil || r.Completion == nil {
		return ""
	}
	var t string
	switch r.Def.Kind {
	case indicator.KindMoney:
		t = formatTarget(*r.Target)
	default:
		t = big.NewInt(*r.Target).String() + r.Def.Unit
	}
	return "，完成" + n.level + t + "的" + indicator.FormatPercent(*r.Completion) + "%"
}

// change is "，同比增长9.9%" (or 下降, 提高/下降…个百分点, 与上年持平) when
// wanted and the row has one, else "".
func (n *narrator) change(r *indicator.Row, wanted bool) string {
	if !wanted || r.YoY == nil {
		return ""
	}
	s := indicator.FormatPercent(*r.YoY)
	if s == indicator.None {
		return ""
	}
	if s == "0.0" {
		return "，与上年持平"
	}
	down := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if r.Def.Kind == indicator.KindRate {
		if down {
			return "，同比下降" + s + "个百分点"
		}
		return "，同比提高" + s + "个百分点"
	}
	if down {
		return "，同比下降" + s + "%"
	}
	return "，同比增长" + s + "%"
}

// closing is the sentence that judges the completions against the time
// progress; see Options.Narrative.
func (n *narrator) closing(p zhaoshang.Period, rows []indicator.Row) string {
	if p.From.M != 1 {
		return ""
	}
	var lagging []string
	judged := false
	for i := range rows {
		r := &rows[i]
		if r.Def == nil || r.Ahead == nil {
			continue
		}
		judged = true
		if !*r.Ahead {
			lagging = append(lagging, shortName(r.Def))
		}
	}
	if !judged {
		return ""
	}
	names := strings.Join(lagging, "、")
	switch p.Through.M {
	case 6:
		if len(lagging) == 0 {
			return "顺利实现“时间过半、任务过半”工作目标。"
		}
		return names + "完成进度低于序时进度，距“时间过半、任务过半”工作目标尚有差距。"
	case 12:
		if len(lagging) == 0 {
			return "全面完成年度目标任务。"
		}
		return names + "未完成年度目标任务。"
	}
	if len(lagging) == 0 {
		return "各项目标任务完成进度均达到序时进度要求。"
	}
	return names + "完成进度低于序时进度（" + indicator.FormatPercent(p.TimeProgress()) + "%）。"
}

// shortName is the indicator's name as a sentence names it.
func shortName(d *indicator.Definition) string { return strings.TrimSuffix(d.Name, "个数") }

// subjectOf is how the paragraph names the unit and its targets.
func subjectOf(u *zhaoshang.OrgUnit) (subject, level string) {
	if u == nil {
		return "", "年度目标任务"
	}
	switch u.Kind {
	case zhaoshang.OrgPrefecture:
		if strings.HasSuffix(u.Name, "市") {
			return "全市", "市级年度目标任务"
		}
		return "全州", "州级年度目标任务"
	case zhaoshang.OrgProvince:
		return "全省", "省级年度目标任务"
	}
	return u.Name, "年度目标任务"
}

func appendSeg(segs []string, s string) []string {
	if s == "" {
		return segs
	}
	return append(segs, s)
}

// count is a count with its unit: "289个".
func count(r *indicator.Row) string { return indicator.FormatRat(r.ExactValue(), 0) + r.Def.Unit }

// percent is a rate or share: "99.0%".
func percent(r *indicator.Row) string { return indicator.FormatRat(r.ExactValue(), 1) + "%" }

var (
	yi  = big.NewRat(int64(zhaoshang.Yi), 1)
	wan = big.NewRat(int64(zhaoshang.Wan), 1)
)

// FormatMoney writes an amount of 元 the way the narrative does: 1亿 or
// more in 亿元 with one decimal ("355.7亿元"), from 0.1亿 to below 1亿 in
// 亿元 with two ("0.35亿元"), below 0.1亿 in 万元 with one ("85.3万元");
// zero is "0亿元". Rounding is half-up. The unit follows the exact amount,
// except where rounding reaches the next unit: 0.998亿 is "1.0亿元", not
// "1.00亿元", and 9999.96万 is "0.10亿元", not "1000.0万元". Nil is
// indicator.None.
func FormatMoney(v *big.Rat) string {
	if v == nil {
		return indicator.None
	}
	if v.Sign() == 0 {
		return "0亿元"
	}
	y := new(big.Rat).Quo(v, yi)
	if a := new(big.Rat).Abs(y); a.Cmp(big.NewRat(1, 1)) >= 0 {
		return indicator.FormatRat(y, 1) + "亿元"
	} else if a.Cmp(big.NewRat(1, 10)) >= 0 {
		if s := indicator.FormatRat(y, 2); !atLeast(s, "1") {
			return s + "亿元"
		}
		return indicator.FormatRat(y, 1) + "亿元" // 0.995亿 and more: 1.0亿元
	}
	if s := indicator.FormatRat(new(big.Rat).Quo(v, wan), 1); !atLeast(s, "1000") {
		return s + "万元"
	}
	return indicator.FormatRat(y, 2) + "亿元" // 9999.95万 and more: 0.10亿元
}

// atLeast reports whether the magnitude of the decimal s is ≥ min.
func atLeast(s, min string) bool {
	a, _ := new(big.Rat).SetString(strings.TrimPrefix(s, "-"))
	b, _ := new(big.Rat).SetString(min)
	return a.Cmp(b) >= 0
}

// formatTarget writes a target of 元 exactly, without trailing zeros: in
// 亿元 from 0.1亿 ("600亿元", "12.5亿元"), else in 万元 ("800万元").
func formatTarget(v int64) string {
	m := zhaoshang.Money(v)
	if m >= zhaoshang.Yi/10 || m <= -zhaoshang.Yi/10 {
		return trimZeros(indicator.FormatRat(new(big.Rat).Quo(big.NewRat(v, 1), yi), 8)) + "亿元"
	}
	return trimZeros(indicator.FormatRat(new(big.Rat).Quo(big.NewRat(v, 1), wan), 4)) + "万元"
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
