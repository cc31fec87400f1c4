package zhaoshang

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// This file holds the scoring scheme of 季通报 and 年考核: the counties of a
// report are ranked by a composite score computed from a scheme that is
// configurable per year (考核办法). The scoring itself is package report's;
// the scheme, its rules and its store are the domain's.

// Scheme is one year's scoring scheme (综合评分办法).
type Scheme struct {
	Year    int          `json:"year"`
	Items   []SchemeItem `json:"items"`
	Bonus   []Adjustment `json:"bonus,omitempty"`
	Penalty []Adjustment `json:"penalty,omitempty"`
}

// StoredScheme is a year's scheme as the store keeps it.
type StoredScheme struct {
	Scheme    Scheme
	Stored    bool  // false: the default, never saved for this year
	Version   int64 // 0 when not stored
	UpdatedAt time.Time
}

// SchemeItem is one scored indicator. An item is scored by completion when
// every county has a (non-zero) annual target for it: Weight × min(完成率,
// Cap) / 100. Otherwise (no targets, as for 合同约定投资总额 or a rate) it is
// scored by rank among the n counties: Weight × (n − rank + 1) / n, so the
// first gets the full weight and the last 1/n of it; a county without a
// value (a rate with nothing to divide) gets 0.
type SchemeItem struct {
	Indicator string  `json:"indicator"` // an indicator's code
	Weight    float64 `json:"weight"`    // points
	Cap       float64 `json:"cap"`       // the highest completion % counted, e.g. 120
}

// Adjustment is a bonus (加分) or penalty (减分) item: Points added to (or
// taken from) each county listed by code.
type Adjustment struct {
	Name     string   `json:"name"`
	Points   float64  `json:"points"`
	Counties []string `json:"counties"`
}

// SchemeService keeps each year's scheme. Reading needs report:view;
// setting target:edit, and is audited.
type SchemeService interface {
	// Scheme is the year's stored scheme, or DefaultScheme when none is.
	Scheme(ctx context.Context, year int) (*StoredScheme, error)
	// SetScheme stores the year's scheme over the version read (0: none yet).
	SetScheme(ctx context.Context, s Scheme, version int64) (*StoredScheme, error)
}

// DefaultScheme is the scheme used when a year has none of its own: 100
// points over six indicators, completion counted up to 120%.
//
//	新引进重点产业项目个数  25  by completion (target)
//	合同约定投资总额        15  by rank (no target)
//	新增到位资金            25  by completion (target)
//	重点产业项目到位资金    20  by completion (target)
//	新引进优强企业          10  by rank (no target)
//	工业项目到位资金占比     5  by rank (a share)
func DefaultScheme(year int) Scheme {
	return Scheme{Year: year, Items: []SchemeItem{
		{Indicator: "new_key_projects", Weight: 25, Cap: 120},
		{Indicator: "contract_investment", Weight: 15, Cap: 120},
		{Indicator: "funds_in_place", Weight: 25, Cap: 120},
		{Indicator: "key_funds_in_place", Weight: 20, Cap: 120},
		{Indicator: "new_strong_enterprises", Weight: 10, Cap: 120},
		{Indicator: "industrial_funds_share", Weight: 5, Cap: 120},
	}}
}

// IndicatorNames tells the code of an indicator from its code or Chinese
// name, and that name; ok is false for no such indicator. The indicator
// package provides it (indicator.Names).
type IndicatorNames func(codeOrName string) (code, name string, ok bool)

// Validate checks the scheme and says in Chinese what is wrong: a year,
// at least one item, known indicators each once, positive weights adding
// up to 100, caps of at least 100, named adjustments with positive points
// and at least one county each.
func (s Scheme) Validate(known IndicatorNames) error {
	var errs []string
	if s.Year < 1900 || s.Year > 9999 {
		errs = append(errs, fmt.Sprintf("年度“%d”无效", s.Year))
	}
	if len(s.Items) == 0 {
		errs = append(errs, "评分办法至少须有一项评分指标")
	}
	seen := map[string]bool{}
	sum := new(big.Rat)
	for i, it := range s.Items {
		code, name, ok := known(it.Indicator)
		switch {
		case !ok:
			errs = append(errs, fmt.Sprintf("第%d项：指标“%s”不存在", i+1, it.Indicator))
		case seen[code]:
			errs = append(errs, fmt.Sprintf("第%d项：指标“%s”重复", i+1, name))
		default:
			seen[code] = true
		}
		if !(it.Weight > 0) || math.IsInf(it.Weight, 0) {
			errs = append(errs, fmt.Sprintf("第%d项：分值须大于0", i+1))
		} else {
			sum.Add(sum, ExactDecimal(it.Weight))
		}
		if !(it.Cap >= 100) || math.IsInf(it.Cap, 0) {
			errs = append(errs, fmt.Sprintf("第%d项：完成率封顶值须不低于100%%", i+1))
		}
	}
	if len(s.Items) > 0 && sum.Cmp(big.NewRat(100, 1)) != 0 {
		total := sum.FloatString(4)
		total = strings.TrimRight(strings.TrimRight(total, "0"), ".")
		errs = append(errs, "各项分值合计须为100分，现为"+total+"分")
	}
	for _, g := range []struct {
		kind string
		list []Adjustment
	}{{"加分项", s.Bonus}, {"减分项", s.Penalty}} {
		for i, a := range g.list {
			if strings.TrimSpace(a.Name) == "" {
				errs = append(errs, fmt.Sprintf("%s第%d项：须填写名称", g.kind, i+1))
			}
			if !(a.Points > 0) || math.IsInf(a.Points, 0) {
				errs = append(errs, fmt.Sprintf("%s第%d项：分值须大于0", g.kind, i+1))
			}
			if len(a.Counties) == 0 {
				errs = append(errs, fmt.Sprintf("%s第%d项：须至少指定一个县（市）", g.kind, i+1))
			}
		}
	}
	if len(errs) > 0 {
		return Errorf(EInvalid, "评分办法有误：%s", strings.Join(errs, "；"))
	}
	return nil
}

// ExactDecimal is the decimal a float64 was written as (25.5 → 51/2),
// exactly: scheme points are typed as decimals and summed without error.
func ExactDecimal(f float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}
