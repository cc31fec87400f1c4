package quality

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"zhaoshang"
)

// Snapshot is everything the rules look at. Voided projects and receipts
// may be included; the rules ignore them, and the receipts of a voided
// project too.
type Snapshot struct {
	Projects     []*zhaoshang.Project
	Receipts     []*zhaoshang.FundReceipt
	ReceiptScans map[int64]bool               // receipt IDs with an evidence scan attached
	CountyOf     func(orgUnitID int64) string // a county's display name; may be nil
}

// Detection is one finding of one rule about one subject.
type Detection struct {
	Rule      string // rule code, e.g. "Q101"
	Severity  zhaoshang.Severity
	OrgUnitID int64 // the county the finding belongs to
	ProjectID int64 // 0 when the finding is about a county-month or county-year
	// OtherProjectID is the second project of a pair (Q106: the one with
	// the lower ID); 0 otherwise.
	OtherProjectID int64
	ReceiptID      int64           // 0 when not about one receipt
	Month          zhaoshang.Month // the month concerned, zero when none
	// Year is the statistical year: the signing year of a project (else the
	// year of its first stage date, else the year it was entered), the year
	// of a receipt, or the year examined; 0 only when nothing gives one.
	Year int
	// Key names the finding across runs: rule code and subject. Subjects:
	// project:<id> (Q101, Q103, Q105), receipt:<id> (Q102, Q104),
	// pair:<lower id>:<higher id> (Q106), org:<id>:<YYYY-MM> (Q107) and
	// org:<id>:<year> (Q108). The store keeps a finding's status (open,
	// explained, fixed) by it.
	Key     string
	Message string // a full Chinese sentence naming the record and the figures
}

// Scopes: what a rule's finding is about.
const (
	ScopeProject     = "project"
	ScopeReceipt     = "receipt"
	ScopePair        = "pair"
	ScopeCountyMonth = "county-month"
	ScopeCountyYear  = "county-year"
)

// Rule is one entry of the catalogue.
type Rule struct {
	Code     string
	Severity zhaoshang.Severity // the most serious severity its findings carry
	Title    string             // short Chinese title for lists
	Scope    string             // one of the Scope constants
	Explain  string             // one Chinese sentence: what it checks and why
	// check finds the rule's detections. It may leave Severity empty (the
	// rule's own is used) and sets Key to the subject only ("project:42");
	// the engine fills in the code.
	check func(*run) []Detection
}

// OnSave reports whether the rule looks at single records (projects,
// receipts, pairs of projects) and so runs when a project is saved; the
// county statistics (Q107, Q108) need a whole county's year and run only
// nightly and on demand.
func (r *Rule) OnSave() bool {
	return r.Scope == ScopeProject || r.Scope == ScopeReceipt || r.Scope == ScopePair
}

// Rules is the catalogue, in code order: the one place every rule lives.
var Rules = []Rule{
	{"Q101", zhaoshang.SeverityError, "项目阶段日期顺序错误", ScopeProject,
		"检查签约、开工、投产、达效日期是否依次不早于前一阶段，且填写后一阶段日期时已填写前一阶段日期，顺序错误会使开工率、投产率失真。", checkStageOrder},
	{"Q102", zhaoshang.SeverityError, "到位资金早于签约", ScopeReceipt,
		"检查每笔到位资金的月份是否不早于项目签约月份，未签约或签约前的资金不应计入新增到位资金。", checkReceiptsBeforeSigning},
	{"Q103", zhaoshang.SeverityWarning, "累计到位资金超过合同投资额", ScopeProject,
		"检查项目累计到位资金是否超过合同约定投资额，超出部分可能是重复填报或金额单位错误。", checkReceiptsAboveContract},
	{"Q104", zhaoshang.SeverityWarning, "大额到位资金缺少凭证", ScopeReceipt,
		"检查达到凭证核验标准的单笔到位资金是否有凭证佐证（银行进账单等的编号或扫描件），大额资金不得无据填报。", checkLargeReceiptsWithoutEvidence},
	{"Q105", zhaoshang.SeverityWarning, "重点产业项目不符合认定条件", ScopeProject,
		"检查标为重点产业项目的项目是否达到合同投资额标准、投资方是否来自本地以外、所属行业是否不在排除之列，不符合条件的项目不应计入新引进重点产业项目。", checkKeyCriteria},
	{"Q106", zhaoshang.SeverityWarning, "疑似跨县市重复统计", ScopePair,
		"检查不同县市是否登记了投资方统一社会信用代码相同或名称高度相似、投资额相近的项目，同一项目被两地同时统计会虚增全州数据。", checkDuplicatesAcrossCounties},
	{"Q107", zhaoshang.SeverityWarning, "月度到位资金异常突增", ScopeCountyMonth,
		"以修正Z值检查县市各月到位资金是否显著高于本年其他月份，季末、年末突增提示可能存在集中突击填报（季末、年末为警告，其他月份为提示）。", checkMonthlySpikes},
	{"Q108", zhaoshang.SeverityInfo, "到位资金首位数字分布异常", ScopeCountyYear,
		"以本福特定律检查县市全年到位资金金额首位数字的分布，偏离过大提示金额可能系人为编造而非据实填报。", checkFirstDigits},
}

