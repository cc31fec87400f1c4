package zhaoshang

import (
	"context"
	"slices"
	"sort"
)

// This file holds every rule of who may do what: the permissions, the
// built-in roles, the data scopes and the separation of the three 等保
// administrators. The web layer checks routes against it and every service
// checks its calls against it; neither decides on its own.

// PermClass separates the duties of 等保: a role, and a user, holds
// permissions of one class only.
type PermClass string

const (
	ClassSystem   PermClass = "system"   // 系统管理员: accounts
	ClassSecurity PermClass = "security" // 安全管理员: roles, grants, policy
	ClassAudit    PermClass = "audit"    // 审计管理员: reads the trail
	ClassBusiness PermClass = "business" // everyone who works with business data
)

// Permission is one thing a role may allow.
type Permission struct {
	Code  string
	Label string // catalogue key
	Class PermClass
}

// Permission codes. A new feature adds its own here and to the built-in
// roles that should have it.
const (
	PermOrgView    = "org:view"
	PermOrgEdit    = "org:edit"
	PermUserView   = "user:view"
	PermUserEdit   = "user:edit"
	PermUserGrant  = "user:grant"
	PermRoleEdit   = "role:edit"
	PermPolicyEdit = "policy:edit"
	PermAuditView  = "audit:view"

	PermProjectView    = "project:view"
	PermProjectEdit    = "project:edit"
	PermEnterpriseEdit = "enterprise:edit"
	PermContactReveal  = "contact:reveal"
	PermLedgerImport   = "ledger:import"
	PermLedgerConfig   = "ledger:config"
	PermTargetEdit     = "target:edit"
	PermReportView     = "report:view"
	PermReviewSubmit   = "review:submit"
	PermReviewApprove  = "review:approve"
)

// permissions lists every permission in the order the role editor shows.
// A permission without a class is shared: reading the organisation tree and
// the list of users is needed by several duties (the system administrator
// places accounts in units, the security administrator grants them roles).
var permissions = []Permission{
	{PermOrgView, "查看组织机构", ""},
	{PermOrgEdit, "维护组织机构", ClassBusiness},
	{PermUserView, "查看用户", ""},
	{PermUserEdit, "维护用户账户（新增、修改、停用、重置密码、解锁）", ClassSystem},
	{PermUserGrant, "为用户分配角色", ClassSecurity},
	{PermRoleEdit, "维护角色、权限和数据范围", ClassSecurity},
	{PermPolicyEdit, "维护密码与登录策略", ClassSecurity},
	{PermAuditView, "查看和导出审计日志、登录日志", ClassAudit},
	{PermProjectView, "查看项目台账、企业和到位资金", ClassBusiness},
	{PermProjectEdit, "填报和修改项目、到位资金及附件", ClassBusiness},
	{PermEnterpriseEdit, "维护企业信息和联系人", ClassBusiness},
	{PermContactReveal, "查看联系人完整电话号码", ClassBusiness},
	{PermLedgerImport, "导入台账文件", ClassBusiness},
	{PermLedgerConfig, "配置台账规则（如哪些企业标签计为优强企业）", ClassBusiness},
	{PermTargetEdit, "维护年度目标任务", ClassBusiness},
	{PermReportView, "查看统计报表", ClassBusiness},
	{PermReviewSubmit, "提交月度数据、申请重新开放", ClassBusiness},
	{PermReviewApprove, "审核月度数据、批准重新开放", ClassBusiness},
}

// Permissions lists them; the list is a copy, so no caller can change it for the others.
func Permissions() []Permission { return slices.Clone(permissions) }

// PermissionByCode finds a permission, or returns nil.
func PermissionByCode(code string) *Permission {
	for i := range permissions {
		if permissions[i].Code == code {
			return &permissions[i]
		}
	}
	return nil
}

// DataScope says which records a role reaches, relative to the user's unit.
type DataScope string

