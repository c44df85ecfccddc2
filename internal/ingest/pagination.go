package ingest

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/boilerplate"
)

// nextPage finds the next listing page of the page at base (links resolve
// against ref, its <base href>) from pagination signals only: the
// selector; rel="next"; a link labelled as the next page ("Nächste Seite",
// "weiter »", "next", "volgende", "suivant", "»") or a load-more button with
// its endpoint; else the numbered page or offset link after the current one.
// A read-more link ("weiterlesen", "Read more", "Lire la suite") or a link
// between single posts ("Nächster Beitrag") is never the next page. It
// returns the URL and the signal that gave it.
func nextPage(doc *goquery.Document, base, ref *url.URL, sel *config.Selectors) (string, string) {
	abs := func(href string) string {
		u, err := ref.Parse(strings.TrimSpace(href))
		if err != nil || href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "javascript:") ||
			u.String() == base.String() {
			return ""
		}
		return u.String()
	}
	if sel.NextPage != "" {
		href, _ := doc.Find(sel.NextPage).First().Attr("href")
		return abs(href), NextBySelector
	}
	if href, ok := doc.Find(`a[rel~="next"], link[rel~="next"]`).First().Attr("href"); ok {
		if n := abs(href); n != "" {
			return n, NextByRel
		}
	}
	var found, by string
	doc.Find("a[href], button, [data-url], [data-href], [data-next]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		text := strings.TrimSpace(a.Text())
		label := strings.TrimSpace(a.AttrOr("title", "") + " " + a.AttrOr("aria-label", ""))
		if isReadMore(text) || isReadMore(label) || boilerplate.Starts(text, boilerplate.PostNav) ||
			boilerplate.Starts(label, boilerplate.PostNav) {
			return true
		}
		switch {
		case boilerplate.IsLoadMore(text) || text == "" && boilerplate.IsLoadMore(label):
			found, by = abs(endpointOf(a)), NextByLoadMore
		case !a.Is("a"):
		case boilerplate.Is(text, boilerplate.NextPage) || slices.Contains(boilerplate.NextArrows, text) ||
			len(text) < 20 && boilerplate.Is(label, boilerplate.NextPage):
			found, by = abs(a.AttrOr("href", "")), NextByText
		}
		return found == ""
	})
	if found != "" {
		return found, by
	}
	return numberedNext(doc, base, ref)
}

// endpointOf is the URL a load-more button calls: a data-* (or hx-get)
// attribute holding a URL, else its href, else a URL inside a data-*
// setting, else its form's action.
func endpointOf(a *goquery.Selection) string {
	for _, name := range []string{"data-url", "data-href", "data-next", "data-endpoint"} {
		if v := strings.TrimSpace(a.AttrOr(name, "")); v != "" {
			return v
		}
	}
	for _, at := range a.Get(0).Attr {
		v := strings.TrimSpace(at.Val)
		if (strings.HasPrefix(at.Key, "data-") || at.Key == "hx-get") && looksLikeURL.MatchString(v) {
			return v
		}
	}
	if href := strings.TrimSpace(a.AttrOr("href", "")); href != "" && !strings.HasPrefix(href, "#") &&
		!strings.HasPrefix(href, "javascript:") {
		return href
	}
	for _, at := range a.Get(0).Attr { // a URL inside a setting: data-options='{"url":"/more.json"}'
		if strings.HasPrefix(at.Key, "data-") {
			if u := urlInside.FindString(at.Val); u != "" {
				return u
			}
		}
	}
	return a.Closest("form").AttrOr("action", "")
}

// urlInside finds a URL or a path with a query or a .json file in a text.
var urlInside = regexp.MustCompile(`https?://[^\s"'<>]+|/[^\s"'<>]*\?[^\s"'<>]+|/[^\s"'<>]+\.json\b[^\s"'<>]*`)

