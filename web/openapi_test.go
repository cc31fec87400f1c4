package web_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// openAPIDoc fetches /api/v1/openapi.json without signing in.
func openAPIDoc(t *testing.T, a *testApp) map[string]any {
	t.Helper()
	resp, body := get(t, a.URL+"/api/v1/openapi.json")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("openapi.json: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

func TestTheOpenAPIDocumentDescribesExactlyTheRegisteredAPIRoutes(t *testing.T) {
	a := newApp(t, "sqlite")
	doc := openAPIDoc(t, a)

	registered := map[string]bool{}
	for _, r := range a.Server.Routes() {
		method, path, _ := strings.Cut(r.Pattern, " ")
		if !strings.HasPrefix(path, "/api/v1") {
			continue
		}
		registered[path+" "+strings.ToLower(method)] = true
	}
	if len(registered) < 11 {
		t.Fatalf("only %d /api/v1 routes registered", len(registered))
	}
	documented := map[string]bool{}
	paths, _ := doc["paths"].(map[string]any)
	for path, item := range paths {
		ops, _ := item.(map[string]any)
		for method, op := range ops {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
			default:
				continue // parameters, summary… of the path item
			}
			documented[path+" "+method] = true
			o, _ := op.(map[string]any)
			if resp, _ := o["responses"].(map[string]any); resp["200"] == nil {
				t.Errorf("%s %s documents no 200 response", method, path)
			}
		}
	}
	var missing, extra []string
	for k := range registered {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !registered[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("registered but not documented: %q", missing)
	}
	if len(extra) > 0 {
		t.Errorf("documented but not registered: %q", extra)
	}
}

func TestTheOpenAPIDocumentIsOpenAPI31WithABearerSchemeAndResolvableReferences(t *testing.T) {
	a := newApp(t, "sqlite")
	doc := openAPIDoc(t, a)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi: %v", doc["openapi"])
	}
	comp, _ := doc["components"].(map[string]any)
	schemes, _ := comp["securitySchemes"].(map[string]any)
	bearer, _ := schemes["bearer"].(map[string]any)
	if bearer["type"] != "http" || bearer["scheme"] != "bearer" || !strings.HasPrefix(bearer["bearerFormat"].(string), "zs_") {
		t.Errorf("bearer scheme: %v", bearer)
	}
	schemas, _ := comp["schemas"].(map[string]any)
	errSchema, _ := schemas["Error"].(map[string]any)
	props, _ := errSchema["properties"].(map[string]any)
	inner, _ := props["error"].(map[string]any)
	innerProps, _ := inner["properties"].(map[string]any)
	if innerProps["code"] == nil || innerProps["message"] == nil {
		t.Errorf("error schema: %v", errSchema)
	}
	money, _ := schemas["Money"].(map[string]any)
	if money["type"] != "integer" || money["unit"] != "元" {
		t.Errorf("money schema: %v", money)
	}
	// every $ref points at a component that exists
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if r, ok := x["$ref"].(string); ok {
				parts := strings.Split(strings.TrimPrefix(r, "#/"), "/")
				var cur any = doc
				for _, p := range parts {
					m, _ := cur.(map[string]any)
					cur = m[p]
				}
				if cur == nil {
					t.Errorf("dangling $ref %s", r)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(doc)
	// the public document is public; everything else needs the bearer token
	paths := doc["paths"].(map[string]any)
	self := paths["/api/v1/openapi.json"].(map[string]any)["get"].(map[string]any)
	if sec, ok := self["security"].([]any); !ok || len(sec) != 0 {
		t.Errorf("openapi.json should need no security: %v", self["security"])
	}
	projects := paths["/api/v1/projects"].(map[string]any)["get"].(map[string]any)
	if projects["x-permission"] != "project:view" {
		t.Errorf("projects permission: %v", projects["x-permission"])
	}
}
