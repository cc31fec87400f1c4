package i18n

func init() {
	add(map[string]string{
		"台账规则":    "Ledger rules",
		"优强企业的认定": "What counts as a strong enterprise",
		"带有下列任一标签的企业计为优强企业。“新引进优强企业”指标按此认定，修改后所有报表即按新口径重新计算，修改记录进入审计日志。": "An enterprise with any of these tags counts as strong. The indicator “new strong enterprises” follows this rule; every report recomputes with it at once, and the change is audited.",
		"已保存台账规则":               "Ledger rules saved",
		"表单无法读取":                "The form could not be read",
		"请至少选择一个计为优强企业的标签":      "Choose at least one tag that makes an enterprise strong",
		"配置台账规则（如哪些企业标签计为优强企业）": "Configure ledger rules (e.g. which tags make an enterprise strong)",
		"查看项目台账、企业和到位资金":        "View the project ledger, enterprises and funds received",
		"填报和修改项目、到位资金及附件":       "Enter and change projects, funds received and attachments",
		"维护企业信息和联系人":            "Maintain enterprises and contacts",
		"查看联系人完整电话号码":           "See contacts' full phone numbers",
		"导入台账文件":                "Import ledger files",
	})
}

func init() {
	add(map[string]string{
		"维护年度目标任务":      "Maintain annual targets",
		"查看统计报表":        "View statistical reports",
		"提交月度数据、申请重新开放": "Submit monthly data, ask to reopen a month",
		"审核月度数据、批准重新开放": "Review monthly data, reopen a month",
	})
}

func init() {
	add(map[string]string{
		"凭证扫描件": "Evidence scan",
		"凭证":    "Evidence",
	})
}
