package i18n

func init() { add(enSecurity) }

// enSecurity translates the messages of the separation of duties, the
// scope of shared records, sign-in throttling, amount ceilings and busy
// answers.
var enSecurity = map[string]string{
	"无职责": "no duty",
	"不能修改自己持有的角色“%s”：角色的权限须由其他人维护":                          "You cannot change the role “%s” that you hold yourself: its permissions must be kept by someone else",
	"内置角色“%s”只能包含%s职责的权限":                                   "The built-in role “%s” may only hold permissions of the %s duty",
	"角色“%s”已有%d个用户持有，其职责不能从%s改为%s；如需新的职责组合，请新建角色后分配":        "The role “%s” is held by %d users; its duty cannot change from %s to %s. For a new combination, create a new role and grant it",
	"此项修改后将没有任何在用账户能查看审计日志：至少须保留一个在用账户持有“查看和导出审计日志、登录日志”权限": "After this change no active account could read the audit trail: at least one active account must keep the permission to view and export the audit and sign-in logs",
	"这是您本人持有的角色，不能由您本人修改（三员分立）。":                            "You hold this role yourself, so you cannot change it (separation of duties).",
	"该企业在您的数据范围以外也有项目，其信息和联系人由州局或项目所在县（市）维护。":               "This enterprise also has projects beyond your scope; its details and contacts are kept by the bureau or by the county of its projects.",
	"该企业的项目均不在您的数据范围内，不显示其联系人":                              "None of this enterprise's projects is within your scope, so its contacts are not shown",
	"企业“%s”在您的数据范围以外也有项目，其信息和联系人须由州局或项目所在县（市）维护":            "The enterprise “%s” also has projects beyond your scope; its details and contacts must be kept by the bureau or by the county of its projects",
	"企业“%s”在您的数据范围以外也有项目，是否计为优强企业须由州局在企业库中认定":               "The enterprise “%s” also has projects beyond your scope; whether it counts as a strong enterprise is for the bureau to decide in the enterprise register",
	"联系人不存在或不在您的数据范围内":                                      "The contact does not exist or is not within your scope",
	"从您所在网络地址登录失败的次数过多，请稍候1分钟再试":                            "Too many failed sign-ins from your network address; please wait a minute and try again",
	"%s%s万元超过单项上限%s亿元，疑为录入错误，请核对单位（万元）和数值":                  "%s of %s (10,000 yuan) exceeds the ceiling of %s (100 million yuan) for one record; it looks like a typing error: check the unit (10,000 yuan) and the figure",
	"金额上限应在1亿元至%s亿元之间":                                      "The ceiling must lie between 1 and %s (100 million yuan)",
	"请以亿元为单位填写整数金额上限":                                       "Give the ceiling as a whole number of 100 million yuan",
	"单项金额上限": "Ceiling on one amount",
	"一个项目的合同投资额、总投资或一笔到位资金超过此上限时，视为录入错误，不予保存（通常是把元当作万元录入）。上限最高为%s亿元。": "A project's contract or total investment, or one receipt, above this ceiling is taken for a typing error and not saved (usually yuan typed as 10,000 yuan). The ceiling is at most %s (100 million yuan).",
	"上限（亿元）":     "Ceiling (100 million yuan)",
	"亿元":         "100 million yuan",
	"系统繁忙，请稍后重试": "The system is busy; please try again shortly.",
}
