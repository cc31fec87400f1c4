package demo

import "zhaoshang"

// The figures the demo data reproduces, prefecture level, from section 一
// and 二(三) of the seed (DOMAIN.md, "The seed's figures"). Amounts are the
// exact 元 the records add up to; each displays as the seed prints it (亿元,
// one decimal, half-up) and every rate, share, completion and year-on-year
// growth computed from them rounds to the seed's value (99.0 for the start
// rate: the records decide, see DOMAIN.md).
const (
	// 1—6月 2021
	KeyProjects21        = 289
	ContractInvestment21 = zhaoshang.Money(35_570_486_000) // 355.7亿
	StrongEnterprises21  = 118
	FundsInPlace21       = zhaoshang.Money(31_451_273_600) // 314.5亿
	KeyFunds21           = zhaoshang.Money(21_743_865_200) // 217.4亿
	IndustrialFunds21    = zhaoshang.Money(12_816_120_800) // 128.2亿, 58.94% of KeyFunds21
	Started21            = 286                             // 99.0%
	Producing21          = 109                             // 37.7%

	// 1—6月 2020, the same period a year earlier
	KeyProjects20        = 263
	ContractInvestment20 = zhaoshang.Money(33_719_263_000) // 337.2亿 (+5.5%)
	StrongEnterprises20  = 102                             // (+15.7%)
	Started20            = 251                             // 95.4%
	Producing20          = 89                              // 33.8%
	KeyFunds20           = zhaoshang.Money(19_270_524_400) // 192.7亿 (+12.8%)
	IndustrialFunds20    = zhaoshang.Money(11_085_362_000) // 110.9亿
	FundsInPlace20       = zhaoshang.Money(26_243_187_500) // 262.4亿

	// 2021 annual targets of the prefecture
	TargetKeyProjects = 450
	TargetFunds       = 600 * zhaoshang.Yi
	TargetKeyFunds    = 420 * zhaoshang.Yi
)

// AreaFigure is one investment area's count and total investment (总投资)
// among the key projects signed 1—6月 2021.
type AreaFigure struct {
	Area            zhaoshang.Area
	Projects        int
	TotalInvestment zhaoshang.Money
}

// Areas21 is section 二(三) of the seed. The four areas add up to 287 of
// the 289 key projects (the seed's own slip); the other two are 其他.
var Areas21 = []AreaFigure{
	{zhaoshang.AreaIndustry, 175, 21_949_000_000},  // 219.49亿
	{zhaoshang.AreaUrbanism, 37, 5_770_000_000},    // 57.7亿
	{zhaoshang.AreaAgriculture, 41, 1_828_000_000}, // 18.28亿
	{zhaoshang.AreaTourism, 34, 16_640_000_000},    // 166.4亿
	{zhaoshang.AreaOther, 2, 312_500_000},          // 3.125亿
}
