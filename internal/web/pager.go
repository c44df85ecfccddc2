package web

import (
	"net/url"
	"strconv"
)

// pager links the pages of a partner's news (?page=N, newest first; page 1
// is the partner page itself).
type pager struct {
	Page, Pages  int
	Newer, Older string // links to the neighbouring pages, "" at the ends
}

// pageNumber reads ?page=N: absent means 1; otherwise a number from 1,
// written without leading zeros or sign, given once.
func pageNumber(q url.Values) (int, bool) {
	vs, ok := q["page"]
	if !ok {
		return 1, true
	}
	if len(vs) != 1 || vs[0] == "" || len(vs[0]) > 9 || vs[0][0] == '0' {
		return 0, false
	}
	for _, r := range vs[0] {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, _ := strconv.Atoi(vs[0])
	return n, true
}

// newsPages is how many pages of news a channel has (at least one).
func (h *Handler) newsPages(slug string) int {
	n := (h.feeds.Count(slug) + h.site.MaxItems - 1) / h.site.MaxItems
	return max(n, 1)
}

func newPager(p page, path string, n, pages int) pager {
	pg := pager{Page: n, Pages: pages}
	if n > 1 {
		pg.Newer = pageURL(p, path, n-1)
	}
	if n < pages {
		pg.Older = pageURL(p, path, n+1)
	}
	return pg
}

// pageURL is the URL of page n, keeping a chosen language.
func pageURL(p page, path string, n int) string {
	if n == 1 {
		return p.Link(path)
	}
	u := path + "?page=" + strconv.Itoa(n)
	if p.query != "" {
		u += "&lang=" + p.Lang
	}
	return u
}

// pagedLangs points the language links at page n of path.
func pagedLangs(langs []langLink, path string, n int) []langLink {
	out := make([]langLink, len(langs))
	for i, l := range langs {
		l.Href = path + "?page=" + strconv.Itoa(n) + "&lang=" + l.Code
		out[i] = l
	}
	return out
}
