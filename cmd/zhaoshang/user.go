package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"zhaoshang"
	"zhaoshang/password"
	"zhaoshang/sqldb"
)

// runUser keeps accounts from the server's console: add, passwd, disable.
func runUser(ctx context.Context, e *env, args []string) int {
	const use = "用法：zhaoshang user add USERNAME --name 姓名 --org 单位编码 [--role 角色代码,…] [--phone 电话] [--password-stdin]\n" +
		"      zhaoshang user passwd USERNAME [--password-stdin]\n" +
		"      zhaoshang user disable USERNAME"
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	sub := args[0]
	fs, dbURL := flags(e, "user "+sub)
	name := fs.String("name", "", "姓名")
	org := fs.String("org", "", "所属单位编码或名称")
	roles := fs.String("role", "", "角色代码，多个用逗号分隔（如 county_clerk）")
	phone := fs.String("phone", "", "电话")
	stdin := fs.Bool("password-stdin", false, "从标准输入读取密码（第一行）；不指定则生成随机密码并打印")
	rest, ok := parse(fs, args[1:])
	if !ok {
		return exitUsage
	}
	if len(rest) != 1 || (sub != "add" && sub != "passwd" && sub != "disable") {
		fmt.Fprintln(e.stderr, use)
		return exitUsage
	}
	username := rest[0]
	var plain string
	if *stdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		plain = strings.TrimRight(line, "\r\n")
		if plain == "" && err != nil {
			fmt.Fprintln(e.stderr, "zhaoshang: 标准输入中没有密码")
			return exitUsage
		}
	}
	db, ok := openDB(ctx, e, *dbURL)
	if !ok {
		return exitUsage
	}
	defer db.Close()
	ctx = zhaoshang.SystemContext(ctx)
	users := sqldb.NewUserService(db)
	if err := users.EnsureRoles(ctx); err != nil {
		return refused(e, err)
	}
	generated := plain == ""
	if generated {
		plain = password.Generate()
	}
	switch sub {
	case "add":
		tree, err := sqldb.NewOrgService(db).Tree(ctx)
		if err != nil {
			return refused(e, err)
		}
		unit := tree.Find(*org)
		if unit == nil {
			fmt.Fprintf(e.stderr, "zhaoshang: 单位“%s”不存在，请用 --org 给出单位编码或名称\n", *org)
			return exitRefused
		}
		var codes []string
		for _, c := range strings.Split(*roles, ",") {
			if c = strings.TrimSpace(c); c != "" {
				codes = append(codes, c)
			}
		}
		in := zhaoshang.UserInput{Username: username, DisplayName: *name, OrgUnitID: unit.ID, Phone: *phone}
		if _, err := users.CreateUserWithPassword(ctx, in, plain, true, codes); err != nil {
			return refused(e, err)
		}
		fmt.Fprintf(e.stdout, "已创建用户 %s（%s，%s），首次登录须修改密码\n", username, *name, unit.Name)
	case "passwd":
		u, err := users.UserByUsername(ctx, username)
		if err != nil {
			return refused(e, err)
		}
		if err := users.SetPassword(ctx, u.ID, plain, true); err != nil {
			return refused(e, err)
		}
		fmt.Fprintf(e.stdout, "已为用户 %s 设置新密码，下次登录须修改\n", username)
	case "disable":
		u, err := users.UserByUsername(ctx, username)
		if err != nil {
			return refused(e, err)
		}
		in := zhaoshang.UserInput{Username: u.Username, DisplayName: u.DisplayName, OrgUnitID: u.OrgUnitID, Phone: u.Phone, Active: false}
		if _, err := users.UpdateUser(ctx, u.ID, u.Version, in); err != nil {
			return refused(e, err)
		}
		fmt.Fprintf(e.stdout, "已停用用户 %s，其所有登录已失效\n", username)
		return exitOK
	}
	if generated {
		fmt.Fprintf(e.stdout, "密码：%s（只显示这一次）\n", plain)
	}
	return exitOK
}
