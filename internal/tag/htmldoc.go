package tag

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// boilerplate are elements that are never article text.
const boilerplate = "script, style, noscript, template, iframe, svg, form, button, nav, header, footer, aside, " +
	"[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [hidden]"

// boxClass matches class or id words of teaser boxes, navigation and the like
// (English and German CMS vocabulary).
var boxClass = regexp.MustCompile(`(?i)(^|[-_\s])(\w*(teaser|navigation|navi|menu|menue|sidebar|breadcrumbs?)\w*|nav|related|footer|header|share|social|cookie|skip|pagination|more-news|morenews|weitere|recommend\w*|newsletter|kopf|kopfzeile|fuss|fusszeile|randspalte|seitenspalte|pfad|brotkrumen|sprunglinks?|sprungmarken|meistgelesen)($|[-_\s])`)

// leadClass matches class words of an article's lead paragraph.
var leadClass = regexp.MustCompile(`(?i)(^|[-_\s])(lead|intro|subtitle|subline|summary|standfirst|kicker)($|[-_\s])`)

// ParseHTML reads an article page: boilerplate (navigation, header, footer,
// aside, teaser boxes) goes to Ignored; the title comes from h1 or og:title;
// captions from figcaption and image alt texts; then the text is read like
// ParseText reads lines (date lines and credits dropped, trailing teaser
// sections cut).
func ParseHTML(r io.Reader) (Document, error) {
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return Document{}, fmt.Errorf("tag: parse html: %w", err)
	}
	var d Document
	var ignored []string
	doc.Find("script, style, noscript, template").Remove()
	d.Title = strings.TrimSpace(squash(doc.Find("article h1, main h1").First().Text()))
	if d.Title == "" {
		d.Title = strings.TrimSpace(squash(doc.Find("h1").First().Text()))
	}
	if d.Title == "" {
		d.Title = strings.TrimSpace(doc.Find(`meta[property="og:title"]`).AttrOr("content", ""))
	}
	if d.Title == "" {
		d.Title = strings.TrimSpace(squash(doc.Find("title").First().Text()))
	}
	doc.Find("h1").Remove()
	doc.Find(boilerplate).Each(func(_ int, s *goquery.Selection) {
		// An article's own header holds its subtitle, not navigation.
		if goquery.NodeName(s) == "header" && s.Closest("article, main").Length() > 0 {
			return
		}
		ignored = append(ignored, blockText(s)...)
		s.Remove()
	})
	doc.Find("[class], [id]").Each(func(_ int, s *goquery.Selection) {
		c, _ := s.Attr("class")
		id, _ := s.Attr("id")
		if boxClass.MatchString(c) || boxClass.MatchString(id) {
			ignored = append(ignored, blockText(s)...)
			s.Remove()
		}
	})
	main := doc.Find("article").First()
	if main.Length() == 0 {
		main = doc.Find("main, [role=main], #content, #inhalt, #inhaltsbereich, #main, .content, .inhalt").First()
	}
	if main.Length() == 0 {
		main = doc.Find("body")
	}
	main.Find("img[alt]").Each(func(_ int, s *goquery.Selection) {
		if alt := squash(s.AttrOr("alt", "")); len([]rune(alt)) >= 12 {
			d.Captions = append(d.Captions, stripCredit(alt))
		}
	})
	main.Find("figcaption, [class*=caption], [class*=bildunterschrift], [class*=lightbox-titel]").Each(func(_ int, s *goquery.Selection) {
		if c := stripCredit(squash(s.Text())); c != "" {
			d.Captions = append(d.Captions, c)
		}
		s.Remove()
	})
	var lead []string
	main.Find("*").Each(func(_ int, s *goquery.Selection) {
		if leadClass.MatchString(s.AttrOr("class", "")) {
			if t := squash(s.Text()); t != "" {
				lead = append(lead, t)
			}
			s.Remove()
		}
	})
	lines := blockText(main)
	fromLines(&d, lines)
	if len(lead) > 0 {
		rest := strings.TrimSpace(d.Lead + "\n" + d.Body)
		d.Lead, d.Body = strings.Join(lead, "\n"), rest
	}
	if len(ignored) > 0 {
		d.Ignored = strings.TrimSpace(strings.Join(ignored, "\n") + "\n" + d.Ignored)
	}
	return d, nil
}

// stripCredit removes a trailing image credit from a caption.
func stripCredit(s string) string {
	if loc := findCredit(s); loc != nil {
		return strings.TrimSpace(s[:loc[3]])
	}
	return s
}

// blockText returns the text of s as lines: one per block element, and the
// element's own text when it has no blocks.
func blockText(s *goquery.Selection) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if t := squash(cur.String()); t != "" {
			lines = append(lines, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "br" {
				flush()
				return
			}
			if isBlock(n.Data) {
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s.Nodes {
		walk(n)
		flush()
	}
	return lines
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
		"blockquote", "dd", "dt", "dl", "pre", "table", "tr", "td", "th", "figure", "figcaption", "header",
		"footer", "nav", "aside", "address", "hr", "body", "html":
		return true
	}
	return false
}

func squash(s string) string { return strings.Join(strings.Fields(clean(s)), " ") }

// Parse reads a document as HTML or plain text: HTML when the content type
// says so or the text starts like markup.
func Parse(data []byte, contentType string) (Document, error) {
	if isHTML(data, contentType) {
		return ParseHTML(bytes.NewReader(data))
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
