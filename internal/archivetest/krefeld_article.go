package archivetest

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// article serves one release page, or its fault; canonical, when set, is
// named as the page's canonical URL.
func (k *Krefeld) article(w http.ResponseWriter, r *http.Request, rel Release, hits int, canonical string) {
	switch rel.Fault {
	case "404":
		http.NotFound(w, r)
		return
	case "500":
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	case "flaky":
		if hits == 1 { // recovers on the retry
			w.Header().Set("Retry-After", "0")
			http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
			return
		}
	case "hang":
		select {
		case <-r.Context().Done():
		case <-k.a.closing:
		case <-time.After(2 * time.Minute):
		}
		return
	case "huge":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><body><h1>Übergroße Seite</h1>")
		chunk := []byte(strings.Repeat("<p>Lorem ipsum dolor sit amet.</p>\n", 1000))
		for n := 0; n < 30<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		return
	}
	body, err := k.render(rel, canonical)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	ct := "text/html; charset=utf-8"
	switch rel.Charset {
	case "iso-8859-1":
		ct = "text/html; charset=ISO-8859-1"
		body, err = charmap.ISO8859_1.NewEncoder().Bytes(body)
	case "windows-1252":
		ct = "text/html" // the charset is declared in <meta> only
		body, err = charmap.Windows1252.NewEncoder().Bytes(body)
	}
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	if rel.Fault == "truncated" {
		body = body[:bytes.Index(body, []byte("Die Opposition kritisierte"))+60]
	}
	k.a.serve(w, r, ct, body)
}

func (k *Krefeld) render(rel Release, canonical string) ([]byte, error) {
	blocks, err := rel.blocks(k.image)
	if err != nil {
		return nil, err
	}
	var boxes []template.HTML
	for _, b := range rel.Boxes {
		boxes = append(boxes, k.boxes[b])
	}
	title := k.a.title(rel)
	data := map[string]any{"PageTitle": title, "Title": title, "Date": rel.Date, "Time": rel.Time,
		"Old": rel.Old, "Blocks": blocks, "Boxes": boxes, "Charset": rel.Charset, "Canonical": canonical}
	var b bytes.Buffer
	err = k.tmpl.ExecuteTemplate(&b, "article.html", data)
	return b.Bytes(), err
}
