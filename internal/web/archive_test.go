package web_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestFeedArchiveRoute(t *testing.T) {
	cfg := testConfig()
	cfg.Feeds.MaxItems = 1 // Venlo's two articles fill two archive pages
	f := newFixture(t, cfg)
	want := map[string]string{
		"1.atom": "application/atom+xml; charset=utf-8",
		"2.rss":  "application/rss+xml; charset=utf-8",
		"2.json": "application/feed+json; charset=utf-8",
	}
	for name, ctype := range want {
		path := "/feeds/venlo/archive/" + name
		resp, body := f.get(t, path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=604800" {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		links := strings.Join(resp.Header.Values("Link"), ", ")
		ext := name[strings.Index(name, "."):]
		if !strings.Contains(links, `<`+f.srv.URL+`/feeds/venlo`+ext+`>; rel="current"`) ||
			!strings.Contains(links, `<`+f.srv.URL+path+`>; rel="self"`) {
			t.Errorf("%s: Link header %s", path, links)
		}
		if !strings.Contains(body, "Venlo und Dünkirchen zu Gast") && !strings.Contains(body, "Co 🎉 Venlo") {
			t.Errorf("%s: no article:\n%s", path, body)
		}
		etag := resp.Header.Get("ETag")
		if again, _ := f.get(t, path, "If-None-Match", etag); etag == "" || again.StatusCode != http.StatusNotModified {
			t.Errorf("%s: conditional GET with %q: %d", path, etag, again.StatusCode)
		}
	}
	_, cur := f.get(t, "/feeds/venlo.atom")
	if !strings.Contains(cur, `<link href="`+f.srv.URL+`/feeds/venlo/archive/2.atom" rel="prev-archive"`) {
		t.Errorf("the current feed does not link its newest archive page:\n%s", cur)
	}
	for _, path := range []string{"/feeds/venlo/archive/3.atom", "/feeds/venlo/archive/0.atom", "/feeds/venlo/archive/01.atom",
		"/feeds/venlo/archive/1.xml", "/feeds/atlantis/archive/1.rss", "/feeds/kropyvnytskyi/archive/1.json"} {
		if resp, _ := f.get(t, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestPartnerPagesOfOlderNews(t *testing.T) {
	cfg := testConfig()
	cfg.Feeds.MaxItems = 1 // Venlo's two articles: two pages
	f := newFixture(t, cfg)
	_, body := f.get(t, "/partners/venlo?lang=en")
	doc := parse(t, body)
	pager := doc.Find(`nav.pager[aria-label="Pages"]`)
	if got := pager.Find(`a[rel=next]`).AttrOr("href", ""); got != "/partners/venlo?page=2&lang=en" ||
		pager.Find(`a[rel=prev]`).Length() != 0 || pager.Find(`[aria-current=page]`).Text() != "Page 1 of 2" {
		t.Errorf("page 1 pager: %q %q", got, pager.Text())
	}
	if got := doc.Find("article.news h3").Text(); got != "<script>alert(1)</script> & Co 🎉 Venlo" {
		t.Errorf("page 1 shows %q", got)
	}

	_, body = f.get(t, "/partners/venlo?page=2&lang=en")
	doc = parse(t, body)
	pager = doc.Find(`nav.pager`)
	if got := pager.Find(`a[rel=prev]`).AttrOr("href", ""); got != "/partners/venlo?lang=en" ||
		pager.Find(`a[rel=next]`).Length() != 0 || pager.Find(`[aria-current=page]`).Text() != "Page 2 of 2" {
		t.Errorf("page 2 pager: %q %q", got, pager.Text())
	}
	if got := doc.Find("article.news h3").Text(); got != "Venlo und Dünkirchen zu Gast" {
		t.Errorf("page 2 shows %q", got)
	}
	if got := doc.Find("#news-heading").Text(); got != "Older news (Page 2 of 2)" {
		t.Errorf("page 2 heading %q", got)
	}
	if got := doc.Find(`.langs a[hreflang=fr]`).AttrOr("href", ""); got != "/partners/venlo?page=2&lang=fr" {
		t.Errorf("language link on page 2: %q", got)
	}

	// With every article on one page there is no pager.
	_, body = f.get(t, "/partners/duenkirchen")
	if parse(t, body).Find("nav.pager").Length() != 1 {
		t.Error("Dünkirchen has two articles on two pages: pager missing")
	}
	_, body = f.get(t, "/partners/kropyvnytskyi")
	if parse(t, body).Find("nav.pager").Length() != 0 {
		t.Error("a pager on a page without news")
	}
	for _, q := range []string{"?page=3", "?page=0", "?page=02", "?page=x", "?page=", "?page=1&page=2", "?page=-1"} {
		if resp, _ := f.get(t, "/partners/venlo"+q); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", q, resp.StatusCode)
		}
	}
	if resp, _ := f.get(t, "/partners/venlo?page=1"); resp.StatusCode != 200 {
		t.Errorf("?page=1: %d", resp.StatusCode)
	}
}
