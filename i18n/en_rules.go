package i18n

func init() { add(enRules) }

// enRules translates the messages of the rules stated once in the domain
// (stage, lock, review order, finding transitions, editability) that are
// new there.
var enRules = map[string]string{
	"未知的数据质量问题处理操作": "Unknown step on a data-quality finding",
}
