package demo

import "zhaoshang"

// rootCode is the prefecture's code in the organisation tree.
const rootCode = "522600"

// TargetRow is one annual target: an indicator's value for one org unit
// and year, in the indicator's own unit (个/家 for counts, 元 for money).
type TargetRow struct {
	Year      int
	OrgCode   string
	Indicator string
	Value     int64
}

// Targets are the 2021 targets of the demo (Load imports them through the
// TargetService): the prefecture's three of the
// seed (450 new key projects, 600亿 funds in place, 420亿 key-industry
// funds) and their split over the 16 counties, which adds up exactly to
// the prefecture's figure. Counties get shares by their weight; money is
// split in steps of 1000万元.
func Targets() []TargetRow {
	const year = 2021
	w := make([]float64, len(counties))
	for i, c := range counties {
		w[i] = c.Weight
	}
	var out []TargetRow
	for _, t := range []struct {
		indicator string
		value     zhaoshang.Money
		unit      zhaoshang.Money
	}{
		{"new_key_projects", TargetKeyProjects, 1},
		{"funds_in_place", TargetFunds, 1000 * zhaoshang.Wan},
		{"key_funds_in_place", TargetKeyFunds, 1000 * zhaoshang.Wan},
	} {
		out = append(out, TargetRow{year, rootCode, t.indicator, int64(t.value)})
		for i, v := range allocate(t.value, w, nil, t.unit) {
			out = append(out, TargetRow{year, counties[i].Code, t.indicator, int64(v)})
		}
	}
	return out
}
