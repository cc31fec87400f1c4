package ledger

import (
	"time"

	"zhaoshang"
)

// ProjectRow is one row of a 项目台账 (EXCHANGE.md), typed and checked.
type ProjectRow struct {
	Row                int    // the Excel row number
	Code               string // 项目编号, full-width forms folded
	Name               string
	CountyID           int64
	CountyName         string
	Investor           string
	CreditCode         string // normalised; "" when not given
	Strong             bool   // 优强企业
	Area               zhaoshang.Area
	Industry           string
	Key                bool // 重点产业项目
	Industrial         bool // 工业项目
	InvestorRegion     string
	ContractInvestment zhaoshang.Money
	TotalInvestment    zhaoshang.Money // 0 when not given
	SignedOn           zhaoshang.Date
	StartedOn          zhaoshang.Date
	ProducingOn        zhaoshang.Date
	EffectiveOn        zhaoshang.Date
	ResponsibleUnit    string
	Note               string
}

// The columns of a 项目台账, in the order of EXCHANGE.md (and of the files
// this package writes).
const (
	pCode = iota
	pName
	pCounty
	pInvestor
	pCreditCode
	pStrong
	pArea
	pIndustry
	pKey
	pIndustrial
	pRegion
	pContract
	pTotal
	pSigned
	pStarted
	pProducing
	pEffective
	pUnit
	pNote
)

const dateSpellings = "可写2021-06-03、2021/6/3、2021年6月3日、2021.6.3，或 Excel 日期"

var projectColumns = []column{
	pCode:       {header: "项目编号", required: true, max: zhaoshang.MaxCodeLen, width: 16, text: true, hint: "项目的唯一编号；再次导入相同编号的项目会更新该项目"},
	pName:       {header: "项目名称", required: true, max: zhaoshang.MaxNameLen, width: 36, hint: "项目全称"},
	pCounty:     {header: CountyColumn, required: true, width: 10, hint: "项目所属县市，填写县市名称（如凯里市）或6位行政区划代码（如522601）"},
	pInvestor:   {header: "投资方", required: true, max: zhaoshang.MaxNameLen, width: 30, hint: "投资企业全称"},
	pCreditCode: {header: "统一社会信用代码", max: 18, width: 22, text: true, hint: "投资企业的18位统一社会信用代码，填写时校验校验位"},
	pStrong:     {header: "优强企业", width: 10, hint: "是/否；填“是”表示投资方为优强企业"},
	pArea:       {header: "四化领域", required: true, width: 12, hint: "新型工业化、新型城镇化、农业现代化、旅游产业化、其他 之一（也可简写为工业化、城镇化、农业、旅游）"},
	pIndustry:   {header: "产业", max: zhaoshang.MaxShortLen, width: 14, hint: "所属产业，如铝加工"},
	pKey:        {header: "重点产业项目", required: true, width: 12, hint: "是/否"},
	pIndustrial: {header: "工业项目", required: true, width: 10, hint: "是/否"},
	pRegion:     {header: "投资方所在地", max: zhaoshang.MaxShortLen, width: 14, hint: "投资方所在的省或城市，如广东省深圳市"},
	pContract:   {header: "合同投资额(万元)", required: true, aliases: []string{"合同投资额"}, width: 16, hint: "单位万元，大于0，最多4位小数，可带千分位分隔符"},
	pTotal:      {header: "总投资(万元)", aliases: []string{"总投资"}, width: 14, hint: "单位万元，最多4位小数；不填或填0表示未知"},
	pSigned:     {header: "签约日期", required: true, width: 12, text: true, hint: "正式合同签订日期，" + dateSpellings},
	pStarted:    {header: "开工日期", width: 12, text: true, hint: "开工日期，" + dateSpellings + "；未开工不填"},
	pProducing:  {header: "投产日期", width: 12, text: true, hint: "投产日期，" + dateSpellings + "；未投产不填"},
	pEffective:  {header: "达效日期", width: 12, text: true, hint: "达效日期，" + dateSpellings + "；未达效不填"},
	pUnit:       {header: "责任单位", max: zhaoshang.MaxUnitLen, width: 16, hint: "负责跟踪服务的单位"},
	pNote:       {header: "备注", max: zhaoshang.MaxNoteLen, width: 24, hint: ""},
}

