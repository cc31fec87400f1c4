package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseQuarterTakesBothSpellings(t *testing.T) {
	for _, c := range []struct {
		in   string
		y, q int
		ok   bool
	}{{"2021Q2", 2021, 2, true}, {"2021-Q2", 2021, 2, true}, {"2021q4", 2021, 4, true}, {"2021Q5", 0, 0, false}, {"21Q1", 0, 0, false}, {"2021-06", 0, 0, false}, {"", 0, 0, false}} {
		y, q, ok := parseQuarter(c.in)
		if ok != c.ok || (ok && (y != c.y || q != c.q)) {
			t.Errorf("%q: %d %d %v", c.in, y, q, ok)
		}
	}
}

func TestReportBulletinExits2OnBadArguments(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	out := filepath.Join(t.TempDir(), "b.docx")
	for _, args := range [][]string{
		{"report", "bulletin", "--out", out, "--db", db},
		{"report", "bulletin", "--quarter", "2021Q5", "--out", out, "--db", db},
		{"report", "bulletin", "--quarter", "2021Q2", "--format", "pdf", "--out", out, "--db", db},
		{"report", "bulletin", "--quarter", "2021Q2", "--db", db},
		{"report", "bulletin", "--quarter", "2021Q2", "--out", out, "extra", "--db", db},
		{"report", "bulletin", "--nope", "--db", db},
	} {
		if code, _, stderr := runCmd(t, args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// TestReportBulletinWritesDocxAndHTMLFromTheDemo loads the demo into a
// fresh database and writes 2021年第二季度's bulletin both ways.
func TestReportBulletinWritesDocxAndHTMLFromTheDemo(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "demo.db")
	if code, _, stderr := runCmd(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	const title = "黔东南州2021年第二季度招商引资工作通报"
	docx := filepath.Join(dir, "b.docx")
	code, out, stderr := runCmd(t, "report", "bulletin", "--quarter", "2021-Q2", "--out", docx, "--db", db)
	if code != 0 || !strings.Contains(out, title) {
		t.Fatalf("docx: exit %d %s %s", code, out, stderr)
	}
	data, err := os.ReadFile(docx)
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var document string
	for _, f := range z.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		if f.Name == "word/document.xml" {
			document = string(b)
		}
	}
	if !strings.Contains(document, title) || !strings.Contains(document, "1—6月，全州新引进重点产业项目289个") || !strings.Contains(document, "综合得分排名前三位的是") {
		t.Errorf("document.xml lacks the title or the paragraphs")
	}

	html := filepath.Join(dir, "b.html")
	if code, _, stderr := runCmd(t, "report", "bulletin", "--quarter", "2021Q2", "--format", "html", "--out", html, "--org", "522600", "--db", db); code != 0 {
		t.Fatalf("html: exit %d %s", code, stderr)
	}
	raw, _ := os.ReadFile(html)
	h := string(raw)
	if !strings.Contains(h, "<h1>"+title+"</h1>") {
		t.Error("html lacks the title")
	}
	table := h[strings.Index(h, `class="ranking"`):]
	table = table[:strings.Index(table, "</table>")]
	rows := strings.Split(table, "<tr>")[2:] // after the header
	if len(rows) != 16 {
		t.Fatalf("%d county rows", len(rows))
	}
	counties := map[string]bool{}
	last := 0
	for i, r := range rows {
		cells := strings.Split(r, "<td>")
		if len(cells) < 3 {
			t.Fatalf("row %d: %s", i, r)
		}
		rank, err := strconv.Atoi(strings.TrimSuffix(cells[1], "</td>"))
		if err != nil || rank < last || rank > i+1 {
			t.Errorf("row %d has rank %q after %d", i, cells[1], last)
		}
		last = rank
		counties[strings.TrimSuffix(cells[2], "</td>")] = true
	}
	if len(counties) != 16 || !counties["凯里市"] {
		t.Errorf("counties %v", counties)
	}

	// 年考核 of 2020, the demo's whole year, as a document and a workbook
	const assessment = "黔东南州2020年度招商引资工作考核结果"
	adocx, axlsx := filepath.Join(dir, "assessment.docx"), filepath.Join(dir, "scores.xlsx")
	if code, out, stderr := runCmd(t, "report", "assessment", "--year", "2020", "--out", adocx, "--db", db); code != 0 || !strings.Contains(out, assessment) {
		t.Fatalf("assessment docx: exit %d %s %s", code, out, stderr)
	}
	if code, _, stderr := runCmd(t, "report", "assessment", "--year", "2020", "--format", "xlsx", "--out", axlsx, "--db", db); code != 0 {
		t.Fatalf("assessment xlsx: exit %d %s", code, stderr)
	}
	if code, _, _ := runCmd(t, "report", "assessment", "--year", "20x0", "--out", axlsx, "--db", db); code != 2 {
		t.Errorf("a bad year: exit %d", code)
	}
	dispatch := filepath.Join(dir, "d.xlsx")
	if code, _, stderr := runCmd(t, "report", "dispatch", "--through", "2021-06", "--out", dispatch, "--db", db); code != 0 {
		t.Fatalf("dispatch: exit %d %s", code, stderr)
	}
	opensInLibreOffice(t, docx, adocx, axlsx, dispatch)
}

// opensInLibreOffice converts each file to PDF with LibreOffice, the way a
// clerk's office suite would open it. .ci/run installs LibreOffice and sets
// ZHAOSHANG_REQUIRE_LIBREOFFICE, so there a missing soffice fails; on a
// machine without it the structural checks above stand alone.
func opensInLibreOffice(t *testing.T, files ...string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ZHAOSHANG_REQUIRE_LIBREOFFICE") != "" {
			t.Fatal("LibreOffice (soffice) is required here but not installed")
		}
		t.Log("soffice not installed: the documents were checked for structure only")
		return
	}
	out := t.TempDir()
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(out, "profile"), "--convert-to", "pdf", "--outdir", out}, files...)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	for _, f := range files {
		pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".pdf")
		data, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 2000 {
			t.Errorf("%s did not convert to a PDF (%d bytes, %v)", filepath.Base(f), len(data), err)
		}
	}
}
