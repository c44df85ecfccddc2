package archivetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// shapeSpec says how a corpus shape lays out its site; the markup is in
// testdata/shapes/<name>/ (layout.html, listing.html, article.html,
// image.html and the templates of extra pages).
type shapeSpec struct {
	name, cms string
	frozen    bool
	dateOnly  bool // the site shows no time of day
	perPage   int
	// pageHref is listing page i (0 = the first page, the source URL).
	pageHref func(i int) string
	// moreHref, when set, is the "mehr laden" JSON endpoint of listing page
	// i ≥ 1: the listing's HTML then has only its first page.
	moreHref    func(i int) string
	moreItems   bool // the endpoint answers items (title, url, date, excerpt), not an HTML fragment
	articlePath func(r Release) string
	extra       map[string]string // path -> template of a non-release page
	phrases     []string          // template phrases that must never be in a body
	// context are query parameters the site adds to its links and ignores
	// (GSB's "?nn=" navigation node).
	context []string
}

// Shape is one fixture press archive in the markup of a CMS that
// municipalities run, rendered from a releases list and layout templates.
type Shape struct {
	spec     shapeSpec
	a        *Archive
	expected []Release // the fixture's own list, newest first
	served   []Release // what the server shows (a corrupted copy may differ)
	tmpl     *template.Template
	image    *template.Template
}

// newShape loads a shape's releases and templates.
func (a *Archive) newShape(spec shapeSpec) *Shape {
	dir := "testdata/shapes/" + spec.name + "/"
	rels := mustReleases(dir + "releases.txt")
	pages := []string{dir + "layout.html", dir + "listing.html", dir + "article.html"}
	for _, t := range spec.extra {
		pages = append(pages, dir+t)
	}
	return &Shape{spec: spec, a: a, expected: rels, served: rels,
		tmpl:  template.Must(template.New("").Funcs(shapeFuncs).ParseFS(files, pages...)),
		image: template.Must(template.New("image.html").Funcs(shapeFuncs).ParseFS(files, dir+"image.html"))}
}

// Site describes the shape for the corpus test.
func (s *Shape) Site() Site {
	return Site{Name: s.spec.name, CMS: s.spec.cms, Frozen: s.spec.frozen, DateOnly: s.spec.dateOnly,
		Handler: s, Listing: s.spec.pageHref(0), Expected: s.expected, Path: s.spec.articlePath,
		Phrases: s.spec.phrases}
}

// Corrupted returns a copy of the shape that serves f(releases) while it
// still expects the original releases: a fixture broken on purpose.
func (s *Shape) Corrupted(f func([]Release) []Release) *Shape {
	c := *s
	c.served = f(append([]Release(nil), s.served...))
	return &c
}

// shapeEntry is a release as listings, teasers and post navigation show it.
type shapeEntry struct {
	Slug, Href, Title, Teaser string
	T                         time.Time
	Image                     *Image
}

func (s *Shape) entry(r Release) shapeEntry {
	return shapeEntry{Slug: r.Slug, Href: s.spec.articlePath(r), Title: s.a.title(r), Teaser: r.Teaser,
		T: r.when(), Image: r.FirstImage()}
}

func (s *Shape) entries(rels []Release) []shapeEntry {
	out := make([]shapeEntry, 0, len(rels))
	for _, r := range rels {
		out = append(out, s.entry(r))
	}
	return out
}

func (s *Shape) pages() int { return (len(s.served) + s.spec.perPage - 1) / s.spec.perPage }

// ServeHTTP serves the shape: robots.txt, images, listing pages, the JSON
// endpoint, extra pages and releases.
func (s *Shape) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	broken, _ := s.a.count(r)
	req := *r.URL
	q := req.Query()
	for _, p := range s.spec.context {
		q.Del(p)
	}
	req.RawQuery = q.Encode()
	switch ext := path.Ext(r.URL.Path); {
	case broken != 0:
		http.Error(w, "fixture: broken", broken)
		return
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /intern/\n")
		return
	case ext == ".jpg" || ext == ".png" || ext == ".gif":
		servePixel(w)
		return
	}
	for i := 0; i < s.pages(); i++ {
		if sameRef(&req, s.spec.pageHref(i)) && (i == 0 || s.spec.moreHref == nil) {
			s.listing(w, r, i)
			return
		}
		if i > 0 && s.spec.moreHref != nil && sameRef(&req, s.spec.moreHref(i)) {
			s.more(w, r, i)
			return
		}
	}
	for p, name := range s.spec.extra {
		if sameRef(&req, p) {
			s.render(w, r, name, s.pageData(r, "", 0))
			return
		}
	}
	for i, rel := range s.served {
		if sameRef(&req, s.spec.articlePath(rel)) {
			s.article(w, r, i)
			return
		}
	}
	http.NotFound(w, r)
}