// Lookup finds a rule by its code; nil when there is none. The rule is
// the catalogue's own: read it, do not change it.
func Lookup(code string) *Rule {
	for i := range Rules {
		if Rules[i].Code == code {
			return &Rules[i]
		}
	}
	return nil
}

// Run applies every rule to everything in the snapshot. The detections
// come sorted by rule code, then county, then key.
func Run(s *Snapshot, cfg Config) []Detection {
	if s == nil {
		return nil
	}
	return newRun(s, cfg, nil).apply(func(*Rule) bool { return true })
}

// RunFor applies the rules that look at single records (Rule.OnSave) to the
// given projects only: what a save checks. It returns the detections about
// those projects, their receipts, and the pairs they are part of (the
// other project may be any in the snapshot). The county statistics Q107 and
// Q108 are skipped: one saved record does not make a county's year, and
// they run nightly.
func RunFor(s *Snapshot, cfg Config, projectIDs ...int64) []Detection {
	if s == nil || len(projectIDs) == 0 {
		return nil
	}
	focus := make(map[int64]bool, len(projectIDs))
	for _, id := range projectIDs {
		focus[id] = true
	}
	return newRun(s, cfg, focus).apply((*Rule).OnSave)
}

// run is one pass of the engine: the snapshot indexed once for all rules.
type run struct {
	s     *Snapshot
	cfg   Config
	focus map[int64]bool // projects concerned; nil means all

	projects []*zhaoshang.Project               // live projects by ID
	byID     map[int64]*zhaoshang.Project       // live projects
	receipts map[int64][]*zhaoshang.FundReceipt // live receipts of live projects, by month then ID
}

func newRun(s *Snapshot, cfg Config, focus map[int64]bool) *run {
	r := &run{s: s, cfg: cfg, focus: focus,
		byID:     make(map[int64]*zhaoshang.Project, len(s.Projects)),
		receipts: make(map[int64][]*zhaoshang.FundReceipt, len(s.Projects)),
	}
	for _, p := range s.Projects {
		if p != nil && !p.Voided {
			r.projects = append(r.projects, p)
			r.byID[p.ID] = p
		}
	}
	slices.SortFunc(r.projects, func(a, b *zhaoshang.Project) int { return cmp.Compare(a.ID, b.ID) })
	for _, f := range s.Receipts {
		if f != nil && !f.Voided && r.byID[f.ProjectID] != nil {
			r.receipts[f.ProjectID] = append(r.receipts[f.ProjectID], f)
		}
	}
	for _, fs := range r.receipts {
		slices.SortFunc(fs, func(a, b *zhaoshang.FundReceipt) int {
			return cmp.Or(monthCompare(a.Month, b.Month), cmp.Compare(a.ID, b.ID))
		})
	}
	return r
}

func (r *run) apply(use func(*Rule) bool) []Detection {
	var out []Detection
	for i := range Rules {
		rule := &Rules[i]
		if !use(rule) {
			continue
		}
		for _, d := range rule.check(r) {
			d.Rule = rule.Code
			if d.Severity == "" {
				d.Severity = rule.Severity
			}
			d.Key = rule.Code + ":" + d.Key
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b Detection) int {
		return cmp.Or(strings.Compare(a.Rule, b.Rule), cmp.Compare(a.OrgUnitID, b.OrgUnitID), strings.Compare(a.Key, b.Key))
	})
	return out
}

// wants reports whether a finding about the project is asked for.
func (r *run) wants(projectID int64) bool { return r.focus == nil || r.focus[projectID] }

// county names a county for a message.
func (r *run) county(id int64) string {
	if r.s.CountyOf != nil {
		if n := strings.TrimSpace(r.s.CountyOf(id)); n != "" {
			return n
		}
	}
	return fmt.Sprintf("县市（编号%d）", id)
}

// projectLabel names a project in a message: 项目“名称”（编号）.
func projectLabel(p *zhaoshang.Project) string {
	if p.Code == "" {
		return "项目“" + p.Name + "”"
	}
	return "项目“" + p.Name + "”（" + p.Code + "）"
}

// wan writes an amount as the ledgers speak: 12,500.00万元.
func wan(m zhaoshang.Money) string { return m.FormatWan(2) + "万元" }

// percent writes a fraction as a percentage without needless decimals: 0.05 → 5%.
func percent(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f*100), "0"), ".") + "%"
}

func monthCompare(a, b zhaoshang.Month) int {
	return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.M, b.M))
}
