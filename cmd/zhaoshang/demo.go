package main

import (
	"context"
	"fmt"
	"time"

	"zhaoshang"
	"zhaoshang/demo"
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

// runDemo loads the demo data into a database without projects, creating
// the organisation tree of 黔东南州 and the accounts first as serve does.
func runDemo(ctx context.Context, e *env, args []string) int {
	fs, dbURL := flags(e, "demo")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "zhaoshang demo: 多余的参数“%s”\n", rest[0])
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	sctx := zhaoshang.SystemContext(ctx)
	fresh, code := ensureOrg(sctx, e, db, "")
	if code != exitOK {
		return code
	}
	if _, err := demo.Check(sctx, demoServices(db)); err != nil {
		return refused(e, err)
	}
	withDemoUsers := fresh
	if !fresh {
		_, err := sqldb.NewUserService(db).UserByUsername(sctx, demoAccounts[0].Username)
		withDemoUsers = zhaoshang.ErrorCode(err) == zhaoshang.ENotFound
	}
	if code := ensureAccounts(sctx, e, db, withDemoUsers); code != exitOK {
		return code
	}
	return loadDemo(sctx, e, db)
}

func demoServices(db *sqldb.DB) demo.Services {
	return demo.Services{
		Org:         sqldb.NewOrgService(db),
		Projects:    sqldb.NewProjectService(db),
		Enterprises: sqldb.NewEnterpriseService(db),
		Targets:     sqldb.NewTargetService(db),
		Reviews:     sqldb.NewReviewService(db),
	}
}

// projectCount counts the projects in the database, live and voided.
func projectCount(ctx context.Context, e *env, db *sqldb.DB) (int, int) {
	n := 0
	for _, voided := range []bool{false, true} {
		_, tot, err := sqldb.NewProjectService(db).Projects(ctx, zhaoshang.ProjectFilter{Voided: voided, Limit: 1})
		if err != nil {
			return 0, refused(e, err)
		}
		n += tot.Count
	}
	return n, exitOK
}

// demoIfEmpty loads the demo data when the database holds no project
// (serve --demo): a database in use is left as it is.
func demoIfEmpty(ctx context.Context, e *env, db *sqldb.DB) int {
	n, code := projectCount(ctx, e, db)
	if code != exitOK || n > 0 {
		return code
	}
	return loadDemo(ctx, e, db)
}

// loadDemo writes the demo data and says what it wrote.
func loadDemo(ctx context.Context, e *env, db *sqldb.DB) int {
	start := time.Now()
	if err := demo.Load(ctx, demoServices(db)); err != nil {
		return refused(e, err)
	}
	d := demo.Data()
	fmt.Fprintf(e.stdout, "已载入演示数据（%.1f秒）：项目%d个（其中已作废%d个），到位资金记录%d条（其中已作废%d条），带标签企业%d家。\n",
		time.Since(start).Seconds(), len(d.Projects), len(d.VoidProjects), len(d.Funds), len(d.VoidReceipts), len(d.Enterprises))
	fmt.Fprintf(e.stdout, "2021年1—6月全州：新引进重点产业项目%d个，合同投资%s亿元，新引进优强企业%d家，新增到位资金%s亿元（重点产业项目%s亿元，工业项目%s亿元），开工%d个，投产%d个。\n",
		demo.KeyProjects21, demo.ContractInvestment21.FormatYi(1), demo.StrongEnterprises21, demo.FundsInPlace21.FormatYi(1),
		demo.KeyFunds21.FormatYi(1), demo.IndustrialFunds21.FormatYi(1), demo.Started21, demo.Producing21)
	return exitOK
}
