package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"zhaoshang"
	"zhaoshang/report"
)

// parts opens the package and checks every part is well-formed XML.
func parts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
		out[f.Name] = string(b)
	}
	return out
}

// wordDoc is the part of word/document.xml the test reads.
type wordDoc struct {
	Body struct {
		Paras  []wordPara `xml:"p"`
		Tables []struct {
			Rows []struct {
				Header *struct{} `xml:"trPr>tblHeader"`
				Cells  []struct {
					Paras []wordPara `xml:"p"`
				} `xml:"tc"`
			} `xml:"tr"`
		} `xml:"tbl"`
		Sect struct {
			Size struct {
				W int `xml:"w,attr"`
				H int `xml:"h,attr"`
			} `xml:"pgSz"`
			Margin struct {
				Top    int `xml:"top,attr"`
				Bottom int `xml:"bottom,attr"`
				Left   int `xml:"left,attr"`
				Right  int `xml:"right,attr"`
			} `xml:"pgMar"`
		} `xml:"sectPr"`
	} `xml:"body"`
}

type wordPara struct {
	Style struct {
		Val string `xml:"val,attr"`
	} `xml:"pPr>pStyle"`
	Texts []string `xml:"r>t"`
}

func (p wordPara) text() string { return strings.Join(p.Texts, "") }

func TestDocxIsAnA4OfficialDocumentWithTheRankingTable(t *testing.T) {
	b, err := report.NewBulletin(sixteenCounties(), 2, zhaoshang.DefaultScheme(2021))
	if err != nil {
		t.Fatal(err)
	}
	b.Paragraphs = append(b.Paragraphs, `<w:p>&"'`)
	data, err := report.Docx(b)
	if err != nil {
		t.Fatal(err)
	}
	p := parts(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"} {
		if _, ok := p[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	var doc wordDoc
	if err := xml.Unmarshal([]byte(p["word/document.xml"]), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Body.Sect
	if s.Size.W != 11906 || s.Size.H != 16838 || s.Margin.Top != 2098 || s.Margin.Bottom != 1984 || s.Margin.Left != 1588 || s.Margin.Right != 1474 {
		t.Errorf("page %+v", s)
	}
	paras := doc.Body.Paras
	if len(paras) == 0 || paras[0].Style.Val != "Title" || paras[0].text() != "黔东南州2021年第二季度招商引资工作通报" {
		t.Fatalf("first paragraph %+v", paras)
	}
	found := false
	for _, q := range paras {
		found = found || q.text() == `<w:p>&"'`
	}
	if !found {
		t.Error("escaped text does not read back")
	}
	if len(doc.Body.Tables) != 2 {
		t.Fatalf("%d tables", len(doc.Body.Tables))
	}
	rows := doc.Body.Tables[0].Rows
	if len(rows) != 17 || rows[0].Header == nil || rows[1].Header != nil {
		t.Fatalf("ranking table: %d rows, header %v", len(rows), rows[0].Header != nil)
	}
	if c := rows[1].Cells; c[0].Paras[0].text() != "1" || c[1].Paras[0].text() != "第16县" || c[len(c)-1].Paras[0].text() != "114.00" {
		t.Errorf("first county row %+v", c)
	}
	if n := len(doc.Body.Tables[1].Rows); n != 7 {
		t.Errorf("晾晒 table has %d rows", n)
	}
	st := p["word/styles.xml"]
	for _, want := range []string{`w:eastAsia="方正小标宋简体"`, `w:eastAsia="黑体"`, `w:eastAsia="仿宋_GB2312"`, `w:ascii="Times New Roman"`,
		`<w:sz w:val="44"/>`, `<w:sz w:val="32"/>`, `w:firstLineChars="200"`, `w:line="560" w:lineRule="exact"`, `<w:jc w:val="center"/>`} {
		if !strings.Contains(st, want) {
			t.Errorf("styles lack %s", want)
		}
	}
	if !strings.Contains(p["docProps/core.xml"], "<dc:title>黔东南州2021年第二季度招商引资工作通报</dc:title>") {
		t.Error("core.xml has no title")
	}
}
