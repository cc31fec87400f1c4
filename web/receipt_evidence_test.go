package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// receiptForm builds the multipart body of the project page's receipt form.
func receiptForm(t *testing.T, fields map[string]string, filename string, file []byte) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if file != nil {
		fw, _ := mw.CreateFormFile("evidence_file", filename)
		fw.Write(file)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

func postMultipart(t *testing.T, c *http.Client, u string, body *bytes.Buffer, ct string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, body)
	req.Header.Set("Content-Type", ct)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp, out.String()
}

func TestAReceiptKeepsItsEvidenceScanAndABadScanWritesNothing(t *testing.T) {
	a := newApp(t, "sqlite")
	f := newScreenFixture(t, a)
	p := f.project("KL-EV-1", "凯里凭证测试项目", f.kaili, "1000", "2021-03-01")
	c := a.as(t, "t_kaili")
	fields := map[string]string{"month": "2021-05", "amount": "120.5", "source": "省外境内", "evidence_no": "HD-001"}
	body, ct := receiptForm(t, fields, "回单.pdf", []byte("this is not a pdf at all"))
	resp, page := postMultipart(t, c, fmt.Sprintf("%s/projects/%d/receipts", a.URL, p.ID), body, ct)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "只接受 PDF、JPEG、PNG") {
		t.Fatalf("a text file as evidence: %d", resp.StatusCode)
	}
	if rs, _ := f.Projects.Receipts(sys(), p.ID); len(rs) != 0 {
		t.Fatal("a refused evidence file left its receipt behind")
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
	body, ct = receiptForm(t, fields, "回单.png", png)
	if resp, _ := postMultipart(t, c, fmt.Sprintf("%s/projects/%d/receipts", a.URL, p.ID), body, ct); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a receipt with a PNG scan: %d", resp.StatusCode)
	}
	ev, err := f.Projects.ReceiptAttachments(sys(), p.ID)
	if err != nil || len(ev) != 1 {
		t.Fatalf("evidence: %v %v", ev, err)
	}
	var id int64
	for _, as := range ev {
		id = as[0].ID
	}
	_, page = do(t, c, "GET", fmt.Sprintf("%s/projects/%d", a.URL, p.ID), nil)
	if !strings.Contains(page, fmt.Sprintf("/attachments/%d", id)) {
		t.Error("the project page does not link the evidence")
	}
	if resp, _ := do(t, a.as(t, "t_huangping"), "GET", fmt.Sprintf("%s/attachments/%d", a.URL, id), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another county's clerk downloads the evidence: %d", resp.StatusCode)
	}
}
