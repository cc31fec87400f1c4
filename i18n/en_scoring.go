package i18n

func init() { add(enScoring) }

// enScoring translates the scored reports (季通报, 年考核) and the scheme page.
var enScoring = map[string]string{
	"季通报":            "Quarterly bulletin",
	"年考核":            "Annual assessment",
	"考核办法":           "Scoring scheme",
	"考核年度":           "Year assessed",
	"季度":             "Quarter",
	"季度应写作2021Q2的形式": "Write the quarter like 2021Q2",
	"下载公文（.docx）":    "Download document (.docx)",
	"打印版（HTML）":      "Printable (HTML)",
	"得分表（Excel）":     "Score table (Excel)",
	"按本年度考核办法评分":     "Scored by this year's scheme",
	"本年度未单独设定考核办法，按默认办法评分":        "This year has no scheme of its own; scored by the default",
	"该年度尚未结束，以下按目前已录入的数据计算，仅供参考。": "The year has not ended; the figures below are computed from the data entered so far, for reference only.",
	"各县（市）综合得分排名":                 "Counties ranked by composite score",
	"有年度目标的指标按完成率计分（超过封顶值的按封顶值计），没有目标的指标按县（市）间排名计分；分值保留两位小数。": "Indicators with an annual target score by completion (capped); those without score by rank among the counties; points to two decimals.",
	"晾晒表（前三位、后三位）": "First and last three",
	"事项":           "Item",
	"分值":           "Points",
	"适用县（市）":       "Counties",
	"%d年度招商引资工作综合评分办法": "Scoring scheme of %d",
	"最后修改于%s":          "Last changed %s",
	"本年度尚未单独设定，以下为默认办法；保存后即为本年度办法": "This year has no scheme of its own; the default is shown, and saving makes it this year's",
	"各项分值合计须为100分，不计分的指标分值留空。有年度目标的指标按完成率计分，完成率超过封顶值的按封顶值计；没有目标的指标按县（市）间排名计分。季通报和年考核均按本办法评分，修改记录进入审计日志。": "The points must add up to 100; leave an indicator that does not score blank. Indicators with an annual target score by completion, up to the cap; those without score by rank among the counties. The quarterly bulletin and the annual assessment both score by this scheme; every change goes into the audit trail.",
	"完成率封顶值(%)": "Completion cap (%)",
	"加分项":       "Bonus items",
	"减分项":       "Penalty items",
	"保存考核办法":    "Save scheme",
	"按住 Ctrl（Mac 为 ⌘）可选择多个县（市）。": "Hold Ctrl (⌘ on a Mac) to choose several counties.",
	"按此办法查看年考核":                  "Annual assessment by this scheme",
	"按此办法查看季通报":                  "Quarterly bulletin by this scheme",
	"已保存考核办法":                    "Scheme saved",
	"下载格式只能是docx、html或xlsx":      "The download format must be docx, html or xlsx",
	"“%s”下没有县（市），无法排名；通报和考核由州（市）投资促进局查看": "There are no counties under “%s” to rank; bulletins and assessments are for the prefecture's bureau",
}

func init() { add(enReview) }

// enReview translates the monthly review screen (月度审核) and the preview.
var enReview = map[string]string{
	"月度审核": "Monthly review",
	"各月数据于次月%d日前报送；只有已审核月份的数据计入正式统计。": "Each month is due by day %d of the next month; only approved months count in the official figures.",
	"待审核":            "Awaiting review",
	"逾期未报":           "Overdue",
	"重新开放申请":         "Reopen requests",
	"%d年各县（市）月度数据审核": "Monthly review of the counties, %d",
	"县（市）":           "County",
	"%d月":            "M%d",
	"逾期":             "Overdue",
	"申请重开":           "Reopen asked",
	"您的数据范围内没有县（市）":          "There is no county in your data scope",
	"原因或说明（退回、申请重新开放、驳回时必填）": "Reason (required to return, to ask to reopen, or to refuse)",
	"提交所选月份":   "Submit selected months",
	"申请重新开放":   "Ask to reopen",
	"批量审核通过":   "Approve selected",
	"退回":       "Return",
	"批准重新开放":   "Reopen",
	"驳回重新开放申请": "Refuse reopening",
	"月份须按顺序提交和审核；已提交或已审核月份及其以前各月的记录不能修改，如需更正须申请重新开放，批准后该月及其后已报月份一并重新开放。": "Months are submitted and approved in order; the records of a submitted or approved month and of the months before it cannot change. To correct them, ask to reopen the month; once approved, it reopens with the later months already reported.",
	"月份":          "Month",
	"截止日期":        "Deadline",
	"没有逾期未报的月份":   "No month is overdue",
	"原因":          "Reason",
	"没有待批的申请":     "No request waiting",
	"报送截止日（次月几日）": "Deadline (day of the next month)",
	"已保存报送截止日":    "Deadline saved",
	"返回正式数据":      "Back to official figures",
	"预览未审核数据":     "Preview unapproved data",
	"预览：以下数字含尚未审核的月份，不是正式统计数据，不得对外引用。正式数据只计已审核月份。": "Preview: the figures below include months not yet approved. They are not official and must not be quoted. Official figures count approved months only.",
}

func init() {
	add(map[string]string{
		"月数":     "Months",
		"最早截止日期": "First deadline missed",
	})
}

func init() {
	add(map[string]string{
		"本月状态：%s（报送截止日%s）": "This month: %s (due %s)",
		"%s%s的数据%s，本月记录已锁定，不能修改；如需更正，请在“月度审核”页申请重新开放。": "%s's data of %s are %s; this month's records are locked. To correct them, ask to reopen on the monthly review page.",
	})
}
