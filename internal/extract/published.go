package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// published finds the publication date: the selector override, JSON-LD and
// <meta>, a <time datetime>, a date line ("Veröffentlicht am: …"), "Zuletzt geändert", the
// first date near the top of the content, then the title. It also says which
// of these gave the date (Article.DateSignal).
func (e *extraction) published(title string) (time.Time, string) {
	t, signal := e.findPublished(title)
	if t.IsZero() {
		return t, ""
	}
	return t.In(e.o.Location), signal
}

func (e *extraction) findPublished(title string) (time.Time, string) {
	parse := func(s string) (time.Time, bool) { return ParseDate(s, e.o.Location, e.o.DateLayout) }
	if sel := e.o.Selectors.Published; sel != "" {
		s := e.doc.Find(sel).First()
		if t, ok := parse(firstNonEmpty(attr(s, "datetime"), attr(s, "content"), s.Text())); ok {
			return t, "selector " + sel
		}
	}
	if t, ok := parse(e.meta.published); ok {
		return t, e.meta.publishedFrom
	}
	scope := e.doc.Selection
	if e.root != nil {
		scope = e.root
	}
	for _, s := range []*goquery.Selection{scope, e.doc.Selection} {
		var found time.Time
		s.Find("time").EachWithBreak(func(_ int, tm *goquery.Selection) bool {
			if t, ok := parse(firstNonEmpty(attr(tm, "datetime"), tm.Text())); ok {
				found = t
				// A datetime that is a date only ("2024-06-14") leaves the
				// time to the visible text ("14.06.2024 10:45 Uhr").
				if dt := attr(tm, "datetime"); len(dt) <= len("2006-01-02") {
					if v, ok := parse(tm.Text()); ok && v.Format(time.DateOnly) == t.Format(time.DateOnly) {
						found = v
					}
				}
				return false
			}
			return true
		})
		if !found.IsZero() {
			return found, "<time>"
		}
	}
	text := textOf(scope.Clone())
	for _, line := range strings.Split(text, "\n") {
		if dateLine.MatchString(line) {
			if t, ok := parse(line); ok {
				return t, "date line " + strconv.Quote(cleanText(line))
			}
		}
	}
	for _, line := range strings.Split(textOf(e.doc.Selection.Clone()), "\n") {
		if strings.Contains(strings.ToLower(line), "zuletzt geändert") {
			if t, ok := parse(line); ok {
				return t, "date line " + strconv.Quote(cleanText(line))
			}
		}
	}
	head := text
	if len(head) > 600 {
		head = head[:600]
	}
	if t, ok := parse(head); ok {
		return t, "first date in the text"
	}
	if t, ok := parse(title); ok {
		return t, "date in the title"
	}
	return time.Time{}, ""
}
