package quality

import (
	"fmt"
	"strconv"
	"strings"

	"zhaoshang"
)

// This file holds the rules about single records: a project (Q101, Q103,
// Q105) or a receipt (Q102, Q104).

// projectYear is the statistical year of a project: the year it was signed
// in, else the year of its first stage date, else (an intention) the year
// it was entered.
func projectYear(p *zhaoshang.Project) int {
	for _, d := range []zhaoshang.Date{p.SignedOn, p.StartedOn, p.ProducingOn, p.EffectiveOn} {
		if !d.IsZero() {
			return d.Y
		}
	}
	if !p.CreatedAt.IsZero() {
		return zhaoshang.DateOf(p.CreatedAt).Y
	}
	return 0
}

func projectDetection(p *zhaoshang.Project, msg string) Detection {
	return Detection{OrgUnitID: p.OrgUnitID, ProjectID: p.ID, Year: projectYear(p),
		Key: "project:" + strconv.FormatInt(p.ID, 10), Message: msg}
}

func receiptDetection(p *zhaoshang.Project, f *zhaoshang.FundReceipt, msg string) Detection {
	return Detection{OrgUnitID: p.OrgUnitID, ProjectID: p.ID, ReceiptID: f.ID, Month: f.Month, Year: f.Month.Y,
		Key: "receipt:" + strconv.FormatInt(f.ID, 10), Message: msg}
}

// Q101: 签约 ≤ 开工 ≤ 投产 ≤ 达效, and no stage without the ones before it.
func checkStageOrder(r *run) []Detection {
	var out []Detection
	for _, p := range r.projects {
		if !r.wants(p.ID) {
			continue
		}
		if problems := stageProblems(p); len(problems) > 0 {
			out = append(out, projectDetection(p, projectLabel(p)+"阶段日期有误："+strings.Join(problems, "；")+"。"))
		}
	}
	return out
}

func stageProblems(p *zhaoshang.Project) []string {
	steps := []struct {
		label string
		d     zhaoshang.Date
	}{{"签约日期", p.SignedOn}, {"开工日期", p.StartedOn}, {"投产日期", p.ProducingOn}, {"达效日期", p.EffectiveOn}}
	var problems []string
	last := -1 // the latest stage given
	for i, s := range steps {
		if !s.d.IsZero() {
			last = i
		}
	}
	var missing []string
	for i := 0; i < last; i++ {
		if steps[i].d.IsZero() {
			missing = append(missing, steps[i].label)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, "已填写"+steps[last].label+"，但未填写"+strings.Join(missing, "、"))
	}
	prev := -1 // the previous valid date, to compare with
	for i, s := range steps {
		switch {
		case s.d.IsZero():
		case !s.d.Valid():
			problems = append(problems, fmt.Sprintf("%s（%s）不是有效日期", s.label, s.d))
		default:
			if prev >= 0 && s.d.Before(steps[prev].d) {
				problems = append(problems, fmt.Sprintf("%s（%s）早于%s（%s）", s.label, s.d.Chinese(), steps[prev].label, steps[prev].d.Chinese()))
			}
			prev = i
		}
	}
	return problems
}

// Q102: money received before the contract that brought it in was signed.
func checkReceiptsBeforeSigning(r *run) []Detection {
	var out []Detection
	for _, p := range r.projects {
		if !r.wants(p.ID) {
			continue
		}
		for _, f := range r.receipts[p.ID] {
			switch {
			case p.SignedOn.IsZero():
				out = append(out, receiptDetection(p, f, fmt.Sprintf("%s未填写签约日期，但已登记%s到位资金%s。",
					projectLabel(p), f.Month.Chinese(), wan(f.Amount))))
			case f.Month.Before(p.SignedOn.Month()):
				out = append(out, receiptDetection(p, f, fmt.Sprintf("%s登记的%s到位资金%s早于签约月份（%s）。",
					projectLabel(p), f.Month.Chinese(), wan(f.Amount), p.SignedOn.Month().Chinese())))
			}
		}
	}
	return out
}

// Q103: more received than the contract promised.
func checkReceiptsAboveContract(r *run) []Detection {
	var out []Detection
	for _, p := range r.projects {
		if !r.wants(p.ID) || p.ContractInvestment <= 0 {
			continue
		}
		fs := r.receipts[p.ID]
		var sum zhaoshang.Money
		for _, f := range fs {
			sum += f.Amount
		}
		if sum > p.ContractInvestment {
			d := projectDetection(p, fmt.Sprintf("%s累计到位资金%s，超过合同约定投资额%s。",
				projectLabel(p), wan(sum), wan(p.ContractInvestment)))
			if d.Year == 0 { // unsigned: the year the money went over
				d.Year = fs[len(fs)-1].Month.Y
			}
			out = append(out, d)
		}
	}
	return out
}

// Q104: a large receipt with no evidence at all: neither the number of its
// bank slip (凭证编号) nor a scan of it.
func checkLargeReceiptsWithoutEvidence(r *run) []Detection {
	var out []Detection
	for _, p := range r.projects {
		if !r.wants(p.ID) {
			continue
		}
		for _, f := range r.receipts[p.ID] {
			if f.Amount < r.cfg.EvidenceThreshold || r.s.ReceiptScans[f.ID] || strings.TrimSpace(f.EvidenceNo) != "" {
				continue
			}
			out = append(out, receiptDetection(p, f, fmt.Sprintf("%s%s到位资金%s，达到%s的凭证核验标准，但既未填写凭证编号，也未上传凭证扫描件。",
				projectLabel(p), f.Month.Chinese(), wan(f.Amount), wan(r.cfg.EvidenceThreshold))))
		}
	}
	return out
}

// Q105: a project counted as key-industry that does not qualify.
func checkKeyCriteria(r *run) []Detection {
	var out []Detection
	for _, p := range r.projects {
		if !r.wants(p.ID) || !p.Key {
			continue
		}
		var missed []string
		if p.ContractInvestment < r.cfg.KeyMinInvestment {
			missed = append(missed, fmt.Sprintf("合同投资额%s，低于%s的认定标准", wan(p.ContractInvestment), wan(r.cfg.KeyMinInvestment)))
		}
		if region := strings.TrimSpace(p.InvestorRegion); region != "" {
			if local := containsAny(region, r.cfg.LocalRegions); local != "" {
				missed = append(missed, fmt.Sprintf("投资方所在地“%s”属本地（%s），不属于外来投资", region, local))
			}
		}
		if excluded := containsAny(p.Industry, r.cfg.ExcludedIndustries); excluded != "" {
			missed = append(missed, fmt.Sprintf("所属行业“%s”属于不纳入重点产业项目的行业（%s）", strings.TrimSpace(p.Industry), excluded))
		}
		if len(missed) > 0 {
			out = append(out, projectDetection(p, projectLabel(p)+"标为重点产业项目，但不符合认定条件："+strings.Join(missed, "；")+"。"))
		}
	}
	return out
}

// containsAny returns the first of the (trimmed, non-empty) parts that s
// contains, or "".
func containsAny(s string, parts []string) string {
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" && strings.Contains(s, part) {
			return part
		}
	}
	return ""
}
