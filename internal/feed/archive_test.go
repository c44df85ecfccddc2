package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// newPagedCache is newCache with maxItems articles per feed and archive page.
func newPagedCache(t testing.TB, s *store.Store, hub string, maxItems int) (*feed.Cache, feed.Site) {
	t.Helper()
	cfg := testConfig(hub)
	cfg.Feeds.MaxItems = maxItems
	site := feed.NewSite(cfg)
	c := feed.NewCache(s, site, channels(site), discard())
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, site
}

// addVenlo stores n more Venlo articles, numbered from first, published a
// day apart from 1 Dec 2022 on.
func addVenlo(t testing.TB, s *store.Store, first, n int) {
	t.Helper()
	addVenloBody(t, s, first, n, "<p>Venlo.</p>")
}

// addVenloBody is addVenlo with the articles' body.
func addVenloBody(t testing.TB, s *store.Store, first, n int, body string) {
	t.Helper()
	for i := first; i < first+n; i++ {
		addArticle(t, s, store.Article{URL: fmt.Sprintf("https://city.example.org/de/inhalt/venlo-%d/", i),
			Title: fmt.Sprintf("Venlo Nummer %d", i), Lead: "Neues aus Venlo.", BodyHTML: body,
			PublishedAt: time.Date(2022, 12, 1+i%28, 9, 0, 0, 0, berlin)}, "venlo")
	}
}

func archive(t testing.TB, c *feed.Cache, slug string, n int, f feed.Format) *feed.Rendered {
	t.Helper()
	r, err := c.Archive(context.Background(), slug, n, f)
	if err != nil {
		t.Fatalf("archive %s/%d.%s: %v", slug, n, f, err)
	}
	return r
}

// linksByRel returns a document's links by rel: Atom links, or an RSS
// channel's atom:links.
func linksByRel(t *testing.T, f string, b []byte) map[string][]string {
	t.Helper()
	var atom atomDoc
	var rss rssDoc
	var err error
	if f == "rss" {
		err = xml.Unmarshal(b, &rss)
	} else {
		err = xml.Unmarshal(b, &atom)
	}
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, l := range atom.Links {
		out[l.Rel] = append(out[l.Rel], l.Href)
	}
	for _, l := range rss.Channel.AtomLinks {
		out[l.Rel] = append(out[l.Rel], l.Href)
	}
	return out
}

const fhArchive = `<fh:archive xmlns:fh="http://purl.org/syndication/history/1.0"`

func TestArchivePagesFollowRFC5005(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s) // two Venlo articles
	addVenlo(t, s, 0, 3)
	c, _ := newPagedCache(t, s, "https://hub.example.net/", 2) // 5 Venlo articles: 2 full pages
	base := "https://news.example.org/feeds/venlo"
	if got := c.ArchivePages("venlo"); got != 2 {
		t.Fatalf("ArchivePages = %d, want 2", got)
	}
	for _, f := range []string{"atom", "rss"} {
		cur := body(t, c, "venlo."+f)
		l := linksByRel(t, f, cur)
		if fmt.Sprint(l["prev-archive"]) != "["+base+"/archive/2."+f+"]" || len(l["current"]) != 0 || len(l["next-archive"]) != 0 {
			t.Errorf("current %s: links %v", f, l)
		}
		if bytes.Contains(cur, []byte("fh:archive")) {
			t.Errorf("current %s is marked as an archive", f)
		}
	}
	want := map[int]map[string]string{
		1: {"self": "[" + base + "/archive/1.%s]", "current": "[" + base + ".%s]", "prev-archive": "[]", "next-archive": "[" + base + "/archive/2.%s]"},
		2: {"self": "[" + base + "/archive/2.%s]", "current": "[" + base + ".%s]", "prev-archive": "[" + base + "/archive/1.%s]", "next-archive": "[]"},
	}
	var files []string
	for n := 1; n <= 2; n++ {
		atom := archive(t, c, "venlo", n, feed.Atom).Body
		rss := archive(t, c, "venlo", n, feed.RSS).Body
		for f, b := range map[string][]byte{"atom": atom, "rss": rss} {
			if !bytes.Contains(b, []byte(fhArchive)) && !bytes.Contains(b, []byte("<fh:archive></fh:archive>")) {
				t.Errorf("page %d.%s: no fh:archive", n, f)
			}
			l := linksByRel(t, f, b)
			for rel, w := range want[n] {
				if got := fmt.Sprint(l[rel]); got != fmt.Sprintf(w, f) && !(got == "[]" && w == "[]") {
					t.Errorf("page %d.%s: %s links %s, want %s", n, f, rel, got, fmt.Sprintf(w, f))
				}
			}
			if len(l["hub"]) != 0 {
				t.Errorf("page %d.%s: archive pages announce no hub", n, f)
			}
		}
		name := fmt.Sprintf("venlo/archive/%d", n)
		checkAtomDoc(t, name, atom, fmt.Sprintf("%s/archive/%d.atom", base, n), 0)
		checkRSSRules(t, name, rss, fmt.Sprintf("%s/archive/%d.rss", base, n), 0)
		files = append(files, writeFile(t, fmt.Sprintf("venlo-%d.atom", n), atom))
		get := func(name string) []byte {
			f := feed.Format(name[strings.LastIndex(name, ".")+1:])
			return archive(t, c, "venlo", n, f).Body
		}
		checkRoundTrip(t, name, parseAll(t, get, name))
	}
	if err := jing(t, files...); err != nil {
		t.Fatalf("jing rejected the archive pages: %v", err)
	}
}

