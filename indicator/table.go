package indicator

import (
	"context"
	"math/big"

	"zhaoshang"
)

// Row is one indicator of one unit over a period, with everything a report
// shows around the value. Numbers are unrounded; nil is "no value" (shown
// "—", written null).
type Row struct {
	Def          *Definition
	Value        *float64 // nil: a rate whose denominator is zero
	Previous     *float64 // the same period one year earlier
	Target       *int64   // the annual target (count, or 元); nil when none is set
	Completion   *float64 // Value / Target × 100; nil without a value or a (non-zero) target
	YoY          *float64 // relative % for counts and money, percentage points for rates; nil when Previous is missing (or zero, for a relative change)
	TimeProgress float64  // 序时进度, months elapsed / 12 × 100
	Ahead        *bool    // 时间过半、任务过半: Completion ≥ TimeProgress; nil without a completion
	Rank         *int     // among the sibling units, 1 = best; nil for a unit not ranked or without a value

	value, previous *big.Rat // exact, for ranking and comparisons
}

// ExactValue and ExactPrevious are the exact values (nil: no value).
func (r *Row) ExactValue() *big.Rat    { return r.value }
func (r *Row) ExactPrevious() *big.Rat { return r.previous }

// Targets maps an indicator code to an annual target (count, or 元).
type Targets map[string]int64

// TargetsOf picks one unit's targets from a list of targets.
func TargetsOf(list []*zhaoshang.Target, unitID int64) Targets {
	out := Targets{}
	for _, t := range list {
		if t.OrgUnitID == unitID {
			out[t.Indicator] = t.Value
		}
	}
	return out
}

// UnitData is what one unit's table is built from.
type UnitData struct {
	UnitID            int64
	Current, Previous zhaoshang.Measures // the period, and the same period a year earlier
	Targets           Targets
}

func float(r *big.Rat) *float64 {
	if r == nil {
		return nil
	}
	f, _ := r.Float64()
	return &f
}

// Rows builds the table of one unit: one row per definition, in order.
// Ranks are left nil (see Ranked).
func Rows(p Period, d UnitData) []Row {
	progress := big.NewRat(int64(p.Through.M)*100, 12)
	tp, _ := progress.Float64()
	out := make([]Row, len(Definitions))
	for i := range Definitions {
		def := &Definitions[i]
		row := Row{Def: def, TimeProgress: tp}
		if v, ok := def.Exact(d.Current); ok {
			row.value = v
		}
		if v, ok := def.Exact(d.Previous); ok {
			row.previous = v
		}
		row.Value, row.Previous = float(row.value), float(row.previous)
		if t, ok := d.Targets[def.Code]; ok && def.Targetable() {
			row.Target = &t
			if row.value != nil && t != 0 {
				c := new(big.Rat).Quo(row.value, big.NewRat(t, 1))
				c.Mul(c, hundred)
				row.Completion = float(c)
				ahead := c.Cmp(progress) >= 0
				row.Ahead = &ahead
			}
		}
		row.YoY = float(yoy(def, row.value, row.previous))
		out[i] = row
	}
	return out
}

// yoy is the change against last year: (v − p) / p × 100 for counts and
// money, v − p (percentage points) for rates; nil where it has no value.
func yoy(def *Definition, v, p *big.Rat) *big.Rat {
	if v == nil || p == nil {
		return nil
	}
	d := new(big.Rat).Sub(v, p)
	if def.Kind == KindRate {
		return d
	}
	if p.Sign() == 0 {
		return nil
	}
	d.Quo(d, p)
	return d.Mul(d, hundred)
}

// Ranked builds the tables of sibling units (the counties of a prefecture)
// and ranks every indicator among them by its value, highest first. Equal
// values share a rank and the next rank skips ("1, 2, 2, 4"); a unit
// without a value (a rate with nothing to divide) has no rank.
func Ranked(p Period, units []UnitData) [][]Row {
	out := make([][]Row, len(units))
	for i, u := range units {
		out[i] = Rows(p, u)
	}
	for k := range Definitions {
		for i := range out {
			v := out[i][k].value
			if v == nil {
				continue
			}
			rank := 1
			for j := range out {
				if w := out[j][k].value; w != nil && w.Cmp(v) > 0 {
					rank++
				}
			}
			out[i][k].Rank = &rank
		}
	}
	return out
}

// TargetLister is the part of zhaoshang.TargetService a report needs.
type TargetLister interface {
	Targets(ctx context.Context, year int) ([]*zhaoshang.Target, error)
}

// Report is the indicator table of one unit over a period and, when the
// unit has counties below it, theirs, ranked among themselves.
type Report struct {
	Unit     *zhaoshang.OrgUnit
	Period   Period
	Rows     []Row
	Counties []UnitRows
}

// UnitRows is one county's table in a report.
type UnitRows struct {
	Unit *zhaoshang.OrgUnit
	Rows []Row
}

// Build counts the measures of the unit (and of its counties) for the
// period and the same period a year earlier, takes the year's targets
// (targets may be nil: no targets) and builds the report. tree is the
// organisation as the caller sees it; the sources apply the caller's scope.
func Build(ctx context.Context, ms zhaoshang.MeasureSource, ts TargetLister, tree *zhaoshang.OrgTree, unitID int64, p Period) (*Report, error) {
	unit := tree.ByID(unitID)
	if unit == nil {
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在")
	}
	var counties []*zhaoshang.OrgUnit
	if unit.Kind != zhaoshang.OrgCounty {
		counties = tree.Counties(unitID)
	}
	ids := []int64{unitID}
	for _, c := range counties {
		ids = append(ids, c.ID)
	}
	cur, err := ms.Measures(ctx, ids, p)
	if err != nil {
		return nil, err
	}
	prev, err := ms.Measures(ctx, ids, p.PreviousYear())
	if err != nil {
		return nil, err
	}
	var targets []*zhaoshang.Target
	if ts != nil {
		if targets, err = ts.Targets(ctx, p.Year()); err != nil {
			return nil, err
		}
	}
	data := func(id int64) UnitData {
		return UnitData{UnitID: id, Current: cur[id], Previous: prev[id], Targets: TargetsOf(targets, id)}
	}
	r := &Report{Unit: unit, Period: p, Rows: Rows(p, data(unitID))}
	var units []UnitData
	for _, c := range counties {
		units = append(units, data(c.ID))
	}
	for i, rows := range Ranked(p, units) {
		r.Counties = append(r.Counties, UnitRows{Unit: counties[i], Rows: rows})
	}
	return r, nil
}
