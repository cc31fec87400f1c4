package app

import (
	"context"
	"strconv"

	"zhaoshang"
	"zhaoshang/indicator"
	"zhaoshang/ledger"
	"zhaoshang/report"
	"zhaoshang/reportcheck"
)

// UnitRef names the unit a report is about: by id (the screens, the API)
// or by code or name (the command line); neither: the caller's first region.
type UnitRef struct {
	ID         int64
	CodeOrName string
}

// isRegion says whether a unit has indicators of its own: a province, a
// prefecture or a county (the others' records belong to the counties).
func isRegion(u *zhaoshang.OrgUnit) bool {
	return u.Kind == zhaoshang.OrgProvince || u.Kind == zhaoshang.OrgPrefecture || u.Kind == zhaoshang.OrgCounty
}

// reportUnit finds the unit of ref in the caller's tree.
func reportUnit(tree *zhaoshang.OrgTree, ref UnitRef) (*zhaoshang.OrgUnit, error) {
	var unit *zhaoshang.OrgUnit
	switch {
	case ref.ID != 0:
		unit = tree.ByID(ref.ID)
	case ref.CodeOrName != "":
		unit = tree.Find(ref.CodeOrName)
	default:
		for _, u := range tree.Roots() {
			if isRegion(u) {
				return u, nil
			}
		}
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "您的数据范围内没有州（市）或县（市），没有可统计的指标")
	}
	if unit == nil {
		if ref.CodeOrName != "" {
			return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位“%s”不存在或不在您的数据范围内", ref.CodeOrName)
		}
		return nil, zhaoshang.Errorf(zhaoshang.ENotFound, "单位不存在或不在您的数据范围内")
	}
	if !isRegion(unit) {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "“%s”不是州（市）或县（市），没有自己的统计指标", unit.Name)
	}
	return unit, nil
}

// unit is the caller's tree and the unit of ref in it.
func (s *Services) unit(ctx context.Context, ref UnitRef) (*zhaoshang.OrgTree, *zhaoshang.OrgUnit, error) {
	tree, err := s.Org.Tree(ctx)
	if err != nil {
		return nil, nil, err
	}
	unit, err := reportUnit(tree, ref)
	return tree, unit, err
}

// Report counts the indicator report of a unit over a period: its own
// rows and, for a prefecture, those of its counties, ranked. Only approved
// data counts, unless ctx asks for the preview (zhaoshang.WithUnapproved).
func (s *Services) Report(ctx context.Context, ref UnitRef, p zhaoshang.Period) (*indicator.Report, error) {
	tree, unit, err := s.unit(ctx, ref)
	if err != nil {
		return nil, err
	}
	var targets indicator.TargetLister
	if s.Targets != nil {
		targets = s.Targets
	}
	return indicator.Build(ctx, s.Stats, targets, tree, unit.ID, p)
}

// UnitTable is the indicator table of one unit (report indicators, the
// API): its rows, which for a county carry its rank among the counties of
// its prefecture when the caller sees them.
func (s *Services) UnitTable(ctx context.Context, ref UnitRef, p zhaoshang.Period) (*report.UnitTable, error) {
	tree, unit, err := s.unit(ctx, ref)
	if err != nil {
		return nil, err
	}
	if parent := tree.ByID(unit.ParentID); unit.Kind == zhaoshang.OrgCounty && parent != nil && isRegion(parent) {
		if rep, err := s.Report(ctx, UnitRef{ID: parent.ID}, p); err == nil {
			for _, c := range rep.Counties {
				if c.Unit.ID == unit.ID {
					return &report.UnitTable{Unit: unit, Period: p, Rows: c.Rows}, nil
				}
			}
		} else if zhaoshang.ErrorCode(err) != zhaoshang.ENotFound {
			return nil, err
		}
	}
	rep, err := s.Report(ctx, UnitRef{ID: unit.ID}, p)
	if err != nil {
		return nil, err
	}
	return &report.UnitTable{Unit: unit, Period: p, Rows: rep.Rows}, nil
}

// Dispatch is the 月调度 of a unit through a month: the year to date, its
// counties ranked. Preview counts the months not yet approved too, marked
// as such by the screens; the official table never does.
type Dispatch struct {
	*indicator.Report
	Title   string // 黔东南州2021年1—6月招商引资主要指标调度表
	Preview bool
}

// Dispatch counts the 月调度 of the unit through the month.
func (s *Services) Dispatch(ctx context.Context, ref UnitRef, through zhaoshang.Month, preview bool) (*Dispatch, error) {
	if preview {
		ctx = zhaoshang.WithUnapproved(ctx)
	}
	rep, err := s.Report(ctx, ref, indicator.YTD(through))
	if err != nil {
		return nil, err
	}
	return &Dispatch{Report: rep, Title: report.DispatchTitle(rep), Preview: preview}, nil
}

// Scored is a 季通报 or a 年考核: the document's model, and whether the
// year has a scheme of its own (else the default scored it).
type Scored struct {
	report.Bulletin
	Kind    string // bulletin, assessment
	Stored  bool
	Year    int
	Quarter int // of a bulletin
}

// Bulletin scores the counties of the unit on the year to date through the
// quarter by the year's scheme (季通报).
func (s *Services) Bulletin(ctx context.Context, ref UnitRef, year, quarter int) (*Scored, error) {
	return s.scored(ctx, ref, report.QuarterPeriod(year, quarter), func(rep *indicator.Report, sc zhaoshang.Scheme) (report.Bulletin, error) {
		return report.NewBulletin(rep, quarter, sc)
	}, &Scored{Kind: "bulletin", Year: year, Quarter: quarter})
}

