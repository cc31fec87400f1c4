package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// This file is a minimal OOXML (.docx) writer, enough for official
// documents (公文): a title, headings, body paragraphs, bordered tables with
// a header row, an A4 page with the 公文 margins and the fonts of official
// documents with ASCII fallbacks.

// Page and layout of 公文, in twentieths of a point (twips): A4 is
// 11906×16838; 1cm = 567 twips.
const (
	PageWidth    = 11906
	PageHeight   = 16838
	MarginTop    = 2098 // 3.7cm
	MarginBottom = 1984 // 3.5cm
	MarginLeft   = 1588 // 2.8cm
	MarginRight  = 1474 // 2.6cm
)

// Fonts of official documents and their fallbacks for ASCII text.
const (
	FontTitle   = "方正小标宋简体"
	FontHeading = "黑体"
	FontBody    = "仿宋_GB2312"
	FontTable   = "仿宋_GB2312"
)

// DocxWriter collects the blocks of a document and writes the package.
type DocxWriter struct {
	Title string // docProps/core.xml
	body  strings.Builder
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// run is a text run; style carries the fonts.
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// TitleParagraph adds a title (style Title: 方正小标宋简体 22pt, centered).
func (w *DocxWriter) TitleParagraph(text string) {
	w.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>` + run(text) + `</w:p>`)
}

// Heading adds a heading (style Heading1: 黑体 16pt).
func (w *DocxWriter) Heading(text string) {
	w.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + run(text) + `</w:p>`)
}

// Paragraph adds a body paragraph (Normal: 仿宋_GB2312 16pt, first line
// indented 2 characters, exactly 28pt line spacing).
func (w *DocxWriter) Paragraph(text string) {
	w.body.WriteString(`<w:p>` + run(text) + `</w:p>`)
}

// Table adds a table with single borders; rows[0] is the header row,
// repeated on each page and set in 黑体.
func (w *DocxWriter) Table(rows [][]string) {
	if len(rows) == 0 {
		return
	}
	ncol := len(rows[0])
	width := PageWidth - MarginLeft - MarginRight
	b := &w.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for i := 0; i < ncol; i++ {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(width/ncol) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for i, r := range rows {
		b.WriteString(`<w:tr>`)
		if i == 0 {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for j := 0; j < ncol; j++ {
			text := ""
			if j < len(r) {
				text = r[j]
			}
			style := "TableText"
			if i == 0 {
				style = "TableHeader"
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width/ncol) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + run(text) + `</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const rootRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const documentRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`</Relationships>`

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// fonts is an rFonts element: the East Asian font, with an ASCII fallback.
func fonts(eastAsia, ascii string) string {
	return `<w:rFonts w:ascii="` + ascii + `" w:hAnsi="` + ascii + `" w:eastAsia="` + eastAsia + `" w:cs="` + ascii + `"/>`
}

// size is w:sz and w:szCs in half-points.
func size(pt int) string {
	s := strconv.Itoa(2 * pt)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

var styles = xmlHeader + `<w:styles ` + wNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts(FontBody, "Times New Roman") + size(16) + `<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>` +
	`<w:rPr>` + fonts(FontBody, "Times New Roman") + size(16) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr>` + fonts(FontTitle, "Times New Roman") + size(22) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:line="560" w:lineRule="exact"/><w:outlineLvl w:val="1"/></w:pPr>` +
	`<w:rPr>` + fonts(FontHeading, "Arial") + size(16) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:line="300" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr>` + fonts(FontTable, "Times New Roman") + size(10) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableHeader"><w:name w:val="Table Header"/><w:basedOn w:val="TableText"/>` +
	`<w:rPr>` + fonts(FontHeading, "Arial") + size(10) + `</w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`</w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

// Bytes writes the package. now is the creation time in docProps/core.xml.
func (w *DocxWriter) Bytes(now time.Time) ([]byte, error) {
	sect := `<w:sectPr><w:pgSz w:w="` + strconv.Itoa(PageWidth) + `" w:h="` + strconv.Itoa(PageHeight) + `"/>` +
		`<w:pgMar w:top="` + strconv.Itoa(MarginTop) + `" w:right="` + strconv.Itoa(MarginRight) + `" w:bottom="` + strconv.Itoa(MarginBottom) +
		`" w:left="` + strconv.Itoa(MarginLeft) + `" w:header="851" w:footer="992" w:gutter="0"/>` +
		`<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/></w:sectPr>`
	document := xmlHeader + `<w:document ` + wNS + `><w:body>` + w.body.String() + sect + `</w:body></w:document>`
	stamp := now.UTC().Format("2006-01-02T15:04:05Z")
	core := xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(w.Title) + `</dc:title><dc:creator>zhaoshang</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"word/_rels/document.xml.rels", documentRels},
		{"docProps/core.xml", core},
	} {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(part.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Docx writes the bulletin as an editable .docx: the title, the paragraphs,
// the ranking table and the 晾晒 table.
func Docx(b Bulletin) ([]byte, error) {
	w := &DocxWriter{Title: b.Title}
	w.TitleParagraph(b.Title)
	for _, p := range b.Paragraphs {
		w.Paragraph(p)
	}
	w.Heading("附表1  各县（市）综合得分排名")
	w.Table(b.RankingTable())
	w.Heading("附表2  晾晒表（前三位、后三位）")
	w.Table(b.ShameTable())
	return w.Bytes(time.Date(b.Period.Through.Y, time.Month(b.Period.Through.M), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0))
}
