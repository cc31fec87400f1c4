package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"zhaoshang"
	"zhaoshang/i18n"
)

func (s *Server) registerRoleRoutes() {
	s.handle("GET /roles", s.rolesPage)
	s.handle("GET /roles/new", s.roleNewPage)
	s.handle("POST /roles", s.roleCreate)
	s.handle("GET /roles/{id}", s.rolePage)
	s.handle("POST /roles/{id}", s.roleUpdate)
	s.handle("POST /roles/{id}/delete", s.roleDelete)
}

// holders counts the holders of each role.
func (s *Server) holders(ctx context.Context) (map[int64]int, error) {
	return s.svc.Users.RoleHolders(ctx)
}

type roleRow struct {
	*zhaoshang.Role
	Holders string
}

func (s *Server) rolesPage(w http.ResponseWriter, r *http.Request) {
	roles, err := s.svc.Users.Roles(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.holders(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]roleRow, 0, len(roles))
	for _, role := range roles {
		row := roleRow{Role: role, Holders: "—"}
		if counts != nil {
			row.Holders = fmt.Sprint(counts[role.ID])
		}
		rows = append(rows, row)
	}
	p := s.newPage(r, "角色与权限", "roles")
	p.Crumbs = []crumb{{Label: p.T("安全管理")}, {Label: p.T("角色与权限"), URL: "/roles"}}
	p.Data = rows
	s.render(w, r, http.StatusOK, "roles", p)
}

// permGroup is the permissions of one duty class, as the editor shows them.
type permGroup struct {
	Label string
	Perms []permChoice
}

type permChoice struct {
	Code, Label string
	Checked     bool
}

// permGroups lists the permissions by duty class, the shared ones first.
func permGroups(checked []string) []permGroup {
	classes := []zhaoshang.PermClass{"", zhaoshang.ClassSystem, zhaoshang.ClassSecurity, zhaoshang.ClassAudit, zhaoshang.ClassBusiness}
	var out []permGroup
	for _, c := range classes {
		g := permGroup{Label: "公共权限（各类职责均可持有）"}
		if c != "" {
			g.Label = c.Label()
		}
		for _, perm := range zhaoshang.Permissions() {
			if perm.Class == c {
				g.Perms = append(g.Perms, permChoice{perm.Code, perm.Label, slices.Contains(checked, perm.Code)})
			}
		}
		if len(g.Perms) > 0 {
			out = append(out, g)
		}
	}
	return out
}

type roleData struct {
	R       *zhaoshang.Role // the values shown: stored, or as submitted
	New     bool
	Stored  *zhaoshang.Role // nil for a new role
	Groups  []permGroup
	Scopes  []zhaoshang.DataScope
	Units   []unitChoice
	Holders string
	Form    *roleForm
	// ReadOnly: the viewer holds this role and so may not change it
	ReadOnly bool
}

// roleForm is a refused form of the role editor.
type roleForm struct {
	Name  string // save or delete
	Err   string
	Field string
}

func (s *Server) roleNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderRole(w, r, http.StatusOK, &zhaoshang.Role{Scope: zhaoshang.ScopeUnit}, nil)
}

func (s *Server) rolePage(w http.ResponseWriter, r *http.Request) {
	role, err := s.svc.Users.Role(r.Context(), pathID(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRole(w, r, http.StatusOK, role, nil)
}

// renderRole shows the editor with the values of shown; its ID says which
// stored role it is (0: a new one).
func (s *Server) renderRole(w http.ResponseWriter, r *http.Request, status int, shown *zhaoshang.Role, f *roleForm) {
	ctx := r.Context()
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &roleData{R: shown, New: shown.ID == 0, Groups: permGroups(shown.Permissions), Scopes: zhaoshang.DataScopes(),
		Units: unitChoices(tree, true, shown.ScopeUnits...), Form: f, Holders: "—"}
	title := "新增角色"
	if !d.New {
		if d.Stored, err = s.svc.Users.Role(ctx, shown.ID); err != nil {
			s.fail(w, r, err)
			return
		}
		counts, err := s.holders(ctx)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if counts != nil {
			d.Holders = fmt.Sprint(counts[shown.ID])
		}
		pr := principal(ctx)
		me, err := s.svc.Users.User(ctx, pr.UserID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.ReadOnly = !zhaoshang.MayEditRole(pr, slices.Contains(me.RoleIDs, shown.ID))
		title = "编辑角色"
	}
	p := s.newPage(r, title, "roles")
	if !d.New {
		p.Title = p.T(d.Stored.Name)
	}
	p.Crumbs = []crumb{{Label: p.T("安全管理")}, {Label: p.T("角色与权限"), URL: "/roles"}, {Label: p.Title}}
	p.Data = d
	s.render(w, r, status, "role", p)
}

// roleInput reads the editor's form.
func roleInput(r *http.Request) *zhaoshang.Role {
	r.ParseForm()
	var perms []string
	for _, c := range r.Form["perm"] {
		if c = strings.TrimSpace(c); c != "" {
			perms = append(perms, c)
		}
	}
	return &zhaoshang.Role{
		ID:          pathID(r),
		Code:        strings.TrimSpace(r.FormValue("code")),
		Name:        strings.TrimSpace(r.FormValue("name")),
		Permissions: perms,
		Scope:       zhaoshang.DataScope(r.FormValue("scope")),
		ScopeUnits:  formIDs(r, "scope_units"),
		Version:     formInt(r, "version"),
	}
}

// roleFailed re-shows the editor with the refused form: as submitted, or
// as stored when somebody changed the role meanwhile.
func (s *Server) roleFailed(w http.ResponseWriter, r *http.Request, name string, in *zhaoshang.Role, err error) {
	e := zhaoshang.AsError(err)
	if e == nil || e.Code == zhaoshang.ENotFound || e.Code == zhaoshang.EUnauthorized {
		s.fail(w, r, err)
		return
	}
	shown := in
	if (e.Code == zhaoshang.EConflict && in.ID != 0) || name == "delete" {
		stored, serr := s.svc.Users.Role(r.Context(), in.ID)
		if serr != nil {
			s.fail(w, r, serr)
			return
		}
		shown = stored
	}
	f := &roleForm{Name: name, Err: errText(i18n.FromRequest(r), err), Field: e.Field}
	s.renderRole(w, r, formStatus(err), shown, f)
}

func (s *Server) roleCreate(w http.ResponseWriter, r *http.Request) {
	in := roleInput(r)
	in.ID = 0
	role, err := s.svc.Users.SaveRole(r.Context(), in)
	if err != nil {
		s.roleFailed(w, r, "save", in, err)
		return
	}
	setFlash(w, "已新增角色")
	redirect(w, r, fmt.Sprintf("/roles/%d", role.ID))
}

func (s *Server) roleUpdate(w http.ResponseWriter, r *http.Request) {
	in := roleInput(r)
	in.Code = ""
	if _, err := s.svc.Users.SaveRole(r.Context(), in); err != nil {
		s.roleFailed(w, r, "save", in, err)
		return
	}
	setFlash(w, "已保存修改")
	redirect(w, r, fmt.Sprintf("/roles/%d", in.ID))
}

func (s *Server) roleDelete(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	if err := s.svc.Users.DeleteRole(r.Context(), id, formInt(r, "version")); err != nil {
		s.roleFailed(w, r, "delete", &zhaoshang.Role{ID: id}, err)
		return
	}
	setFlash(w, "已删除角色")
	redirect(w, r, "/roles")
}
