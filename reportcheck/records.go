package reportcheck

import (
	"math/big"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// indicatorOf is the indicator of DOMAIN.md a figure of the period states
// (the code), or "" when it states none of them. Only the wording of a
// summary's section 一 counts: 累计合同投资 of the leaders' projects is not
// 合同约定投资总额, 推进开工建设75个 is not 开工项目.
func indicatorOf(s *span) string {
	c := s.clause
	if strings.HasSuffix(c, "等") {
		return "" // 新引进优强企业等11项重要指标
	}
	bare := trimLinks(strings.TrimPrefix(strings.TrimSpace(c), "其中"))
	switch s.kind {
	case kindCount:
		switch {
		case strings.Contains(c, "新引进重点产业项目") && s.unit == "个":
			return "new_key_projects"
		case strings.Contains(c, "新引进优强企业") && (s.unit == "家" || s.unit == "个"):
			return "new_strong_enterprises"
		case (bare == "开工" || bare == "开工项目") && s.unit == "个":
			return "started_projects"
		case (bare == "投产" || bare == "投产项目") && s.unit == "个":
			return "producing_projects"
		}
	case kindMoney:
		switch {
		case strings.Contains(c, "合同约定投资总额"):
			return "contract_investment"
		case strings.Contains(c, "新增到位资金"):
			return "funds_in_place"
		case strings.Contains(c, "重点产业项目到位资金"):
			return "key_funds_in_place"
		case strings.Contains(c, "工业项目到位资金"):
			return "industrial_funds_in_place"
		case strings.Contains(c, "境外到位资金"):
			return "foreign_funds_in_place"
		}
	}
	return ""
}

// rateOf is the indicator a rate claim states, given the indicator stated
// last in the sentence.
func rateOf(s *span, last string) string {
	switch {
	case s.rateName == "开工":
		return "start_rate"
	case s.rateName == "投产":
		return "production_rate"
	case s.rateName == "占比" && (last == "industrial_funds_in_place" || strings.Contains(s.clause, "工业项目到位资金")):
		return "industrial_funds_share"
	}
	return ""
}

// rowSet is the rows of one unit by indicator code.
type rowSet map[string]*indicator.Row

func rowsOf(rows []indicator.Row) rowSet {
	out := rowSet{}
	for i := range rows {
		if rows[i].Def != nil {
			out[rows[i].Def.Code] = &rows[i]
		}
	}
	return out
}

// shown is an exact value as the claim prints it: in its unit, at its
// decimals, rounded half-up.
func shown(v *big.Rat, s *span) string {
	x := new(big.Rat).Set(v)
	if s.kind == kindMoney {
		x.Quo(x, scale(s.unit))
	}
	return indicator.FormatRat(x, s.dec)
}

func recordFinding(d *document, s *span, claim, exp string) Finding {
	if claim == "" {
		claim = d.claimText(s)
	}
	return Finding{Sentence: d.sentenceText(s), Claim: claim, Expected: exp, Reason: "所报数值与本期审定记录不符。",
		Severity: zhaoshang.SeverityError, Source: SourceRecords, Offset: s.start}
}

// yoyOf is the row's change against last year, exact: relative % for counts
// and money, percentage points for rates; nil when it has none.
func yoyOf(r *indicator.Row) *big.Rat {
	v, p := r.ExactValue(), r.ExactPrevious()
	if v == nil || p == nil {
		return nil
	}
	d := new(big.Rat).Sub(v, p)
	if r.Def.Kind == indicator.KindRate {
		return d
	}
	if p.Sign() == 0 {
		return nil
	}
	d.Quo(d, p)
	return d.Mul(d, hundred)
}

// changeWords writes a change as a report does: 同比增长9.9%, 同比下降
// 1.2个百分点, 与上年持平.
func changeWords(v *big.Rat, s *span, rate bool) string {
	dec := s.dec
	if s.role == roleFlat {
		dec = 1
	}
	t := indicator.FormatRat(v, dec)
	if strings.Trim(t, "0.") == "" {
		return "与上年持平"
	}
	up, down, unit := "同比增长", "同比下降", "%"
	if rate {
		up, unit = "同比提高", "个百分点"
	}
	if strings.HasPrefix(t, "-") {
		return down + strings.TrimPrefix(t, "-") + unit
	}
	return up + t + unit
}

// checkRecords compares the figures of section-一-style statements with
// the report of the period: the root unit's rows, or a county's where a
// sentence names it. A paragraph that says it speaks of another period is
// left alone.
func (d *document) checkRecords(rep *indicator.Report) []Finding {
	if rep == nil {
		return nil
	}
	root := rowsOf(rep.Rows)
	counties := map[string]rowSet{}
	for _, c := range rep.Counties {
		if c.Unit != nil && c.Unit.Name != "" {
			counties[c.Unit.Name] = rowsOf(c.Rows)
		}
	}
	rootWords := []string{}
	if rep.Unit != nil {
		rootWords = append(rootWords, rep.Unit.Name)
		subject, _ := subjectOf(rep.Unit)
		rootWords = append(rootWords, subject)
	}
	docPeriod, docOK := periodOf(d)
	var out []Finding
	for _, p := range d.paras {
		if from, through, year, ok := periodAt(d.fold, p.start, p.end); ok {
			if from != rep.Period.From.M || through != rep.Period.Through.M || year != 0 && year != rep.Period.Year() {
				continue
			}
		} else if docOK && (docPeriod.From != rep.Period.From || docPeriod.Through != rep.Period.Through) {
			continue
		}
		// The subject is the root unit until the text names a county, and
		// that county until it names another or the root again: for the
		// rest of the paragraph when the name opens a sentence ("凯里市新引
		// 进…"), for the rest of the sentence when it comes later ("…，其中
		// 凯里市50个").
		paraSubject := ""
		for _, si := range p.sents {
			st := d.sents[si]
			from := st.start
			subject := paraSubject
			var mine []*span
			flush := func() {
				rows := root
				if subject != "" {
					rows = counties[subject]
				}
				out = append(out, d.sentenceRecords(mine, rows)...)
				mine = nil
			}
			for _, s := range st.spans {
				words := d.folded(from, s.start)
				if next := subjectIn(words, subject, rootWords, counties); next != subject {
					flush()
					subject = next
					if from == st.start && !strings.Contains(words, "其中") {
						paraSubject = next
					}
				}
				mine = append(mine, s)
				from = s.end
			}
			flush()
		}
	}
	return out
}

func (d *document) sentenceRecords(spans []*span, rows rowSet) []Finding {
	var out []Finding
	last := ""
	for i, s := range spans {
		switch s.role {
		case rolePrimary:
			last = indicatorOf(s)
			if r := rows[last]; r != nil && r.ExactValue() != nil {
				if v := shown(r.ExactValue(), s); v != s.digits {
					out = append(out, recordFinding(d, s, "", "审定记录为"+v+s.unit))
				}
			}
		case roleRate:
			last = rateOf(s, last)
			if r := rows[last]; r != nil && r.ExactValue() != nil {
				if v := shown(r.ExactValue(), s); v != s.digits {
					out = append(out, recordFinding(d, s, "", "审定记录为"+v+"%"))
				}
			}
		case roleTarget:
			r := rows[last]
			if r == nil || r.Target == nil || i+1 >= len(spans) || spans[i+1].role != roleCompletion {
				continue
			}
			if (r.Def.Kind == indicator.KindMoney) != (s.kind == kindMoney) {
				continue
			}
			t := big.NewRat(*r.Target, 1)
			if v := shown(t, s); v != s.digits {
				out = append(out, recordFinding(d, s, "", "审定记录的年度目标为"+v+s.unit))
			}
			c := spans[i+1]
			if r.ExactValue() != nil && t.Sign() != 0 {
				x := new(big.Rat).Quo(r.ExactValue(), t)
				x.Mul(x, hundred)
				if v := shown(x, c); v != c.digits {
					out = append(out, recordFinding(d, c, "", "审定记录完成"+v+"%"))
				}
			}
		case roleGrowth, roleFlat:
			r := rows[last]
			if r == nil {
				continue
			}
			rate := r.Def.Kind == indicator.KindRate
			if s.role == roleGrowth && rate != (s.kind == kindPoints) {
				continue // a relative change of a rate, or points of an amount: not ours
			}
			y := yoyOf(r)
			if y == nil {
				continue
			}
			dec := s.dec
			if s.role == roleFlat {
				dec = 1
			}
			got := indicator.FormatRat(y, dec)
			want := printed(s)
			if strings.Trim(got, "-0.") == "" && strings.Trim(want, "-0.") == "" {
				continue
			}
			if got != want {
				out = append(out, recordFinding(d, s, "", "审定记录为"+changeWords(y, s, rate)))
			}
		}
	}
	return out
}

// subjectIn is the unit the words switch to: the county named last in
// them, "" for the root unit, else the current one.
func subjectIn(words, cur string, rootWords []string, counties map[string]rowSet) string {
	at, next := -1, cur
	for name := range counties {
		if i := strings.LastIndex(words, name); i > at {
			at, next = i, name
		}
	}
	for _, w := range rootWords {
		if i := strings.LastIndex(words, w); w != "" && i > at {
			at, next = i, ""
		}
	}
	return next
}

// subjectOf is how a report names the unit it is about: 全州 for a
// prefecture named …州, 全市 for one named …市, 全省 for a province.
func subjectOf(u *zhaoshang.OrgUnit) (string, bool) {
	switch u.Kind {
	case zhaoshang.OrgPrefecture:
		if strings.HasSuffix(u.Name, "市") {
			return "全市", true
		}
		return "全州", true
	case zhaoshang.OrgProvince:
		return "全省", true
	}
	return u.Name, false
}
