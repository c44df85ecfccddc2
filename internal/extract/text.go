package extract

import (
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// squeeze turns each run of white space (no-break space included) into one
// space and drops soft hyphens. (A regexp did the same at a third of the
// extractor's time.)
func squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for _, r := range s {
		switch {
		case r == '\u00ad':
		case unicode.IsSpace(r):
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
		default:
			b.WriteRune(r)
			inSpace = false
		}
	}
	return b.String()
}

// cleanText collapses whitespace and drops soft hyphens.
func cleanText(s string) string { return strings.TrimSpace(squeeze(s)) }

var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"section": true, "article": true, "header": true, "table": true, "tr": true, "pre": true,
	"main": true, "aside": true, "address": true, "hr": true,
}

var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true,
	"figure": true, "figcaption": true, "img": true}

// textOf renders the plain text of s: one paragraph per block element,
// separated by blank lines; images and their captions left out.
func textOf(s *goquery.Selection) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := cleanText(cur.String()); t != "" {
			paras = append(paras, t)
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
			if skipTags[n.Data] {
				return
			}
			if n.Data == "br" {
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// inlineText is the text of s with <br> as a space (for captions).
func inlineText(s *goquery.Selection) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "br" || blockTags[n.Data]) {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range s.Nodes {
		walk(n)
	}
	return cleanText(b.String())
}
