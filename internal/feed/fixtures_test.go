package feed_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// hostileTitle has markup, an ampersand, a form feed and an emoji.
const hostileTitle = "<script>alert(1)</script> & Co\f 🎉 Venlo"

// hostileTitleShown is how hostileTitle must read in every format.
const hostileTitleShown = "<script>alert(1)</script> & Co 🎉 Venlo"

var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

// testConfig is a small two-partner city.
func testConfig(hub string) config.Config {
	return configtest.Build(config.Config{
		Site:   config.Site{Title: "Musterstadt & Partner", BaseURL: "https://news.example.org/", Language: "de", Timezone: "Europe/Berlin"},
		WebSub: config.WebSub{Hub: hub},
		Partners: []config.Partner{
			{Slug: "venlo", Names: map[string]string{"de": "Venlo", "nl": "Venlo"}, Country: "NL"},
			{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque"}, Country: "FR"},
		},
	})
}

// channels are the channels of testConfig.
func channels(s feed.Site) []feed.Channel {
	out := []feed.Channel{{Slug: feed.AllSlug, Title: s.Title, Description: "Alle Nachrichten", HTMLURL: s.BaseURL + "/"}}
	for _, slug := range []string{"venlo", "duenkirchen"} {
		out = append(out, feed.Channel{Slug: slug, Title: s.Title + ": " + s.Partners[slug],
			Description: "Nachrichten über " + s.Partners[slug], HTMLURL: s.BaseURL + "/partners/" + slug})
	}
	return out
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, "sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func newStore(t testing.TB) (*store.Store, string) {
	path := filepath.Join(t.TempDir(), "feed.db")
	return openStore(t, path), path
}

// addArticle stores an article tagged with partners.
func addArticle(t testing.TB, s *store.Store, a store.Article, partners ...string) store.Article {
	t.Helper()
	ctx := context.Background()
	if a.Source == "" {
		a.Source = "test"
	}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1, Evidence: "{}"})
	}
	if len(tags) > 0 {
		if _, err := s.ReplaceTags(ctx, a.ID, tags); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// populate stores a realistic mix: images with a known length, without
// one and none, relative links, a
// hostile title, control characters in the body, several partners.
func populate(t testing.TB, s *store.Store) {
	day := func(d int) time.Time { return time.Date(2022, 11, d, 0, 0, 0, 0, berlin) }
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/duenkirchen-50/",
		Title: "Krefeld und Dünkirchen feiern 50-jährige Freundschaft", Lead: "Ein Fest in Dunkerque.",
		BodyHTML:    `<p>Der Oberbürgermeister reiste nach <a href="/de/partner/">Dünkirchen</a>.</p><img src="bild.jpg" alt="Delegation">`,
		BodyText:    "Der Oberbürgermeister reiste nach Dünkirchen.",
		PublishedAt: day(24), Language: "de",
		Images: []store.Image{{URL: "/bilder/delegation.jpg", Caption: "Delegation", Credit: "Foto: Stadt", Length: 48213}}},
		"duenkirchen")
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/venlo-markt/",
		Title: hostileTitle, BodyHTML: "<p>Markt\x01 in ]]> Venlo\x0c.</p>",
		BodyText: "Markt in Venlo. " + longText(80), PublishedAt: day(20),
		Images: []store.Image{{URL: "https://cdn.example.org/venlo.png"}, {URL: "https://cdn.example.org/venlo2.webp"}}},
		"venlo")
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/beide/", GUID: "krefeld-presse:4711",
		Title: "Venlo und Dünkirchen zu Gast", Lead: "Zwei Partnerstädte.", BodyHTML: "<p>Beide.</p>",
		PublishedAt: day(10)}, "venlo", "duenkirchen")
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/haushalt/",
		Title: "Haushalt 2023", BodyHTML: "<p>Kein Partner.</p>", PublishedAt: day(25)})
}

func longText(words int) string {
	s := ""
	for i := 0; i < words; i++ {
		s += fmt.Sprintf("Wort%d ", i)
	}
	return s
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newCache builds a refreshed cache over s for testConfig(hub).
func newCache(t testing.TB, s *store.Store, hub string) (*feed.Cache, feed.Site) {
	t.Helper()
	site := feed.NewSite(testConfig(hub))
	c := feed.NewCache(s, site, channels(site), discard())
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return c, site
}

// body returns a cached feed's plain bytes.
func body(t testing.TB, c *feed.Cache, name string) []byte {
	t.Helper()
	r, ok := c.Get(name)
	if !ok {
		t.Fatalf("feed %s not cached", name)
	}
	return r.Body
}

// allFeeds lists every cached file name of testConfig.
func allFeeds() []string {
	var out []string
	for _, slug := range []string{feed.AllSlug, "venlo", "duenkirchen"} {
		for _, f := range feed.Formats {
			out = append(out, slug+"."+string(f))
		}
	}
	return out
}
