package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"

	"zhaoshang"
	"zhaoshang/ledger"
	"zhaoshang/sqldb"
	"zhaoshang/web"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs, dbURL := flags(e, "serve")
	addr := fs.String("addr", "127.0.0.1:8080", "监听地址 HOST:PORT")
	orgFile := fs.String("org-file", "", "首次启动时导入的组织机构文件（CSV：code,name,parent_code,kind）；不指定则使用黔东南州的组织机构")
	logFormat := fs.String("log-format", "text", "日志格式：text 或 json")
	logLevel := fs.String("log-level", "info", "日志级别：debug、info、warn、error")
	demo := fs.Bool("demo", false, "数据库为空时先载入演示数据（黔东南州的项目、企业和到位资金；每个角色一个演示账户，密码打印在控制台）")
	trustProxy := fs.Bool("trust-proxy", false, "前面有反向代理：采用其 X-Real-IP 和 X-Forwarded-Proto（只在外部无法绕过代理时开启）")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "zhaoshang serve: 多余的参数“%s”\n", rest[0])
		return exitUsage
	}
	log, err := newLogger(e.stderr, *logFormat, *logLevel)
	if err != nil {
		fmt.Fprintln(e.stderr, "zhaoshang serve: "+err.Error())
		return exitUsage
	}
	// Listen before opening the database: a port in use is found at once.
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "zhaoshang serve: "+listenError(*addr, err))
		return exitUsage
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		l.Close()
		return exitUsage
	}
	defer db.Close()
	sctx := zhaoshang.SystemContext(ctx)
	fresh, code := ensureOrg(sctx, e, db, *orgFile)
	if code != exitOK {
		l.Close()
		return code
	}
	if code := ensureAccounts(sctx, e, db, fresh && *demo); code != exitOK {
		l.Close()
		return code
	}
	if *demo {
		if code := demoIfEmpty(sctx, e, db); code != exitOK {
			l.Close()
			return code
		}
	}
	srv := web.New(web.Services{
		Org:   sqldb.NewOrgService(db),
		Audit: sqldb.NewAuditService(db),
		Auth:  sqldb.NewAuthService(db),
		Users: sqldb.NewUserService(db),
		Ping:  db.Ping,
		Now:   db.Now,

		Projects:    sqldb.NewProjectService(db),
		Enterprises: sqldb.NewEnterpriseService(db),
		Stats:       sqldb.NewStatsService(db),
		Targets:     sqldb.NewTargetService(db),
		Schemes:     sqldb.NewSchemeService(db),
		Reviews:     sqldb.NewReviewService(db),
		Quality:     sqldb.NewQualityService(db),
	}, log)
	srv.TrustProxy = *trustProxy
	// the nightly run ends with ctx; the database closes only after it has
	var nightly sync.WaitGroup
	nightly.Go(func() { runNightly(ctx, log, sqldb.NewQualityService(db).RunChecks) })
	defer nightly.Wait()
	log.Info("zhaoshang serving", "addr", "http://"+l.Addr().String(), "db", db.URL, "dialect", db.Dialect(), "version", version)
	if err := srv.Serve(ctx, l); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("server stopped", "err", err)
		return exitUsage
	}
	log.Info("zhaoshang stopped")
	return exitOK
}

func listenError(addr string, err error) string {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Sprintf("地址 %s 已被占用：请停止占用该端口的程序，或用 --addr 指定其他端口", addr)
	case errors.Is(err, syscall.EACCES), errors.Is(err, os.ErrPermission):
		return fmt.Sprintf("没有权限监听 %s：1024 以下的端口需要管理员权限，请用 --addr 指定其他端口", addr)
	}
	return fmt.Sprintf("无法监听 %s（%v）：请用 --addr 指定正确的 HOST:PORT", addr, err)
}

// ensureOrg gives an empty database its organisation tree: the file named,
// or the tree of 黔东南州. fresh says the database was empty.
func ensureOrg(ctx context.Context, e *env, db *sqldb.DB, file string) (fresh bool, code int) {
	org := sqldb.NewOrgService(db)
	tree, err := org.Tree(ctx)
	if err != nil {
		return false, refused(e, err)
	}
	if len(tree.Units) > 0 {
		return false, exitOK
	}
	rows := ledger.DefaultOrgRows()
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(e.stderr, "zhaoshang: 无法读取组织机构文件“%s”：%v\n", file, err)
			return false, exitUsage
		}
		if rows, err = ledger.ParseOrgCSV(b); err != nil {
			return false, refused(e, err)
		}
	}
	if err := org.ImportTree(ctx, rows); err != nil {
		return false, refused(e, err)
	}
	return true, exitOK
}

// ensureAccounts creates the built-in roles and, on an empty database, the
// first accounts, whose passwords are printed once on the console.
func ensureAccounts(ctx context.Context, e *env, db *sqldb.DB, demo bool) int {
	users := sqldb.NewUserService(db)
	if err := users.EnsureRoles(ctx); err != nil {
		return refused(e, err)
	}
	creds, err := users.Bootstrap(ctx, e.getenv("ZHAOSHANG_ADMIN_PASSWORD"))
	if err != nil {
		return refused(e, err)
	}
	if len(creds) > 0 {
		fmt.Fprintln(e.stdout, "首次启动，已创建以下管理员账户（密码只显示这一次，首次登录后须修改）：")
		for _, c := range creds {
			fmt.Fprintf(e.stdout, "  %-12s %-8s 密码：%s\n", c.Username, c.DisplayName, c.Password)
		}
	}
	if demo {
		creds, err := demoUsers(ctx, db)
		if err != nil {
			return refused(e, err)
		}
		fmt.Fprintln(e.stdout, "演示账户（每个角色一个，仅供演示）：")
		for _, c := range creds {
			fmt.Fprintf(e.stdout, "  %-12s %-14s %-8s 密码：%s\n", c.Username, c.DisplayName, c.Role, c.Password)
		}
	}
	return exitOK
}
