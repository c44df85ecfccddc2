// Package extract turns one article page into an Article: canonical URL,
// title, publication date, lead, sanitized body and images. It works without
// configuration on ordinary pages (JSON-LD, OpenGraph, <time>, German date
// lines, a readability-style pick of the main content) and takes per-source
// CSS selectors as overrides.
package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/partnerfeed/partnerfeed/config"
)

// ErrNoContent means the page has no recognizable article (no title or no
// body): the site's layout may have changed.
var ErrNoContent = errors.New("extract: no article content found")

// ErrNoDate means the page has no recognizable publication date.
var ErrNoDate = errors.New("extract: no publication date found")

// Options are what a source knows about its pages.
type Options struct {
	Location   *time.Location    // site timezone for dates without offset; default UTC
	Selectors  *config.Selectors // optional overrides
	DateLayout string            // optional extra Go layout
	// LeftOut asks for Article.LeftOut (for explanations; it costs a walk
	// of the whole page, so ingest does not ask).
	LeftOut bool
	// Template is the source's learned template: its blocks are removed
	// from the body. Extract only reads it; the caller learns the page's
	// Article.Blocks into it. Nil: no template removal.
	Template *Template
	// legacy skips the generic boilerplate removal and the template (the
	// extractor as it was before them; for the benchmark's baseline).
	legacy bool
}

// Article is what extraction makes of a page.
type Article struct {
	URL string // canonical
	// CanonicalLink is the page's own canonical link (rel="canonical", else
	// og:url), absolute and normalized like CanonicalURL, whatever its host;
	// "" when the page names none. The caller decides whether to trust it.
	CanonicalLink string
	Title         string
	Published     time.Time
	Lead          string
	BodyHTML      string // sanitized, absolute URLs
	BodyText      string // plain text of the body without captions
	Images        []Image
	Language      string
	// LeftOut (with Options.LeftOut) is the page's text that is not the
	// article: the page around the content (header, navigation, sidebars,
	// footer), navigation inside it and the teaser boxes cut from it. It is
	// never published; the tagger reads it only to explain what it ignored.
	LeftOut string
	// Contact is the release's press contact ("Pressekontakt: …"), kept
	// apart from the body; "" when the page has none.
	Contact string
	// TemplateBlocks counts the blocks removed because the source's
	// template holds them; Boilerplate the blocks removed as share bars,
	// back and print links, breadcrumbs, cookie banners, comment notes or
	// post navigation.
	TemplateBlocks, Boilerplate int
	// Blocks are the fingerprints of the page's text blocks, for
	// Template.Learn (with Options.Template set).
	Blocks []uint64
	// DateSignal says what gave Published: "JSON-LD datePublished",
	// "<meta property=\"article:published_time\">", "<time>", "date line
	// \"Veröffentlicht am: 24.11.2022\"", "first date in the text", …
	DateSignal string
	// Removed are the blocks cut from the content (boilerplate, teaser
	// boxes), in page order, each with its kind and text: what
	// `partnerfeed probe` marks as removed.
	Removed []Block
}

// Block is one block cut from an article's content.
type Block struct {
	Kind string // "boilerplate (div.share)", "teaser box"
	Text string
}

// Image is one picture of the article.
type Image struct {
	URL     string
	Caption string
	Credit  string
}

// Captions returns the images' captions, each once.
func (a Article) Captions() []string {
	var out []string
	seen := map[string]bool{}
	for _, im := range a.Images {
		if im.Caption != "" && !seen[im.Caption] {
			seen[im.Caption] = true
			out = append(out, im.Caption)
		}
	}
	return out
}

// Extract extracts the article from an HTML page (UTF-8) fetched from pageURL.
// A page without title or body gives ErrNoContent; one without a date gives
// the article and ErrNoDate.
func Extract(pageURL string, page []byte, o Options) (a Article, err error) {
	defer func() {
		// goquery panics on a few malformed trees; a bad page must never stop a run.
		if r := recover(); r != nil {
			a, err = Article{}, fmt.Errorf("%w in %s: %v", ErrNoContent, pageURL, r)
		}
	}()
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Selectors == nil {
		o.Selectors = &config.Selectors{}
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return Article{}, fmt.Errorf("extract: bad page URL: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return Article{}, fmt.Errorf("extract: parse %s: %w", pageURL, err)
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	meta := readMeta(doc)
	for _, sel := range o.Selectors.Remove {
		if sel != "" {
			doc.Find(sel).Remove()
		}
	}
	e := &extraction{doc: doc, base: base, meta: meta, o: o}
	return e.run()
}

// extraction is the state of one Extract call.
type extraction struct {
	doc  *goquery.Document
	base *url.URL
	meta meta
	o    Options
	root *goquery.Selection
	// leftOut collects the text that is not the article (Article.LeftOut).
	leftOut []string
	// removed collects the blocks cut from the content (Article.Removed).
	removed []Block
}

func (e *extraction) run() (Article, error) {
	var a Article
	a.URL = e.canonical()
	a.CanonicalLink = e.canonicalLink()
	a.Language = firstNonEmpty(e.meta.language, attr(e.doc.Find("html"), "lang"))
	e.root = e.mainContent()
	a.Title = e.title()
	a.Published, a.DateSignal = e.published(a.Title)
	if e.root == nil || a.Title == "" {
		return a, fmt.Errorf("%w in %s", ErrNoContent, e.base)
	}
	e.leaveAround()
	e.clean(a.Title)
	if !e.o.legacy {
		a.Boilerplate = e.removeBoilerplate()
		a.Contact = e.contact()
		if e.o.Template != nil {
			e.removeTemplate(&a)
		}
	}
	a.LeftOut = strings.Join(e.leftOut, "\n\n")
	a.Removed = e.removed
	a.Images = e.images()
	a.BodyHTML = e.bodyHTML()
	a.BodyText = textOf(e.root)
	if strings.TrimSpace(a.BodyText) == "" {
		return a, fmt.Errorf("%w in %s (empty body)", ErrNoContent, e.base)
	}
	a.Lead = e.lead(a.BodyText)
	if a.Published.IsZero() {
		return a, fmt.Errorf("%w in %s", ErrNoDate, e.base)
	}
	return a, nil
}

func (e *extraction) canonical() string {
	for _, c := range []string{e.meta.canonical, e.meta.ogURL} {
		if c == "" {
			continue
		}
		if u, err := e.base.Parse(c); err == nil && SameSite(u.Host, e.base.Host) {
			if s, err := CanonicalURL(e.base, c); err == nil {
				return s
			}
		}
	}
	s, err := CanonicalURL(nil, e.base.String())
	if err != nil {
		return e.base.String()
	}
	return s
}

func (e *extraction) canonicalLink() string {
	for _, c := range []string{e.meta.canonical, e.meta.ogURL} {
		if c == "" {
			continue
		}
		if s, err := CanonicalURL(e.base, c); err == nil {
			return s
		}
	}
	return ""
}

func (e *extraction) title() string {
	if sel := e.o.Selectors.Title; sel != "" {
		if t := cleanText(e.doc.Find(sel).First().Text()); t != "" {
			return t
		}
	}
	if e.root != nil {
		if t := cleanText(e.root.Find("h1").First().Text()); t != "" {
			return t
		}
	}
	return firstNonEmpty(e.meta.headline, e.meta.ogTitle, cleanText(e.doc.Find("h1").First().Text()),
		cleanText(e.doc.Find("title").First().Text()))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.First().Attr(name)
	return strings.TrimSpace(v)
}