// Assessment scores the counties of the unit on the whole year by the
// year's scheme (年考核).
func (s *Services) Assessment(ctx context.Context, ref UnitRef, year int) (*Scored, error) {
	return s.scored(ctx, ref, indicator.Year(year), report.NewAssessment, &Scored{Kind: "assessment", Year: year})
}

func (s *Services) scored(ctx context.Context, ref UnitRef, p zhaoshang.Period, build func(*indicator.Report, zhaoshang.Scheme) (report.Bulletin, error), out *Scored) (*Scored, error) {
	rep, err := s.Report(ctx, ref, p)
	if err != nil {
		return nil, err
	}
	if len(rep.Counties) == 0 {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "“%s”下没有县（市），无法排名；通报和考核由州（市）投资促进局查看", rep.Unit.Name)
	}
	sc, err := s.Schemes.Scheme(ctx, p.Year())
	if err != nil {
		return nil, err
	}
	b, err := build(rep, sc.Scheme)
	if err != nil {
		if zhaoshang.AsError(err) != nil {
			return nil, err
		}
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "%s", err.Error())
	}
	out.Bulletin, out.Stored = b, sc.Stored
	return out, nil
}

// Document is a file the use cases write for the user to take away.
type Document struct {
	Data     []byte
	Format   string // xlsx, docx, html, csv, json, txt
	FileBase string // an ASCII name without extension: dispatch-2021-06
	Title    string // the document's own title, for the Chinese file name
}

// DispatchDocument writes the official 月调度 table (xlsx, approved data
// only) and records the download in the audit trail.
func (s *Services) DispatchDocument(ctx context.Context, ref UnitRef, through zhaoshang.Month) (*Document, error) {
	d, err := s.Dispatch(ctx, ref, through, false)
	if err != nil {
		return nil, err
	}
	data, err := report.DispatchWorkbook(d.Report)
	if err != nil {
		return nil, err
	}
	doc := &Document{Data: data, Format: "xlsx", FileBase: "dispatch-" + through.String(), Title: d.Title}
	return doc, s.recordDownload(ctx, "dispatch", through.String(), doc)
}

// ScoredFormats are the formats a 季通报 or 年考核 is written in.
var scoredFormats = []string{"docx", "html", "xlsx"}

// ScoredDocument writes a 季通报 or 年考核 as an editable 公文 (docx),
// printable HTML or its score table (xlsx), and records the download.
func (s *Services) ScoredDocument(ctx context.Context, sc *Scored, format string) (*Document, error) {
	var data []byte
	var err error
	switch format {
	case "docx", "":
		format = "docx"
		data, err = report.Docx(sc.Bulletin)
	case "html":
		data = report.HTML(sc.Bulletin)
	case "xlsx":
		data, err = report.ScoresWorkbook(sc.Bulletin)
	default:
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "下载格式只能是docx、html或xlsx")
	}
	if err != nil {
		return nil, err
	}
	base := sc.Kind + "-" + strconv.Itoa(sc.Year)
	if sc.Kind == "bulletin" {
		base += "Q" + strconv.Itoa(sc.Quarter)
	}
	doc := &Document{Data: data, Format: format, FileBase: base, Title: sc.Title}
	return doc, s.recordDownload(ctx, sc.Kind, base, doc)
}

// IndicatorDocument writes the indicator table of a unit through a month
// as text for a terminal, JSON (EXCHANGE.md) or a workbook.
func (s *Services) IndicatorDocument(ctx context.Context, ref UnitRef, through zhaoshang.Month, format string) (*Document, error) {
	t, err := s.UnitTable(ctx, ref, indicator.YTD(through))
	if err != nil {
		return nil, err
	}
	doc := &Document{Format: format, FileBase: "indicators-" + through.String(), Title: t.Title()}
	switch format {
	case "json":
		doc.Data, err = t.JSON()
	case "table":
		doc.Format, doc.Data = "txt", t.Text()
	case "xlsx":
		doc.Data, err = t.Workbook()
	default:
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "输出格式应为 table、json 或 xlsx，不能是“%s”", format)
	}
	return doc, err
}

// recordDownload audits a document taken out of the system.
func (s *Services) recordDownload(ctx context.Context, entity, id string, doc *Document) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.RecordDownload(ctx, entity, id, "下载"+doc.Title+"（"+doc.Format+"）")
}

// Checked is what the check of a report's text found.
type Checked struct {
	Findings []reportcheck.Finding
	// Period is the period the text speaks of ("" when none was found:
	// then only the figures of the text itself were checked)
	Period string
}

// CheckReport checks the claims of a report's text (UTF-8 or GBK bytes,
// as uploaded or pasted) against the figures stated beside them and the
// approved records of the period it speaks of: the one given (through), or
// the one the text names; without either, against its own figures only.
func (s *Services) CheckReport(ctx context.Context, raw []byte, through zhaoshang.Month, textOnly bool) (*Checked, error) {
	text, err := ledger.DecodeText(raw)
	if err != nil {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "报告不是 UTF-8 或 GBK 编码的文字")
	}
	out := &Checked{}
	if textOnly {
		out.Findings = reportcheck.Check(text)
		return out, nil
	}
	p, ok := reportcheck.PeriodOf(text)
	if through.Valid() {
		p, ok = indicator.YTD(through), true
	}
	if !ok {
		out.Findings = reportcheck.Check(text)
		return out, nil
	}
	rep, err := s.Report(ctx, UnitRef{}, p)
	if err != nil {
		return nil, err
	}
	out.Period = p.Title()
	out.Findings = reportcheck.CheckAgainst(text, rep)
	return out, nil
}
