package i18n

func init() { add(enStats) }

// enStats translates the messages of targets, statistics and the demo.
var enStats = map[string]string{
	"“%s”不是州（市）或县（市），不能下达这些指标的目标任务": "“%s” is neither a prefecture nor a county; these targets cannot be assigned to it",
	"“%s”已停用，不能下达或修改目标任务":           "“%s” is inactive; its targets cannot be set or changed",
	"“%s”是比率指标，由其他指标计算得出，不设目标值":     "“%s” is a rate computed from other indicators; it has no target",
	"“%s”的目标值应为整数（%s）":              "The target of “%s” must be a whole number (%s)",
	"单位不存在或不在您的数据范围内":               "No such unit, or it is outside your data scope",
	"年度应为2000至2100之间的四位年份":          "The year must be a four-digit year from 2000 to 2100",
	"数据库中已有%d个项目：演示数据只能载入没有项目的空数据库": "The database already holds %d projects: demo data loads only into a database without projects",
	"未知指标“%s”：请填写指标代码或中文名称":         "Unknown indicator “%s”: give its code or Chinese name",
	"演示数据需要黔东南州的组织机构：找不到单位“%s”":     "The demo data needs the organisation of 黔东南州: unit “%s” is missing",
	"演示数据需要黔东南州的组织机构：找不到县市“%s”（%s）": "The demo data needs the organisation of 黔东南州: county “%s” (%s) is missing",
	"目标值不能为负数":                      "A target cannot be negative",
	"目标值应为以万元为单位的数字，最多4位小数":         "A money target is a number in 10k yuan with at most 4 decimals",
	"目标值应为整数（%s）":                   "The target must be a whole number (%s)",
	"统计期间不正确":                       "The period is not valid",
	"该单位该年度的这项目标已由他人设定，请刷新后重试":      "Someone else has just set this target for the unit and year; reload and try again",
	"该目标已不存在，请刷新后重试":                "This target no longer exists; reload and try again",
}
