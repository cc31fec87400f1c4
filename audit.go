package zhaoshang

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Audit actions. Every change of business data, every import and export,
// every approval, login and permission change writes one entry.
const (
	ActCreate       = "create"
	ActUpdate       = "update"
	ActMove         = "move"
	ActDeactivate   = "deactivate"
	ActActivate     = "activate"
	ActDelete       = "delete"
	ActVoid         = "void"
	ActImport       = "import"
	ActExport       = "export"
	ActApprove      = "approve"
	ActLogin        = "login"
	ActLoginFailed  = "login_failed"
	ActLogout       = "logout"
	ActPermission   = "permission"
	ActPasswordSet  = "password"
	ActTokenCreate  = "token_create"
	ActTokenRevoke  = "token_revoke"
	ActRevealPhone  = "reveal"
	ActSystemConfig = "config"
)

// AuditEntry is one link of the append-only audit chain.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64
	ActorName  string
	ActorOrgID int64
	IP         string
	UserAgent  string
	Action     string
	Entity     string // e.g. "org_unit", "project"
	EntityID   string
	Before     json.RawMessage // nil for a creation
	After      json.RawMessage // nil for a deletion
	Note       string
	Alg        string
	PrevHash   string
	Hash       string
}

// canonical is the exact byte string that is hashed: every field in a fixed
// order, so the same entry hashes the same on SQLite and PostgreSQL.
func (e *AuditEntry) canonical() []byte {
	b, _ := json.Marshal([]string{
		strconv.FormatInt(e.ID, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10), e.ActorName, strconv.FormatInt(e.ActorOrgID, 10),
		e.IP, e.UserAgent, e.Action, e.Entity, e.EntityID,
		string(e.Before), string(e.After), e.Note,
	})
	return b
}

// ChainHasher links an entry to the one before it. SHA-256 now; SM3 can
// take its place for a 密评 deployment by adding a hasher under a new name.
type ChainHasher interface {
	Name() string
	Sum(prevHash string, canonical []byte) string
}

type sha256Chain struct{}

func (sha256Chain) Name() string { return "sha256" }
func (sha256Chain) Sum(prev string, canonical []byte) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{0})
	h.Write(canonical)
	return hex.EncodeToString(h.Sum(nil))
}

// ChainHashers are the hashers an audit chain may use, by name.
var ChainHashers = map[string]ChainHasher{"sha256": sha256Chain{}}

// DefaultChainHasher hashes new entries.
var DefaultChainHasher ChainHasher = sha256Chain{}

// Seal sets Alg, PrevHash and Hash of an entry that follows prevHash.
func (e *AuditEntry) Seal(prevHash string) {
	e.Alg = DefaultChainHasher.Name()
	e.PrevHash = prevHash
	e.Hash = DefaultChainHasher.Sum(prevHash, e.canonical())
}

// ChainVerifier walks the chain entry by entry, in id order.
type ChainVerifier struct {
	prevID   int64
	prevHash string
	Checked  int64
}

// Next checks one entry against the one before; the error names the first
// broken link.
func (v *ChainVerifier) Next(e *AuditEntry) error {
	if e.ID != v.prevID+1 {
		return fmt.Errorf("审计日志第%d条之后缺少第%d条（下一条为第%d条）：日志被删除", v.prevID, v.prevID+1, e.ID)
	}
	if e.PrevHash != v.prevHash {
		return fmt.Errorf("审计日志第%d条的前序哈希与第%d条不符：日志被删除或篡改", e.ID, v.prevID)
	}
	h, ok := ChainHashers[e.Alg]
	if !ok {
		return fmt.Errorf("审计日志第%d条使用未知的哈希算法“%s”", e.ID, e.Alg)
	}
	if h.Sum(e.PrevHash, e.canonical()) != e.Hash {
		return fmt.Errorf("审计日志第%d条的内容与其哈希不符：该条被篡改", e.ID)
	}
	v.prevID, v.prevHash = e.ID, e.Hash
	v.Checked++
	return nil
}

// End checks the stored head of the chain against the last entry walked.
func (v *ChainVerifier) End(headID int64, headHash string) error {
	if headID != v.prevID || headHash != v.prevHash {
		return fmt.Errorf("审计日志链尾应为第%d条，实际最后一条为第%d条：末尾的日志被删除或篡改", headID, v.prevID)
	}
	return nil
}

// AuditFilter selects entries for the audit viewer. Zero fields do not
// filter. Entries come newest first.
type AuditFilter struct {
	From, To  time.Time // To exclusive; zero: open
	ID        int64     // exactly this entry
	BeforeID  int64     // entries older than this one (keyset paging through a long trail)
	ActorID   int64
	ActorName string // the username as recorded, also for failed sign-ins of unknown names
	OrgUnitID int64  // the actor's unit
	Entity    string
	EntityID  string
	Action    string
	Actions   []string // any one of these actions
	Offset    int
	Limit     int  // at most 1000; 0: 50
	NoTotal   bool // skip the count (total comes back as -1), for paging by BeforeID
}

// AuditExportMax is the most entries one export may hold.
const AuditExportMax = 100000

// Describe states the filter in words for the note of an export entry:
// dates in Beijing time, codes as stored, paging left out.
func (f AuditFilter) Describe() string {
	var parts []string
	day := func(t time.Time) string { return t.In(Shanghai).Format("2006-01-02") }
	switch {
	case !f.From.IsZero() && !f.To.IsZero():
		parts = append(parts, "时间 "+day(f.From)+" 至 "+day(f.To.Add(-time.Nanosecond)))
	case !f.From.IsZero():
		parts = append(parts, "时间 "+day(f.From)+" 起")
	case !f.To.IsZero():
		parts = append(parts, "时间 至 "+day(f.To.Add(-time.Nanosecond)))
	}
	if f.ID != 0 {
		parts = append(parts, "序号 "+strconv.FormatInt(f.ID, 10))
	}
	if f.ActorID != 0 {
		parts = append(parts, "操作人ID "+strconv.FormatInt(f.ActorID, 10))
	}
	if f.ActorName != "" {
		parts = append(parts, "操作人 "+f.ActorName)
	}
	if f.OrgUnitID != 0 {
		parts = append(parts, "单位ID "+strconv.FormatInt(f.OrgUnitID, 10))
	}
	if f.Entity != "" {
		parts = append(parts, "对象 "+f.Entity)
	}
	if f.EntityID != "" {
		parts = append(parts, "对象ID "+f.EntityID)
	}
	if f.Action != "" {
		parts = append(parts, "操作 "+f.Action)
	}
	if len(f.Actions) > 0 {
		parts = append(parts, "操作 "+strings.Join(f.Actions, "/"))
	}
	if len(parts) == 0 {
		return "全部"
	}
	return strings.Join(parts, "，")
}

// AuditService reads the trail. Writing happens inside each service's
// transaction, never through this interface; the one entry it writes is
// the record of an export of the trail itself.
type AuditService interface {
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
	VerifyAudit(ctx context.Context) (checked int64, err error)
	// RecordExport records that the caller exported the rows f selects.
	RecordExport(ctx context.Context, f AuditFilter, rows int) error
	// RecordDownload records that the signed-in caller took a document
	// out of the system (the organisation file, a 月调度, 季通报 or 年考核):
	// entity names the kind, id the period or unit, note says what.
	RecordDownload(ctx context.Context, entity, id, note string) error
}
