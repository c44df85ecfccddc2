package extract

import "github.com/PuerkitoBio/goquery"

// leaveAround records the page outside the content (header, navigation,
// sidebars, footer) as not the article; nothing when the content is the
// whole page or not part of it (readability's pick).
func (e *extraction) leaveAround() {
	body := e.doc.Find("body").First()
	n := e.root.Get(0)
	if !e.o.LeftOut || body.Length() == 0 || n == body.Get(0) || !body.Contains(n) {
		return
	}
	// Read the page with the content taken out for a moment.
	parent, next := n.Parent, n.NextSibling
	parent.RemoveChild(n)
	defer parent.InsertBefore(n, next)
	e.leave(body)
}

// leave records the text of s as not the article (Article.LeftOut), when
// Options.LeftOut asks for it.
func (e *extraction) leave(s *goquery.Selection) {
	if !e.o.LeftOut {
		return
	}
	if t := textOf(s); t != "" {
		e.leftOut = append(e.leftOut, t)
	}
}
