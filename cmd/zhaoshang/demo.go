package main

import (
	"context"

	"zhaoshang"
	"zhaoshang/password"
	"zhaoshang/sqldb"
)

// demoAccounts are one account per built-in role, for trying the system.
var demoAccounts = []struct {
	Username, DisplayName, Unit, Role string
}{
	{"demo_sys", "演示·系统管理员", "522600", zhaoshang.RoleSysAdmin},
	{"demo_sec", "演示·安全管理员", "522600", zhaoshang.RoleSecAdmin},
	{"demo_audit", "演示·审计管理员", "522600", zhaoshang.RoleAuditAdmin},
	{"demo_bureau", "演示·州投资促进局", "522600-BM01", zhaoshang.RoleBureauAdmin},
	{"demo_kaili", "演示·凯里市填报员", "522601", zhaoshang.RoleCountyClerk},
	{"demo_dept", "演示·州发展改革委", "522600-BM02", zhaoshang.RoleDeptHandler},
	{"demo_leader", "演示·州领导", "522600", zhaoshang.RoleLeader},
	{"demo_zb", "演示·工业化专班", "522600-ZB01", zhaoshang.RoleTaskForceMem},
}

// demoUsers creates the demo accounts with generated passwords; they need
// not be changed at first login.
func demoUsers(ctx context.Context, db *sqldb.DB) ([]sqldb.Credential, error) {
	users := sqldb.NewUserService(db)
	tree, err := sqldb.NewOrgService(db).Tree(ctx)
	if err != nil {
		return nil, err
	}
	var out []sqldb.Credential
	for _, a := range demoAccounts {
		unit := tree.ByCode(a.Unit)
		if unit == nil {
			unit = tree.Roots()[0]
		}
		pw := password.Generate()
		in := zhaoshang.UserInput{Username: a.Username, DisplayName: a.DisplayName, OrgUnitID: unit.ID}
		if _, err := users.CreateUserWithPassword(ctx, in, pw, false, []string{a.Role}); err != nil {
			return nil, err
		}
		out = append(out, sqldb.Credential{Username: a.Username, DisplayName: a.DisplayName, Role: a.Role, Password: pw})
	}
	return out, nil
}
