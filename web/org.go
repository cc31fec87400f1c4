package web

import (
	"net/http"
	"strconv"

	"zhaoshang"
	"zhaoshang/ledger"
)

// orgRow is one unit as the tree shows it.
type orgRow struct {
	*zhaoshang.OrgUnit
	Depth    int
	Children int
}

// orgForm carries a failed form back to the page with its message.
type orgForm struct {
	Name  string // which form: create, update, move, active, delete
	Err   string
	Field string
	In    zhaoshang.OrgUnitInput
}

type orgData struct {
	Rows     []orgRow
	Counts   map[string]int
	Total    int
	Inactive int
	Sel      *orgRow
	Path     []*zhaoshang.OrgUnit
	Parents  []orgRow // where Sel may move to
	Kinds    []zhaoshang.OrgKind
	Form     *orgForm
}

func (s *Server) orgPage(w http.ResponseWriter, r *http.Request) {
	s.renderOrg(w, r, http.StatusOK, formInt(r, "unit"), nil)
}

func (s *Server) renderOrg(w http.ResponseWriter, r *http.Request, status int, selID int64, form *orgForm) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &orgData{Counts: map[string]int{}, Kinds: zhaoshang.OrgKinds(), Form: form}
	for _, u := range tree.Units {
		row := orgRow{OrgUnit: u, Depth: tree.Depth(u.ID), Children: len(tree.Children(u.ID))}
		d.Rows = append(d.Rows, row)
		d.Total++
		if u.Active {
			d.Counts[string(u.Kind)]++
		} else {
			d.Inactive++
		}
	}
	if selID == 0 && len(tree.Roots()) > 0 {
		selID = tree.Roots()[0].ID
	}
	for i := range d.Rows {
		if d.Rows[i].ID == selID {
			d.Sel = &d.Rows[i]
		}
	}
	if d.Sel == nil && selID != 0 {
		s.renderError(w, r, http.StatusNotFound, "单位不存在")
		return
	}
	if d.Sel != nil {
		d.Path = tree.Path(d.Sel.ID)
		for _, row := range d.Rows {
			if row.Active && !tree.IsDescendant(row.ID, d.Sel.ID) {
				d.Parents = append(d.Parents, row)
			}
		}
	}
	p := s.newPage(r, "组织机构", "org")
	p.Crumbs = []crumb{{Label: p.T("系统管理")}, {Label: p.T("组织机构"), URL: "/org"}}
	p.Data = d
	s.render(w, r, status, "org", p)
}

// orgFailed re-shows the page with the form's message, or fails outright
// for an error that is not the user's.
func (s *Server) orgFailed(w http.ResponseWriter, r *http.Request, sel int64, name string, in zhaoshang.OrgUnitInput, err error) {
	e := zhaoshang.AsError(err)
	if e == nil || e.Code == zhaoshang.ENotFound {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "", "")
	s.renderOrg(w, r, http.StatusUnprocessableEntity, sel, &orgForm{Name: name, Err: p.Msg(err), Field: e.Field, In: in})
}

func orgInput(r *http.Request) zhaoshang.OrgUnitInput {
	return zhaoshang.OrgUnitInput{
		Code:     r.FormValue("code"),
		Name:     r.FormValue("name"),
		Kind:     zhaoshang.OrgKind(r.FormValue("kind")),
		ParentID: formInt(r, "parent"),
	}
}

func unitURL(id int64) string { return "/org?unit=" + strconv.FormatInt(id, 10) }

func (s *Server) orgCreate(w http.ResponseWriter, r *http.Request) {
	in := orgInput(r)
	u, err := s.svc.Org.CreateUnit(r.Context(), in)
	if err != nil {
		s.orgFailed(w, r, in.ParentID, "create", in, err)
		return
	}
	setFlash(w, "已新增单位")
	redirect(w, r, unitURL(u.ID))
}

func (s *Server) orgUpdate(w http.ResponseWriter, r *http.Request) {
	id, in := pathID(r), orgInput(r)
	if _, err := s.svc.Org.UpdateUnit(r.Context(), id, formInt(r, "version"), in); err != nil {
		s.orgFailed(w, r, id, "update", in, err)
		return
	}
	setFlash(w, "已保存修改")
	redirect(w, r, unitURL(id))
}

func (s *Server) orgMove(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	if _, err := s.svc.Org.MoveUnit(r.Context(), id, formInt(r, "version"), formInt(r, "parent")); err != nil {
		s.orgFailed(w, r, id, "move", zhaoshang.OrgUnitInput{}, err)
		return
	}
	setFlash(w, "已调整上级单位")
	redirect(w, r, unitURL(id))
}

func (s *Server) orgSetActive(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	active := r.FormValue("active") == "1"
	if _, err := s.svc.Org.SetUnitActive(r.Context(), id, formInt(r, "version"), active); err != nil {
		s.orgFailed(w, r, id, "active", zhaoshang.OrgUnitInput{}, err)
		return
	}
	if active {
		setFlash(w, "已启用单位")
	} else {
		setFlash(w, "已停用单位")
	}
	redirect(w, r, unitURL(id))
}

func (s *Server) orgDelete(w http.ResponseWriter, r *http.Request) {
	id := pathID(r)
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := tree.ByID(id)
	if err := s.svc.Org.DeleteUnit(r.Context(), id, formInt(r, "version")); err != nil {
		s.orgFailed(w, r, id, "delete", zhaoshang.OrgUnitInput{}, err)
		return
	}
	setFlash(w, "已删除单位")
	redirect(w, r, unitURL(u.ParentID))
}

// orgExport writes the tree in the organisation file format, so one
// region's tree can seed another installation.
func (s *Server) orgExport(w http.ResponseWriter, r *http.Request) {
	tree, err := s.svc.Org.Tree(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := ledger.OrgCSV(tree)
	if err := s.svc.Audit.RecordDownload(r.Context(), "org_tree", "*", "导出组织机构文件"); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, data, typeCSV, "org.csv", "组织机构.csv")
}
