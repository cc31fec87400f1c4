package web

import (
	"strings"
	"zhaoshang"
)

// The units a screen offers to choose from (a select of the tree, the
// counties a user may pick) and how a unit is named.

// unitChoice is one unit of a select, indented by its depth.
type unitChoice struct {
	ID       int64
	Label    string
	Selected bool
}

// unitChoices lists the units of the tree for a select: only active ones
// when activeOnly, but always those selected.
func unitChoices(tree *zhaoshang.OrgTree, activeOnly bool, selected ...int64) []unitChoice {
	sel := map[int64]bool{}
	for _, id := range selected {
		sel[id] = true
	}
	out := make([]unitChoice, 0, len(tree.Units))
	for _, u := range tree.Units {
		if activeOnly && !u.Active && !sel[u.ID] {
			continue
		}
		out = append(out, unitChoice{ID: u.ID, Label: strings.Repeat("\u3000", tree.Depth(u.ID)) + u.Name, Selected: sel[u.ID]})
	}
	return out
}

// unitNameOf names a unit of the tree, "—" when out of sight.
func unitNameOf(tree *zhaoshang.OrgTree, id int64) string {
	if u := tree.ByID(id); u != nil {
		return u.Name
	}
	return "—"
}

// countyChoices are the active counties the user may see, for a select;
// the selected one is kept even when it is not a county.
func countyChoices(tree *zhaoshang.OrgTree, p *zhaoshang.Principal, selected int64) []unitChoice {
	var out []unitChoice
	for _, u := range tree.Units {
		if (u.Kind == zhaoshang.OrgCounty && u.Active && p.SeesUnit(u.ID)) || u.ID == selected && selected != 0 {
			out = append(out, unitChoice{ID: u.ID, Label: u.Name, Selected: u.ID == selected})
		}
	}
	return out
}
