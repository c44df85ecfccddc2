package archivetest

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	texttemplate "text/template"
	"time"
)

// BerlinFeed is the Berlin-shaped site's paginated RSS feed (with the query
// the real one carries, so that pages are asked for with "&page=N").
const BerlinFeed = "/presse/pressemitteilungen/index/feed?institutions%5B%5D=Senatskanzlei"

const (
	berlinFeedPath  = "/presse/pressemitteilungen/index/feed"
	berlinPerPage   = 10
	berlinHeldBack  = 3 // releases published later by Publish
	berlinDayLayout = "02.01.2006"
)

// Berlin is the fixture site in the shape of berlin.de's press feed: RSS 2.0,
// teaser-only descriptions, no guid, pubDate with +0200, 10 items per page
// via "&page=N", and pages past the end repeat the last page. The newest
// releases are held back until Publish.
type Berlin struct {
	a        *Archive
	releases []Release // newest first, held-back ones included
	tmpl     *template.Template
	rss      *texttemplate.Template
	heldBack int  // guarded by a.mu
	empty    bool // guarded by a.mu: pages past the end are empty instead
}

// Berlin returns the handler of the Berlin-shaped site.
func (a *Archive) Berlin() *Berlin {
	rels := mustReleases("testdata/berlin/releases.txt")
	return &Berlin{a: a, releases: rels, heldBack: berlinHeldBack,
		tmpl: template.Must(template.ParseFS(files, "testdata/berlin/article.html")),
		rss: texttemplate.Must(texttemplate.New("rss.xml").Funcs(texttemplate.FuncMap{"esc": template.HTMLEscapeString}).
			ParseFS(files, "testdata/berlin/rss.xml"))}
}

// Releases are the releases published so far, newest first.
func (b *Berlin) Releases() []Release {
	b.a.mu.Lock()
	defer b.a.mu.Unlock()
	return b.releases[b.heldBack:]
}

// Publish makes the next n held-back releases appear at the top of the feed.
func (b *Berlin) Publish(n int) {
	b.a.mu.Lock()
	defer b.a.mu.Unlock()
	b.heldBack = max(b.heldBack-n, 0)
}

// EmptyPastEnd makes pages past the end empty feeds instead of repeating
// the last page (the other way sites end a paginated feed).
func (b *Berlin) EmptyPastEnd() {
	b.a.mu.Lock()
	defer b.a.mu.Unlock()
	b.empty = true
}

// Path is where a release's page lives.
func (b *Berlin) Path(r Release) string { return "/presse/pressemitteilung." + r.Slug + ".php" }

// ServeHTTP serves the site: robots.txt, the feed pages and the releases.
func (b *Berlin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	broken, _ := b.a.count(r)
	p := r.URL.Path
	switch {
	case broken != 0:
		http.Error(w, "fixture: broken", broken)
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /intern/\n")
	case p == berlinFeedPath:
		b.feed(w, r)
	default:
		for _, rel := range b.Releases() {
			if b.Path(rel) == p {
				b.article(w, r, rel)
				return
			}
		}
		http.NotFound(w, r)
	}
}

// page returns the releases of feed page n (from 1); past the end, the last
// page again, or nothing when EmptyPastEnd was called.
func (b *Berlin) page(n int) []Release {
	rels := b.Releases()
	b.a.mu.Lock()
	empty := b.empty
	b.a.mu.Unlock()
	last := max((len(rels)+berlinPerPage-1)/berlinPerPage, 1)
	if n > last {
		if empty {
			return nil
		}
		n = last
	}
	start := (n - 1) * berlinPerPage
	return rels[start:min(start+berlinPerPage, len(rels))]
}

func (b *Berlin) feed(w http.ResponseWriter, r *http.Request) {
	n := 1
	if v := r.URL.Query().Get("page"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			http.Error(w, "fixture: bad page", http.StatusBadRequest)
			return
		}
	}
	var items []feedItem
	for _, rel := range b.page(n) {
		t, _ := time.Parse(time.RFC3339, rel.Date)
		items = append(items, feedItem{Title: b.a.title(rel), Href: b.Path(rel), Teaser: rel.Teaser,
			RFC822: t.Format("Mon, 02 Jan 2006 15:04:05 -0700")})
	}
	var buf bytes.Buffer
	if err := b.rss.Execute(&buf, map[string]any{"Base": "http://" + r.Host, "Items": items}); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	b.a.serve(w, r, "application/rss+xml; charset=utf-8", buf.Bytes())
}

func (b *Berlin) article(w http.ResponseWriter, r *http.Request, rel Release) {
	blocks, err := rel.blocks(nil)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	t, _ := time.Parse(time.RFC3339, rel.Date)
	var buf bytes.Buffer
	data := map[string]any{"Title": b.a.title(rel), "Date": t.Format(berlinDayLayout), "Blocks": blocks}
	if err := b.tmpl.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	b.a.serve(w, r, "text/html; charset=utf-8", buf.Bytes())
}
