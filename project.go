package zhaoshang

import (
	"context"
	"time"
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

// Areas in the order screens and ledgers list them.
var Areas = []Area{AreaIndustry, AreaUrbanism, AreaAgriculture, AreaTourism, AreaOther}

// FundSource is where received money comes from.
type FundSource string

const (
	SourceOutOfProvince FundSource = "省外境内"
	SourceForeign       FundSource = "境外"
	SourceInProvince    FundSource = "省内"
)

// FundSources in the order screens list them.
var FundSources = []FundSource{SourceOutOfProvince, SourceForeign, SourceInProvince}

// Stage is where a project stands in its life.
type Stage string

const (
	StageIntention Stage = "意向"
	StageSigned    Stage = "签约"
	StageStarted   Stage = "开工"
	StageProducing Stage = "投产"
	StageEffective Stage = "达效"
)

// Stages in the order of a project's life.
var Stages = []Stage{StageIntention, StageSigned, StageStarted, StageProducing, StageEffective}

// EnterpriseTags offered on the enterprise form; which of them make an
// enterprise 优强 is configured (StrongTags).
var EnterpriseTags = []string{"世界500强", "中国500强", "民营500强", "上市公司", "央企", "行业龙头", "高新技术企业", "优强企业"}

// DefaultStrongTags are the tags that make an enterprise strong until the
// bureau configures otherwise. 优强企业 is the tag a ledger's 优强企业=是 sets.
var DefaultStrongTags = []string{"世界500强", "中国500强", "民营500强", "上市公司", "央企", "行业龙头", "优强企业"}

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

// Stage is derived from the dates.
func (p *Project) Stage() Stage {
	switch {
	case !p.EffectiveOn.IsZero():
		return StageEffective
	case !p.ProducingOn.IsZero():
		return StageProducing
	case !p.StartedOn.IsZero():
		return StageStarted
	case !p.SignedOn.IsZero():
		return StageSigned
	}
	return StageIntention
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

// ProjectService keeps the ledger of projects and their receipts.
type ProjectService interface {
	Projects(ctx context.Context, f ProjectFilter) ([]*Project, ProjectTotals, error)
	Project(ctx context.Context, id int64) (*Project, error)
}
