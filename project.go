package zhaoshang

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Area is one of the four investment areas (四化) or 其他.
type Area string

const (
	AreaIndustry    Area = "新型工业化"
	AreaUrbanism    Area = "新型城镇化"
	AreaAgriculture Area = "农业现代化"
	AreaTourism     Area = "旅游产业化"
	AreaOther       Area = "其他"
)

// areas in the order screens and ledgers list them.
var areas = []Area{AreaIndustry, AreaUrbanism, AreaAgriculture, AreaTourism, AreaOther}

// Areas lists them; the list is a copy, so no caller can change it for the others.
func Areas() []Area { return slices.Clone(areas) }

// FundSource is where received money comes from.
type FundSource string

const (
	SourceOutOfProvince FundSource = "省外境内"
	SourceForeign       FundSource = "境外"
	SourceInProvince    FundSource = "省内"
)

// fundSources in the order screens list them.
var fundSources = []FundSource{SourceOutOfProvince, SourceForeign, SourceInProvince}

// FundSources lists them; the list is a copy, so no caller can change it for the others.
func FundSources() []FundSource { return slices.Clone(fundSources) }

// Stage is where a project stands in its life.
type Stage string

const (
	StageIntention Stage = "意向"
	StageSigned    Stage = "签约"
	StageStarted   Stage = "开工"
	StageProducing Stage = "投产"
	StageEffective Stage = "达效"
)

// stages in the order of a project's life.
var stages = []Stage{StageIntention, StageSigned, StageStarted, StageProducing, StageEffective}

// Stages lists them; the list is a copy, so no caller can change it for the others.
func Stages() []Stage { return slices.Clone(stages) }

// enterpriseTags offered on the enterprise form; which of them make an
// enterprise 优强 is configured (StrongTags).
var enterpriseTags = []string{"世界500强", "中国500强", "民营500强", "上市公司", "央企", "行业龙头", "高新技术企业", "优强企业"}

// EnterpriseTags lists them; the list is a copy, so no caller can change it for the others.
func EnterpriseTags() []string { return slices.Clone(enterpriseTags) }

// defaultStrongTags are the tags that make an enterprise strong until the
// bureau configures otherwise. 优强企业 is the tag a ledger's 优强企业=是 sets.
var defaultStrongTags = []string{"世界500强", "中国500强", "民营500强", "上市公司", "央企", "行业龙头", "优强企业"}

// DefaultStrongTags lists them; the list is a copy, so no caller can change it for the others.
func DefaultStrongTags() []string { return slices.Clone(defaultStrongTags) }

// IsStrong says whether an enterprise with these tags is 优强 under the
// configured strong tags.
func IsStrong(tags, strongTags []string) bool {
	for _, t := range tags {
		if slices.Contains(strongTags, t) {
			return true
		}
	}
	return false
}

