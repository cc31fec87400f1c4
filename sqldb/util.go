package sqldb

import (
	"context"
	"strconv"
	"time"

	"zhaoshang"
)

func itoa(n int) string { return strconv.Itoa(n) }

// staleError answers an update that names an old version: it says who
// changed the record last and when, from the audit trail.
func staleError(ctx context.Context, tx *Tx, entity string, id int64) error {
	var who string
	var at time.Time
	row := tx.QueryRowContext(ctx, "SELECT actor_name, at FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id DESC LIMIT 1", entity, strconv.FormatInt(id, 10))
	if err := row.Scan(&who, &at); err != nil {
		return zhaoshang.Errorf(zhaoshang.EConflict, "该记录已被他人修改，请刷新后重试")
	}
	return zhaoshang.Errorf(zhaoshang.EConflict, "该记录已被%s于%s修改，请刷新后在最新内容上重新修改", who, at.In(zhaoshang.Shanghai).Format(zhaoshang.TimeLayout))
}
