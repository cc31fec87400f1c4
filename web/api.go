package web

import (
	"encoding/json"
	"net/http"

	"zhaoshang"
	"zhaoshang/i18n"
)

// apiError answers an API call with {"error": {"code", "message"}} and the
// status of the error's code.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	code := zhaoshang.ErrorCode(err)
	switch code {
	case zhaoshang.EInvalid:
		status = http.StatusUnprocessableEntity
	case zhaoshang.ENotFound:
		status = http.StatusNotFound
	case zhaoshang.EConflict:
		status = http.StatusConflict
	case zhaoshang.EForbidden:
		status = http.StatusForbidden
	case zhaoshang.EUnauthorized:
		status = http.StatusUnauthorized
	case zhaoshang.EBusy:
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", "5")
	}
	msg := errText(i18n.FromRequest(r), err)
	if status == http.StatusInternalServerError {
		s.log.Error("api internal error", "path", r.URL.Path, "err", err)
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

type apiUnit struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	ParentID int64  `json:"parent_id,omitempty"`
	Active   bool   `json:"active"`
}

func toAPIUnit(u *zhaoshang.OrgUnit) apiUnit {
	return apiUnit{u.ID, u.Code, u.Name, string(u.Kind), u.ParentID, u.Active}
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	p := principal(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{
		"id": p.UserID, "username": p.Username, "display_name": p.DisplayName,
		"org_unit_id": p.OrgUnitID, "permissions": p.Perms(), "scope_all": p.SeesAll(), "scope_units": p.ScopeUnits(),
	})
}

func (s *Server) apiOrgUnits(w http.ResponseWriter, r *http.Request) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]apiUnit, 0, len(tree.Units))
	for _, u := range tree.Units {
		out = append(out, toAPIUnit(u))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (s *Server) apiOrgUnit(w http.ResponseWriter, r *http.Request) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	u := tree.ByID(pathID(r))
	if u == nil {
		s.apiError(w, r, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在"))
		return
	}
	writeJSON(w, http.StatusOK, toAPIUnit(u))
}
