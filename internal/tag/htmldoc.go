package tag

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// htmlBase is the address HTML documents are read against when they come
// without one (a file, stdin); only links depend on it, and tagging reads none.
const htmlBase = "http://localhost/"

// ParseHTML reads an article page the way ingest does, with the extractor:
// title, lead, body text and image captions of the article. What the
// extractor left out (navigation, teaser boxes, the page around the
// article) goes to Ignored, which never counts but is explained. A page
// without a date is read all the same; one without title or body is an error.
func ParseHTML(page []byte) (Document, error) {
	a, err := extract.Extract(htmlBase, page, extract.Options{LeftOut: true})
	if err != nil && !errors.Is(err, extract.ErrNoDate) {
		return Document{}, fmt.Errorf("tag: %w", err)
	}
	return Document{Title: a.Title, Lead: a.Lead, Body: a.BodyText, Captions: a.Captions(), Ignored: a.LeftOut}, nil
}

// Parse reads a document as HTML or plain text: HTML when the content type
// says so or the text starts like markup.
func Parse(data []byte, contentType string) (Document, error) {
	if isHTML(data, contentType) {
		return ParseHTML(data)
	}
	return ParseText(string(data)), nil
}

func isHTML(data []byte, contentType string) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") || strings.Contains(ct, "xml") {
		return true
	}
	if strings.HasPrefix(ct, "text/plain") {
		return false
	}
	head := strings.ToLower(string(bytes.TrimSpace(data[:min(len(data), 1024)])))
	head = strings.TrimPrefix(head, "\ufeff")
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<?xml", "<!--", "<div", "<p>", "<h1"} {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	return false
}
