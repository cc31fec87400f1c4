package sqldb

import (
	"fmt"
	"strings"

	"zhaoshang"
)

// scopeCond is the one place where a principal's data scope becomes SQL: a
// condition limiting orgCol to the units the principal sees, or, for 仅本人,
// ownerCol to the principal ("" when the table records no owner). Every
// list query of business records ANDs it into its WHERE clause.
func scopeCond(p *zhaoshang.Principal, orgCol, ownerCol string, args *[]any) string {
	if p.SeesAll() {
		return "TRUE"
	}
	var parts []string
	if units := p.ScopeUnits(); len(units) > 0 {
		parts = append(parts, orgCol+" IN ("+sqlList(units, args)+")")
	}
	if p.SeesOwn() && ownerCol != "" {
		*args = append(*args, p.UserID)
		parts = append(parts, fmt.Sprintf("%s = $%d", ownerCol, len(*args)))
	}
	if len(parts) == 0 {
		return "FALSE"
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// notFoundUnlessSees answers a record outside the principal's scope exactly
// as a record that does not exist, so a guessed id reveals nothing.
func notFoundUnlessSees(p *zhaoshang.Principal, orgUnitID, ownerID int64, what string) error {
	if p.SeesUnit(orgUnitID) || (p.SeesOwn() && ownerID == p.UserID && ownerID != 0) {
		return nil
	}
	return zhaoshang.Errorf(zhaoshang.ENotFound, what)
}

// sqlList appends ids to args and returns "$n, $n+1, …" for an IN list.
func sqlList[T any](ids []T, args *[]any) string {
	ph := make([]string, len(ids))
	for i, id := range ids {
		*args = append(*args, id)
		ph[i] = fmt.Sprintf("$%d", len(*args))
	}
	return strings.Join(ph, ", ")
}
