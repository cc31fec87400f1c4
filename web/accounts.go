package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zhaoshang"
	"zhaoshang/i18n"
)

// registerAccountRoutes registers the users, roles and policy screens.
func (s *Server) registerAccountRoutes() {
	s.handle("GET /users", s.usersPage)
	s.handle("GET /users/new", s.userNewPage)
	s.handle("POST /users", s.userCreate)
	s.handle("GET /users/{id}", s.userPage)
	s.handle("POST /users/{id}", s.userUpdate)
	s.handle("POST /users/{id}/password", s.userResetPassword)
	s.handle("POST /users/{id}/unlock", s.userUnlock)
	s.handle("POST /users/{id}/roles", s.userGrant)
	s.handle("GET /api/v1/users", s.apiUsers)
	s.registerRoleRoutes()
	s.registerPolicyRoutes()
}

const usersPerPage = 50

type userRow struct {
	*zhaoshang.User
	Unit   string
	Roles  []string // role names (catalogue keys for the built-in roles)
	Locked bool
}

type usersData struct {
	Rows  []userRow
	Total int
	Query string
	Org   int64
	Units []unitChoice
	Page  int
	Pager pager
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := &usersData{Query: strings.TrimSpace(r.FormValue("q")), Org: formInt(r, "org"), Page: pageNumber(r)}
	users, total, err := s.svc.Users.Users(ctx, zhaoshang.UserFilter{Query: d.Query, OrgUnitID: d.Org, Offset: offset(d.Page, usersPerPage), Limit: usersPerPage})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	roles, err := s.roleNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, u := range users {
		row := userRow{User: u, Unit: unitNameOf(tree, u.OrgUnitID)}
		for _, id := range u.RoleIDs {
			row.Roles = append(row.Roles, roles[id])
		}
		if row.Locked, err = s.svc.Users.Locked(ctx, u.Username); err != nil {
			s.fail(w, r, err)
			return
		}
		d.Rows = append(d.Rows, row)
	}
	d.Total, d.Units = total, unitChoices(tree, false, d.Org)
	d.Pager = newPager("/users", usersQuery(d.Query, d.Org), d.Page, usersPerPage, total)
	p := s.newPage(r, "用户管理", "users")
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("用户管理"), URL: "/users"}}
	p.Data = d
	s.render(w, r, http.StatusOK, "users", p)
}

// usersQuery is the filter of the user list as query parameters.
func usersQuery(q string, org int64) url.Values {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if org != 0 {
		v.Set("org", strconv.FormatInt(org, 10))
	}
	return v
}

// roleNames maps role ids to their names.
func (s *Server) roleNames(r *http.Request) (map[int64]string, error) {
	roles, err := s.svc.Users.Roles(r.Context())
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(roles))
	for _, role := range roles {
		out[role.ID] = role.Name
	}
	return out, nil
}

// userForm is a form of the account screens as submitted, with its message.
type userForm struct {
	Name    string // which form: create, edit, roles, password, unlock
	Err     string
	Field   string
	In      zhaoshang.UserInput
	Version int64
	Roles   []int64 // the roles ticked
}

type userNewData struct {
	Form  *userForm
	Units []unitChoice
}

func (s *Server) userNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderUserNew(w, r, http.StatusOK, &userForm{Name: "create"})
}

func (s *Server) renderUserNew(w http.ResponseWriter, r *http.Request, status int, f *userForm) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "新增用户", "users")
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("用户管理"), URL: "/users"}, {Label: p.T("新增用户")}}
	p.Data = &userNewData{Form: f, Units: unitChoices(tree, true, f.In.OrgUnitID)}
	s.render(w, r, status, "user_new", p)
}

func userInput(r *http.Request) zhaoshang.UserInput {
	return zhaoshang.UserInput{
		Username:    r.FormValue("username"),
		DisplayName: r.FormValue("display_name"),
		OrgUnitID:   formInt(r, "org"),
		Phone:       r.FormValue("phone"),
		Active:      r.FormValue("active") == "1",
	}
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	in := userInput(r)
	u, plain, err := s.svc.Users.CreateUser(r.Context(), in)
	if err != nil {
		f := &userForm{Name: "create", In: in}
		if !s.formFailed(w, r, f, err) {
			s.renderUserNew(w, r, formStatus(err), f)
		}
		return
	}
	// the initial password is shown on this response only, never stored in plain text
	w.Header().Set("HX-Push-Url", userURL(u.ID))
	s.renderUser(w, r, http.StatusOK, u.ID, &userOutcome{Secret: plain, Created: true})
}

// formFailed answers an error that no form can show (not found, internal)
// and reports whether it did; otherwise it fills the form's message.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, f *userForm, err error) bool {
	e := zhaoshang.AsError(err)
	if e == nil || e.Code == zhaoshang.ENotFound || e.Code == zhaoshang.EUnauthorized {
		s.fail(w, r, err)
		return true
	}
	f.Err, f.Field = errText(i18n.FromRequest(r), err), e.Field
	return false
}

func userURL(id int64) string { return fmt.Sprintf("/users/%d", id) }

// userOutcome is what the account page shows beyond the stored account: a
// refused form, or a password just made.
type userOutcome struct {
	Form    *userForm
	Secret  string // an initial or reset password, shown this once
	Created bool   // Secret belongs to an account just created
}

type roleChoice struct {
	*zhaoshang.Role
	Held    bool // stored
	Checked bool // ticked in the form
}

