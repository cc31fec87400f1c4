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