func TestArchiveWalkCoversEveryArticle(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	addVenlo(t, s, 0, 8) // 10 Venlo articles
	c, _ := newPagedCache(t, s, "", 3)
	all, err := s.ListArticles(context.Background(), store.ListOptions{Partner: "venlo"})
	if err != nil || len(all) != 10 {
		t.Fatalf("%d articles, %v", len(all), err)
	}
	for _, f := range feed.Formats {
		seen := map[string]int{}
		b := body(t, c, "venlo."+string(f))
		for docs := 1; ; docs++ {
			pf, err := gofeed.NewParser().Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range pf.Items {
				seen[it.Link]++
			}
			older := olderURL(t, f, b)
			if older == "" {
				if docs != 4 {
					t.Errorf("%s: %d documents, want the current feed and 3 archive pages", f, docs)
				}
				break
			}
			n, af, err := feed.ParseArchiveName(strings.TrimPrefix(older, "https://news.example.org/feeds/venlo/archive/"))
			if err != nil || af != f || docs > 4 {
				t.Fatalf("%s: older link %q: %v", f, older, err)
			}
			b = archive(t, c, "venlo", n, f).Body
		}
		for _, a := range all {
			if seen[a.URL] == 0 {
				t.Errorf("%s: %s not reached", f, a.URL)
			}
		}
		if len(seen) != len(all) {
			t.Errorf("%s: walked %d articles, want %d", f, len(seen), len(all))
		}
	}
}

// olderURL is a document's link to the next older one: prev-archive (Atom
// and RSS), next_url (JSON Feed).
func olderURL(t *testing.T, f feed.Format, b []byte) string {
	t.Helper()
	switch f {
	case feed.JSON:
		var d struct {
			NextURL string `json:"next_url"`
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		return d.NextURL
	}
	return strings.Join(linksByRel(t, string(f), b)["prev-archive"], " ")
}

func TestArchivePageStaysAsArticlesArrive(t *testing.T) {
	s, path := newStore(t)
	addVenlo(t, s, 0, 4)
	c, _ := newPagedCache(t, s, "", 2)
	before := map[feed.Format][]byte{}
	for _, f := range feed.Formats {
		before[f] = archive(t, c, "venlo", 1, f).Body
	}
	// New articles, one of them old news (published long before the others).
	addVenlo(t, s, 4, 3)
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/venlo-1990/", Title: "Venlo 1990",
		BodyHTML: "<p>Alt.</p>", PublishedAt: time.Date(1990, 1, 1, 0, 0, 0, 0, berlin)}, "venlo")
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := c.ArchivePages("venlo"); got != 4 {
		t.Fatalf("ArchivePages = %d, want 4", got)
	}
	for _, f := range feed.Formats {
		if after := archive(t, c, "venlo", 1, f).Body; !bytes.Equal(before[f], after) {
			t.Errorf("page 1.%s changed as new articles arrived:\n%s\n---\n%s", f, before[f], after)
		}
	}
	// A second replica over the same data serves the same bytes.
	other, _ := newPagedCache(t, openStore(t, path), "", 2)
	for n := 1; n <= 4; n++ {
		for _, f := range feed.Formats {
			a, b := archive(t, c, "venlo", n, f), archive(t, other, "venlo", n, f)
			if !bytes.Equal(a.Body, b.Body) || a.ETag != b.ETag {
				t.Errorf("page %d.%s differs between replicas", n, f)
			}
		}
	}
}

func TestArchivePageNotFull(t *testing.T) {
	s, _ := newStore(t)
	addVenlo(t, s, 0, 3)
	c, _ := newPagedCache(t, s, "", 2)
	for _, n := range []int{0, 2, 3} {
		if _, err := c.Archive(context.Background(), "venlo", n, feed.Atom); !errors.Is(err, feed.ErrNoArchivePage) {
			t.Errorf("page %d: %v, want ErrNoArchivePage", n, err)
		}
	}
	if _, err := c.Archive(context.Background(), "nowhere", 1, feed.Atom); !errors.Is(err, feed.ErrNoArchivePage) {
		t.Errorf("unknown channel: %v", err)
	}
	// Page 1 of the all channel exists (3 tagged articles), with no newer page.
	r := archive(t, c, feed.AllSlug, 1, feed.JSON)
	if bytes.Contains(r.Body, []byte("next_url")) {
		t.Errorf("the oldest page links to an older one:\n%s", r.Body)
	}
	if cur := body(t, c, "all.json"); !bytes.Contains(cur, []byte(`"next_url": "https://news.example.org/feeds/all/archive/1.json"`)) {
		t.Errorf("the current JSON feed does not page to the archive:\n%s", cur)
	}
}

// TestArchiveConcurrentWithRefresh asks for archive pages from many
// goroutines while new articles arrive: every answer is a whole page of
// the channel's articles (run with -race).
func TestArchiveConcurrentWithRefresh(t *testing.T) {
	s, _ := newStore(t)
	addVenlo(t, s, 0, 12)
	c, _ := newPagedCache(t, s, "", 3)
	ctx := context.Background()
	done := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 40; i++ {
				n := 1 + (g+i)%4
				r, err := c.Archive(ctx, "venlo", n, feed.Formats[i%3])
				if err == nil && bytes.Count(r.Body, []byte("Venlo Nummer")) != 3 {
					err = fmt.Errorf("page %d holds %d articles", n, bytes.Count(r.Body, []byte("Venlo Nummer")))
				}
				if err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for i := 0; i < 3; i++ {
		addVenlo(t, s, 12+i, 1)
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
