package zhaoshang

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// OrgKind says what a node of the organisation tree is.
type OrgKind string

const (
	OrgProvince   OrgKind = "province"   // 省
	OrgPrefecture OrgKind = "prefecture" // 州/市
	OrgCounty     OrgKind = "county"     // 县/市/区
	OrgDepartment OrgKind = "department" // 州直部门
	OrgTaskForce  OrgKind = "taskforce"  // 工作专班
	OrgTeam       OrgKind = "team"       // 驻点招商工作队
	OrgZone       OrgKind = "zone"       // 园区/开发区
)

// orgKinds lists the kinds in the order screens offer them.
var orgKinds = []OrgKind{OrgProvince, OrgPrefecture, OrgCounty, OrgDepartment, OrgTaskForce, OrgTeam, OrgZone}

// OrgKinds lists them; the list is a copy, so no caller can change it for the others.
func OrgKinds() []OrgKind { return slices.Clone(orgKinds) }

// Label is the Chinese name of the kind (a catalogue key).
func (k OrgKind) Label() string {
	switch k {
	case OrgProvince:
		return "省"
	case OrgPrefecture:
		return "州/市"
	case OrgCounty:
		return "县/市"
	case OrgDepartment:
		return "部门"
	case OrgTaskForce:
		return "专班"
	case OrgTeam:
		return "工作队"
	case OrgZone:
		return "园区"
	}
	return string(k)
}

// ParseOrgKind accepts the English code or the Chinese label of a kind.
func ParseOrgKind(s string) (OrgKind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range orgKinds {
		if strings.EqualFold(s, string(k)) || s == k.Label() {
			return k, true
		}
	}
	switch s {
	case "州", "市", "地区", "盟":
		return OrgPrefecture, true
	case "县", "区", "县市", "县区", "县级市":
		return OrgCounty, true
	case "州直部门", "单位":
		return OrgDepartment, true
	case "工作专班":
		return OrgTaskForce, true
	case "驻点招商工作队", "招商工作队":
		return OrgTeam, true
	case "开发区", "产业园区":
		return OrgZone, true
	}
	return "", false
}

// OrgUnit is one node of the organisation tree: the prefecture, a county, a
// department, a task force, a resident team or a zone. A unit that records
// point to is deactivated, never deleted.
type OrgUnit struct {
	ID        int64
	Code      string
	Name      string
	Kind      OrgKind
	ParentID  int64 // 0 for the root
	Active    bool
	SortOrder int
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// OrgUnitInput is what a user gives to create or change a unit.
type OrgUnitInput struct {
	Code     string
	Name     string
	Kind     OrgKind
	ParentID int64
}

// Normalize trims the input the way every entry screen and import does.
func (in *OrgUnitInput) Normalize() {
	in.Code = strings.TrimSpace(in.Code)
	in.Name = strings.TrimSpace(in.Name)
}

// Validate checks what can be checked without the database.
func (in OrgUnitInput) Validate() error {
	if in.Code == "" {
		return FieldErrorf(EInvalid, "code", "请填写单位编码")
	}
	if utf8.RuneCountInString(in.Code) > 32 {
		return FieldErrorf(EInvalid, "code", "单位编码不能超过32个字符")
	}
	for _, r := range in.Code {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-' || r == '_' || r == '.') {
			return FieldErrorf(EInvalid, "code", "单位编码只能由字母、数字和 - _ . 组成")
		}
	}
	if in.Name == "" {
		return FieldErrorf(EInvalid, "name", "请填写单位名称")
	}
	if utf8.RuneCountInString(in.Name) > 64 {
		return FieldErrorf(EInvalid, "name", "单位名称不能超过64个字")
	}
	if err := CheckText("name", "单位名称", in.Name, 64, false); err != nil {
		return err
	}
	if _, ok := ParseOrgKind(string(in.Kind)); !ok {
		return FieldErrorf(EInvalid, "kind", "单位类型不正确")
	}
	return nil
}

// OrgTree is the whole organisation, loaded once and walked in memory: a
// region has at most a few thousand units.
type OrgTree struct {
	Units    []*OrgUnit // in tree order: parent before children, siblings by sort order then code
	byID     map[int64]*OrgUnit
	byCode   map[string]*OrgUnit
	children map[int64][]*OrgUnit
}

// NewOrgTree indexes units and puts them in tree order.
func NewOrgTree(units []*OrgUnit) *OrgTree {
	t := &OrgTree{byID: map[int64]*OrgUnit{}, byCode: map[string]*OrgUnit{}, children: map[int64][]*OrgUnit{}}
	for _, u := range units {
		t.byID[u.ID] = u
		t.byCode[u.Code] = u
	}
	for _, u := range units {
		p := u.ParentID
		if _, ok := t.byID[p]; !ok {
			p = 0
		}
		t.children[p] = append(t.children[p], u)
	}
	for _, kids := range t.children {
		sortUnits(kids)
	}
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range t.children[id] {
			t.Units = append(t.Units, c)
			walk(c.ID)
		}
	}
	walk(0)
	return t
}

func sortUnits(us []*OrgUnit) {
	// insertion sort: sibling lists are short
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && lessUnit(us[j], us[j-1]); j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
}

func lessUnit(a, b *OrgUnit) bool {
	if a.SortOrder != b.SortOrder {
		return a.SortOrder < b.SortOrder
	}
	return a.Code < b.Code
}

// ByID returns the unit with that id, or nil.
func (t *OrgTree) ByID(id int64) *OrgUnit { return t.byID[id] }

// ByCode returns the unit with that code, or nil.
func (t *OrgTree) ByCode(code string) *OrgUnit { return t.byCode[code] }

