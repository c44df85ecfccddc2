package telegram_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

func TestListShowsFeeds(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(901, "/follow Venlo Landkreis Oder-Spree")
	got := h.say(901, "/list")
	for _, want := range []string{
		"Sie folgen: Venlo, Landkreis Oder-Spree\n\nFeeds für Ihren Feed-Reader:",
		`• <a href="http://127.0.0.1:1/partners/venlo">Venlo</a>: <a href="http://127.0.0.1:1/feeds/venlo.rss">RSS</a> · ` +
			`<a href="http://127.0.0.1:1/feeds/venlo.atom">Atom</a> · <a href="http://127.0.0.1:1/feeds/venlo.json">JSON Feed</a>`,
		`<a href="http://127.0.0.1:1/feeds/oder-spree.atom">Atom</a>`,
	} {
		if !strings.Contains(got.HTML, want) {
			t.Errorf("/list: %q\nwant %q in it", got.HTML, want)
		}
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}

func TestListOfManyCitiesStaysShort(t *testing.T) {
	h := newHarnessConfig(t, fastLimits, func(cfg *config.Config) {
		cfg.Site.BaseURL = "https://partner.example.org/news/"
		for i := range 30 {
			slug := fmt.Sprintf("stadt-%02d", i)
			cfg.Partners = append(cfg.Partners, config.Partner{Slug: slug, Names: map[string]string{"de": "Stadt " + slug}})
		}
	})
	h.say(902, "/follow all")
	got := h.say(902, "/list")
	if n := strings.Count(got.HTML, ".atom\""); n != 20 {
		t.Errorf("/list gave feed links for %d cities, want 20", n)
	}
	if !strings.Contains(got.HTML, `<a href="https://partner.example.org/news/feeds.opml">OPML</a>`) ||
		!strings.Contains(got.HTML, `"https://partner.example.org/news/feeds/venlo.rss"`) {
		t.Errorf("/list: %s", got.HTML)
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}
