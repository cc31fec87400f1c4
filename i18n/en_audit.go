package i18n

func init() { add(enAudit) }

// enAudit translates the audit trail, the login log and their export.
// Words that other screens translate already (所属单位, 查询, 上一页…) are
// not repeated here.
var enAudit = map[string]string{
	// filters
	"开始日期":           "From",
	"结束日期":           "To",
	"操作人":            "User",
	"对象":             "Record",
	"操作":             "Action",
	"导出Excel":        "Export to Excel",
	"超过%d条，请缩小范围后导出": "More than %d entries: narrow the filter to export",
	"结果":             "Result",
	"登录成功":           "Signed in",

	// the viewer
	"审计记录":         "Audit entries",
	"共%d条":         "%d entries",
	"第%d–%d条，共%d条": "%d–%d of %d",
	"序号":           "No.",
	"时间":           "Time",
	"对象ID":         "Record ID",
	"说明":           "Note",
	"没有符合条件的审计记录":  "No audit entries match",
	"校验日志完整性":      "Verify integrity",
	"审计日志完整性校验未通过": "The audit trail failed its integrity check",
	"已校验%d条，其后的记录未校验。请立即报告安全管理员并保全数据库。": "%d entries checked; those after the break were not. Report to the security administrator at once and preserve the database.",
	"已校验全部%d条审计记录：哈希链完整，未发现删除或篡改。":      "All %d audit entries checked: the hash chain is intact, nothing was deleted or altered.",

	// one entry
	"审计记录第%d条":    "Audit entry %d",
	"审计记录不存在":     "No such audit entry",
	"浏览器":         "Browser",
	"哈希链":         "Hash chain",
	"算法":          "Algorithm",
	"本条哈希":        "Hash",
	"前一条哈希":       "Previous hash",
	"（链首）":        "(start of the chain)",
	"上一条":         "Previous entry",
	"下一条":         "Next entry",
	"变更内容":        "Changes",
	"有变化的字段以黄色标出": "Changed fields are highlighted in yellow",
	"字段":          "Field",
	"变更前":         "Before",
	"变更后":         "After",
	"本条记录没有变更前后的数据（如登录、退出）。": "This entry has no before or after (such as a sign-in or sign-out).",
	"原始数据（JSON）": "Raw data (JSON)",
	"值":          "Value",
	"（空）":        "(empty)",
	"是":          "Yes",
	"否":          "No",

	// record kinds
	"用户":    "User",
	"系统设置":  "System settings",
	"API令牌": "API token",

	// actions
	"修改":     "Update",
	"作废":     "Void",
	"导入":     "Import",
	"导出":     "Export",
	"审核":     "Approve",
	"登录失败":   "Sign-in failed",
	"退出":     "Sign-out",
	"权限变更":   "Permission change",
	"创建令牌":   "Token created",
	"撤销令牌":   "Token revoked",
	"查看完整号码": "Full number viewed",

	// fields of before/after
	"编码":    "Code",
	"名称":    "Name",
	"是否启用":  "Active",
	"版本号":   "Version",
	"须修改密码": "Must change password",
	"自定义单位": "Chosen units",
	"单位数":   "Units",
	"条数":    "Entries",

	// the login log
	"登录记录":        "Sign-ins",
	"成功":          "Success",
	"失败":          "Failed",
	"没有符合条件的登录记录": "No sign-ins match",
	"密码错误":        "Wrong password",
	"密码错误，已锁定":    "Wrong password, now locked",
	"用户名不存在":      "Unknown username",
	"用户名不存在，已锁定":  "Unknown username, now locked",
	"账户已停用":       "Account disabled",
	"账户已停用，已锁定":   "Account disabled, now locked",
	"账户锁定期间尝试登录":  "Attempt while locked",

	// the export
	"审计日志（%s），共%d条；%s于%s导出": "Audit trail (%s), %d entries; exported by %s at %s",
	"日期 %s 至 %s": "dates %s to %s",
	"日期 %s 起":    "from %s",
	"日期 至 %s":    "up to %s",
	"操作人 %s":     "user %s",
	"所属单位 %s":    "unit %s",
	"对象 %s":      "record %s",
	"操作 %s":      "action %s",
	"；":          "; ",
	"筛选结果共%d条，超过单次导出上限%d条，请缩小时间范围后分次导出": "The filter selects %d entries, more than the %d one export may hold; narrow the dates and export in parts",

	// filter errors
	"单位不正确":                       "Unknown unit",
	"结束日期不能早于开始日期":                "The end date cannot be before the start date",
	"日期“%s”格式不正确，应为2021-06-30的形式": "The date “%s” is not valid; write it as 2021-06-30",
	"limit应为1到1000之间的整数":          "limit must be a whole number from 1 to 1000",
	"offset应为不小于0的整数":             "offset must be a whole number of 0 or more",
}

// The kinds of records and the steps of the ledger, the review and the
// data-quality checks, as the audit viewer names them.
func init() {
	add(map[string]string{
		"企业":       "Enterprise",
		"企业联系人":    "Enterprise contact",
		"项目台账导入":   "Project ledger import",
		"到位资金台账导入": "Fund ledger import",
		"目标任务导入":   "Targets import",
		"数据质量问题":   "Data-quality finding",
		"数据质量检查":   "Data-quality run",
		"提交月度数据":   "Submit month",
		"历史数据导入审核": "Approved by historic import",
	})
}
