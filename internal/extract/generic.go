package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/partnerfeed/partnerfeed/internal/boilerplate"
)

// shareLink points at a share endpoint of a social network or mail.
var shareLink = regexp.MustCompile(`(?i)^(mailto:\?|https?://(www\.)?(facebook\.com/shar|twitter\.com/(intent|share)|x\.com/intent|` +
	`(api\.)?whatsapp\.com/send|wa\.me/|linkedin\.com/(share|sharing)|xing\.com/(spi/)?shares?|t\.me/share|telegram\.me/share|` +
	`pinterest\.[a-z]+/pin/create|reddit\.com/submit|bsky\.app/intent|mastodon|toot\.kytta))`)

// genericMatcher finds the elements that may be boilerplate as a whole;
// the other matchers are compiled once, for the same reason (goquery
// compiles a selector string on every call).
var (
	genericMatcher = cascadia.MustCompile("div, section, aside, ul, ol, p, li, span, dl, small, header, h2, h3, h4, h5, h6, a")
	mediaMatcher   = cascadia.MustCompile("img, figure, h1")
	linkMatcher    = cascadia.MustCompile("a, button")
	contactMatcher = cascadia.MustCompile("h2, h3, h4, h5, h6, p, strong, b, dt, div, span")
)

// textSizes maps each element under root to the bytes of text it holds, in
// one walk (asking each candidate for its text would be quadratic in the
// nesting depth).
func textSizes(root *goquery.Selection) map[*html.Node]int {
	size := map[*html.Node]int{}
	var walk func(n *html.Node) int
	walk = func(n *html.Node) int {
		if n.Type == html.TextNode {
			return len(strings.TrimSpace(n.Data))
		}
		t := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t += walk(c)
		}
		size[n] = t
		return t
	}
	for _, n := range root.Nodes {
		walk(n)
	}
	return size
}

// removeBoilerplate removes, without selectors, the blocks every CMS puts
// around a release in any of the five languages: share bars, print and back
// links, breadcrumbs, cookie banners, comment notes and post navigation.
// It returns how many blocks it removed.
func (e *extraction) removeBoilerplate() int {
	n := 0
	size := textSizes(e.root)
	e.root.FindMatcher(genericMatcher).Each(func(_ int, s *goquery.Selection) {
		if size[s.Get(0)] > 600 || !e.root.Contains(s.Get(0)) {
			return // too long to be boilerplate, or removed with an ancestor already
		}
		if isBoilerplate(s) {
			e.cut("boilerplate ("+describe(s)+")", s)
			s.Remove()
			n++
		}
	})
	return n
}

// isBoilerplate reports whether a block is entirely boilerplate: it starts
// with a share, breadcrumb, cookie or comment phrase, or all its text is
// links back, to print, to other posts or to share.
func isBoilerplate(s *goquery.Selection) bool {
	t := cleanText(s.Text())
	if t == "" || len(t) > 600 || s.FindMatcher(mediaMatcher).Length() > 0 {
		return false
	}
	short := len(t) <= 160
	switch {
	case boilerplate.Starts(t, boilerplate.Cookies):
		return true
	case !short:
		return false
	case boilerplate.Starts(t, boilerplate.Share) && (s.FindMatcher(linkMatcher).Length() > 0 || boilerplate.Is(t, boilerplate.Share)),
		boilerplate.Starts(t, boilerplate.Breadcrumbs),
		boilerplate.Starts(t, boilerplate.Comments),
		boilerplate.Is(t, boilerplate.Print), boilerplate.Is(t, boilerplate.Back), boilerplate.Starts(t, boilerplate.PostNav):
		return true
	}
	return allNavLinks(s, t)
}

// allNavLinks reports whether the block's text is nothing but links (and
// separators) that go back, print, share, or to the previous or next post,
// or a breadcrumb trail that starts at the home page.
func allNavLinks(s *goquery.Selection, text string) bool {
	links := s.FindMatcher(linkMatcher)
	if s.Is("a") {
		links = s
	}
	if links.Length() == 0 {
		return false
	}
	linkText := 0
	nav := true
	links.Each(func(_ int, a *goquery.Selection) {
		lt := cleanText(a.Text())
		linkText += len(lt)
		href := a.AttrOr("href", "")
		if !(shareLink.MatchString(href) || boilerplate.Is(lt, boilerplate.Back) || boilerplate.Is(lt, boilerplate.Print) ||
			boilerplate.Starts(lt, boilerplate.PostNav) || boilerplate.Is(lt, boilerplate.Share)) {
			nav = false
		}
	})
	rest := strings.TrimFunc(text, func(r rune) bool { return strings.ContainsRune(" |/>»›<«‹·•-–:", r) })
	if len(rest)-linkText >= 40 {
		return false
	}
	// A breadcrumb trail: links from the home page on, joined by separators.
	crumbs := links.Length() >= 2 && boilerplate.Is(links.First().Text(), boilerplate.Home) && strings.ContainsAny(text, ">/»›")
	return nav || crumbs
}

// contact takes the press contact out of the content: a block opened by a
// contact heading ("Pressekontakt", "Press contact", "Contact presse",
// "Perscontact", "Контакти"), up to the next heading. It returns its text.
func (e *extraction) contact() string {
	var head *goquery.Selection
	size := textSizes(e.root)
	e.root.FindMatcher(contactMatcher).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if size[s.Get(0)] > 400 {
			return true
		}
		t := cleanText(s.Text())
		if len(t) > 400 {
			return true
		}
		p := boilerplate.Starting(t, boilerplate.Contact)
		if p == "" {
			return true
		}
		rest := strings.TrimSpace(boilerplate.Fold(t)[len(p):])
		if rest == "" || strings.HasPrefix(rest, ":") {
			head = s
			return false
		}
		return true
	})
	if head == nil {
		return ""
	}
	node := head
	for p := node.Parent(); p.Length() > 0 && !p.IsSelection(e.root) && firstContentChild(p) == node.Get(0); p = node.Parent() {
		node = p
	}
	box := node
	for next := node.Next(); next.Length() > 0 && !next.Is("h1, h2, h3, h4, h5, h6, figure") && next.Find("img").Length() == 0; next = next.Next() {
		box = box.AddSelection(next)
	}
	text := textOf(box)
	if len(text) > 800 {
		return "" // a text about contacts, not a contact block
	}
	e.leave(box)
	box.Remove()
	return text
}
