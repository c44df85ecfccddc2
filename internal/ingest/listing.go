package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// Listing is what a listing page links to.
type Listing struct {
	Links []string // article pages to fetch, in page order, one per canonical URL
	Next  string   // the next listing page, "" on the last
	// NextHow says how Next was found: "selector", "rel=next", "link
	// \"Weiter\"", "numbered ?page=2", "offset &s91=11".
	NextHow string
}

// listingScopes are the usual main-content containers of a listing page.
var listingScopes = []string{`[role="main"]`, "main", "#content", "#inhalt", "#inhaltsbereich", ".inhalt", ".content", "body"}

// listingNoise holds links that are never articles of this listing.
const listingNoise = `nav, header, footer, aside, form, [role="navigation"], .pagination, .pager, .breadcrumb, .breadcrumbs`

var (
	nextText   = regexp.MustCompile(`(?i)^(weiter|nächste( seite)?|vor|next|older|ältere)\b|^(»|›|>|>>)$`)
	nextTitle  = regexp.MustCompile(`(?i)(nächste seite|weiter|next page|nächste)`)
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
	var l Listing
	l.Next, l.NextHow = nextPage(doc, base, sel)
	seen := map[string]bool{}
	for _, href := range articleLinks(doc, base, sel, l.Next, mirrors) {
		u, err := base.Parse(href)
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

// articleLinks finds the article links: the selector, else the links in
// headings of the main content, else its links in <article>s, else its
// links with a headline-long text; never navigation, the listing itself or files.
func articleLinks(doc *goquery.Document, base *url.URL, sel *config.Selectors, next string, mirrors []string) []string {
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
		u, err := base.Parse(strings.TrimSpace(href))
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
	strip := func(p string) string { return strings.TrimSuffix(offsetPart.ReplaceAllString(p, ""), "/") }
	return extract.SameSite(u.Host, base.Host) && strip(u.Path) == strip(base.Path)
}

// nextPage finds the next listing page: the selector; rel="next"; a link
// labelled "Weiter", "nächste Seite", "»"; else the link with the next
// ?page=N or Domino offset (&s91=11).
func nextPage(doc *goquery.Document, base *url.URL, sel *config.Selectors) (string, string) {
	abs := func(href string) string {
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || href == "" || strings.HasPrefix(href, "#") || u.String() == base.String() {
			return ""
		}
		return u.String()
	}
	if sel.NextPage != "" {
		href, _ := doc.Find(sel.NextPage).First().Attr("href")
		return abs(href), "selectors.next_page " + sel.NextPage
	}
	if href, ok := doc.Find(`a[rel~="next"], link[rel~="next"]`).First().Attr("href"); ok {
		if n := abs(href); n != "" {
			return n, "rel=next"
		}
	}
	var found, how string
	doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		text := strings.TrimSpace(a.Text())
		title := a.AttrOr("title", "") + " " + a.AttrOr("aria-label", "")
		if nextText.MatchString(text) || nextTitle.MatchString(title) && len(text) < 20 {
			found, how = abs(a.AttrOr("href", "")), "link "+strconv.Quote(firstNonBlank(text, strings.TrimSpace(title)))
		}
		return found == ""
	})
	if found != "" {
		return found, how
	}
	return numberedNext(doc, base)
}

func firstNonBlank(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// numberedNext picks, among links to the same listing, the one whose page
// number (?page=N) or Domino offset is the smallest above the current one.
// The offset is the one &sNN= parameter whose value varies between the links.
func numberedNext(doc *goquery.Document, base *url.URL) (string, string) {
	var links []*url.URL
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if u, err := base.Parse(a.AttrOr("href", "")); err == nil && samePage(u, base) && u.String() != base.String() {
			links = append(links, u)
		}
	})
	pos := func(u *url.URL) int {
		n, err := strconv.Atoi(u.Query().Get("page"))
		if err != nil {
			return 1
		}
		return n
	}
	kind := func(p int) string { return "numbered ?page=" + strconv.Itoa(p) }
	if key := varyingOffset(base, links); key != "" {
		kind = func(p int) string { return "offset &" + key + "=" + strconv.Itoa(p) }
		pos = func(u *url.URL) int {
			if v, ok := offsets(u)[key]; ok {
				return v
			}
			return 1
		}
	}
	current := pos(base)
	best, bestPos := "", -1
	for _, u := range links {
		if p := pos(u); p > current && (bestPos < 0 || p < bestPos) {
			best, bestPos = u.String(), p
		}
	}
	if best == "" {
		return "", ""
	}
	return best, kind(bestPos)
}

// offsets are a URL's Domino offsets ("&s91=11" → s91: 11); absent ones count as 1.
func offsets(u *url.URL) map[string]int {
	m := map[string]int{}
	for _, g := range offsetPart.FindAllStringSubmatch(u.Path, -1) {
		m[g[1]], _ = strconv.Atoi(g[2])
	}
	return m
}

// varyingOffset is the first Domino offset key whose value differs among the URLs.
func varyingOffset(base *url.URL, links []*url.URL) string {
	var order []string
	vals := map[string]map[int]bool{}
	for _, u := range append([]*url.URL{base}, links...) {
		for _, g := range offsetPart.FindAllStringSubmatch(u.Path, -1) {
			if vals[g[1]] == nil {
				vals[g[1]] = map[int]bool{}
				order = append(order, g[1])
			}
		}
	}
	for _, u := range append([]*url.URL{base}, links...) {
		o := offsets(u)
		for _, k := range order {
			v, ok := o[k]
			if !ok {
				v = 1
			}
			vals[k][v] = true
		}
	}
	for _, k := range order {
		if len(vals[k]) > 1 {
			return k
		}
	}
	return ""
}
