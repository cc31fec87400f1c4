package ledger

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"strings"

	"zhaoshang"
)

//go:embed orgdata/qiandongnan.csv
var orgData embed.FS

// DefaultOrgRows is the tree of 黔东南州 that a fresh database starts with.
func DefaultOrgRows() []zhaoshang.OrgRow {
	b, err := orgData.ReadFile("orgdata/qiandongnan.csv")
	if err != nil {
		panic(err)
	}
	rows, err := ParseOrgCSV(b)
	if err != nil {
		panic(fmt.Sprintf("embedded organisation file: %v", err))
	}
	return rows
}

// orgColumns maps each accepted header (English or Chinese) to its field.
var orgColumns = map[string]string{
	"code": "code", "编码": "code", "单位编码": "code", "代码": "code",
	"name": "name", "名称": "name", "单位名称": "name",
	"parent_code": "parent_code", "parent": "parent_code", "上级编码": "parent_code", "上级单位编码": "parent_code",
	"kind": "kind", "类型": "kind", "单位类型": "kind",
}

// ParseOrgCSV reads an organisation file: a header row naming the columns
// code, name, parent_code, kind (or 编码, 名称, 上级编码, 类型), then one unit
// per row. The file as a whole is checked too (one root, no cycles); any
// problem refuses the whole file with every wrong row named.
func ParseOrgCSV(b []byte) ([]zhaoshang.OrgRow, error) {
	text, err := DecodeText(b)
	if err != nil {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV 文件")
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	recs, err := r.ReadAll()
	if err != nil {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "不是有效的 CSV 文件：%v", err)
	}
	if len(recs) == 0 {
		return nil, zhaoshang.Errorf(zhaoshang.EInvalid, "文件为空")
	}
	col := map[string]int{}
	var probs []zhaoshang.RowProblem
	for i, h := range recs[0] {
		f, ok := orgColumns[NormHeader(h)]
		if !ok {
			if strings.TrimSpace(h) == "" {
				continue
			}
			probs = append(probs, zhaoshang.RowProblem{Row: 1, Column: h, Value: h, Reason: "无法识别的列名"})
			continue
		}
		col[f] = i
	}
	for _, f := range []string{"code", "name", "parent_code", "kind"} {
		if _, ok := col[f]; !ok {
			probs = append(probs, zhaoshang.RowProblem{Row: 1, Column: f, Reason: "缺少必需的列"})
		}
	}
	if len(probs) > 0 {
		return nil, &zhaoshang.ImportRefused{Problems: probs}
	}
	cell := func(rec []string, f string) string {
		if i := col[f]; i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var rows []zhaoshang.OrgRow
	for i, rec := range recs[1:] {
		line := i + 2
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		kindText := cell(rec, "kind")
		kind, ok := zhaoshang.ParseOrgKind(kindText)
		if !ok {
			probs = append(probs, zhaoshang.RowProblem{Row: line, Column: "kind", Value: kindText, Reason: "单位类型不正确，应为 州/市、县/市、部门、专班、工作队、园区 之一"})
			continue
		}
		rows = append(rows, zhaoshang.OrgRow{Line: line, Code: cell(rec, "code"), Name: cell(rec, "name"), ParentCode: cell(rec, "parent_code"), Kind: kind})
	}
	probs = append(probs, zhaoshang.ValidateOrgRows(rows)...)
	if len(probs) > 0 {
		return nil, &zhaoshang.ImportRefused{Problems: probs}
	}
	return rows, nil
}

// OrgCSV writes a tree as an organisation file (UTF-8 with a BOM, so Excel
// reads it), parents before children: what ParseOrgCSV reads back.
func OrgCSV(tree *zhaoshang.OrgTree) []byte {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Write([]string{"code", "name", "parent_code", "kind"})
	for _, u := range tree.Units {
		parent := ""
		if p := tree.ByID(u.ParentID); p != nil {
			parent = p.Code
		}
		w.Write([]string{u.Code, u.Name, parent, string(u.Kind)})
	}
	w.Flush()
	return buf.Bytes()
}