type userData struct {
	U       *zhaoshang.User
	Unit    string
	Locked  bool
	Self    bool
	Roles   []roleChoice
	Held    []string // names of the roles held
	Units   []unitChoice
	Edit    zhaoshang.UserInput // values of the edit form
	Version int64               // of the edit form
	RolesV  int64               // of the roles form
	Form    *userForm
	Secret  string
	Created bool
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	s.renderUser(w, r, http.StatusOK, pathID(r), &userOutcome{})
}

func (s *Server) renderUser(w http.ResponseWriter, r *http.Request, status int, id int64, o *userOutcome) {
	ctx := r.Context()
	u, err := s.svc.Users.User(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	tree, err := s.svc.Org.Tree(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	roles, err := s.svc.Users.Roles(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	locked, err := s.svc.Users.Locked(ctx, u.Username)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &userData{U: u, Unit: unitNameOf(tree, u.OrgUnitID), Locked: locked, Self: principal(ctx).UserID == u.ID,
		Form: o.Form, Secret: o.Secret, Created: o.Created, Version: u.Version, RolesV: u.Version,
		Edit: zhaoshang.UserInput{Username: u.Username, DisplayName: u.DisplayName, OrgUnitID: u.OrgUnitID, Phone: u.Phone, Active: u.Active}}
	ticked := u.RoleIDs
	if f := o.Form; f != nil && f.Version != 0 { // a refused form shows what was submitted
		switch f.Name {
		case "edit":
			d.Edit, d.Version = f.In, f.Version
		case "roles":
			ticked, d.RolesV = f.Roles, f.Version
		}
	}
	for _, role := range roles {
		c := roleChoice{Role: role, Held: slices.Contains(u.RoleIDs, role.ID), Checked: slices.Contains(ticked, role.ID)}
		if c.Held {
			d.Held = append(d.Held, role.Name)
		}
		d.Roles = append(d.Roles, c)
	}
	d.Units = unitChoices(tree, true, d.Edit.OrgUnitID)
	p := s.newPage(r, "用户详情", "users")
	p.Title = u.DisplayName + "（" + u.Username + "）"
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("用户管理"), URL: "/users"}, {Label: u.DisplayName, URL: userURL(u.ID)}}
	p.Data = d
	s.render(w, r, status, "user", p)
}

// userFormFailed re-shows the account page with the refused form. A form
// refused because the account changed meanwhile shows the stored values,
// so that saving again cannot overwrite the other change unseen.
func (s *Server) userFormFailed(w http.ResponseWriter, r *http.Request, f *userForm, err error) {
	if s.formFailed(w, r, f, err) {
		return
	}
	if zhaoshang.ErrorCode(err) == zhaoshang.EConflict {
		f.Version = 0
	}
	s.renderUser(w, r, formStatus(err), pathID(r), &userOutcome{Form: f})
}

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	id, in, version := pathID(r), userInput(r), formInt(r, "version")
	if _, err := s.svc.Users.UpdateUser(r.Context(), id, version, in); err != nil {
		s.userFormFailed(w, r, &userForm{Name: "edit", In: in, Version: version}, err)
		return
	}
	setFlash(w, "已保存修改")
	redirect(w, r, userURL(id))
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	plain, err := s.svc.Users.ResetPassword(r.Context(), id)
	if err != nil {
		s.userFormFailed(w, r, &userForm{Name: "password"}, err)
		return
	}
	// shown on this response only; the address bar goes back to the account
	w.Header().Set("HX-Push-Url", userURL(id))
	s.renderUser(w, r, http.StatusOK, id, &userOutcome{Secret: plain})
}

func (s *Server) userUnlock(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	if err := s.svc.Users.Unlock(r.Context(), id); err != nil {
		s.userFormFailed(w, r, &userForm{Name: "unlock"}, err)
		return
	}
	setFlash(w, "已解除登录锁定")
	redirect(w, r, userURL(id))
}

func (s *Server) userGrant(w http.ResponseWriter, r *http.Request) {
	id, version := pathID(r), formInt(r, "version")
	roles := formIDs(r, "role")
	if _, err := s.svc.Users.GrantRoles(r.Context(), id, version, roles); err != nil {
		s.userFormFailed(w, r, &userForm{Name: "roles", Roles: roles, Version: version}, err)
		return
	}
	setFlash(w, "已保存角色分配")
	redirect(w, r, userURL(id))
}

// apiUser is an account as the API shows it: the phone masked.
type apiUser struct {
	ID          int64   `json:"id"`
	Username    string  `json:"username"`
	DisplayName string  `json:"display_name"`
	OrgUnitID   int64   `json:"org_unit_id"`
	Phone       string  `json:"phone"`
	Active      bool    `json:"active"`
	RoleIDs     []int64 `json:"role_ids"`
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	f := zhaoshang.UserFilter{Query: r.FormValue("q"), OrgUnitID: formInt(r, "org"), Offset: max(int(formInt(r, "offset")), 0), Limit: int(formInt(r, "limit"))}
	users, total, err := s.svc.Users.Users(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]apiUser, 0, len(users))
	for _, u := range users {
		ids := append([]int64{}, u.RoleIDs...)
		out = append(out, apiUser{u.ID, u.Username, u.DisplayName, u.OrgUnitID, u.MaskedPhone(), u.Active, ids})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": total})
}
