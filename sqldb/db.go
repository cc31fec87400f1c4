// Package sqldb implements the domain services on database/sql for SQLite
// (modernc.org/sqlite, pure Go) and PostgreSQL (pgx). It owns the schema and
// its migrations, and it writes the audit entry of every change in the same
// transaction as the change.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // driver "sqlite"
)

//go:embed migrations
var migrations embed.FS

// DB is an open database: a writer and a reader pool. On SQLite the writer
// is one connection (SQLite allows one writer at a time; queuing in Go is
// kinder than SQLITE_BUSY) and the readers run beside it under WAL. On
// PostgreSQL both are the same pool.
type DB struct {
	dialect dialect
	write   *sql.DB
	read    *sql.DB
	URL     string // as given, for messages; never holds a password in logs
	now     func() time.Time
}

// OpenError is a database that cannot be used, said in one line with what
// to do about it.
type OpenError struct {
	Msg string
	Err error
}

func (e *OpenError) Error() string { return e.Msg }
func (e *OpenError) Unwrap() error { return e.Err }

// Open connects to the database named by url (sqlite:PATH or
// postgres://…), brings its schema up to date and returns it. A database
// whose schema is newer than this program is refused.
func Open(ctx context.Context, url string) (*DB, error) {
	var db *DB
	var err error
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		db, err = openSQLite(strings.TrimPrefix(url, "sqlite:"))
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db, err = openPostgres(ctx, url)
	default:
		return nil, &OpenError{Msg: fmt.Sprintf("无法识别的数据库地址“%s”：应为 sqlite:文件路径 或 postgres://用户@主机:端口/库名", redact(url))}
	}
	if err != nil {
		return nil, err
	}
	db.URL = redact(url)
	db.now = func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.ensureAggregates(ctx); err != nil {
		db.Close()
		return nil, &OpenError{Msg: fmt.Sprintf("数据库“%s”的统计汇总无法从原始记录生成：%v", db.URL, err), Err: err}
	}
	return db, nil
}

// busyTimeout is how long a write waits for another process holding the
// SQLite file (a command-line import beside the server) before it answers
// zhaoshang.ErrBusy.
var busyTimeout = 10 * time.Second

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, &OpenError{Msg: "数据库地址 sqlite: 后缺少文件路径，例如 sqlite:zhaoshang.db"}
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, &OpenError{Msg: fmt.Sprintf("数据库目录“%s”不存在：请先创建该目录，或用 --db 指定其他位置", dir), Err: err}
	}
	if err := checkWritable(path); err != nil {
		return nil, &OpenError{Msg: fmt.Sprintf("数据库文件“%s”不可写（%v）：请检查文件和目录的权限，或用 --db 指定其他位置", path, err), Err: err}
	}
	common := fmt.Sprintf("_pragma=foreign_keys(1)&_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_time_format=sqlite", busyTimeout.Milliseconds())
	w, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_txlock=immediate&"+common)
	if err != nil {
		return nil, &OpenError{Msg: fmt.Sprintf("无法打开数据库文件“%s”：%v", path, err), Err: err}
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// open the writer first: it creates the file and switches it to WAL
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, &OpenError{Msg: fmt.Sprintf("无法打开数据库文件“%s”（%v）：请检查文件是否损坏、权限是否正确", path, err), Err: err}
	}
	r, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)&"+common)
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(8)
	return &DB{dialect: sqliteDialect{}, write: w, read: r}, nil
}

// checkWritable creates the file if missing and opens it for writing, so a
// read-only file or directory is found before SQLite says "readonly
// database" halfway through a migration.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	f.Close()
	// WAL needs to create path-wal and path-shm beside the file
	probe := filepath.Join(filepath.Dir(path), ".zhaoshang-write-probe")
	g, err := os.OpenFile(probe, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("目录不可写：%w", errors.Unwrap(err))
	}
	g.Close()
	os.Remove(probe)
	return nil
}

func openPostgres(ctx context.Context, url string) (*DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, &OpenError{Msg: fmt.Sprintf("PostgreSQL 连接地址“%s”格式不正确：%v", redact(url), err), Err: err}
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		var ne net.Error
		hint := "请确认服务器已启动、地址和端口正确、数据库已创建、用户有权登录"
		if errors.As(err, &ne) || strings.Contains(err.Error(), "connect") {
			hint = "请确认 PostgreSQL 已启动并在该地址监听，数据库已创建"
		}
		return nil, &OpenError{Msg: fmt.Sprintf("无法连接 PostgreSQL“%s”（%s）：%s", redact(url), firstLine(err.Error()), hint), Err: err}
	}
	return &DB{dialect: postgresDialect{}, write: db, read: db}, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// redact hides a password in a connection URL.
func redact(url string) string {
	at := strings.LastIndexByte(url, '@')
	sch := strings.Index(url, "://")
	if at < 0 || sch < 0 || at < sch {
		return url
	}
	cred := url[sch+3 : at]
	if i := strings.IndexByte(cred, ':'); i >= 0 {
		return url[:sch+3] + cred[:i] + ":***" + url[at:]
	}
	return url
}

// migrate brings the schema up to date, refusing a schema newer than ours.
func (db *DB) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.name())
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(db.dialect.gooseDialect(), db.write, sub)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	sources := p.ListSources()
	latest := sources[len(sources)-1].Version
	current, err := p.GetDBVersion(ctx)
	if err != nil && !errors.Is(err, goose.ErrNoCurrentVersion) {
		return &OpenError{Msg: fmt.Sprintf("无法读取数据库“%s”的结构版本：%v", db.URL, err), Err: err}
	}
	if current > latest {
		return &OpenError{Msg: fmt.Sprintf("数据库“%s”的结构版本（%d）比本程序支持的版本（%d）新：请使用更新版本的 zhaoshang，不要用旧版本打开新数据", db.URL, current, latest)}
	}
	if _, err := p.Up(ctx); err != nil {
		return &OpenError{Msg: fmt.Sprintf("数据库“%s”结构升级失败：%v", db.URL, firstLine(err.Error())), Err: err}
	}
	return nil
}

// SchemaVersion is the version of the newest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	sub, _ := fs.Sub(migrations, "migrations/"+db.dialect.name())
	p, err := goose.NewProvider(db.dialect.gooseDialect(), db.write, sub)
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

// Ping says whether the database answers (for /readyz).
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// Now is the database's clock: the time every write is stamped with. The
// screens read the same one (web.Services.Now), so one clock rules all.
func (db *DB) Now() time.Time { return db.now() }

// Dialect is "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name() }

// Close closes both pools; on SQLite the writer last, so the WAL is checkpointed.
func (db *DB) Close() error {
	var err error
	if db.read != db.write {
		err = db.read.Close()
	}
	return errors.Join(err, db.write.Close())
}