// looksLikeURL is an attribute value that is a path or URL, not a selector
// or a setting ("/presse/more.json?offset=4", "https://…", "more?page=2").
var looksLikeURL = regexp.MustCompile(`^(https?://|/[^/\s]|\.{0,2}/?[\w.-]+(/[\w.-]*)*\?[\w.%\[\]-]+=)\S*$`)

// The signals that give the next listing page (Listing.NextBy).
const (
	NextBySelector = "selector"
	NextByRel      = "rel-next"
	NextByText     = "link-text"
	NextByLoadMore = "load-more"
	NextByNumber   = "numbered"
	NextByOffset   = "offset"
)

// isReadMore reports whether a link text or label is a read-more link
// ("weiterlesen", "Weiterlesen: <title>", "Lees meer").
func isReadMore(s string) bool {
	return s != "" && (boilerplate.Is(s, boilerplate.ReadMore) ||
		boilerplate.Starts(s, boilerplate.ReadMore) && !boilerplate.Is(s, boilerplate.NextPage) && len(s) > 12)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// numberedNext picks, among links to the same listing, the one whose page
// number or offset is the smallest above the current one: a Domino offset
// (&s91=11: the one &sNN= parameter whose value varies between the links), a
// numeric query parameter that varies (?page=3, ?start=20,
// tx_news_pi1[currentPage]=2) or a /page/N path.
func numberedNext(doc *goquery.Document, base, ref *url.URL) (string, string) {
	var links, numbered []*url.URL
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		text := strings.TrimSpace(a.Text())
		if isReadMore(text) || a.ParentsFiltered("aside, header, footer").Length() > 0 {
			return
		}
		if u, err := ref.Parse(a.AttrOr("href", "")); err == nil && samePage(u, base) && u.String() != base.String() {
			links = append(links, u)
			if pageNumber.MatchString(text) {
				numbered = append(numbered, u)
			}
		}
	})
	// Links labelled with a page number are the pager: other links to the
	// listing (a month archive, a filter) do not count then.
	if len(numbered) > 0 {
		links = numbered
	}
	var pos func(u *url.URL) int
	by := NextByNumber
	if key := varyingOffset(base, links); key != "" {
		by = NextByOffset
		pos = func(u *url.URL) int {
			if v, ok := offsets(u)[key]; ok {
				return v
			}
			return 1
		}
	} else if key := varyingParam(base, links); key != "" {
		absent := 1
		if offsetParam.MatchString(key) {
			by, absent = NextByOffset, 0
		}
		pos = func(u *url.URL) int {
			if n, err := strconv.Atoi(u.Query().Get(key)); err == nil {
				return n
			}
			return absent
		}
	} else {
		pos = func(u *url.URL) int {
			if m := pagePath.FindStringSubmatch(u.Path); m != nil {
				n, _ := strconv.Atoi(m[1])
				return n
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
	return best, by
}

var (
	// pageNumber is the text of a numbered page link.
	pageNumber = regexp.MustCompile(`^\d{1,4}$`)
	// pagePath is a page number in the path (WordPress /page/2/, /seite/2).
	pagePath = regexp.MustCompile(`/(?:page|seite|pagina|p)/(\d+)/?$`)
	// offsetParam names query parameters that count items, not pages.
	offsetParam = regexp.MustCompile(`(?i)(start|offset|skip|from|limitstart)`)
)

// varyingParam is the query parameter with a numeric value that differs
// among the URLs (absent counts as its own value).
func varyingParam(base *url.URL, links []*url.URL) string {
	var keys []string
	for _, u := range append([]*url.URL{base}, links...) {
		for k, v := range u.Query() {
			if _, err := strconv.Atoi(v[0]); err == nil && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		vals := map[string]bool{}
		for _, u := range append([]*url.URL{base}, links...) {
			vals[u.Query().Get(k)] = true
		}
		if len(vals) > 1 {
			return k
		}
	}
	return ""
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
