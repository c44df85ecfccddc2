package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// Listing is what a listing page links to.
type Listing struct {
	Links []string // article pages to fetch, in page order, one per canonical URL
	Next  string   // the next listing page, "" on the last
	// NextBy is the pagination signal that gave Next (NextByRel, …).
	NextBy string
	// Shape is what the page classifier saw on the page.
	Shape PageShape
}

// listingScopes are the usual main-content containers of a listing page.
var listingScopes = []string{`[role="main"]`, "main", "#content", "#inhalt", "#inhaltsbereich", ".inhalt", ".content", "body"}

// listingNoise holds links that are never articles of this listing.
const listingNoise = `nav, header, footer, aside, form, [role="navigation"], .pagination, .pager, .breadcrumb, .breadcrumbs`

var (
	fileSuffix = regexp.MustCompile(`(?i)\.(pdf|jpe?g|png|gif|docx?|xlsx?|zip|mp3|mp4|ics)$`)
	offsetPart = regexp.MustCompile(`&(s\d+)=(\d+)`)
)

// ParseListing reads the article links and the next page of a listing page.
// Links to mirrors (hosts serving the same pages: a source's mirror_hosts)
// count as links to the site.
func ParseListing(pageURL string, page []byte, sel *config.Selectors, mirrors ...string) (Listing, error) {
	if sel == nil {
		sel = &config.Selectors{}
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		return Listing{}, fmt.Errorf("ingest: bad listing URL: %w", err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return Listing{}, fmt.Errorf("ingest: parse listing %s: %w", pageURL, err)
	}
	ref := baseOf(doc, base) // links resolve against <base href>
	l := Listing{Shape: classify(doc, ref)}
	l.Next, l.NextBy = nextPage(doc, base, ref, sel)
	seen := map[string]bool{}
	for _, href := range articleLinks(doc, base, ref, sel, l.Next, mirrors) {
		u, err := ref.Parse(href)
		if err != nil {
			continue
		}
		key, err := extract.CanonicalURL(nil, u.String())
		if err != nil || seen[key] {
			continue
		}
		seen[key] = true
		l.Links = append(l.Links, u.String())
	}
	return l, nil
}

// baseOf is the page's <base href> resolved against its URL, else its URL.
func baseOf(doc *goquery.Document, pageURL *url.URL) *url.URL {
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
			return b
		}
	}
	return pageURL
}

// articleLinks finds the article links: the selector, else the links in
// headings of the main content, else its links in <article>s, else its
// links with a headline-long text; never navigation, the listing itself or files.
func articleLinks(doc *goquery.Document, base, ref *url.URL, sel *config.Selectors, next string, mirrors []string) []string {
	var scope *goquery.Selection
	if sel.ArticleLink != "" {
		scope = doc.Find(sel.ArticleLink)
	} else {
		for _, s := range listingScopes {
			if f := doc.Find(s).First(); f.Find("a[href]").Length() > 0 {
				scope = f.Clone()
				break
			}
		}
		if scope == nil {
			return nil
		}
		scope.Find(listingNoise).Remove()
	}
	ok := func(a *goquery.Selection) (string, bool) {
		href, _ := a.Attr("href")
		u, err := ref.Parse(strings.TrimSpace(href))
		if err != nil || href == "" || strings.HasPrefix(href, "#") || (u.Scheme != "http" && u.Scheme != "https") ||
			!onSite(u.Host, base.Host, mirrors) || fileSuffix.MatchString(u.Path) || samePage(u, base) {
			return "", false
		}
		if next != "" && u.String() == next {
			return "", false
		}
		return u.String(), true
	}
	collect := func(s *goquery.Selection, minText int) []string {
		var out []string
		s.Each(func(_ int, a *goquery.Selection) {
			if !a.Is("a") {
				a = a.Find("a[href]").First()
			}
			if href, good := ok(a); good && len(strings.TrimSpace(a.Text())) >= minText {
				out = append(out, href)
			}
		})
		return out
	}
	if sel.ArticleLink != "" {
		return collect(scope, 0)
	}
	if l := collect(scope.Find("h2 a[href], h3 a[href], h4 a[href], h5 a[href]"), 1); len(l) > 0 {
		return l
	}
	if l := collect(scope.Find("article a[href]"), 1); len(l) > 0 {
		return l
	}
	return collect(scope.Find("a[href]"), 20)
}

// onSite reports whether host is the listing's site or one of its mirrors.
func onSite(host, listingHost string, mirrors []string) bool {
	if extract.SameSite(host, listingHost) {
		return true
	}
	for _, m := range mirrors {
		if extract.SameSite(host, m) {
			return true
		}
	}
	return false
}

// samePage reports whether u is the listing itself (any of its pages).
func samePage(u, base *url.URL) bool {
	strip := func(p string) string {
		return strings.TrimSuffix(pagePath.ReplaceAllString(offsetPart.ReplaceAllString(p, ""), ""), "/")
	}
	return extract.SameSite(u.Host, base.Host) && strip(u.Path) == strip(base.Path)
}
