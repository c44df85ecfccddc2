package feed

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bodyPolicy sanitizes article bodies once more before publishing them: the
// store holds sanitized HTML, but a feed must never depend on that alone.
var bodyPolicy = bluemonday.UGCPolicy()

// publishBody returns the article body sanitized, with every link and image
// URL made absolute against the article's URL and only XML 1.0 characters.
func publishBody(body, articleURL string) string {
	body = bodyPolicy.Sanitize(cleanText(body))
	base, err := url.Parse(articleURL)
	if err != nil || !base.IsAbs() {
		return body
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		return body
	}
	var buf bytes.Buffer
	for _, n := range nodes {
		absolutize(n, base)
		if err := html.Render(&buf, n); err != nil {
			return body
		}
	}
	return buf.String()
}

func absolutize(n *html.Node, base *url.URL) {
	if n.Type == html.ElementNode {
		for i, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				n.Attr[i].Val = absURL(base, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		absolutize(c, base)
	}
}

// absURL resolves ref against base; an unparseable ref is returned as is.
func absURL(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || base == nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// absoluteURL resolves ref against the absolute URL base.
func absoluteURL(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	return absURL(b, ref)
}
