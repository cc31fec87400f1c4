package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"

	"zhaoshang"
	"zhaoshang/quality"
)

// The OpenAPI 3.1 description of every route under /api/v1, built here as
// plain Go data and marshalled once. A test checks that it names exactly
// the routes the server registers, in both directions; the permission each
// operation needs (x-permission) is read from accessTable, so the two
// cannot disagree.

// apiOpenAPI serves the document. It is public: it describes the API, not
// the data.
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(openAPIJSON())
}

var openAPIJSON = sync.OnceValue(func() []byte {
	b, err := json.MarshalIndent(openAPIDocument(), "", "  ")
	if err != nil {
		panic("web: openapi document: " + err.Error())
	}
	return b
})

type oaObj = map[string]any

func oaRef(name string) oaObj { return oaObj{"$ref": "#/components/schemas/" + name} }

func oaRespRef(name string) oaObj { return oaObj{"$ref": "#/components/responses/" + name} }

func oaStr(desc string) oaObj { return oaObj{"type": "string", "description": desc} }

func oaInteger(desc string) oaObj {
	return oaObj{"type": "integer", "format": "int64", "description": desc}
}

func oaBoolean(desc string) oaObj { return oaObj{"type": "boolean", "description": desc} }

func oaArrayOf(items oaObj) oaObj { return oaObj{"type": "array", "items": items} }

func oaEnum[T ~string](desc string, values []T) oaObj {
	return oaObj{"type": "string", "enum": apiStringsOf(values), "description": desc}
}

// object is a closed object whose properties are all present (nullable
// ones say so in their type).
func oaObject(desc string, props oaObj) oaObj {
	req := make([]string, 0, len(props))
	for k := range props {
		req = append(req, k)
	}
	slices.Sort(req)
	o := oaObj{"type": "object", "properties": props, "required": req}
	if desc != "" {
		o["description"] = desc
	}
	return o
}

func oaQueryParam(name string, schema oaObj, desc string) oaObj {
	return oaObj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
}

func oaPathIDParam(desc string) oaObj {
	return oaObj{"name": "id", "in": "path", "required": true, "description": desc,
		"schema": oaObj{"type": "integer", "format": "int64", "minimum": 1}}
}

func oaPagingParams(maxLimit, def int) []oaObj {
	return []oaObj{
		oaQueryParam("offset", oaObj{"type": "integer", "minimum": 0, "default": 0}, "Items to skip (paging)."),
		oaQueryParam("limit", oaObj{"type": "integer", "minimum": 1, "maximum": maxLimit, "default": def}, "Items per page."),
	}
}

func oaListOf(item, desc string) oaObj {
	return oaObject(desc, oaObj{
		"items": oaArrayOf(oaRef(item)),
		"total": oaObj{"type": "integer", "description": "Number of items matching the filter, all pages together."},
	})
}

// operation describes GET pattern: its permission comes from accessTable.
func oaOperation(pattern, id, summary, desc string, params []oaObj, ok oaObj, errors ...string) oaObj {
	access := accessTable[pattern]
	op := oaObj{"operationId": id, "summary": summary, "description": desc, "tags": []string{oaTagOf(pattern)}}
	if len(params) > 0 {
		op["parameters"] = params
	}
	resp := oaObj{"200": oaObj{"description": "OK", "content": oaObj{"application/json": oaObj{"schema": ok}}}}
	if access == accessPublic {
		op["security"] = []oaObj{}
		op["x-permission"] = "public"
	} else {
		op["x-permission"] = access
		resp["401"] = oaRespRef("Unauthorized")
		resp["403"] = oaRespRef("Forbidden")
	}
	for _, e := range errors {
		switch e {
		case "404":
			resp["404"] = oaRespRef("NotFound")
		case "422":
			resp["422"] = oaRespRef("Invalid")
		}
	}
	op["responses"] = resp
	return op
}

