package quality

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"zhaoshang"
)

// This file holds the statistical rules over a county's year of receipts:
// month-end spikes (Q107) and first digits (Q108).

type countyYear struct {
	org  int64
	year int
}

type yearReceipts struct {
	months  [13]zhaoshang.Money // totals by month 1–12
	present [13]bool            // months with at least one receipt
	amounts []zhaoshang.Money
}

// byCountyYear gathers the live receipts by county and year, in a fixed
// order of counties and years.
func (r *run) byCountyYear() ([]countyYear, map[countyYear]*yearReceipts) {
	groups := map[countyYear]*yearReceipts{}
	var keys []countyYear
	for _, p := range r.projects {
		for _, f := range r.receipts[p.ID] {
			if !f.Month.Valid() {
				continue
			}
			k := countyYear{p.OrgUnitID, f.Month.Y}
			g := groups[k]
			if g == nil {
				g = &yearReceipts{}
				groups[k] = g
				keys = append(keys, k)
			}
			g.months[f.Month.M] += f.Amount
			g.present[f.Month.M] = true
			g.amounts = append(g.amounts, f.Amount)
		}
	}
	slices.SortFunc(keys, func(a, b countyYear) int { return cmp.Or(cmp.Compare(a.org, b.org), cmp.Compare(a.year, b.year)) })
	return keys, groups
}

// Q107: a month far above the county's other months of the year, by the
// modified z-score of Iglewicz and Hoaglin, robust to the spike itself.
func checkMonthlySpikes(r *run) []Detection {
	var out []Detection
	keys, groups := r.byCountyYear()
	for _, k := range keys {
		g := groups[k]
		first, last := 0, 0
		for m := 1; m <= 12; m++ {
			if g.present[m] {
				last = m
				if first == 0 {
					first = m
				}
			}
		}
		if last-first+1 < r.cfg.SpikeMinMonths {
			continue
		}
		xs := make([]float64, 0, last-first+1) // months without receipts count as 0
		for m := first; m <= last; m++ {
			xs = append(xs, float64(g.months[m]))
		}
		med := median(xs)
		dev := make([]float64, len(xs))
		sum := 0.0
		for i, x := range xs {
			dev[i] = math.Abs(x - med)
			sum += dev[i]
		}
		// M = 0.6745 (x − median) / MAD; when over half the months are
		// alike MAD is 0 and the mean absolute deviation stands in.
		scale := median(dev) / 0.6745
		if scale == 0 {
			scale = 1.253314 * sum / float64(len(dev))
		}
		if scale == 0 {
			continue
		}
		for m := first; m <= last; m++ {
			z := (float64(g.months[m]) - med) / scale
			if z <= r.cfg.SpikeThreshold {
				continue
			}
			month := zhaoshang.Month{Y: k.year, M: m}
			d := Detection{OrgUnitID: k.org, Month: month, Year: k.year, Severity: zhaoshang.SeverityInfo,
				Key: fmt.Sprintf("org:%d:%s", k.org, month)}
			when, hint := "", "集中突击填报"
			switch m {
			case 12:
				when, hint = "（年末）", "年末集中突击填报"
			case 3, 6, 9:
				when, hint = "（季末）", "季末集中突击填报"
			}
			if when != "" {
				d.Severity = zhaoshang.SeverityWarning
			}
			d.Message = fmt.Sprintf("%s%s%s到位资金%s，明显高于本年%d月至%d月的月度中位数%s（修正Z值%.1f，超过阈值%s），请核实是否存在%s。",
				r.county(k.org), month.Chinese(), when, wan(g.months[m]), first, last, wan(zhaoshang.Money(math.Round(med))),
				z, strconv.FormatFloat(r.cfg.SpikeThreshold, 'f', -1, 64), hint)
			out = append(out, d)
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// benfordChi2Critical is the 99.9% point of χ² with 8 degrees of freedom.
const benfordChi2Critical = 26.124

// benford[d] is the expected share of first digit d: log10(1 + 1/d).
var benford = func() (p [10]float64) {
	for d := 1; d <= 9; d++ {
		p[d] = math.Log10(1 + 1/float64(d))
	}
	return p
}()

// Q108: first digits of a county's amounts in a year against Benford's
// law, by Nigrini's mean absolute deviation of the digit proportions.
func checkFirstDigits(r *run) []Detection {
	var out []Detection
	keys, groups := r.byCountyYear()
	for _, k := range keys {
		var count [10]int
		n := 0
		for _, a := range groups[k].amounts {
			if a > 0 {
				count[firstDigit(a)]++
				n++
			}
		}
		if n < r.cfg.BenfordMinSamples || n == 0 {
			continue
		}
		mad, chi2, worst, excess := 0.0, 0.0, 1, math.Inf(-1)
		for d := 1; d <= 9; d++ {
			diff := float64(count[d])/float64(n) - benford[d]
			mad += math.Abs(diff) / 9
			e := float64(n) * benford[d]
			chi2 += (float64(count[d]) - e) * (float64(count[d]) - e) / e
			if diff > excess {
				worst, excess = d, diff
			}
		}
		// Both: a deviation large enough to matter (MAD, Nigrini) and too
		// large to be chance at this sample size (χ² with 8 degrees of
		// freedom above its 0.1% point), so a small county's honest year
		// is not flagged for the noise of its few amounts.
		if mad <= r.cfg.BenfordMADThreshold || chi2 <= benfordChi2Critical {
			continue
		}
		out = append(out, Detection{OrgUnitID: k.org, Year: k.year, Key: fmt.Sprintf("org:%d:%d", k.org, k.year),
			Message: fmt.Sprintf("%s%d年到位资金共%d笔，金额首位数字分布与本福特定律偏离较大（平均绝对偏差%.4f，超过%s的不符合阈值），其中首位数字%d占%.1f%%（理论值%.1f%%），请核实金额是否据实填报。",
				r.county(k.org), k.year, n, mad, strconv.FormatFloat(r.cfg.BenfordMADThreshold, 'f', -1, 64),
				worst, 100*float64(count[worst])/float64(n), 100*benford[worst])})
	}
	return out
}

func firstDigit(m zhaoshang.Money) int {
	for m >= 10 {
		m /= 10
	}
	return int(m)
}
