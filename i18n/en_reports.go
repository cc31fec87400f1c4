package i18n

func init() { add(enReports) }

// enReports translates the statistical report screens (月调度).
var enReports = map[string]string{
	"月调度":     "Monthly dispatch",
	"主要指标总览":  "Main indicators at a glance",
	"各县市完成情况": "by county",
	"同比":      "YoY",
	"完成率(%)":  "Completion (%)",
	"完成率低于序时进度的县市标为滞后；同比为与上年同期相比，比率指标为增减的百分点；金额单位为亿元，保留两位小数。": "Counties whose completion is below the time progress are marked lagging; YoY compares with the same period last year, in percentage points for rates; money in 100 million yuan, two decimals.",
	"年度目标":      "Annual target",
	"序时进度":      "Time progress",
	"序时进度(%)":   "Time progress (%)",
	"指标名称":      "Indicator",
	"排名":        "Rank",
	"时间过半、任务过半": "On schedule",
	"时间过半、任务过半：完成率不低于序时进度": "On schedule: completion at or above the time progress",
	"本期":     "Period",
	"本期值":    "Value",
	"滞后":     "Lagging",
	"统计截至月份": "Through month",
	"统计期间":   "Period",
	"进度":     "Progress",
	"选择指标":   "Indicator",
	"统计截至月份应为形如2021-06的月份":        "The month must look like 2021-06",
	"您的数据范围内没有州（市）或县（市），没有可调度的指标": "There is no prefecture or county in your data scope, so there are no indicators to dispatch",
}
