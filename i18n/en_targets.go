package i18n

func init() { add(enTargets) }

// enTargets translates the annual target screens (web/targets.go), the
// 目标任务 kind of the import page and the messages of a 目标任务 file.
// The ledger's column names (年度, 单位, 指标, 目标值) are translated for the
// screens; a file must still spell them in Chinese.
var enTargets = map[string]string{
	// navigation and titles
	"统计报表":    "Statistical reports",
	"目标任务":    "Annual targets",
	"目标分解":    "Target breakdown",
	"%d年目标任务": "Annual targets %d",
	"导入目标任务":  "Import targets",
	"返回目标任务表": "Back to the targets table",
	"已保存目标任务": "Target saved",
	"已保存":     "Saved",
	"年度":      "Year",
	"单位":      "Unit",
	"指标":      "Indicator",
	"目标值":     "Target",
	"万元":      "10k yuan",
	"个":       "count",
	"家":       "enterprises",
	"占州级目标":   "Share of the prefecture's target",
	"县市合计":    "Sum of the counties",
	"差额（州级目标−县市合计）": "Gap (prefecture's target − sum of the counties)",
	"个数类指标以个、家计，金额类指标以万元计；比率指标由其他指标计算得出，不设目标值。":    "Counts are in projects or enterprises, money in 10k yuan; rates are computed from other indicators and have no target.",
	"您的数据范围内没有可下达目标任务的单位":                          "There is no unit within your data scope that takes targets",
	"在单元格中填写目标值后点击“保存”即可；如果他人已先修改，会提示由谁修改，请刷新后再改。": "Type a target into its cell and click “Save”; if someone else changed it first, you are told who, and should reload before changing it.",
	"已分解到县市的目标合计比州级目标少%s":                          "The counties' targets add up to %s less than the prefecture's target",
	"已分解到县市的目标合计比州级目标多%s":                          "The counties' targets add up to %s more than the prefecture's target",
	"已全部分解": "Fully broken down",
	"尚未设定州级目标，无法计算分解差额": "The prefecture's target is not set yet, so the gap cannot be computed",
	"该单位之下没有县市，目标无需分解":  "There is no county below this unit; its target needs no breakdown",
	"没有可分解到的县市":         "No county to break the target down to",

	// the import page
	"项": "items",
	"已导入目标任务：新增%d项，更新%d项，未变%d项": "Targets imported: %d added, %d updated, %d unchanged",
	"四位年份，如2021": "A four-digit year, such as 2021",
	"州或县市，填写名称（如黔东南州、凯里市）或代码（如522600）":                     "The prefecture or a county, by name (such as 黔东南州, 凯里市) or code (such as 522600)",
	"指标代码或中文名称，如 new_key_projects 或 新引进重点产业项目个数；比率指标不设目标值": "The indicator's code or Chinese name, such as new_key_projects or 新引进重点产业项目个数; rates take no target",
	"个数类指标填个/家数（整数），金额类指标填万元":                              "A whole number for counts (projects, enterprises), 10k yuan for money",
	"一个单位一个年度的一项指标填一行；年度、单位、指标都相同的目标再次导入时会更新原目标值。":         "One row per unit, year and indicator; importing the same unit, year and indicator again updates the target.",
	"需要“维护年度目标任务”权限。":                                      "Needs the permission “Maintain annual targets”.",

	// the 目标任务 file (ledger.ParseTargets)
	"单位“%s”不存在或不是州、县市（可填写名称或代码）":          "Unit “%s” does not exist or is not the prefecture or a county (give its name or code)",
	"目标值应为数字：个数类指标填整数，金额类指标以万元为单位、最多4位小数": "The target must be a number: a whole number for counts, 10k yuan with at most 4 decimals for money",
	"与第%d行重复（年度、单位、指标均相同）":                "Repeats row %d (same year, unit and indicator)",
}