// stageColumn maps the fields of zhaoshang.CheckStageDates to columns.
var stageColumn = map[string]int{"signed_on": pSigned, "started_on": pStarted, "producing_on": pProducing, "effective_on": pEffective}

// ParseProjects reads a 项目台账. It refuses only what is unreadable or
// contradictory (EXCHANGE.md, "Importing"): a missing required value, a
// malformed value, an unknown county, a wrong credit code, stage dates out
// of order or after today, a contract investment not above zero, the same
// 项目编号 twice. Every problem of every row is listed in one
// *zhaoshang.ImportRefused, and then no row is returned. A zero today
// stands for the current date in Beijing.
func ParseProjects(t *Table, tree *zhaoshang.OrgTree, today zhaoshang.Date) ([]ProjectRow, error) {
	if today.IsZero() {
		today = zhaoshang.DateOf(time.Now())
	}
	m, head := mapColumns(t, projectColumns)
	if len(head) > 0 {
		return nil, &zhaoshang.ImportRefused{Problems: head}
	}
	p := &problemList{}
	seen := map[string]int{}
	out := make([]ProjectRow, 0, len(t.Rows))
	for k, rec := range t.Rows {
		if p.full {
			break
		}
		r := &rowReader{m: m, rec: rec, row: t.rowNum(k), p: p}
		before := len(p.probs)
		pr := ProjectRow{Row: r.row}
		pr.Code = r.key(pCode)
		pr.Name = r.text(pName)
		if v, ok := r.raw(pCounty); ok && v != "" {
			if u, err := FindCounty(tree, v); err != nil {
				r.failErr(pCounty, err)
			} else {
				pr.CountyID, pr.CountyName = u.ID, u.Name
			}
		}
		pr.Investor = r.text(pInvestor)
		if v := r.m.cell(rec, pCreditCode); v != "" {
			cc := zhaoshang.NormalizeCreditCode(v)
			if err := zhaoshang.CheckCreditCode(cc); err != nil {
				r.failErr(pCreditCode, err)
			} else {
				pr.CreditCode = cc
			}
		}
		pr.Strong = r.yesNo(pStrong)
		pr.Area, _ = parseCell(r, pArea, ParseArea)
		pr.Industry = r.text(pIndustry)
		pr.Key = r.yesNo(pKey)
		pr.Industrial = r.yesNo(pIndustrial)
		pr.InvestorRegion = r.text(pRegion)
		if v, ok := r.amount(pContract); ok {
			if v <= 0 {
				r.fail(pContract, "合同投资额应大于0")
			}
			pr.ContractInvestment = v
		}
		if v, ok := r.amount(pTotal); ok {
			if v < 0 {
				r.fail(pTotal, "总投资不能为负数")
			}
			pr.TotalInvestment = v
		}
		datesOK := true
		for i, d := range []*zhaoshang.Date{&pr.SignedOn, &pr.StartedOn, &pr.ProducingOn, &pr.EffectiveOn} {
			v, ok := r.date(pSigned + i)
			*d, datesOK = v, datesOK && ok
		}
		if datesOK {
			if err := zhaoshang.CheckStageDates(pr.SignedOn, pr.StartedOn, pr.ProducingOn, pr.EffectiveOn, today); err != nil {
				col := pSigned
				if e := zhaoshang.AsError(err); e != nil {
					if c, ok := stageColumn[e.Field]; ok {
						col = c
					}
				}
				r.failErr(col, err)
			}
		}
		pr.ResponsibleUnit = r.text(pUnit)
		pr.Note = r.text(pNote)
		if pr.Code != "" {
			if first, dup := seen[pr.Code]; dup {
				r.fail(pCode, "与第%d行的项目编号重复", first)
			} else {
				seen[pr.Code] = r.row
			}
		}
		if len(p.probs) == before {
			out = append(out, pr)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return out, nil
}