// Find resolves a unit given by its code or by its exact name (as ledgers do).
func (t *OrgTree) Find(codeOrName string) *OrgUnit {
	s := strings.TrimSpace(codeOrName)
	if u := t.byCode[s]; u != nil {
		return u
	}
	for _, u := range t.Units {
		if u.Name == s {
			return u
		}
	}
	return nil
}

// Children returns the direct children of id (0: the roots) in order.
func (t *OrgTree) Children(id int64) []*OrgUnit { return t.children[id] }

// Roots returns the units without a parent.
func (t *OrgTree) Roots() []*OrgUnit { return t.children[0] }

// Depth is 0 for a root.
func (t *OrgTree) Depth(id int64) int {
	d := 0
	for u := t.byID[id]; u != nil && u.ParentID != 0; u = t.byID[u.ParentID] {
		d++
	}
	return d
}

// Path returns the units from the root down to id.
func (t *OrgTree) Path(id int64) []*OrgUnit {
	var p []*OrgUnit
	for u := t.byID[id]; u != nil; u = t.byID[u.ParentID] {
		p = append([]*OrgUnit{u}, p...)
		if len(p) > len(t.byID) { // a cycle in stored data; never loop forever
			break
		}
	}
	return p
}

// IsDescendant reports whether id lies in the subtree of ancestor (itself included).
func (t *OrgTree) IsDescendant(id, ancestor int64) bool {
	for _, u := range t.Path(id) {
		if u.ID == ancestor {
			return true
		}
	}
	return false
}

// Subtree returns ancestor and every unit below it, in tree order.
func (t *OrgTree) Subtree(ancestor int64) []*OrgUnit {
	var out []*OrgUnit
	for _, u := range t.Units {
		if t.IsDescendant(u.ID, ancestor) {
			out = append(out, u)
		}
	}
	return out
}

// SubtreeIDs returns the ids of Subtree(ancestor), in the same tree order,
// at the cost of the subtree's size rather than the tree's: it walks down
// from ancestor the way NewOrgTree laid out the tree order. A unit not in
// the tree (or not under a root) has no subtree.
func (t *OrgTree) SubtreeIDs(ancestor int64) []int64 {
	if !t.rooted(ancestor) {
		return nil
	}
	out := []int64{ancestor}
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range t.children[id] {
			out = append(out, c.ID)
			walk(c.ID)
		}
	}
	walk(ancestor)
	return out
}

// rooted reports whether id lies under a root, and so in Units (a unit in
// a cycle of parents does not).
func (t *OrgTree) rooted(id int64) bool {
	u := t.byID[id]
	for steps := 0; u != nil; steps++ {
		if steps > len(t.byID) {
			return false
		}
		if t.byID[u.ParentID] == nil {
			return true
		}
		u = t.byID[u.ParentID]
	}
	return false
}

// Counties returns the active county-level units under ancestor.
func (t *OrgTree) Counties(ancestor int64) []*OrgUnit {
	var out []*OrgUnit
	for _, u := range t.Subtree(ancestor) {
		if u.Kind == OrgCounty && u.Active {
			out = append(out, u)
		}
	}
	return out
}

// CheckMove says whether unit id may be put under newParent.
func (t *OrgTree) CheckMove(id, newParent int64) error {
	u := t.byID[id]
	if u == nil {
		return Errorf(ENotFound, "单位不存在")
	}
	if newParent == 0 {
		return FieldErrorf(EInvalid, "parent", "请选择上级单位")
	}
	p := t.byID[newParent]
	if p == nil {
		return FieldErrorf(EInvalid, "parent", "上级单位不存在")
	}
	if u.ParentID == 0 {
		return Errorf(EInvalid, "根单位“%s”不能移动", u.Name)
	}
	if t.IsDescendant(newParent, id) {
		return FieldErrorf(EInvalid, "parent", "不能把“%s”移到它自己或它的下级单位“%s”之下", u.Name, p.Name)
	}
	if !p.Active {
		return FieldErrorf(EInvalid, "parent", "上级单位“%s”已停用，不能接收下级单位", p.Name)
	}
	return nil
}

// OrgService keeps the organisation tree. Every change is audited.
type OrgService interface {
	Tree(ctx context.Context) (*OrgTree, error)
	CreateUnit(ctx context.Context, in OrgUnitInput) (*OrgUnit, error)
	// UpdateUnit renames or recodes a unit (not its parent: see MoveUnit);
	// version is the one the user read.
	UpdateUnit(ctx context.Context, id, version int64, in OrgUnitInput) (*OrgUnit, error)
	MoveUnit(ctx context.Context, id, version, newParentID int64) (*OrgUnit, error)
	SetUnitActive(ctx context.Context, id, version int64, active bool) (*OrgUnit, error)
	// DeleteUnit removes a unit created by mistake: one with no children and no records.
	DeleteUnit(ctx context.Context, id, version int64) error
	// ImportTree loads a whole tree into an empty organisation (first start).
	ImportTree(ctx context.Context, rows []OrgRow) error
}

// OrgRow is one line of an organisation file (code, name, parent code, kind).
type OrgRow struct {
	Line       int
	Code       string
	Name       string
	ParentCode string
	Kind       OrgKind
}

// VisibleTo returns the part of the tree the principal may see: the units
// in scope, each hanging under its nearest visible ancestor.
func (t *OrgTree) VisibleTo(p *Principal) *OrgTree {
	if p.SeesAll() {
		return t
	}
	var units []*OrgUnit
	for _, u := range t.Units {
		if p.SeesUnit(u.ID) {
			c := *u
			for c.ParentID != 0 && !p.SeesUnit(c.ParentID) {
				c.ParentID = t.byID[c.ParentID].ParentID
			}
			units = append(units, &c)
		}
	}
	return NewOrgTree(units)
}
