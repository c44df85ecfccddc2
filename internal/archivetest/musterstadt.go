package archivetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"
)

// Musterstadt paths: the listing (?page=N), article pages and the RSS feed.
const (
	MusterstadtListing = "/aktuelles/presse/"
	MusterstadtFeed    = "/aktuelles/presse/rss.xml"
	musterstadtDetail  = "/aktuelles/presse/detail/"
	musterstadtPerPage = 3
)

// Musterstadt is the fixture site in another CMS's shape (TYPO3-like):
// ?page=N pagination, dates only in JSON-LD or <time>, and an RSS feed with
// teaser-only items, no guid and +0200 dates.
type Musterstadt struct {
	a        *Archive
	releases []Release
	tmpl     *template.Template
	image    *template.Template
	rss      *texttemplate.Template
}

// Musterstadt returns the handler of the second fixture site.
func (a *Archive) Musterstadt() *Musterstadt {
	rels := mustReleases("testdata/musterstadt/releases.txt")
	return &Musterstadt{a: a, releases: rels,
		tmpl: template.Must(template.ParseFS(files, "testdata/musterstadt/layout.html", "testdata/musterstadt/listing.html", "testdata/musterstadt/article.html")),
		rss: texttemplate.Must(texttemplate.New("rss.xml").Funcs(texttemplate.FuncMap{"esc": template.HTMLEscapeString}).
			ParseFS(files, "testdata/musterstadt/rss.xml")),
		image: template.Must(template.ParseFS(files, "testdata/musterstadt/image.html"))}
}

// Releases are the site's releases, newest first.
func (m *Musterstadt) Releases() []Release { return m.releases }

// Path is where a release's page lives.
func (m *Musterstadt) Path(r Release) string { return musterstadtDetail + r.Slug }

// ServeHTTP serves the site: robots.txt, listing pages, releases and the feed.
func (m *Musterstadt) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	broken, _ := m.a.count(r)
	p := r.URL.Path
	switch {
	case broken != 0:
		http.Error(w, "fixture: broken", broken)
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /intern/\n")
	case strings.HasPrefix(p, "/fileadmin/"):
		servePixel(w)
	case p == MusterstadtFeed:
		m.feed(w, r)
	case p == MusterstadtListing:
		m.listing(w, r)
	case strings.HasPrefix(p, musterstadtDetail):
		for _, rel := range m.releases {
			if m.Path(rel) == p {
				m.article(w, r, rel)
				return
			}
		}
		http.NotFound(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (m *Musterstadt) listing(w http.ResponseWriter, r *http.Request) {
	n := 1
	if v := r.URL.Query().Get("page"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	start := (n - 1) * musterstadtPerPage
	if n < 1 || start >= len(m.releases) {
		http.NotFound(w, r)
		return
	}
	end := min(start+musterstadtPerPage, len(m.releases))
	var entries []entry
	for _, rel := range m.releases[start:end] {
		entries = append(entries, entry{Href: m.Path(rel), Title: m.a.title(rel), Teaser: rel.Teaser, Image: rel.FirstImage()})
	}
	href := func(i int) string {
		if i == 1 {
			return MusterstadtListing
		}
		return fmt.Sprintf("%s?page=%d", MusterstadtListing, i)
	}
	var pages []page
	for i := 1; (i-1)*musterstadtPerPage < len(m.releases); i++ {
		pages = append(pages, page{Number: i, Href: href(i), Current: i == n})
	}
	data := map[string]any{"PageTitle": "Pressemitteilungen", "Entries": entries, "Pages": pages}
	if end < len(m.releases) {
		data["Next"] = href(n + 1)
	}
	var b bytes.Buffer
	if err := m.tmpl.ExecuteTemplate(&b, "listing.html", data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	m.a.serve(w, r, "text/html; charset=utf-8", b.Bytes())
}

func (m *Musterstadt) article(w http.ResponseWriter, r *http.Request, rel Release) {
	blocks, err := rel.blocks(m.image)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	t, _ := time.Parse(time.RFC3339, rel.Date)
	title := m.a.title(rel)
	data := map[string]any{"PageTitle": title, "Title": title, "Blocks": blocks,
		"Canonical": "http://" + r.Host + m.Path(rel)}
	if rel.DateMode == "time" {
		data["TimeTag"], data["ISO"], data["Date"] = true, rel.Date, t.Format("02.01.2006")
	} else {
		ld, _ := json.Marshal(map[string]string{"@context": "https://schema.org", "@type": "NewsArticle",
			"headline": title, "datePublished": rel.Date, "description": rel.Teaser})
		data["JSONLD"] = template.JS(ld)
	}
	var b bytes.Buffer
	if err := m.tmpl.ExecuteTemplate(&b, "article.html", data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	m.a.serve(w, r, "text/html; charset=utf-8", b.Bytes())
}

type feedItem struct{ Title, Href, Teaser, RFC822 string }

func (m *Musterstadt) feed(w http.ResponseWriter, r *http.Request) {
	var items []feedItem
	for _, rel := range m.releases {
		t, _ := time.Parse(time.RFC3339, rel.Date)
		items = append(items, feedItem{Title: m.a.title(rel), Href: m.Path(rel), Teaser: rel.Teaser,
			RFC822: t.Format("Mon, 02 Jan 2006 15:04:05 -0700")})
	}
	var b bytes.Buffer
	data := map[string]any{"Base": "http://" + r.Host, "Items": items}
	if err := m.rss.Execute(&b, data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	m.a.serve(w, r, "application/rss+xml; charset=utf-8", b.Bytes())
}
