package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireParseableURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowElements("figure", "figcaption", "small")
	return p
}()

var (
	emptyPara  = regexp.MustCompile(`<p>\s*</p>`)
	blockClose = regexp.MustCompile(`\s*(</(?:p|h[1-6]|figure|ul|ol|li|blockquote|table|tr|dl|dd|dt)>)\s*`)
	blockOpen  = regexp.MustCompile(`\s*(<(?:p|h[1-6]|figure|ul|ol|li|blockquote|table|tr|dl|dd|dt)>)`)
)

// bodyHTML renders the content as sanitized HTML with absolute URLs, one
// block per line.
func (e *extraction) bodyHTML() string {
	e.root.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if u, err := e.base.Parse(attr(a, "href")); err == nil {
			a.SetAttr("href", u.String())
		}
	})
	e.root.Find("img[src]").Each(func(_ int, im *goquery.Selection) {
		if u, err := e.base.Parse(attr(im, "src")); err == nil {
			im.SetAttr("src", u.String())
		}
	})
	for _, n := range e.root.Nodes {
		collapse(n)
	}
	raw, err := e.root.Html()
	if err != nil {
		return ""
	}
	out := policy.Sanitize(raw)
	out = strings.ReplaceAll(out, "\u00a0", " ")
	out = strings.ReplaceAll(out, "&nbsp;", " ")
	out = emptyPara.ReplaceAllString(out, "")
	out = blockOpen.ReplaceAllString(out, "\n$1")
	out = blockClose.ReplaceAllString(out, "$1\n")
	lines := strings.Split(out, "\n")
	var kept []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// collapse squeezes whitespace in text nodes (outside <pre>).
func collapse(n *html.Node) {
	if n.Type == html.ElementNode && n.Data == "pre" {
		return
	}
	if n.Type == html.TextNode {
		n.Data = squeeze(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collapse(c)
	}
}