const (
	ScopeAll     DataScope = "all"     // 全部
	ScopeSubtree DataScope = "subtree" // 本单位及下级
	ScopeUnit    DataScope = "unit"    // 本单位
	ScopeSelf    DataScope = "self"    // 仅本人
	ScopeCustom  DataScope = "custom"  // 自定义单位集
)

// dataScopes in the order screens offer them.
var dataScopes = []DataScope{ScopeAll, ScopeSubtree, ScopeUnit, ScopeSelf, ScopeCustom}

// DataScopes lists them; the list is a copy, so no caller can change it for the others.
func DataScopes() []DataScope { return slices.Clone(dataScopes) }

// Label is the Chinese name of the scope (a catalogue key).
func (s DataScope) Label() string {
	switch s {
	case ScopeAll:
		return "全部"
	case ScopeSubtree:
		return "本单位及下级"
	case ScopeUnit:
		return "本单位"
	case ScopeSelf:
		return "仅本人"
	case ScopeCustom:
		return "自定义单位集"
	}
	return string(s)
}

// Role is a named set of permissions with a data scope. Built-in roles can
// be edited but not deleted.
type Role struct {
	ID          int64
	Code        string
	Name        string
	Builtin     bool
	Permissions []string
	Scope       DataScope
	ScopeUnits  []int64 // for ScopeCustom
	Version     int64
}

// Class is the duty class of the role's permissions ("" for a role without any).
func (r *Role) Class() PermClass {
	for _, c := range r.Permissions {
		if p := PermissionByCode(c); p != nil && p.Class != "" {
			return p.Class
		}
	}
	return ""
}

// Built-in role codes.
const (
	RoleSysAdmin     = "sys_admin"
	RoleSecAdmin     = "sec_admin"
	RoleAuditAdmin   = "audit_admin"
	RoleBureauAdmin  = "bureau_admin"
	RoleCountyClerk  = "county_clerk"
	RoleDeptHandler  = "dept_handler"
	RoleLeader       = "leader"
	RoleTaskForceMem = "taskforce_member"
)

// builtinRoles are created on first start with these defaults. A default
// permission added by a later version is granted once, on upgrade; one the
// security administrator removed stays removed.
var builtinRoles = []Role{
	{Code: RoleSysAdmin, Name: "系统管理员", Scope: ScopeAll, Permissions: []string{PermOrgView, PermUserView, PermUserEdit}},
	{Code: RoleSecAdmin, Name: "安全管理员", Scope: ScopeAll, Permissions: []string{PermOrgView, PermUserView, PermUserGrant, PermRoleEdit, PermPolicyEdit}},
	{Code: RoleAuditAdmin, Name: "审计管理员", Scope: ScopeAll, Permissions: []string{PermOrgView, PermAuditView}},
	{Code: RoleBureauAdmin, Name: "州局管理员", Scope: ScopeAll, Permissions: []string{PermOrgView, PermOrgEdit,
		PermProjectView, PermProjectEdit, PermEnterpriseEdit, PermContactReveal, PermLedgerImport, PermLedgerConfig,
		PermTargetEdit, PermReportView, PermReviewApprove}},
	{Code: RoleCountyClerk, Name: "县市填报员", Scope: ScopeSubtree, Permissions: []string{PermOrgView,
		PermProjectView, PermProjectEdit, PermEnterpriseEdit, PermContactReveal, PermLedgerImport, PermReportView, PermReviewSubmit}},
	{Code: RoleDeptHandler, Name: "部门办理员", Scope: ScopeUnit, Permissions: []string{PermOrgView}},
	{Code: RoleLeader, Name: "领导", Scope: ScopeSubtree, Permissions: []string{PermOrgView, PermProjectView, PermReportView}},
	{Code: RoleTaskForceMem, Name: "专班成员", Scope: ScopeUnit, Permissions: []string{PermOrgView, PermProjectView}},
}

// BuiltinRoles lists them; the list is a copy (their permissions too), so
// no caller can change it for the others.
func BuiltinRoles() []Role {
	out := slices.Clone(builtinRoles)
	for i := range out {
		out[i].Permissions = slices.Clone(out[i].Permissions)
	}
	return out
}

