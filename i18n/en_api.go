package i18n

func init() { add(enAPI) }

// enAPI translates the messages of the JSON API (web/api_ledger.go).
var enAPI = map[string]string{
	"参数“%s”格式不正确":                    "The parameter “%s” is malformed",
	"缺少参数“%s”":                       "The parameter “%s” is required",
	"参数“signed_to”不能早于“signed_from”": "The parameter “signed_to” must not be earlier than “signed_from”",
}