// sameRef reports whether the requested URL is href (path and query, in
// any order and encoding).
func sameRef(req *url.URL, href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return strings.TrimSuffix(req.Path, "/") == strings.TrimSuffix(u.Path, "/") &&
		req.Query().Encode() == u.Query().Encode()
}

// pageData is what every page template gets.
func (s *Shape) pageData(r *http.Request, title string, page int) map[string]any {
	recent := s.served[:min(5, len(s.served))]
	return map[string]any{"PageTitle": title, "Base": "http://" + r.Host, "Page": page + 1,
		"Recent": s.entries(recent), "All": s.entries(s.served), "Listing": s.spec.pageHref(0)}
}

func (s *Shape) slice(i int) []Release {
	start := i * s.spec.perPage
	return s.served[start:min(start+s.spec.perPage, len(s.served))]
}

func (s *Shape) listing(w http.ResponseWriter, r *http.Request, i int) {
	data := s.pageData(r, "Pressemitteilungen", i)
	data["Entries"] = s.entries(s.slice(i))
	var pages []page
	for j := 0; j < s.pages(); j++ {
		pages = append(pages, page{Number: j + 1, Href: s.spec.pageHref(j), Current: j == i})
	}
	data["Pages"], data["Last"] = pages, pages[len(pages)-1].Href
	if i > 0 {
		data["Prev"] = s.spec.pageHref(i - 1)
	}
	if i+1 < s.pages() {
		data["Next"] = s.spec.pageHref(i + 1)
		if s.spec.moreHref != nil {
			data["More"] = s.spec.moreHref(i + 1)
		}
		further := s.slice(i + 1)
		data["Further"] = s.entries(further[:min(3, len(further))])
	}
	s.render(w, r, "listing.html", data)
}

// more answers the "mehr laden" endpoint: the next teasers as an HTML
// fragment and the URL of the batch after them.
func (s *Shape) more(w http.ResponseWriter, r *http.Request, i int) {
	out := map[string]any{"page": i + 1, "total": len(s.served), "next": nil}
	if s.spec.moreItems {
		var items []map[string]string
		for _, e := range s.entries(s.slice(i)) {
			items = append(items, map[string]string{"titre": e.Title, "url": e.Href, "date": e.T.In(berlin()).Format("2006-01-02"),
				"chapo": e.Teaser})
		}
		out["items"] = items
	} else {
		var b bytes.Buffer
		if err := s.tmpl.ExecuteTemplate(&b, "items", s.entries(s.slice(i))); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		out["html"] = b.String()
	}
	if i+1 < s.pages() {
		out["next"] = s.spec.moreHref(i + 1)
	}
	body, err := json.Marshal(out)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	s.a.serve(w, r, "application/json; charset=utf-8", body)
}

func (s *Shape) article(w http.ResponseWriter, r *http.Request, i int) {
	rel := s.served[i]
	blocks, err := rel.blocks(s.image)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	e := s.entry(rel)
	data := s.pageData(r, e.Title, 0)
	data["Rel"], data["Title"], data["T"], data["Blocks"] = e, e.Title, e.T, blocks
	data["Canonical"] = "http://" + r.Host + e.Href
	if i+1 < len(s.served) {
		data["Older"] = s.entry(s.served[i+1])
	}
	if i > 0 {
		data["Newer"] = s.entry(s.served[i-1])
	}
	var related []shapeEntry
	for j := 1; j <= 3 && j < len(s.served); j++ {
		related = append(related, s.entry(s.served[(i+j*2)%len(s.served)]))
	}
	data["Related"] = related
	s.render(w, r, "article.html", data)
}

func (s *Shape) render(w http.ResponseWriter, r *http.Request, name string, data map[string]any) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	s.a.serve(w, r, "text/html; charset=utf-8", b.Bytes())
}