func init() {
	for i := range builtinRoles {
		builtinRoles[i].Builtin = true
	}
}

// ValidateRole checks a role before it is stored.
func ValidateRole(r *Role) error {
	if r.Name == "" {
		return FieldErrorf(EInvalid, "name", "请填写角色名称")
	}
	if !slices.Contains(dataScopes, r.Scope) {
		return FieldErrorf(EInvalid, "scope", "数据范围不正确")
	}
	if r.Scope == ScopeCustom && len(r.ScopeUnits) == 0 {
		return FieldErrorf(EInvalid, "scope_units", "自定义数据范围须至少选择一个单位")
	}
	var class PermClass
	for _, c := range r.Permissions {
		p := PermissionByCode(c)
		if p == nil {
			return FieldErrorf(EInvalid, "permissions", "未知的权限“%s”", c)
		}
		if p.Class == "" {
			continue // shared by several duties
		}
		if class != "" && p.Class != class {
			return FieldErrorf(EInvalid, "permissions", "一个角色不能同时包含%s和%s的权限：系统管理、安全管理、审计和业务工作须由不同的人承担", class.Label(), p.Class.Label())
		}
		class = p.Class
	}
	return nil
}

// Label is the Chinese name of the duty class (a catalogue key).
func (c PermClass) Label() string {
	switch c {
	case "":
		return "无职责"
	case ClassSystem:
		return "系统管理"
	case ClassSecurity:
		return "安全管理"
	case ClassAudit:
		return "审计"
	case ClassBusiness:
		return "业务"
	}
	return string(c)
}

// builtinClass is the duty class a built-in role was made for: that of its
// default permissions, business for one without any (部门办理员 starts with
// the shared ones only).
func builtinClass(code string) (PermClass, bool) {
	for i := range builtinRoles {
		if builtinRoles[i].Code == code {
			if c := builtinRoles[i].Class(); c != "" {
				return c, true
			}
			return ClassBusiness, true
		}
	}
	return "", false
}

// DutyClass is the class a role stands for: that of its permissions, or,
// for a built-in role holding shared permissions only, the class it was
// made for.
func (r *Role) DutyClass() PermClass {
	if c := r.Class(); c != "" {
		return c
	}
	if r.Builtin {
		if c, ok := builtinClass(r.Code); ok {
			return c
		}
	}
	return ""
}

// CheckRoleChange applies the separation of duties to a change of a role
// (before as stored, after as it would be): nobody edits a role they hold
// (the security administrator would otherwise rewrite his own role into a
// business one); a built-in role keeps the class it was made for (an
// administrators' role cannot lose its duty's permissions); and a
// role somebody holds never moves to another duty class, so that no
// holder silently gains or loses a duty. holders counts its users.
func CheckRoleChange(actor *Principal, before, after *Role, actorHoldsIt bool, holders int) error {
	if !MayEditRole(actor, actorHoldsIt) {
		return Errorf(EForbidden, "不能修改自己持有的角色“%s”：角色的权限须由其他人维护", before.Name)
	}
	if before.Builtin {
		c, _ := builtinClass(before.Code)
		got := after.Class()
		if (c == ClassBusiness && got != "" && got != c) || (c != ClassBusiness && got != c) {
			return FieldErrorf(EInvalid, "permissions", "内置角色“%s”只能包含%s职责的权限", before.Name, c.Label())
		}
	}
	if holders > 0 && before.DutyClass() != after.DutyClass() {
		return FieldErrorf(EInvalid, "permissions", "角色“%s”已有%d个用户持有，其职责不能从%s改为%s；如需新的职责组合，请新建角色后分配", before.Name, holders, before.DutyClass().Label(), after.DutyClass().Label())
	}
	return nil
}

// MayEditRole says whether actor may change a role, given whether he
// holds it: nobody edits a role of their own.
func MayEditRole(actor *Principal, actorHoldsIt bool) bool { return actor.System || !actorHoldsIt }

