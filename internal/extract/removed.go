package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// invisible elements are cut without being recorded as blocks: they show
// nothing a reader would have seen.
const invisible = "script, style, noscript, template, iframe"

// cut records s, about to be removed from the content, as one block of the
// given kind (Article.Removed) and as left out (Article.LeftOut).
func (e *extraction) cut(kind string, s *goquery.Selection) {
	e.leave(s)
	if t := textOf(s); t != "" {
		e.removed = append(e.removed, Block{Kind: kind, Text: t})
	}
}

// cutBoilerplate records each outermost visible element of bp (the content's
// boilerplate) as a block named after the element ("boilerplate (div.share)").
func (e *extraction) cutBoilerplate(bp *goquery.Selection) {
	e.leave(bp)
	bp.Each(func(_ int, s *goquery.Selection) {
		if s.Is(invisible) || s.ParentsUntilSelection(e.root).Is(boilerplateTags) {
			return
		}
		if t := textOf(s); t != "" {
			e.removed = append(e.removed, Block{Kind: "boilerplate (" + describe(s) + ")", Text: t})
		}
	})
}

// describe names an element as a CSS selector would: tag, id or first class.
func describe(s *goquery.Selection) string {
	name := goquery.NodeName(s)
	if id := attr(s, "id"); id != "" {
		return name + "#" + id
	}
	if class := strings.Fields(attr(s, "class")); len(class) > 0 {
		return name + "." + class[0]
	}
	if role := attr(s, "role"); role != "" {
		return name + `[role="` + role + `"]`
	}
	return name
}
