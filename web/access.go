package web

// accessTable is the one table of who may reach which route: every
// registered pattern must appear here (registering one that does not
// panics, and a test walks the table for every role and for anonymous
// visitors). The value is an access level or a permission:
//
//	public    anyone, signed in or not
//	signedin  any signed-in user, even one who must still change an initial password
//	user      any signed-in user whose password is in order
//	xxx:yyy   a user holding that permission (see zhaoshang.Permissions())
//
// Services check the same permissions again, with the data scope; this
// table decides only whether the door opens.
var accessTable = map[string]string{
	"GET /healthz":     "public",
	"GET /readyz":      "public",
	"GET /static/":     "public",
	"POST /lang":       "public",
	"GET /login":       "public",
	"POST /login":      "public",
	"POST /logout":     "signedin",
	"GET /{$}":         "signedin",
	"GET /favicon.ico": "public",

	"GET /account/password":            "signedin",
	"POST /account/password":           "signedin",
	"GET /account/tokens":              "user",
	"POST /account/tokens":             "user",
	"POST /account/tokens/{id}/revoke": "user",

	"GET /org":                    "org:view",
	"POST /org/units":             "org:edit",
	"POST /org/units/{id}":        "org:edit",
	"POST /org/units/{id}/move":   "org:edit",
	"POST /org/units/{id}/active": "org:edit",
	"POST /org/units/{id}/delete": "org:edit",
	"GET /org/export.csv":         "org:view",

	// accounts, roles and policy (accounts.go, roles.go, policy.go)
	"GET /users":                "user:view",
	"GET /users/new":            "user:edit",
	"POST /users":               "user:edit",
	"GET /users/{id}":           "user:view",
	"POST /users/{id}":          "user:edit",
	"POST /users/{id}/password": "user:edit",
	"POST /users/{id}/unlock":   "user:edit",
	"POST /users/{id}/roles":    "user:grant",
	"GET /roles":                "role:edit",
	"GET /roles/new":            "role:edit",
	"POST /roles":               "role:edit",
	"GET /roles/{id}":           "role:edit",
	"POST /roles/{id}":          "role:edit",
	"POST /roles/{id}/delete":   "role:edit",
	"GET /security/policy":      "policy:edit",
	"POST /security/policy":     "policy:edit",
	"GET /api/v1/users":         "user:view",

	// the audit trail (audit.go)
	"GET /audit":             "audit:view",
	"GET /audit/{id}":        "audit:view",
	"GET /audit/export.xlsx": "audit:view",
	"GET /audit/logins":      "audit:view",
	"POST /audit/verify":     "audit:view",
	"GET /api/v1/audit":      "audit:view",

	// the ledger: projects, receipts, enterprises (projects.go, funds.go, enterprises.go)
	"GET /projects":                   "project:view",
	"GET /projects/export":            "project:view",
	"GET /projects/new":               "project:edit",
	"POST /projects":                  "project:edit",
	"POST /projects/check":            "project:edit",
	"GET /projects/{id}":              "project:view",
	"GET /projects/{id}/edit":         "project:edit",
	"POST /projects/{id}":             "project:edit",
	"POST /projects/{id}/void":        "project:edit",
	"POST /projects/{id}/receipts":    "project:edit",
	"POST /projects/{id}/attachments": "project:edit",
	"POST /receipts/{id}/void":        "project:edit",
	"GET /attachments/{id}":           "project:view",
	"GET /funds/grid":                 "project:view",
	"POST /funds/grid":                "project:edit",
	"GET /enterprises":                "project:view",
	"GET /enterprises/new":            "enterprise:edit",
	"POST /enterprises":               "enterprise:edit",
	"GET /enterprises/check":          "enterprise:edit",
	"GET /enterprises/{id}":           "project:view",
	"POST /enterprises/{id}":          "enterprise:edit",
	"POST /enterprises/{id}/contacts": "enterprise:edit",
	"POST /contacts/{id}/reveal":      "contact:reveal",

	// statistical reports and targets (reports.go, targets.go)
	"GET /reports/dispatch":            "report:view",
	"GET /reports/dispatch.xlsx":       "report:view",
	"GET /quality":                     "project:view",
	"POST /quality/{id}/explain":       "project:edit",
	"POST /quality/{id}/reopen":        "review:approve",
	"POST /quality/run":                "review:approve",
	"POST /quality/settings":           "ledger:config",
	"GET /quality/check-report":        "report:view",
	"POST /quality/check-report":       "report:view", // reads only: the text is checked, nothing is stored
	"GET /review":                      "report:view",
	"POST /review":                     "report:view", // each step needs its own permission (zhaoshang.ReviewAction.Permission)
	"POST /review/settings":            "ledger:config",
	"GET /reports/bulletin":            "report:view",
	"GET /reports/bulletin/download":   "report:view",
	"GET /reports/assessment":          "report:view",
	"GET /reports/assessment/download": "report:view",
	"GET /reports/scheme":              "report:view",
	"POST /reports/scheme":             "target:edit",
	"GET /targets":                     "report:view",
	"GET /targets/decompose":           "report:view",
	"POST /targets":                    "target:edit",

	// ledger rules (ledger_settings.go)
	"GET /settings/ledger":  "ledger:config",
	"POST /settings/ledger": "ledger:config",

	// ledger import (imports.go)
	"GET /import":                      "ledger:import",
	"GET /import/template/{kind}":      "ledger:import",
	"POST /import/{kind}":              "ledger:import",
	"POST /import/{kind}/{id}/confirm": "ledger:import",

	// the JSON API of the ledger (api_ledger.go)
	"GET /api/v1/openapi.json":     "public",
	"GET /api/v1/projects":         "project:view",
	"GET /api/v1/projects/{id}":    "project:view",
	"GET /api/v1/funds":            "project:view",
	"GET /api/v1/enterprises":      "project:view",
	"GET /api/v1/enterprises/{id}": "project:view",

	"GET /api/v1/reviews":        "report:view",
	"GET /api/v1/findings":       "project:view",
	"GET /api/v1/me":             "user",
	"GET /api/v1/org/units":      "org:view",
	"GET /api/v1/org/units/{id}": "org:view",
}

// Access levels that are not permissions.
const (
	accessPublic   = "public"
	accessSignedIn = "signedin"
	accessUser     = "user"
)