// Enterprise is an investor.
type Enterprise struct {
	ID         int64
	Name       string
	CreditCode string // 统一社会信用代码, "" when unknown
	HomeRegion string
	Tags       []string
	Strong     bool // derived: carries a strong tag
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Contact is a person at an enterprise. Phone is personal data: masked in
// lists; showing it in full is a permission of its own and audited.
type Contact struct {
	ID           int64
	EnterpriseID int64
	Name         string
	Position     string
	Phone        string
}

// Project is an investment brought in, owned by one county.
type Project struct {
	ID                 int64
	Code               string // 项目编号, unique
	Name               string
	OrgUnitID          int64 // the owning county
	EnterpriseID       int64
	InvestorName       string // as the ledger names it
	CreditCode         string
	Area               Area
	Industry           string
	Key                bool // 重点产业项目
	Industrial         bool // 工业项目
	InvestorRegion     string
	ContractInvestment Money
	TotalInvestment    Money // 0 when not given
	SignedOn           Date
	StartedOn          Date
	ProducingOn        Date
	EffectiveOn        Date
	ResponsibleUnit    string
	Note               string
	Voided             bool
	VoidReason         string
	CreatedBy          int64
	Version            int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Stage is derived from the dates: the stage of the latest stage date the
// project has (StageRuleOf), 意向 without any.
func (p *Project) Stage() Stage {
	for _, s := range stages {
		if r, _ := StageRuleOf(s); r.Holds(p) {
			return s
		}
	}
	return StageIntention // not reached: the rules of the stages cover every project
}

// StageDate is the project's date of the stage (签约, 开工, 投产, 达效); zero
// when not reached, and always for 意向, which has no date.
func (p *Project) StageDate(s Stage) Date {
	switch s {
	case StageSigned:
		return p.SignedOn
	case StageStarted:
		return p.StartedOn
	case StageProducing:
		return p.ProducingOn
	case StageEffective:
		return p.EffectiveOn
	}
	return Date{}
}

// StageRule is the one statement of which stage a project stands at, in
// terms of its stage dates: the stage of its latest stage date, whatever
// earlier dates it has or lacks. A project stands at Stage exactly when the
// date of Has is given (意向 has none to give) and no date of Lacks is.
// Project.Stage applies it to a project; storage writes it as a condition
// on the date columns (the project list's stage filter).
type StageRule struct {
	Stage Stage
	Has   Stage   // the stage whose date must be given; "" for 意向
	Lacks []Stage // the stages whose dates must be empty: every later one
}

// StageRuleOf is the rule of stage s; false for a stage not in stages.
func StageRuleOf(s Stage) (StageRule, bool) {
	i := slices.Index(stages, s)
	if i < 0 {
		return StageRule{}, false
	}
	r := StageRule{Stage: s, Lacks: slices.Clip(stages[i+1:])}
	if i > 0 {
		r.Has = s
	}
	return r, true
}

// Holds reports whether the project's dates put it at the rule's stage.
func (r StageRule) Holds(p *Project) bool {
	if r.Has != "" && p.StageDate(r.Has).IsZero() {
		return false
	}
	for _, l := range r.Lacks {
		if !p.StageDate(l).IsZero() {
			return false
		}
	}
	return true
}

// CheckStageDates says whether the stage dates are in order (签约 ≤ 开工 ≤
// 投产 ≤ 达效) and none lies after today. The problem names the field.
func CheckStageDates(signed, started, producing, effective, today Date) error {
	type step struct {
		field, label string
		d            Date
	}
	steps := []step{{"signed_on", "签约日期", signed}, {"started_on", "开工日期", started}, {"producing_on", "投产日期", producing}, {"effective_on", "达效日期", effective}}
	var prev *step
	for i := range steps {
		s := &steps[i]
		if s.d.IsZero() {
			continue
		}
		if !s.d.Valid() {
			return FieldErrorf(EInvalid, s.field, "%s不是有效日期", s.label)
		}
		if today.Before(s.d) {
			return FieldErrorf(EInvalid, s.field, "%s（%s）晚于今天", s.label, s.d)
		}
		if prev != nil && s.d.Before(prev.d) {
			return FieldErrorf(EInvalid, s.field, "%s（%s）早于%s（%s）", s.label, s.d, prev.label, prev.d)
		}
		prev = s
	}
	if signed.IsZero() && (!started.IsZero() || !producing.IsZero() || !effective.IsZero()) {
		return FieldErrorf(EInvalid, "signed_on", "已填写开工、投产或达效日期的项目须填写签约日期")
	}
	return nil
}

// FundReceipt is money actually received for a project in one month.
type FundReceipt struct {
	ID         int64
	ProjectID  int64
	Month      Month
	Amount     Money
	Source     FundSource
	EvidenceNo string
	Note       string
	Voided     bool
	VoidReason string
	CreatedBy  int64
	Version    int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ProjectFilter selects projects for the list, the export and the API.
type ProjectFilter struct {
	OrgUnitID  int64 // a county (or any unit: its subtree)
	Stage      Stage
	Area       Area
	Industry   string
	Key        *bool
	Industrial *bool
	SignedFrom Date
	SignedTo   Date
	Query      string // name, investor, code, or pinyin initials
	Voided     bool   // list voided projects instead of live ones
	Sort       string // column name, "-" prefix for descending
	Offset     int
	Limit      int
}

// ProjectTotals is the totals row of a filtered list.
type ProjectTotals struct {
	Count              int
	ContractInvestment Money
	Receipts           Money
}

// EnterpriseInput is what a user gives for an enterprise.
type EnterpriseInput struct {
	Name       string
	CreditCode string
	HomeRegion string
	Tags       []string
}

// Validate checks an enterprise's details on their own (after trimming).
func (in EnterpriseInput) Validate() error {
	if in.Name == "" {
		return FieldErrorf(EInvalid, "name", "请填写企业名称")
	}
	if len(in.Tags) > MaxTags {
		return FieldErrorf(EInvalid, "tags", "企业标签不能超过%d个", MaxTags)
	}
	fields := []textField{{"name", "企业名称", in.Name, MaxNameLen, false}, {"home_region", "所在地", in.HomeRegion, MaxShortLen, false}}
	for _, t := range in.Tags {
		fields = append(fields, textField{"tags", "标签", t, MaxShortLen, false})
	}
	return checkTexts(fields...)
}

// Validate checks a contact on its own (after trimming).
func (c Contact) Validate() error {
	if c.Name == "" {
		return FieldErrorf(EInvalid, "name", "请填写联系人姓名")
	}
	if err := checkTexts(textField{"name", "姓名", c.Name, MaxShortLen, false}, textField{"position", "职务", c.Position, MaxShortLen, false}); err != nil {
		return err
	}
	return ValidatePhone(c.Phone)
}

// EnterpriseFilter selects enterprises.
type EnterpriseFilter struct {
	Query  string // name, credit code or pinyin initials
	Strong *bool
	Offset int
	Limit  int
}

// ProjectInput is a project as a form, a ledger row or the API gives it.
// Row is the ledger row number when it comes from a file.
type ProjectInput struct {
	Row                int
	Code               string
	Name               string
	OrgUnitID          int64
	Investor           string
	CreditCode         string
	Strong             bool // the ledger's 优强企业=是: tags the enterprise 优强企业
	Area               Area
	Industry           string
	Key                bool
	Industrial         bool
	InvestorRegion     string
	ContractInvestment Money
	TotalInvestment    Money
	SignedOn           Date
	StartedOn          Date
	ProducingOn        Date
	EffectiveOn        Date
	ResponsibleUnit    string
	Note               string
}

// FundInput is a receipt as a form, a ledger row or the API gives it.
type FundInput struct {
	Row         int
	ProjectID   int64  // from a form
	ProjectCode string // from a ledger
	Month       Month
	Amount      Money
	Source      FundSource
	EvidenceNo  string
	Note        string
	// EvidenceFile is a scan of the evidence (bank slip), kept as an
	// attachment of the receipt in the same transaction; optional.
	EvidenceFile     []byte `json:"-"`
	EvidenceFileName string `json:"-"`
}

// StageEntry is one step of a project's timeline.
type StageEntry struct {
	Stage     Stage
	On        Date
	Note      string
	By        string
	At        time.Time
	DaysSpent int // days from this stage to the next (or to today)
}

// Attachment is a file kept with a project or a receipt.
type Attachment struct {
	ID          int64
	OwnerKind   string
	OwnerID     int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	CreatedAt   time.Time
}

// ImportResult says what an import did (or, dry, would do).
type ImportResult struct {
	Created, Updated, Unchanged int
	SHA256                      string
}

// ProjectService keeps the ledger of projects and their receipts. Every
// call is limited to the caller's data scope; every change is audited.
type ProjectService interface {
	Projects(ctx context.Context, f ProjectFilter) ([]*Project, ProjectTotals, error)
	Project(ctx context.Context, id int64) (*Project, error)
	CreateProject(ctx context.Context, in ProjectInput) (*Project, error)
	// UpdateProject saves a changed project; a stage change needs a note.
	UpdateProject(ctx context.Context, id, version int64, in ProjectInput, stageNote string) (*Project, error)
	VoidProject(ctx context.Context, id, version int64, reason string) error
	Timeline(ctx context.Context, projectID int64) ([]StageEntry, error)

	Receipts(ctx context.Context, projectID int64) ([]*FundReceipt, error)
	AddReceipt(ctx context.Context, in FundInput) (*FundReceipt, error)
	VoidReceipt(ctx context.Context, id, version int64, reason string) error

	// ImportProjects and ImportFunds load checked ledger rows all or
	// nothing (upsert by 项目编号; receipts by their identity). dry checks
	// and counts without writing.
	ImportProjects(ctx context.Context, rows []ProjectInput, sha256 string, opts ImportOptions) (*ImportResult, error)
	ImportFunds(ctx context.Context, rows []FundInput, sha256 string, opts ImportOptions) (*ImportResult, error)
	// ExportProjects lists exactly the filtered projects (no paging) and
	// ExportFunds the receipts of those projects; both are audited.
	ExportProjects(ctx context.Context, f ProjectFilter) ([]ProjectInput, error)
	ExportFunds(ctx context.Context, f ProjectFilter) ([]FundInput, error)

	// Attachments: contract scans and photos, type checked by content.
	AddAttachment(ctx context.Context, ownerKind string, ownerID int64, filename string, data []byte) (*Attachment, error)
	Attachments(ctx context.Context, ownerKind string, ownerID int64) ([]*Attachment, error)
	// ReceiptAttachments lists the evidence files of a project's receipts, by receipt.
	ReceiptAttachments(ctx context.Context, projectID int64) (map[int64][]*Attachment, error)
	AttachmentData(ctx context.Context, id int64) (*Attachment, []byte, error)

	// MonthReceipts lists a county's live projects with what each received
	// before the month and in it (the monthly entry of 到位资金);
	// SaveMonthReceipts records a month's amounts, all or nothing.
	MonthReceipts(ctx context.Context, countyID int64, m Month) ([]ProjectMonth, error)
	SaveMonthReceipts(ctx context.Context, countyID int64, m Month, entries []FundInput) (saved int, err error)

	// AmountCeiling is the largest amount one project or receipt may hold
	// (at most MaxAmount); the bureau sets it (ledger:config).
	AmountCeiling(ctx context.Context) (Money, error)
	SetAmountCeiling(ctx context.Context, c Money) error

	// StashUpload keeps an uploaded ledger between its preview and the
	// confirmation (any copy of the server may receive the confirmation).
	StashUpload(ctx context.Context, kind, filename string, data []byte) (id int64, err error)
	StashedUpload(ctx context.Context, id int64) (kind, filename string, data []byte, err error)
	// DropUpload forgets a stashed upload once it is imported, so that a
	// second click cannot import it twice.
	DropUpload(ctx context.Context, id int64) error
}

// ProjectMonth is where one project stands in a month: its contract, what
// it received before the month and the receipts of the month.
type ProjectMonth struct {
	ProjectID          int64
	Code, Name         string
	ContractInvestment Money
	ReceivedBefore     Money // all live receipts before the month
	InMonth            []*FundReceipt
}

// Attachment limits: what a contract scan or a photo may be.
const (
	MaxAttachmentBytes = 10 << 20
)

// AttachmentTypes are the content types accepted, detected from the bytes.
var AttachmentTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/jpeg":      ".jpg",
	"image/png":       ".png",
}

// EnterpriseService keeps investors and their contacts.
type EnterpriseService interface {
	Enterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, int, error)
	Enterprise(ctx context.Context, id int64) (*Enterprise, error)
	// CreateEnterprise refuses a duplicate (same credit code, or the same
	// normalised name) naming the existing enterprise.
	CreateEnterprise(ctx context.Context, in EnterpriseInput) (*Enterprise, error)
	UpdateEnterprise(ctx context.Context, id, version int64, in EnterpriseInput) (*Enterprise, error)
	// SimilarEnterprises finds possible duplicates for an inline check.
	SimilarEnterprises(ctx context.Context, name, creditCode string) ([]*Enterprise, error)
	Contacts(ctx context.Context, enterpriseID int64) ([]*Contact, error)
	AddContact(ctx context.Context, c Contact) (*Contact, error)
	// RevealPhone shows a contact's full number; its own permission, audited.
	RevealPhone(ctx context.Context, contactID int64) (string, error)
	EnterpriseProjects(ctx context.Context, enterpriseID int64) ([]*Project, error)
	// Reach tells who may change the enterprise and see its contacts
	// (Principal.MayEditEnterprise, Principal.ReachesEnterprise).
	Reach(ctx context.Context, enterpriseID int64) (EnterpriseReach, error)
	// StrongTags are the tags that make an enterprise 优强; the bureau sets them.
	StrongTags(ctx context.Context) ([]string, error)
	SetStrongTags(ctx context.Context, tags []string) error
}

// Normalize trims a project input the way every entry path does.
func (in *ProjectInput) Normalize() {
	for _, p := range []*string{&in.Code, &in.Name, &in.Investor, &in.Industry, &in.InvestorRegion, &in.ResponsibleUnit, &in.Note} {
		*p = strings.TrimSpace(*p)
	}
	in.CreditCode = NormalizeCreditCode(in.CreditCode)
}

// Validate checks a project input on its own: required values, known
// area, positive amounts, stage dates in order and not in the future.
func (in ProjectInput) Validate(today Date) error {
	switch {
	case in.Code == "":
		return FieldErrorf(EInvalid, "code", "请填写项目编号")
	case utf8.RuneCountInString(in.Code) > MaxCodeLen:
		return FieldErrorf(EInvalid, "code", "项目编号不能超过64个字符")
	case in.Name == "":
		return FieldErrorf(EInvalid, "name", "请填写项目名称")
	case in.OrgUnitID == 0:
		return FieldErrorf(EInvalid, "org", "请选择县市")
	case in.Investor == "":
		return FieldErrorf(EInvalid, "investor", "请填写投资方")
	case !slices.Contains(areas, in.Area):
		return FieldErrorf(EInvalid, "area", "请选择四化领域")
	case in.ContractInvestment <= 0:
		return FieldErrorf(EInvalid, "contract_investment", "合同投资额须大于0")
	case in.TotalInvestment < 0:
		return FieldErrorf(EInvalid, "total_investment", "总投资不能为负数")
	case in.SignedOn.IsZero():
		return FieldErrorf(EInvalid, "signed_on", "请填写签约日期")
	}
	if err := in.CheckCeiling(MaxAmount); err != nil {
		return err
	}
	if err := checkTexts(textField{"code", "项目编号", in.Code, MaxCodeLen, false}, textField{"name", "项目名称", in.Name, MaxNameLen, false},
		textField{"investor", "投资方", in.Investor, MaxNameLen, false}, textField{"industry", "产业", in.Industry, MaxShortLen, false},
		textField{"investor_region", "投资方所在地", in.InvestorRegion, MaxShortLen, false},
		textField{"responsible_unit", "责任单位", in.ResponsibleUnit, MaxUnitLen, false}, textField{"note", "备注", in.Note, MaxNoteLen, true}); err != nil {
		return err
	}
	if in.CreditCode != "" {
		if err := CheckCreditCode(in.CreditCode); err != nil {
			return err
		}
	}
	return CheckStageDates(in.SignedOn, in.StartedOn, in.ProducingOn, in.EffectiveOn, today)
}

// Validate checks a receipt input on its own.
func (in FundInput) Validate(thisMonth Month) error {
	switch {
	case !in.Month.Valid():
		return FieldErrorf(EInvalid, "month", "请填写到位月份")
	case thisMonth.Before(in.Month):
		return FieldErrorf(EInvalid, "month", "到位月份（%s）晚于本月", in.Month)
	case in.Amount <= 0:
		return FieldErrorf(EInvalid, "amount", "到位金额须大于0")
	case !slices.Contains(fundSources, in.Source):
		return FieldErrorf(EInvalid, "source", "资金来源应为省外境内、境外或省内")
	case utf8.RuneCountInString(in.EvidenceNo) > MaxCodeLen:
		return FieldErrorf(EInvalid, "evidence_no", "凭证编号不能超过64个字符")
	}
	if err := checkTexts(textField{"evidence_no", "凭证编号", in.EvidenceNo, MaxCodeLen, false}, textField{"note", "备注", in.Note, MaxNoteLen, true}); err != nil {
		return err
	}
	return in.CheckCeiling(MaxAmount)
}

// CheckCeiling refuses contract or total investment above the ceiling.
func (in ProjectInput) CheckCeiling(ceiling Money) error {
	if err := CheckAmountCeiling("contract_investment", "合同投资额", in.ContractInvestment, ceiling); err != nil {
		return err
	}
	return CheckAmountCeiling("total_investment", "总投资", in.TotalInvestment, ceiling)
}

// CheckCeiling refuses a receipt above the ceiling.
func (in FundInput) CheckCeiling(ceiling Money) error {
	return CheckAmountCeiling("amount", "到位金额", in.Amount, ceiling)
}
