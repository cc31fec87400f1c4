package demo

import (
	"fmt"
	"math"
	"sort"

	"zhaoshang"
)

// noCap marks an item of allocate without an upper bound.
const noCap = zhaoshang.Money(math.MaxInt64)

// allocate splits total over the items in proportion to weights, giving
// item i at most caps[i] (caps may be nil), in whole multiples of unit
// except for one item that takes what is left below a unit. The result
// adds up to total exactly. It panics when the caps cannot hold the total:
// the demo's figures are constants, so that is a mistake in them.
func allocate(total zhaoshang.Money, weights []float64, caps []zhaoshang.Money, unit zhaoshang.Money) []zhaoshang.Money {
	n := len(weights)
	if caps == nil {
		caps = make([]zhaoshang.Money, n)
		for i := range caps {
			caps[i] = noCap
		}
	}
	// Water-filling in floats: items whose share exceeds their cap are
	// held at the cap and the rest share what remains.
	share := make([]float64, n)
	fixed := make([]bool, n)
	for {
		rest := float64(total)
		w := 0.0
		for i := range n {
			if fixed[i] {
				rest -= float64(caps[i])
			} else {
				w += weights[i]
			}
		}
		if w <= 0 {
			panic(fmt.Sprintf("demo: cannot allocate %d over %d items", total, n))
		}
		over := false
		for i := range n {
			if fixed[i] {
				share[i] = float64(caps[i])
				continue
			}
			share[i] = rest * weights[i] / w
			if share[i] > float64(caps[i]) {
				fixed[i], over = true, true
			}
		}
		if !over {
			break
		}
	}
	out := make([]zhaoshang.Money, n)
	var sum zhaoshang.Money
	for i := range n {
		out[i] = zhaoshang.Money(share[i]/float64(unit)) * unit
		if out[i] > caps[i] {
			out[i] = caps[i] / unit * unit
		}
		sum += out[i]
	}
	// Hand out the remaining units, largest fractions first.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	frac := func(i int) float64 { return share[i]/float64(unit) - math.Floor(share[i]/float64(unit)) }
	sort.SliceStable(order, func(a, b int) bool { return frac(order[a]) > frac(order[b]) })
	rem := total - sum
	for rem >= unit {
		gave := false
		for _, i := range order {
			if rem < unit {
				break
			}
			if weights[i] > 0 && out[i] <= caps[i]-unit {
				out[i] += unit
				rem -= unit
				gave = true
			}
		}
		if !gave {
			panic(fmt.Sprintf("demo: caps cannot hold %d", total))
		}
	}
	if rem > 0 {
		best := -1
		for i := range n {
			if weights[i] > 0 && out[i] <= caps[i]-rem && (best < 0 || out[i] > out[best]) {
				best = i
			}
		}
		if best < 0 {
			panic(fmt.Sprintf("demo: caps cannot hold %d", total))
		}
		out[best] += rem
	}
	return out
}
