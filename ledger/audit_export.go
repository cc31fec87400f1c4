package ledger

import (
	"io"

	"github.com/xuri/excelize/v2"

	"zhaoshang"
)

// AuditText names what an audit workbook shows, in the reader's language.
// Any nil function leaves the text as it is (Chinese, or the stored code).
type AuditText struct {
	T      func(key string) string  // the message catalogue
	Action func(code string) string // 新增, 修改…
	Entity func(code string) string // 组织机构, 用户…
	Unit   func(id int64) string    // the name of the actor's unit
}

func (x AuditText) t(key string) string {
	if x.T != nil {
		return x.T(key)
	}
	return key
}

// auditColumns are the columns of an audit workbook with their widths.
var auditColumns = []struct {
	Key   string
	Width float64
}{
	{"序号", 9}, {"时间", 20}, {"操作人", 14}, {"所属单位", 22}, {"IP", 16}, {"操作", 12},
	{"对象", 12}, {"对象ID", 10}, {"说明", 36}, {"变更前", 48}, {"变更后", 48},
}

// AuditWorkbook streams audit entries into an .xlsx file (excelize's
// StreamWriter, which spills to a temporary file, so a long trail needs
// little memory): a title row, a frozen header row and one row per entry.
// Times are text in Beijing time.
type AuditWorkbook struct {
	f    *excelize.File
	sw   *excelize.StreamWriter
	text AuditText
	row  int
	n    int
}

// NewAuditWorkbook starts a workbook under the title (the first row, which
// should say what was exported, how many entries, when and by whom).
func NewAuditWorkbook(title string, text AuditText) (*AuditWorkbook, error) {
	f := excelize.NewFile()
	w := &AuditWorkbook{f: f, text: text}
	if err := w.start(title); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func (w *AuditWorkbook) start(title string) error {
	sheet := w.text.t("审计日志")
	if err := w.f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	titleID, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}, Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	border := []excelize.Border{{Type: "left", Color: "B7C4D6", Style: 1}, {Type: "right", Color: "B7C4D6", Style: 1},
		{Type: "top", Color: "B7C4D6", Style: 1}, {Type: "bottom", Color: "B7C4D6", Style: 1}}
	headID, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	w.sw, err = w.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range auditColumns {
		if err := w.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(auditColumns))
	if err := w.sw.MergeCell("A1", last+"1"); err != nil {
		return err
	}
	if err := w.sw.SetRow("A1", []any{excelize.Cell{StyleID: titleID, Value: title}}, excelize.RowOpts{Height: 24}); err != nil {
		return err
	}
	head := make([]any, len(auditColumns))
	for i, c := range auditColumns {
		head[i] = excelize.Cell{StyleID: headID, Value: w.text.t(c.Key)}
	}
	w.row = 2
	return w.sw.SetRow("A2", head, excelize.RowOpts{Height: 20})
}

// Add writes one entry as the next row.
func (w *AuditWorkbook) Add(e *zhaoshang.AuditEntry) error {
	action, entity, unit := e.Action, e.Entity, ""
	if w.text.Action != nil {
		action = w.text.Action(e.Action)
	}
	if w.text.Entity != nil {
		entity = w.text.Entity(e.Entity)
	}
	if w.text.Unit != nil && e.ActorOrgID != 0 {
		unit = w.text.Unit(e.ActorOrgID)
	}
	w.row++
	w.n++
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	return w.sw.SetRow(cell, []any{
		e.ID, e.At.In(zhaoshang.Shanghai).Format("2006-01-02 15:04:05"), e.ActorName, unit, e.IP,
		action, entity, e.EntityID, e.Note, string(e.Before), string(e.After),
	})
}

// Rows is the number of entries written so far.
func (w *AuditWorkbook) Rows() int { return w.n }

// WriteTo finishes the sheet and writes the workbook to out.
func (w *AuditWorkbook) WriteTo(out io.Writer) (int64, error) {
	if err := w.sw.Flush(); err != nil {
		return 0, err
	}
	return w.f.WriteTo(out)
}

// Close removes the temporary files of the workbook.
func (w *AuditWorkbook) Close() error { return w.f.Close() }
