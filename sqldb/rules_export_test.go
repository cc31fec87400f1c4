package sqldb

import (
	"context"
	"errors"

	"zhaoshang"
)

// TouchedMonth is a county-month a change of records touches (countyMonth).
type TouchedMonth struct {
	Org   int64
	Month zhaoshang.Month
}

var errCheckedOnly = errors.New("sqldb: checked only")

// CheckOpen asks checkOpen, as the system, whether a change touching the
// county-months may be written, by an approving import (tx.approving) or
// not, in a transaction that writes nothing.
func (db *DB) CheckOpen(ctx context.Context, approving bool, touched ...TouchedMonth) error {
	err := db.Write(zhaoshang.SystemContext(ctx), zhaoshang.PermProjectEdit, func(tx *Tx) error {
		tx.approving = approving
		var cms []countyMonth
		for _, t := range touched {
			cms = append(cms, countyMonth{t.Org, t.Month})
		}
		if err := checkOpen(ctx, tx, cms...); err != nil {
			return err
		}
		return errCheckedOnly
	})
	if errors.Is(err, errCheckedOnly) {
		return nil
	}
	return err
}