func oaTagOf(pattern string) string {
	p := strings.TrimPrefix(pattern[strings.Index(pattern, " ")+1:], "/api/v1/")
	switch {
	case strings.HasPrefix(p, "projects"), strings.HasPrefix(p, "funds"), strings.HasPrefix(p, "enterprises"):
		return "ledger"
	case strings.HasPrefix(p, "org"):
		return "org"
	case strings.HasPrefix(p, "users"), p == "me":
		return "accounts"
	case strings.HasPrefix(p, "audit"):
		return "audit"
	case strings.HasPrefix(p, "reviews"), strings.HasPrefix(p, "findings"):
		return "quality"
	}
	return "meta"
}

// openAPIDocument is the whole description.
func openAPIDocument() oaObj {
	moneyNote := "Integer 元 (yuan), never a float: 1 万元 = 10000."
	schemas := oaObj{
		"Error": oaObject("Every failure: a code for programs and a message for people (Chinese by default; English with the cookie lang=en).", oaObj{
			"error": oaObject("", oaObj{
				"code": oaEnum("What kind of failure.", []string{zhaoshang.EInvalid, zhaoshang.ENotFound, zhaoshang.EConflict,
					zhaoshang.EForbidden, zhaoshang.EUnauthorized, zhaoshang.EInternal}),
				"message": oaStr("The reason, e.g. 参数“limit”格式不正确."),
			}),
		}),
		"Money":     oaObj{"type": "integer", "format": "int64", "unit": "元", "description": moneyNote},
		"Date":      oaObj{"type": []string{"string", "null"}, "format": "date", "description": "A calendar date such as 2021-06-03; null when not given.", "examples": []any{"2021-06-03"}},
		"Month":     oaObj{"type": "string", "pattern": `^\d{4}-\d{2}$`, "description": "A calendar month such as 2021-06.", "examples": []any{"2021-06"}},
		"Timestamp": oaObj{"type": []string{"string", "null"}, "format": "date-time", "description": "A moment in UTC, RFC 3339."},

		"Unit": oaObj{
			"type":        "object",
			"description": "A node of the organisation tree (州, 县市, 部门, 专班…).",
			"required":    []string{"id", "code", "name", "kind", "active"},
			"properties": oaObj{
				"id":        oaInteger("Unit id."),
				"code":      oaStr("Unit code, e.g. 522601 for a county."),
				"name":      oaStr("Name, e.g. 凯里市."),
				"kind":      oaEnum("Kind of unit.", zhaoshang.OrgKinds()),
				"parent_id": oaInteger("The parent unit; absent for the root."),
				"active":    oaBoolean("False once the unit is deactivated."),
			},
		},
		"UnitList": oaListOf("Unit", "The units the caller may see."),
		"Me": oaObject("The caller.", oaObj{
			"id":           oaInteger("User id."),
			"username":     oaStr("Sign-in name."),
			"display_name": oaStr("Name shown."),
			"org_unit_id":  oaInteger("The user's unit."),
			"permissions":  oaArrayOf(oaStr("A permission code such as project:view.")),
			"scope_all":    oaBoolean("The data scope is unlimited."),
			"scope_units":  oaObj{"type": []string{"array", "null"}, "items": oaObj{"type": "integer"}, "description": "Units whose records are in scope; null when scope_all."},
		}),
		"User": oaObject("An account; the phone is masked (138****5678).", oaObj{
			"id":           oaInteger("User id."),
			"username":     oaStr("Sign-in name."),
			"display_name": oaStr("Name shown."),
			"org_unit_id":  oaInteger("The user's unit."),
			"phone":        oaStr("Masked phone number, \"\" when none."),
			"active":       oaBoolean("False when the account is disabled."),
			"role_ids":     oaArrayOf(oaObj{"type": "integer"}),
		}),
		"UserList": oaListOf("User", "Accounts matching the filter."),
		"AuditEntry": oaObject("One entry of the tamper-evident audit trail.", oaObj{
			"id":           oaInteger("Entry number."),
			"at":           oaObj{"type": "string", "format": "date-time", "description": "When, UTC."},
			"actor_id":     oaInteger("The acting user (0 for the system)."),
			"actor_name":   oaStr("The acting user's name as recorded."),
			"actor_org_id": oaInteger("The acting user's unit."),
			"ip":           oaStr("Client address."),
			"action":       oaStr("What was done, e.g. create, update, void, login."),
			"entity":       oaStr("Kind of record."),
			"entity_id":    oaStr("Record id."),
			"before":       oaObj{"description": "The record before the change (any JSON), or null."},
			"after":        oaObj{"description": "The record after the change (any JSON), or null."},
			"note":         oaStr("Note or reason."),
			"hash":         oaStr("This entry's hash in the chain."),
			"prev_hash":    oaStr("The previous entry's hash."),
		}),
		"AuditList": oaListOf("AuditEntry", "Audit entries, newest first."),

		"Project": oaObject("A project (项目) of the ledger, owned by one county.", oaObj{
			"id":                  oaInteger("Project id."),
			"code":                oaStr("项目编号, unique."),
			"name":                oaStr("项目名称."),
			"org_unit_id":         oaInteger("The owning county (see /api/v1/org/units)."),
			"enterprise_id":       oaInteger("The investor enterprise."),
			"investor":            oaStr("投资方 as the ledger names it."),
			"credit_code":         oaStr("统一社会信用代码, \"\" when unknown."),
			"area":                oaEnum("四化领域.", zhaoshang.Areas()),
			"industry":            oaStr("产业, e.g. 铝加工."),
			"key":                 oaBoolean("重点产业项目."),
			"industrial":          oaBoolean("工业项目."),
			"investor_region":     oaStr("投资方所在地."),
			"contract_investment": oaObj{"$ref": "#/components/schemas/Money", "description": "合同投资额 in 元."},
			"total_investment":    oaObj{"type": []string{"integer", "null"}, "format": "int64", "unit": "元", "description": "总投资 in 元; null when not given."},
			"stage":               oaEnum("Stage, derived from the dates.", zhaoshang.Stages()),
			"signed_on":           oaObj{"$ref": "#/components/schemas/Date", "description": "签约日期."},
			"started_on":          oaObj{"$ref": "#/components/schemas/Date", "description": "开工日期."},
			"producing_on":        oaObj{"$ref": "#/components/schemas/Date", "description": "投产日期."},
			"effective_on":        oaObj{"$ref": "#/components/schemas/Date", "description": "达效日期."},
			"responsible_unit":    oaStr("责任单位."),
			"note":                oaStr("备注."),
			"voided":              oaBoolean("Voided (作废) with a reason; voided projects count nowhere."),
			"void_reason":         oaStr("Why it was voided."),
			"version":             oaInteger("Version, for optimistic locking."),
			"created_at":          oaRef("Timestamp"),
			"updated_at":          oaRef("Timestamp"),
		}),
		"ProjectTotals": oaObject("The totals row of the whole filtered list (all pages).", oaObj{
			"count":               oaObj{"type": "integer", "description": "Projects."},
			"contract_investment": oaObj{"$ref": "#/components/schemas/Money", "description": "Sum of 合同投资额 in 元."},
			"receipts":            oaObj{"$ref": "#/components/schemas/Money", "description": "Sum of live fund receipts (到位资金) in 元."},
		}),
		"ProjectList": oaObject("One page of projects and the totals of the whole filtered list.", oaObj{
			"items":  oaArrayOf(oaRef("Project")),
			"total":  oaObj{"type": "integer", "description": "Projects matching the filter, all pages together."},
			"totals": oaRef("ProjectTotals"),
		}),
		"FundReceipt": oaObject("Money actually received (到位资金) for a project in one month.", oaObj{
			"id":          oaInteger("Receipt id."),
			"project_id":  oaInteger("The project."),
			"month":       oaRef("Month"),
			"amount":      oaObj{"$ref": "#/components/schemas/Money", "description": "到位金额 in 元."},
			"source":      oaEnum("资金来源.", zhaoshang.FundSources()),
			"evidence_no": oaStr("凭证编号."),
			"note":        oaStr("备注."),
			"voided":      oaBoolean("Voided with a reason; not counted."),
			"void_reason": oaStr("Why it was voided."),
			"version":     oaInteger("Version, for optimistic locking."),
			"created_at":  oaRef("Timestamp"),
			"updated_at":  oaRef("Timestamp"),
		}),
		"FundList": oaObject("The receipts of one project, voided ones included and marked.", oaObj{
			"project_id": oaInteger("The project."),
			"items":      oaArrayOf(oaRef("FundReceipt")),
			"total":      oaObj{"type": "integer", "description": "Receipts listed."},
			"sum":        oaObj{"$ref": "#/components/schemas/Money", "description": "Sum of the live receipts in 元."},
		}),
		"Enterprise": oaObject("An investor enterprise (企业).", oaObj{
			"id":          oaInteger("Enterprise id."),
			"name":        oaStr("Name."),
			"credit_code": oaStr("统一社会信用代码, \"\" when unknown."),
			"home_region": oaStr("Where the enterprise is from."),
			"tags":        oaArrayOf(oaStr("A tag such as 世界500强.")),
			"strong":      oaBoolean("优强企业: carries a tag that makes it strong."),
			"version":     oaInteger("Version, for optimistic locking."),
			"created_at":  oaRef("Timestamp"),
			"updated_at":  oaRef("Timestamp"),
		}),
		"EnterpriseList": oaListOf("Enterprise", "Enterprises matching the filter."),
		"Contact": oaObject("A person at an enterprise. The phone is personal data: always masked here.", oaObj{
			"id":       oaInteger("Contact id."),
			"name":     oaStr("Name."),
			"position": oaStr("Position."),
			"phone":    oaStr("Masked phone number such as 138****5678; \"\" when none."),
		}),
		"EnterpriseDetail": oaObj{
			"description": "An enterprise with its contacts and the ids of its projects within the caller's scope.",
			"allOf": []oaObj{oaRef("Enterprise"), oaObject("", oaObj{
				"contacts":          oaArrayOf(oaRef("Contact")),
				"contacts_withheld": oaObj{"type": "boolean", "description": "True when none of its projects is within the caller's scope: the contacts are then not listed."},
				"project_ids":       oaArrayOf(oaObj{"type": "integer"}),
			})},
		},
	}

	errorResponse := func(desc string) oaObj {
		return oaObj{"description": desc, "content": oaObj{"application/json": oaObj{"schema": oaRef("Error")}}}
	}
	responses := oaObj{
		"Unauthorized": errorResponse("No valid token or session (code unauthorized)."),
		"Forbidden":    errorResponse("The caller lacks the permission (code forbidden), or must first change an initial password."),
		"NotFound":     errorResponse("No such record, or one outside the caller's data scope (code not_found)."),
		"Invalid":      errorResponse("A malformed or missing parameter (code invalid); the message names it."),
	}

	yes := "true or false (also 1 or 0)."
	projectParams := append([]oaObj{
		oaQueryParam("org", oaObj{"type": "integer", "minimum": 1}, "Org unit id: projects of that unit and the units below it."),
		oaQueryParam("stage", oaEnum("", zhaoshang.Stages()), "Stage (derived from the dates)."),
		oaQueryParam("area", oaEnum("", zhaoshang.Areas()), "四化领域."),
		oaQueryParam("industry", oaObj{"type": "string"}, "产业: projects whose industry contains this text."),
		oaQueryParam("key", oaObj{"type": "boolean"}, "重点产业项目: "+yes),
		oaQueryParam("industrial", oaObj{"type": "boolean"}, "工业项目: "+yes),
		oaQueryParam("signed_from", oaObj{"type": "string", "format": "date"}, "Signed on or after this day (2021-06-03)."),
		oaQueryParam("signed_to", oaObj{"type": "string", "format": "date"}, "Signed on or before this day (2021-06-30)."),
		oaQueryParam("q", oaObj{"type": "string"}, "Search in name, investor, code, or pinyin initials."),
		oaQueryParam("voided", oaObj{"type": "boolean", "default": false}, "List voided projects instead of live ones: "+yes),
		oaQueryParam("sort", oaObj{"type": "string", "enum": apiProjectSortValues}, "Sort column; a - prefix sorts descending. Default: the newest signings first (-signed_on)."),
	}, oaPagingParams(apiMaxLimit, apiDefaultLimit)...)

	schemas["Review"] = oaObject("One county's month in the monthly review (月度审核). Only approved months count in the official figures.", oaObj{
		"org_unit_id":    oaInteger("The county."),
		"org":            oaStr("The county's name."),
		"month":          oaRef("Month"),
		"status":         oaEnum("填报中 filling, 已提交 submitted, 已审核 approved, 退回 returned.", []zhaoshang.ReviewStatus{zhaoshang.ReviewFilling, zhaoshang.ReviewSubmitted, zhaoshang.ReviewApproved, zhaoshang.ReviewReturned}),
		"reason":         oaStr("Why it was returned, or why a reopen was refused."),
		"reopen_pending": oaBoolean("A reopen request waits for the bureau."),
		"reopen_reason":  oaStr("The reason given with the reopen request."),
		"submitted_by":   oaStr("Who submitted it."),
		"submitted_at":   oaRef("Timestamp"),
		"reviewed_by":    oaStr("Who approved, returned or reopened it."),
		"reviewed_at":    oaRef("Timestamp"),
		"deadline":       oaRef("Date"),
		"overdue":        oaBoolean("Not submitted by its deadline."),
		"version":        oaInteger("Version, for a step on it."),
	})
	schemas["ReviewList"] = oaListOf("Review", "Every county-month of the year through the current month, for the counties in scope.")
	schemas["Finding"] = oaObject("A finding of the data-quality rules (Q101–Q108).", oaObj{
		"id":               oaInteger("Finding id."),
		"rule":             oaStr("Rule code, e.g. Q103."),
		"title":            oaStr("The rule's title, e.g. 累计到位资金超过合同投资额."),
		"severity":         oaEnum("error 严重, warning 警告, info 提示.", severities),
		"status":           oaEnum("open 待处理, explained 已说明, fixed 已纠正 (no longer found).", findingStatuses),
		"org_unit_id":      oaInteger("The county it belongs to."),
		"org":              oaStr("The county's name."),
		"project_id":       oaObj{"type": []string{"integer", "null"}, "description": "The project; null for a county's month or year."},
		"other_project_id": oaObj{"type": []string{"integer", "null"}, "description": "The other project of a suspected duplicate."},
		"receipt_id":       oaObj{"type": []string{"integer", "null"}, "description": "The receipt, for rules about one."},
		"month":            oaObj{"type": []string{"string", "null"}, "description": "The month concerned, 2021-06."},
		"year":             oaInteger("The statistical year it belongs to."),
		"message":          oaStr("The finding in a full Chinese sentence."),
		"explanation":      oaStr("The county's explanation, or the bureau's reason to send it back."),
		"explained_by":     oaStr("Who explained it."),
		"explained_at":     oaRef("Timestamp"),
		"first_seen":       oaRef("Timestamp"),
		"last_seen":        oaRef("Timestamp"),
		"version":          oaInteger("Version."),
	})
	schemas["FindingList"] = oaListOf("Finding", "Findings in the caller's scope, open first, the most serious first.")
	var ruleCodes []string
	for _, r := range quality.Rules {
		ruleCodes = append(ruleCodes, r.Code)
	}

	paths := oaObj{
		"/api/v1/reviews": oaObj{"get": oaOperation("GET /api/v1/reviews", "listReviews", "Monthly review (月度审核)",
			"Where each county's months of a year stand: submitted, approved, returned, overdue.", []oaObj{
				oaQueryParam("year", oaObj{"type": "integer", "minimum": 2000, "maximum": 2100}, "The year; default the current one."),
			}, oaRef("ReviewList"), "422")},
		"/api/v1/findings": oaObj{"get": oaOperation("GET /api/v1/findings", "listFindings", "Data-quality findings",
			"Findings of the data-quality rules in the caller's scope.", append([]oaObj{
				oaQueryParam("org", oaObj{"type": "integer", "minimum": 1}, "Org unit id: findings of that unit and the units below it."),
				oaQueryParam("project", oaObj{"type": "integer", "minimum": 1}, "Only findings about this project."),
				oaQueryParam("rule", oaObj{"type": "string", "enum": ruleCodes}, "Only this rule."),
				oaQueryParam("status", oaObj{"type": "string", "enum": findingStatuses}, "Only this status."),
				oaQueryParam("severity", oaObj{"type": "string", "enum": severities}, "Only this severity."),
				oaQueryParam("year", oaObj{"type": "integer", "minimum": 2000, "maximum": 2100}, "Only this statistical year."),
			}, oaPagingParams(apiMaxLimit, apiDefaultLimit)...), oaRef("FindingList"), "422")},
		"/api/v1/openapi.json": oaObj{"get": oaOperation("GET /api/v1/openapi.json", "getOpenAPI", "This document",
			"The OpenAPI 3.1 description of the API. Public.", nil, oaObj{"type": "object"})},
		"/api/v1/me": oaObj{"get": oaOperation("GET /api/v1/me", "getMe", "The caller",
			"The signed-in user or the token's owner, with permissions and data scope.", nil, oaRef("Me"))},
		"/api/v1/org/units": oaObj{"get": oaOperation("GET /api/v1/org/units", "listOrgUnits", "Organisation units",
			"Every unit of the organisation tree the caller may see, parents before children.", nil, oaRef("UnitList"))},
		"/api/v1/org/units/{id}": oaObj{"get": oaOperation("GET /api/v1/org/units/{id}", "getOrgUnit", "One organisation unit",
			"One unit by id.", []oaObj{oaPathIDParam("Unit id.")}, oaRef("Unit"), "404")},
		"/api/v1/users": oaObj{"get": oaOperation("GET /api/v1/users", "listUsers", "Accounts",
			"Accounts, phones masked, ordered by username.", append([]oaObj{
				oaQueryParam("q", oaObj{"type": "string"}, "Search in username and display name."),
				oaQueryParam("org", oaObj{"type": "integer"}, "Only accounts of this unit."),
			}, oaPagingParams(500, 50)...), oaRef("UserList"))},
		"/api/v1/audit": oaObj{"get": oaOperation("GET /api/v1/audit", "listAudit", "Audit trail",
			"Entries of the audit trail, newest first.", append([]oaObj{
				oaQueryParam("from", oaObj{"type": "string", "format": "date"}, "From this day (Beijing time), 2021-06-01."),
				oaQueryParam("to", oaObj{"type": "string", "format": "date"}, "Through this day (Beijing time), 2021-06-30."),
				oaQueryParam("user", oaObj{"type": "string"}, "The acting user's name."),
				oaQueryParam("org", oaObj{"type": "integer"}, "The acting user's unit."),
				oaQueryParam("entity", oaObj{"type": "string"}, "Kind of record."),
				oaQueryParam("action", oaObj{"type": "string"}, "Action."),
			}, oaPagingParams(1000, auditPageSize)...), oaRef("AuditList"), "422")},
		"/api/v1/projects": oaObj{"get": oaOperation("GET /api/v1/projects", "listProjects", "Projects (项目台账)",
			"One page of the projects in the caller's scope that match the filter, with the count and money totals of the whole filtered list. Money in integer 元.",
			projectParams, oaRef("ProjectList"), "422")},
		"/api/v1/projects/{id}": oaObj{"get": oaOperation("GET /api/v1/projects/{id}", "getProject", "One project",
			"One project by id; 404 when it does not exist or lies outside the caller's scope.",
			[]oaObj{oaPathIDParam("Project id.")}, oaRef("Project"), "404", "422")},
		"/api/v1/funds": oaObj{"get": oaOperation("GET /api/v1/funds", "listFunds", "Fund receipts (到位资金) of a project",
			"The receipts of one project, by month. Money in integer 元.",
			[]oaObj{{"name": "project", "in": "query", "required": true, "description": "Project id.",
				"schema": oaObj{"type": "integer", "format": "int64", "minimum": 1}}},
			oaRef("FundList"), "404", "422")},
		"/api/v1/enterprises": oaObj{"get": oaOperation("GET /api/v1/enterprises", "listEnterprises", "Enterprises (企业库)",
			"Investor enterprises matching the filter.", append([]oaObj{
				oaQueryParam("q", oaObj{"type": "string"}, "Search in name, credit code, or pinyin initials."),
				oaQueryParam("strong", oaObj{"type": "boolean"}, "Only strong (优强) enterprises, or only the others: "+yes),
			}, oaPagingParams(apiMaxLimit, apiDefaultLimit)...), oaRef("EnterpriseList"), "422")},
		"/api/v1/enterprises/{id}": oaObj{"get": oaOperation("GET /api/v1/enterprises/{id}", "getEnterprise", "One enterprise",
			"One enterprise with its contacts (phones masked) and the ids of its projects in the caller's scope.",
			[]oaObj{oaPathIDParam("Enterprise id.")}, oaRef("EnterpriseDetail"), "404", "422")},
	}

	return oaObj{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
		"info": oaObj{
			"title":   "招商引资管理平台 API",
			"version": "1",
			"description": "Read access to the organisation, accounts, audit trail, the investment ledger, the monthly review and the data-quality findings. " +
				"Create a token on the page 账户 › API令牌 (/account/tokens) and send it as `Authorization: Bearer zs_…`; " +
				"a signed-in browser session works too. Every answer is limited to the data scope of the token's owner. " +
				"Money is integer 元 (unit 元), dates are 2021-06-03, months 2021-06, moments RFC 3339 in UTC. " +
				"Errors are {\"error\": {\"code\", \"message\"}} with the status of the code: invalid 422, unauthorized 401, forbidden 403, not_found 404.",
		},
		"servers": []oaObj{{"url": "/"}},
		"tags": []oaObj{
			{"name": "meta", "description": "This description."},
			{"name": "accounts", "description": "The caller and the accounts."},
			{"name": "org", "description": "The organisation tree."},
			{"name": "audit", "description": "The audit trail."},
			{"name": "ledger", "description": "Projects, fund receipts and enterprises."},
			{"name": "quality", "description": "The monthly review and the data-quality findings."},
		},
		"security": []oaObj{{"bearer": []string{}}, {"session": []string{}}},
		"paths":    paths,
		"components": oaObj{
			"schemas":   schemas,
			"responses": responses,
			"securitySchemes": oaObj{
				"bearer": oaObj{"type": "http", "scheme": "bearer", "bearerFormat": "zs_…",
					"description": "An API token made on /account/tokens: `Authorization: Bearer zs_…`. It acts with its owner's permissions and data scope."},
				"session": oaObj{"type": "apiKey", "in": "cookie", "name": sessionCookie,
					"description": "The session of a signed-in browser."},
			},
		},
	}
}
