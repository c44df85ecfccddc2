package extract

import (
	"bytes"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/partnerfeed/partnerfeed/internal/boilerplate"
)

// contentCandidates are the usual containers of a page's main content, most
// specific first.
var contentCandidates = []string{
	`[itemprop="articleBody"]`, "article", `[role="main"]`, "main", "#content", "#inhalt", "#inhaltsbereich", ".inhalt",
	"#main", "#main-content", ".content", ".main-content", "#page-content",
}

// boilerplateTags are removed from the content before anything is read from it.
const boilerplateTags = "script, style, noscript, template, iframe, form, button, nav, footer, " +
	`[role="navigation"], [role="search"], .breadcrumb, .breadcrumbs, .pagination, .sr-only, ` +
	".visually-hidden, .skip, .skiplink, .skip-link, .share, .social, .print"

// dateLine is a short line that states the publication date.
var dateLine = regexp.MustCompile(`(?i)^(veröffentlicht( am)?|datum|erstellt( am)?|stand|pressemitteilung vom|vom|zuletzt geändert( am)?|published( on)?|posted( on)?|publié le|mis à jour le|gepubliceerd( op)?|geplaatst( op)?|опубліковано)(\b|\s)[\s:]*`)

// mainContent picks the element holding the article: the selector override,
// else the first usual container with enough text, else readability's pick.
func (e *extraction) mainContent() *goquery.Selection {
	if sel := e.o.Selectors.Body; sel != "" {
		if s := e.doc.Find(sel).First(); s.Length() > 0 {
			return s
		}
		return nil
	}
	for _, sel := range contentCandidates {
		var best *goquery.Selection
		bestLen := 0
		e.doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			if n := len(strings.TrimSpace(s.Text())); n > bestLen {
				best, bestLen = s, n
			}
		})
		if best != nil && bestLen >= 150 {
			return best
		}
	}
	return e.readabilityPick()
}

// readabilityPick asks go-readability for the main content, for pages without
// any of the usual containers.
func (e *extraction) readabilityPick() *goquery.Selection {
	var buf bytes.Buffer
	if err := goquery.Render(&buf, e.doc.Selection); err != nil {
		return nil
	}
	art, err := readability.FromReader(&buf, e.base)
	if err != nil || art.Node == nil {
		body := e.doc.Find("body")
		if body.Length() == 0 {
			return nil
		}
		return body
	}
	if e.meta.published == "" {
		if t, err := art.PublishedTime(); err == nil {
			e.meta.published = t.Format("2006-01-02T15:04:05Z07:00")
			e.meta.publishedFrom = "readability"
		}
	}
	// Re-parse readability's output: its nodes lack atoms, which goquery's
	// HTML manipulation cannot handle.
	var out bytes.Buffer
	if err := html.Render(&out, art.Node); err != nil {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(&out)
	if err != nil {
		return nil
	}
	return doc.Find("body").First()
}

// clean removes from the content what is not the article: boilerplate, skip
// links, the title, the date line and teaser boxes with everything after them.
func (e *extraction) clean(title string) {
	r := e.root
	bp := r.Find(boilerplateTags)
	e.cutBoilerplate(bp)
	bp.Remove()
	r.Find("a").Each(func(_ int, a *goquery.Selection) {
		if boilerplate.Is(a.Text(), boilerplate.SkipLinks) {
			a.Remove()
		}
	})
	r.Find("h1").Each(func(_ int, h *goquery.Selection) {
		if cleanText(h.Text()) == title {
			h.Remove()
		}
	})
	r.Find("p, div, span, time, dl, ul").Each(func(_ int, s *goquery.Selection) {
		t := cleanText(s.Text())
		if len(t) > 80 || s.Find("img").Length() > 0 {
			return
		}
		if dateLine.MatchString(t) || (s.Is("time") || s.Find("time").Length() > 0) && len(t) < 60 {
			s.Remove()
		}
	})
	e.cutTeasers()
}

// cutTeasers removes each teaser box: from its heading to the end of the
// content. A heading that opens its own box takes the whole box with it.
func (e *extraction) cutTeasers() {
	for {
		var head *goquery.Selection
		e.root.Find("h2, h3, h4, h5, h6, p, strong, b, div, span, dt").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			own := cleanText(s.Text())
			headingLike := s.Is("h2, h3, h4, h5, h6, strong, b, dt") || strings.HasSuffix(own, ":") || len(own) < 60
			// A teaser heading starts a box of links to other articles; it and
			// all that follows it are not the article. Only headings, bold
			// lines, lines ending in ":" and very short lines count, so that a
			// sentence beginning with the same words stays.
			if len(own) < 200 && headingLike && boilerplate.Starts(own, boilerplate.TeaserHeadings) {
				head = s
				return false
			}
			return true
		})
		if head == nil {
			return
		}
		node := head
		for {
			p := node.Parent()
			if p.Length() == 0 || p.IsSelection(e.root) || firstContentChild(p) == nil || firstContentChild(p) != node.Get(0) {
				break
			}
			node = p
		}
		box := node.AddSelection(node.NextAll())
		e.cut("teaser box", box)
		box.Remove()
	}
}

// firstContentChild is the first child element or non-blank text node.
func firstContentChild(s *goquery.Selection) *html.Node {
	for c := s.Get(0).FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return c
		}
	}
	return nil
}

// lead is the page's own summary, else the first substantial paragraph.
func (e *extraction) lead(bodyText string) string {
	if l := firstNonEmpty(e.meta.description, e.meta.ogDescription); l != "" {
		return l
	}
	for _, p := range strings.Split(bodyText, "\n\n") {
		if len(p) >= 80 {
			return p
		}
	}
	return ""
}
