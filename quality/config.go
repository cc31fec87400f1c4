package quality

import (
	"zhaoshang"
)

// Config holds the thresholds of the rules. Start from DefaultConfig; the
// bureau may change them in its settings.
type Config struct {
	// EvidenceThreshold (Q104): a receipt of at least this much needs
	// evidence: the number of its bank slip or a scan. Default 1,000万元.
	EvidenceThreshold zhaoshang.Money
	// KeyMinInvestment (Q105): the least contract investment of a
	// key-industry project. Default 1,000万元; 0 turns the criterion off.
	KeyMinInvestment zhaoshang.Money
	// LocalRegions (Q105): names of the prefecture and its counties
	// ("黔东南", "凯里"); an investor whose region contains one of them is
	// local and does not make a project brought in. Empty by default: the
	// caller fills it from the organisation tree, which is data.
	LocalRegions []string
	// ExcludedIndustries (Q105): industries that never count as key
	// industries, matched as part of the project's industry. Default 房地产.
	ExcludedIndustries []string
	// DuplicateAmountTolerance (Q106): contract investments this close,
	// relative to the larger one, count as the same. Default 0.05.
	DuplicateAmountTolerance float64
	// DuplicateNameSimilarity (Q106): names at least this alike
	// (zhaoshang.NameSimilarity) count as the same. Default 0.9.
	DuplicateNameSimilarity float64
	// SpikeThreshold (Q107): a month whose modified z-score is above it is
	// a spike. Default 3.5 (Iglewicz and Hoaglin).
	SpikeThreshold float64
	// SpikeMinMonths (Q107): the fewest months of a county's year worth
	// examining. Default 6.
	SpikeMinMonths int
	// BenfordMinSamples (Q108): the fewest positive amounts of a county's
	// year worth examining; fewer say nothing about a distribution. Default
	// 100. Nigrini's MAD bounds assume large samples (amounts that follow
	// Benford's law exactly exceed 0.015 by chance in 9 of 10 years of 100
	// amounts), so the rule also asks a χ² test to reject chance at 0.1%.
	BenfordMinSamples int
	// BenfordMADThreshold (Q108): the mean absolute deviation of first-digit
	// proportions above which a distribution does not conform. Default
	// 0.015, Nigrini's bound of "nonconformity" for first digits (0.006
	// close, 0.012 acceptable, 0.015 marginal).
	BenfordMADThreshold float64
}

// DefaultConfig is the configuration until the bureau sets its own.
func DefaultConfig() Config {
	return Config{
		EvidenceThreshold:        1_000 * zhaoshang.Wan,
		KeyMinInvestment:         1_000 * zhaoshang.Wan,
		ExcludedIndustries:       []string{"房地产"},
		DuplicateAmountTolerance: 0.05,
		DuplicateNameSimilarity:  0.9,
		SpikeThreshold:           3.5,
		SpikeMinMonths:           6,
		BenfordMinSamples:        100,
		BenfordMADThreshold:      0.015,
	}
}

// Validate says what is wrong with a configuration, naming the field, in
// words a settings screen can show.
func (c Config) Validate() error {
	switch {
	case c.EvidenceThreshold <= 0:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "evidence_threshold", "凭证核验金额标准须大于0")
	case c.KeyMinInvestment < 0:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "key_min_investment", "重点产业项目合同投资额标准不能为负数")
	case c.DuplicateAmountTolerance <= 0 || c.DuplicateAmountTolerance >= 0.5:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "duplicate_amount_tolerance", "重复统计的投资额相差比例须大于0且小于%d%%", 50)
	case c.DuplicateNameSimilarity <= 0 || c.DuplicateNameSimilarity > 1:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "duplicate_name_similarity", "重复统计的名称相似度须大于0且不超过1")
	case c.SpikeThreshold <= 0:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "spike_threshold", "月度突增的修正Z值阈值须大于0")
	case c.SpikeMinMonths < 3 || c.SpikeMinMonths > 12:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "spike_min_months", "月度突增检查所需月份数须在3至12之间")
	case c.BenfordMinSamples < 1:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "benford_min_samples", "首位数字检查所需最少笔数须大于0")
	case c.BenfordMADThreshold <= 0 || c.BenfordMADThreshold >= 1:
		return zhaoshang.FieldErrorf(zhaoshang.EInvalid, "benford_mad_threshold", "首位数字平均绝对偏差阈值须大于0且小于1")
	}
	return nil
}
