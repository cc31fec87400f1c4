package zhaoshang_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"zhaoshang"
)

func subtreeOf(t *zhaoshang.OrgTree, id int64) []int64 {
	var out []int64
	for _, u := range t.Subtree(id) {
		out = append(out, u.ID)
	}
	return out
}

// TestSubtreeIDsAreTheIDsOfTheSubtreeInTreeOrder compares the two over
// every unit of random trees, with units whose parent is missing or who
// form a cycle of parents, and over ids not in the tree.
func TestSubtreeIDsAreTheIDsOfTheSubtreeInTreeOrder(t *testing.T) {
	cycle := zhaoshang.NewOrgTree([]*zhaoshang.OrgUnit{{ID: 1, Code: "A", ParentID: 2}, {ID: 2, Code: "B", ParentID: 1},
		{ID: 3, Code: "C"}, {ID: 4, Code: "D", ParentID: 4}, {ID: 5, Code: "E", ParentID: 3}})
	for id := int64(0); id <= 6; id++ {
		if got, want := cycle.SubtreeIDs(id), subtreeOf(cycle, id); !slices.Equal(got, want) {
			t.Errorf("a tree with cycles, unit %d: SubtreeIDs %v, Subtree %v", id, got, want)
		}
	}
	for seed := uint64(1); seed <= 50; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		n := 1 + rng.IntN(60)
		var units []*zhaoshang.OrgUnit
		for i := 1; i <= n; i++ {
			parent := int64(0)
			switch k := rng.IntN(10); {
			case i > 1 && k < 8:
				parent = int64(1 + rng.IntN(i-1)) // an earlier unit
			case k == 8:
				parent = int64(1 + rng.IntN(n)) // any unit, itself included: may close a cycle
			case k == 9 && i > 1:
				parent = int64(1000 + i) // a parent not in the tree
			}
			units = append(units, &zhaoshang.OrgUnit{ID: int64(i), Code: fmt.Sprintf("U%03d", rng.IntN(1000)), ParentID: parent, SortOrder: rng.IntN(3)})
		}
		tree := zhaoshang.NewOrgTree(units)
		for id := int64(0); id <= int64(n)+1; id++ {
			if got, want := tree.SubtreeIDs(id), subtreeOf(tree, id); !slices.Equal(got, want) {
				t.Fatalf("seed %d, unit %d: SubtreeIDs %v, Subtree %v", seed, id, got, want)
			}
		}
	}
}
