package i18n

func init() { add(enImport) }

// enImport translates the ledger import screens (web/imports.go) and the
// one-line answers to a file that is no ledger (ledger.ReadTable). The
// ledger's column names (县市, 项目编号…) are the ledger screens' words and
// are translated with them.
var enImport = map[string]string{
	// the page
	"台账导入":     "Import ledgers",
	"到位资金台账":   "Funds received ledger",
	"到位金额(万元)": "Amount received (10k yuan)",
	"下载模板":     "Download template",
	"台账文件":     "Ledger file",
	"上传并检查":    "Upload and check",
	"Excel(.xlsx，第一个工作表)或 CSV 文件，不超过20MB。上传后先检查并显示将新增、更新的数量，确认后才写入。": "An Excel (.xlsx, first sheet) or CSV file of at most 20 MB. It is checked first and you see how many records it would add and update; nothing is written until you confirm.",
	"列名":   "Column",
	"必填":   "Required",
	"选填":   "Optional",
	"填写说明": "What to enter",
	"文件要求": "File requirements",
	"文件可为 Excel(.xlsx) 或 CSV：Excel 读取第一个工作表；CSV 可为 UTF-8（带或不带 BOM）或 Excel 中文版另存的 GBK 编码。": "The file may be Excel (.xlsx) or CSV: of a workbook the first sheet is read; a CSV file may be UTF-8 (with or without BOM) or GBK as saved by Chinese Excel.",
	"第一行为列名，列的顺序不限；列名前后的空格和全角、半角的差别不影响识别；无法识别的列名会被指出，请删除或改正。":                             "The first row holds the column names, in any order; spaces around a name and full-width or half-width forms do not matter; an unknown column name is pointed out: delete or correct it.",
	"是/否列可填 是/否、Y/N 或 1/0。": "Yes/no columns take 是/否, Y/N or 1/0.",
	"日期可写2021-06-03、2021/6/3、2021年6月3日、2021.6.3，或使用 Excel 日期格式；月份可写2021-06、2021/6、2021年6月。": "Dates may be written 2021-06-03, 2021/6/3, 2021年6月3日, 2021.6.3 or as Excel dates; months as 2021-06, 2021/6 or 2021年6月.",
	"金额单位为万元，最多4位小数（精确到元），可带千分位分隔符。":                                                        "Amounts are in 10,000 yuan with at most 4 decimals (to the yuan); thousands separators are allowed.",
	"只要有一行有误，整个文件都不会导入；页面会列出每一处错误的行号、列、内容和原因。数值偏大等只是可疑的情况不会拒绝导入，由数据质量检查提示。":                 "If any row is wrong, nothing of the file is imported, and the page lists every problem with its row, column, value and reason. What is merely unusual (a large amount, say) is imported and pointed out by the data-quality checks.",
	"每次导入都记入审计日志，并记录文件的 SHA-256 摘要。":                                                        "Every import is recorded in the audit trail with the file's SHA-256 digest.",

	// what each column takes
	"项目的唯一编号；再次导入相同编号的项目会更新该项目": "The project's unique number; importing the same number again updates the project",
	"项目全称": "The project's full name",
	"县市名称（如凯里市）或6位行政区划代码（如522601）": "The county's name (e.g. 凯里市) or its 6-digit division code (e.g. 522601)",
	"投资企业全称": "The investing enterprise's full name",
	"18位，填写时校验校验位；用于识别投资企业": "18 characters, check digit verified; identifies the investing enterprise",
	"是/否；填“是”表示投资方为优强企业":    "是/否 (yes/no); 是 marks the investor as a strong enterprise",
	"新型工业化、新型城镇化、农业现代化、旅游产业化、其他 之一（也可简写为工业化、城镇化、农业、旅游）": "One of 新型工业化, 新型城镇化, 农业现代化, 旅游产业化, 其他 (or the short forms 工业化, 城镇化, 农业, 旅游)",
	"所属产业，如铝加工":  "The industry, e.g. 铝加工",
	"是/否":        "是/否 (yes/no)",
	"投资方所在的省或城市": "The investor's province or city",
	"大于0；列名也可写作“合同投资额”":  "Above zero; the column may also be headed 合同投资额",
	"列名也可写作“总投资”；不填表示未知": "The column may also be headed 总投资; empty means unknown",
	"正式合同签订日期":           "The date the contract was signed",
	"未开工不填":              "Empty while construction has not started",
	"未投产不填":              "Empty while production has not started",
	"未达效不填":              "Empty while the project has not reached its output",
	"负责跟踪服务的单位":          "The unit that follows the project up",
	"一个项目填一行；签约日期≤开工日期≤投产日期≤达效日期，且不晚于今天。":             "One project per row; signing ≤ start ≤ production ≤ full output, none after today.",
	"投资企业按统一社会信用代码识别，未填代码时按企业名称识别。":                   "An enterprise is identified by its credit code, or by its name when no code is given.",
	"已录入的项目（或同一批导入的项目）的项目编号":                          "The number of a project already entered (or imported before in the same batch)",
	"资金到位的月份，不晚于本月":                                   "The month the money was received, not after this month",
	"大于0；列名也可写作“到位金额”":                                "Above zero; the column may also be headed 到位金额",
	"省外境内、境外、省内 之一":                                   "One of 省外境内 (other provinces), 境外 (abroad), 省内 (this province)",
	"银行回单、入账凭证等的编号":                                   "The number of a bank slip, booking voucher or the like",
	"一笔到位资金填一行；项目编号、到位月份、资金来源、凭证编号都相同的记录再次导入时会替换原记录。": "One receipt per row; a row with the same project number, month, source and evidence number as one imported before replaces it.",
	"请先导入项目台账，再导入其到位资金。":                              "Import the projects before their funds received.",

	// the outcome
	"文件未通过检查，未导入任何数据": "The file did not pass the checks: nothing was imported",
	"文件": "File",
	"文件中有%d处错误，请在文件中改正后重新上传；全部改正之前不会导入任何一行。": "The file has %d problems. Correct them in the file and upload it again; no row is imported until all are corrected.",
	"行号":   "Row",
	"列":    "Column",
	"内容":   "Value",
	"问题":   "Problem",
	"导入预览": "Import preview",
	"文件已通过检查，尚未写入任何数据。请核对以下数量，确认后才会导入。": "The file passed the checks; nothing has been written yet. Check the figures below: the import happens only when you confirm.",
	"文件名":        "File name",
	"数据行数":       "Data rows",
	"将新增":        "To add",
	"将更新":        "To update",
	"未变":         "Unchanged",
	"另有%d行未在此列出": "%d more rows not shown",
	"确认导入":       "Confirm import",
	"已导入项目台账：新增%d个，更新%d个，未变%d个":   "Project ledger imported: %d added, %d updated, %d unchanged",
	"已导入到位资金台账：新增%d笔，更新%d笔，未变%d笔": "Funds received imported: %d added, %d updated, %d unchanged",

	// a file that is no ledger (ledger.ReadTable)
	"文件过大（超过%s）":                             "The file is too large (over %s)",
	"文件不是有效的 Excel(.xlsx) 或 CSV 文件":          "The file is not a valid Excel (.xlsx) or CSV file",
	"文件损坏，无法读取":                              "The file is damaged and cannot be read",
	"压缩内容异常（解压后远大于文件本身），已拒绝":                 "Refused: the file unpacks to far more than it weighs",
	"行数超过%d行的上限":                             "The file has more than the maximum of %d rows",
	"文件中没有数据行":                               "The file has no data rows",
	"不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入": "The old .xls format is not supported: save the file as .xlsx in Excel and import that",
	"文件设有打开密码，请在 Excel 中取消密码后再导入":            "The file is password-protected: remove the password in Excel, then import it",
	"表头超过%d列，不是台账文件":                         "The header has more than %d columns: this is not a ledger file",
	"CSV 文件第%d行的引号不配对，无法读取":                  "Row %d of the CSV file has unbalanced quotes and cannot be read",
}

func init() {
	add(map[string]string{
		"作为已核实的历史数据导入，所涉县市月份直接审核通过":                      "Historic, verified data: approve the county-months it touches",
		"确认后，本文件所涉县市月份将作为已核实的历史数据直接审核通过并计入正式统计，审计日志将注明。": "On confirming, the county-months of this file are approved as historic, verified data and count in the official figures; the audit trail says so.",
	})
}