// KeepAuditReaders refuses a change after which no active account could
// read the audit trail (auditors counts those accounts before and after):
// the trail must never be left without a reader.
func KeepAuditReaders(before, after int) error {
	if before > 0 && after == 0 {
		return Errorf(EInvalid, "此项修改后将没有任何在用账户能查看审计日志：至少须保留一个在用账户持有“查看和导出审计日志、登录日志”权限")
	}
	return nil
}

// ValidateGrant checks the roles given to a user: one duty class only, and
// nobody changes their own roles.
func ValidateGrant(granter *Principal, userID int64, roles []*Role) error {
	if granter.UserID == userID && !granter.System {
		return Errorf(EForbidden, "不能修改自己的角色")
	}
	var class PermClass
	for _, r := range roles {
		c := r.Class()
		if c == "" {
			continue
		}
		if class != "" && c != class {
			return FieldErrorf(EInvalid, "roles", "同一用户不能同时承担%s和%s职责（等保三员分立）", class.Label(), c.Label())
		}
		class = c
	}
	return nil
}

// Principal is the signed-in user as every check sees it: who, from where,
// what they may do and which units' records they reach.
type Principal struct {
	UserID      int64
	Username    string
	DisplayName string
	OrgUnitID   int64
	OrgUnitName string
	IP          string
	UserAgent   string
	System      bool // the program itself or its console: everything, everywhere
	MustChange  bool // must change the password before doing anything else
	// PasswordSetBy names the administrator who set the password this
	// session was opened with (a reset or an initial password): he knew it,
	// so what the session does is audited as done under it. "" otherwise.
	PasswordSetBy string
	// ViaToken: the request came with an API token, not a browser session
	ViaToken bool

	perms map[string]bool
	all   bool           // scope: everything
	units map[int64]bool // scope: these units
	self  bool           // scope: also records the user created
}

// NewPrincipal combines the user's roles: permissions and scopes add up.
func NewPrincipal(u *User, roles []*Role, tree *OrgTree) *Principal {
	p := &Principal{UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName, OrgUnitID: u.OrgUnitID,
		MustChange: u.MustChangePassword, perms: map[string]bool{}, units: map[int64]bool{}}
	if unit := tree.ByID(u.OrgUnitID); unit != nil {
		p.OrgUnitName = unit.Name
	}
	for _, r := range roles {
		for _, c := range r.Permissions {
			p.perms[c] = true
		}
		switch r.Scope {
		case ScopeAll:
			p.all = true
		case ScopeSubtree:
			for _, s := range tree.Subtree(u.OrgUnitID) {
				p.units[s.ID] = true
			}
		case ScopeUnit:
			p.units[u.OrgUnitID] = true
		case ScopeSelf:
			p.self = true
		case ScopeCustom:
			for _, id := range r.ScopeUnits {
				p.units[id] = true
			}
		}
	}
	return p
}

// SystemPrincipal acts for the program itself: first-start setup and
// commands run on the server's console.
var SystemPrincipal = &Principal{Username: "system", System: true, all: true}

// Can reports whether the principal holds the permission.
func (p *Principal) Can(perm string) bool {
	if p == nil {
		return false
	}
	return p.System || p.perms[perm]
}

