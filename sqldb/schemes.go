package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"zhaoshang"
	"zhaoshang/indicator"
)

// SchemeService keeps each year's scoring scheme (综合评分办法) of 季通报 and
// 年考核. A year without a scheme of its own is scored by
// zhaoshang.DefaultScheme; the first save stores it. Reading needs
// report:view, changing target:edit (the bureau that sets the targets sets
// how they are scored); every change is audited with before and after.
type SchemeService struct{ db *DB }

func NewSchemeService(db *DB) *SchemeService { return &SchemeService{db: db} }

func readScheme(ctx context.Context, q queryer, year int) (*zhaoshang.StoredScheme, error) {
	var body string
	out := &zhaoshang.StoredScheme{}
	err := q.QueryRowContext(ctx, "SELECT body, version, updated_at FROM scoring_schemes WHERE year = $1", year).Scan(&body, &out.Version, &out.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return &zhaoshang.StoredScheme{Scheme: zhaoshang.DefaultScheme(year)}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(body), &out.Scheme); err != nil {
		return nil, fmt.Errorf("scheme %d: %w", year, err)
	}
	out.Stored = true
	return out, nil
}

// Scheme is the scheme of the year: its own, or the default.
func (s *SchemeService) Scheme(ctx context.Context, year int) (*zhaoshang.StoredScheme, error) {
	if _, err := zhaoshang.Authorize(ctx, zhaoshang.PermReportView); err != nil {
		return nil, err
	}
	return readScheme(ctx, s.db.read, year)
}

// checkSchemeCounties refuses bonus and penalty items naming a unit that is
// not a county: such an item would silently add nothing.
func checkSchemeCounties(tree *zhaoshang.OrgTree, sc zhaoshang.Scheme) error {
	var bad []string
	for _, list := range [][]zhaoshang.Adjustment{sc.Bonus, sc.Penalty} {
		for _, a := range list {
			for _, code := range a.Counties {
				u := tree.ByCode(code)
				if u == nil || u.Kind != zhaoshang.OrgCounty {
					bad = append(bad, "“"+code+"”")
				}
			}
		}
	}
	if len(bad) > 0 {
		return zhaoshang.Errorf(zhaoshang.EInvalid, "加减分项所列单位%s不是县（市）", strings.Join(bad, "、"))
	}
	return nil
}

// SetScheme stores the year's scheme over the one read at version (0: the
// default, not yet stored). A scheme that does not validate changes nothing.
func (s *SchemeService) SetScheme(ctx context.Context, sc zhaoshang.Scheme, version int64) (*zhaoshang.StoredScheme, error) {
	if err := sc.Validate(indicator.Names); err != nil {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "%s", err.Error())
	}
	body, err := json.Marshal(sc)
	if err != nil {
		return nil, err
	}
	var out *zhaoshang.StoredScheme
	err = s.db.Write(ctx, zhaoshang.PermTargetEdit, func(tx *Tx) error {
		tree, err := loadTree(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkSchemeCounties(tree, sc); err != nil {
			return err
		}
		cur, err := readScheme(ctx, tx, sc.Year)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return staleError(ctx, tx, "scheme", int64(sc.Year))
		}
		if cur.Stored {
			res, err := tx.ExecContext(ctx, "UPDATE scoring_schemes SET body = $1, version = version + 1, updated_at = $2 WHERE year = $3 AND version = $4",
				string(body), tx.now, sc.Year, version)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return staleError(ctx, tx, "scheme", int64(sc.Year))
			}
			tx.Audit(zhaoshang.ActUpdate, "scheme", sc.Year, cur.Scheme, sc, "")
		} else {
			_, err := tx.ExecContext(ctx, `INSERT INTO scoring_schemes (year, body, created_by, version, created_at, updated_at)
				VALUES ($1, $2, $3, 1, $4, $4)`, sc.Year, string(body), nullInt(tx.p.UserID), tx.now)
			if tx.db.dialect.isUniqueViolation(err) {
				return staleError(ctx, tx, "scheme", int64(sc.Year))
			}
			if err != nil {
				return err
			}
			tx.Audit(zhaoshang.ActCreate, "scheme", sc.Year, nil, sc, "")
		}
		out = &zhaoshang.StoredScheme{Scheme: sc, Stored: true, Version: version + 1, UpdatedAt: tx.now}
		return nil
	})
	return out, err
}
