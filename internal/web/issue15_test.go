package web_test

import (
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// robots.txt lets crawlers read the public pages and feeds and keeps them
// off the token pages and the console; the favicon is an SVG with a type
// and cache headers, linked from every page.
func TestRobotsAndFavicon(t *testing.T) {
	f := newFixture(t, testConfig())
	resp, body := f.get(t, "/robots.txt")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("robots.txt: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, line := range []string{"User-agent: *", "Allow: /", "Disallow: /subscription/", "Disallow: /confirm/",
		"Disallow: /unsubscribe/", "Disallow: /admin/"} {
		if !strings.Contains("\n"+body, "\n"+line+"\n") {
			t.Errorf("robots.txt lacks %q:\n%s", line, body)
		}
	}
	if strings.Contains(body, "Disallow: /feeds") || strings.Contains(body, "Disallow: /partners") {
		t.Errorf("robots.txt keeps crawlers off public pages:\n%s", body)
	}
	resp, body = f.get(t, "/favicon.svg")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "max-age=") || resp.Header.Get("ETag") == "" ||
		!strings.HasPrefix(body, "<svg") {
		t.Errorf("favicon: %d %v %.40q", resp.StatusCode, resp.Header, body)
	}
	for _, path := range []string{"/", "/partners/venlo", "/partners/all"} {
		_, body := f.get(t, path)
		if parse(t, body).Find(`link[rel=icon][type="image/svg+xml"][href="/favicon.svg"]`).Length() != 1 {
			t.Errorf("%s: no <link rel=icon>", path)
		}
	}
}

// /partners/all lists all partnership news and is linked from the index;
// the heading above a partner's news is plural in every language; a
// partner page links the email form with the partner chosen; the feeds
// come with a word on what a feed is and which format to pick.
func TestAllNewsPluralFeedHelp(t *testing.T) {
	f := newFixture(t, testConfig())
	resp, body := f.get(t, "/partners/all?lang=en")
	doc := parse(t, body)
	if resp.StatusCode != 200 || doc.Find("h1").Text() != "All partnership news" || doc.Find("article.news").Length() != 3 {
		t.Errorf("/partners/all: %d %q, %d articles", resp.StatusCode, doc.Find("h1").Text(), doc.Find("article.news").Length())
	}
	if got := attrs(doc.Find(".feedbox ul.feeds a"), "href"); len(got) != 3 || !strings.HasSuffix(got[0], "/feeds/all.rss") {
		t.Errorf("feeds on /partners/all: %v", got)
	}
	_, body = f.get(t, "/?lang=en")
	doc = parse(t, body)
	if doc.Find(`a[href="/partners/all?lang=en"]`).Length() != 1 {
		t.Error("the index does not link /partners/all")
	}
	if doc.Find("details.feedhelp summary").Text() != "What is a feed?" {
		t.Error("no explanation of feeds on the index")
	}
	for _, lang := range i18n.Languages() {
		_, body := f.get(t, "/partners/venlo?lang="+lang)
		doc := parse(t, body)
		heading := doc.Find("#news-heading").Text()
		if heading != i18n.T(lang, "subs.latest_news") {
			t.Errorf("%s: news heading %q", lang, heading)
		}
		if doc.Find(".feedbox details.feedhelp p").Length() != 2 {
			t.Errorf("%s: no explanation of feeds on the partner page", lang)
		}
		if got := doc.Find("a.email").AttrOr("href", ""); got != "/subscribe?partner=venlo" {
			t.Errorf("%s: email form link %q", lang, got)
		}
	}
	if got := i18n.T("de", "subs.latest_news"); got != "Neueste Meldungen" {
		t.Errorf("German heading %q", got)
	}
}
