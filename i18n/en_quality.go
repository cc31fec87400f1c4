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
