package web

import (
	"fmt"

	"net/http"
	"strconv"
	"strings"
	"zhaoshang/app"
)

// The content types of the files the screens send.
const (
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	typeCSV  = "text/csv; charset=utf-8"
	typeHTML = "text/html; charset=utf-8"
)

// contentTypeOf is the content type of a file format by its extension.
func contentTypeOf(format string) string {
	switch strings.TrimPrefix(format, ".") {
	case "xlsx":
		return typeXLSX
	case "docx":
		return typeDOCX
	case "csv":
		return typeCSV
	case "html":
		return typeHTML
	}
	return "application/octet-stream"
}

// sendFile answers with a file to save: fallback is an ASCII name for old
// clients, name the Chinese one; never cached, never sniffed.
func sendFile(w http.ResponseWriter, data []byte, ctype, fallback, name string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", contentDisposition(fallback, name))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

// sendDocument sends a document a use case wrote (package app).
func sendDocument(w http.ResponseWriter, doc *app.Document) {
	if doc.Format == "html" { // printable: shown in the browser, not saved
		h := w.Header()
		h.Set("Content-Type", typeHTML)
		h.Set("Content-Length", strconv.Itoa(len(doc.Data)))
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(doc.Data)
		return
	}
	sendFile(w, doc.Data, contentTypeOf(doc.Format), doc.FileBase+"."+doc.Format, doc.Title+"."+doc.Format)
}

// contentDisposition names a download in both ways browsers read it.
func contentDisposition(fallback, name string) string {
	const attr = "!#$&+-.^_`|~"
	var b strings.Builder
	for _, c := range []byte(name) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attr, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, fallback, b.String())
}
