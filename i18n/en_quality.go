package i18n

func init() { add(enQuality) }

// enQuality translates the data-quality screens and the report checker.
var enQuality = map[string]string{
	"待处理的数据质量问题": "Open data-quality findings",
	"质量问题%d":     "%d findings",
	"数据质量":       "Data quality",
	"报告数字核对":     "Report checker",
	"粘贴报告文字":     "Paste the report's text",
	"统计截至月份（可不填，默认从文中识别）": "Through month (optional; read from the text by default)",
	"核对": "Check",
	"系统提取文中的数字、占比、比率和增幅，列出与文中所列数字不符或与该期间已审核记录不符的表述；没有写明基数、无法核对的表述不列为问题。": "The system reads the figures, shares, rates and growths of the text and lists the claims that disagree with the figures stated beside them or with the approved records of the period; a claim whose base is not stated cannot be checked and is not listed.",
	"核对结果": "Result",
	"严重程度": "Severity",
	"声明":   "Claim",
	"应为":   "The figures give",
	"语句":   "Sentence",
	"未发现与所列数值或审定记录不符的表述。": "No claim disagrees with the stated figures or the approved records.",
	"规则":       "Rule",
	"待处理":      "Open",
	"已说明":      "Explained",
	"已纠正":      "Fixed",
	"严重":       "Error",
	"警告":       "Warning",
	"提示":       "Notice",
	"文内":       "Text",
	"立即检查全部数据": "Check all data now",
	"系统在保存数据时即检查所涉项目，每晚2时检查全部数据。": "The system checks the projects concerned whenever data are saved, and all data every night at 2:00.",
	"待处理问题（按县市和规则）":               "Open findings by county and rule",
	"没有发现数据质量问题":                  "No data-quality finding",
	"问题清单":                        "Findings",
	"另一项目":                        "The other project",
	"情况说明":                        "Explanation",
	"提交说明":                        "Explain",
	"不认可的理由":                      "Why the explanation is not accepted",
	"不认可，退回":                      "Send back",
	"没有符合条件的问题":                   "No finding matches",
	"检查规则":                        "Rules",
	"代码":                          "Code",
	"检查内容":                        "What it checks",
	"检查标准":                        "Thresholds",
	"凭证核验金额标准（万元）":                "Receipts needing evidence from (10,000 yuan)",
	"重点产业项目最低合同投资额（万元）":      "Least contract investment of a key project (10,000 yuan)",
	"本地地区（投资方来自这些地区的不算外来投资）": "Local regions (investors from there are not brought in)",
	"不纳入重点产业项目的行业":           "Industries never key",
	"本地地区留空时，按本州及各县（市）名称认定；多个名称用顿号分隔。保存后立即按新标准重新检查。": "Left empty, the local regions are the prefecture and its counties; separate names with 、. Saving runs the checks again at once.",
	"已提交情况说明": "Explanation recorded",
	"已退回重新处理": "Sent back",
	"检查完成：现有问题%d条，新发现%d条，已纠正%d条": "Checked: %d findings, %d new, %d fixed",
	"已保存数据质量检查标准，并已重新检查":         "Thresholds saved; the data were checked again",
	"请粘贴要核对的报告文字":                "Paste the text to check",
	"报告文字过长（超过20万字节），请分段核对":      "The text is too long (over 200,000 bytes); check it in parts",
	"文中没有可识别的统计期间（如“1—6月”），只核对了文中数字之间的关系；可填写统计截至月份后再核对。": "No period (such as “1—6月”) was found in the text, so only the figures within it were compared; give the through month to compare with the records.",
}

func init() {
	add(map[string]string{
		"数据质量检查发现以下问题，请核实更正或作出说明": "The data-quality checks found the following; correct the data or explain",
		"到数据质量页面处理":               "Deal with it on the data-quality page",
	})
}

// The rules of package quality, as the quality screen names them.
func init() {
	add(map[string]string{
		"项目阶段日期顺序错误":    "Stage dates out of order",
		"到位资金早于签约":      "Receipts before signing",
		"累计到位资金超过合同投资额": "Receipts above contract investment",
		"大额到位资金缺少凭证":    "Large receipt without evidence",
		"重点产业项目不符合认定条件": "Key project misses the criteria",
		"疑似跨县市重复统计":     "Suspected double counting across counties",
		"月度到位资金异常突增":    "Spike in a month's receipts",
		"到位资金首位数字分布异常":  "First digits of receipts deviate",
		"检查签约、开工、投产、达效日期是否依次不早于前一阶段，且填写后一阶段日期时已填写前一阶段日期，顺序错误会使开工率、投产率失真。":          "Checks that the signing, start, production and full-output dates follow each other and that no later stage has a date without the earlier ones; dates out of order distort the start and production rates.",
		"检查每笔到位资金的月份是否不早于项目签约月份，未签约或签约前的资金不应计入新增到位资金。":                             "Checks that no receipt falls before the project's signing month; money before signing, or of a project not signed, is not new money in place.",
		"检查项目累计到位资金是否超过合同约定投资额，超出部分可能是重复填报或金额单位错误。":                                "Checks that a project's receipts do not add up to more than its contract investment; the excess may be entered twice or in the wrong unit.",
		"检查达到凭证核验标准的单笔到位资金是否有凭证佐证（银行进账单等的编号或扫描件），大额资金不得无据填报。":                      "Checks that every receipt at or above the threshold has evidence (the number or a scan of its bank slip); large amounts may not be entered without proof.",
		"检查标为重点产业项目的项目是否达到合同投资额标准、投资方是否来自本地以外、所属行业是否不在排除之列，不符合条件的项目不应计入新引进重点产业项目。": "Checks that a project marked key reaches the minimum contract investment, has an investor from outside the region and is not in an excluded industry; one that does not should not count as a new key project.",
		"检查不同县市是否登记了投资方统一社会信用代码相同或名称高度相似、投资额相近的项目，同一项目被两地同时统计会虚增全州数据。":             "Checks whether two counties entered projects with the same investor credit code, or very similar names, and close amounts; one project counted by two counties inflates the prefecture's figures.",
		"以修正Z值检查县市各月到位资金是否显著高于本年其他月份，季末、年末突增提示可能存在集中突击填报（季末、年末为警告，其他月份为提示）。":       "Checks by modified z-score whether a county's month stands far above its other months of the year; a spike at a quarter's or year's end suggests entries rushed in to meet a target (a warning at quarter and year ends, a notice otherwise).",
		"以本福特定律检查县市全年到位资金金额首位数字的分布，偏离过大提示金额可能系人为编造而非据实填报。":                         "Checks the first digits of a county's receipts of a year against Benford's law; a large deviation suggests invented amounts.",
	})
}