// Perms lists the principal's permissions, sorted.
func (p *Principal) Perms() []string {
	var out []string
	for c := range p.perms {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// SeesAll reports whether the scope is unlimited.
func (p *Principal) SeesAll() bool { return p != nil && (p.System || p.all) }

// SeesUnit reports whether records of the unit are within scope.
func (p *Principal) SeesUnit(id int64) bool {
	return p.SeesAll() || (p != nil && p.units[id])
}

// ScopeUnits lists the units in scope (nil when the scope is unlimited).
func (p *Principal) ScopeUnits() []int64 {
	if p.SeesAll() {
		return nil
	}
	out := make([]int64, 0, len(p.units))
	for id := range p.units {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// SeesOwn reports whether records the user created are in scope whatever
// their unit (仅本人).
func (p *Principal) SeesOwn() bool { return p != nil && p.self }

// EnterpriseReach is what the checks need to know of a shared enterprise
// record: the units of its projects (voided ones included) and who
// registered it. Enterprises are one register for the whole region, and
// their tags feed 新引进优强企业, so who may change one follows its projects.
type EnterpriseReach struct {
	ProjectUnits []int64 // distinct units of its projects
	CreatedBy    int64   // the user who registered it (0: the system)
	CreatorUnit  int64   // that user's unit
}

// MayEditEnterprise says whether p may change the enterprise or add its
// contacts: the bureau (scope 全部), or whoever reaches every one of its
// projects, which for a county is the one county that alone holds them;
// an enterprise without projects, whoever reaches its registrar's unit.
func (p *Principal) MayEditEnterprise(r EnterpriseReach) bool {
	if p.SeesAll() {
		return true
	}
	if len(r.ProjectUnits) == 0 {
		return p.registered(r)
	}
	for _, u := range r.ProjectUnits {
		if !p.SeesUnit(u) {
			return false
		}
	}
	return true
}

// ReachesEnterprise says whether p may see the enterprise's contacts and
// reveal their numbers: it has a project within p's scope, or, without
// projects, p reaches its registrar's unit.
func (p *Principal) ReachesEnterprise(r EnterpriseReach) bool {
	if p.SeesAll() {
		return true
	}
	if len(r.ProjectUnits) == 0 {
		return p.registered(r)
	}
	for _, u := range r.ProjectUnits {
		if p.SeesUnit(u) {
			return true
		}
	}
	return false
}

func (p *Principal) registered(r EnterpriseReach) bool {
	return p != nil && ((r.CreatedBy != 0 && r.CreatedBy == p.UserID) || (r.CreatorUnit != 0 && p.SeesUnit(r.CreatorUnit)))
}

// MayEditProject says whether p may change the project on its page: its
// details, its receipts and its attachments. A voided project is kept as it
// was; otherwise whoever holds project:edit may, within the scope in which
// the service let p read it. A change that touches a locked month is still
// refused by the service, with the month that locks it.
func (p *Principal) MayEditProject(pr *Project) bool {
	return pr != nil && !pr.Voided && p.Can(PermProjectEdit)
}

type principalKey struct{}

// WithPrincipal returns a context carrying the acting principal.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal of ctx, or nil when nobody is signed in.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// SystemContext is a context acting as the program itself.
func SystemContext(ctx context.Context) context.Context {
	return WithPrincipal(ctx, SystemPrincipal)
}

// Authorize is the one check every service call starts with: somebody is
// signed in, has changed an initial password, and holds the permission.
func Authorize(ctx context.Context, perm string) (*Principal, error) {
	p := PrincipalFrom(ctx)
	if p == nil {
		return nil, Errorf(EUnauthorized, "请先登录")
	}
	if p.MustChange {
		return nil, Errorf(EForbidden, "请先修改初始密码")
	}
	if !p.Can(perm) {
		return nil, Errorf(EForbidden, "您没有此项操作的权限")
	}
	return p, nil
}

// AuthorizeAny is Authorize for a call that any one of perms allows.
func AuthorizeAny(ctx context.Context, perms ...string) (*Principal, error) {
	var err error
	for _, perm := range perms {
		var p *Principal
		if p, err = Authorize(ctx, perm); err == nil {
			return p, nil
		}
		if ErrorCode(err) != EForbidden || PrincipalFrom(ctx).MustChange {
			return nil, err
		}
	}
	return nil, err
}

// SignedIn returns the principal of ctx, allowing a user who still has to
// change an initial password (for the password change itself).
func SignedIn(ctx context.Context) (*Principal, error) {
	p := PrincipalFrom(ctx)
	if p == nil {
		return nil, Errorf(EUnauthorized, "请先登录")
	}
	return p, nil
}
