package extract

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Fragment sanitizes an HTML fragment (a feed item's content) the way page
// bodies are sanitized, with URLs made absolute against baseURL, and returns
// it with its plain text.
func Fragment(baseURL, fragment string) (bodyHTML, bodyText string) {
	base, err := url.Parse(baseURL)
	if err != nil {
		base = &url.URL{}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<div>" + fragment + "</div>"))
	if err != nil {
		return "", ""
	}
	e := &extraction{doc: doc, base: base, root: doc.Find("body > div").First()}
	e.root.Find(boilerplate).Remove()
	return e.bodyHTML(), textOf(e.root)
}

// PlainText is the text of an HTML fragment, whitespace collapsed; block
// elements (paragraphs, list items) and line breaks are separated by a space.
func PlainText(fragment string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(fragment))
	if err != nil {
		return cleanText(fragment)
	}
	return inlineText(doc.Selection)
}
