package web_test

import (
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
)

// namesConfig is testConfig with site.titles, site.city and a partner
// named in German and English only, in its own language German.
func namesConfig() config.Config {
	cfg := testConfig()
	cfg.Site.Title = "Krefeld – Städtepartnerschaften"
	cfg.Site.Titles = map[string]string{"fr": "Krefeld – Villes jumelées"}
	cfg.Site.City = map[string]string{"de": "Krefeld", "uk": "Крефельд"}
	cfg.Partners = append(cfg.Partners, config.Partner{Slug: "oder-spree", Language: "de",
		Names: map[string]string{"de": "Landkreis Oder-Spree", "en": "Oder-Spree District"}})
	return configtest.Build(cfg)
}

// Pages are titled by site.titles in the reader's language, and a partner
// without a name in it is named in its own language, never in English.
func TestPagesNameSiteAndPartnersPerLanguage(t *testing.T) {
	f := newFixture(t, namesConfig())
	for _, c := range []struct{ lang, title, partner string }{
		{"fr", "Krefeld – Villes jumelées", "Landkreis Oder-Spree"},
		{"uk", "Krefeld – Städtepartnerschaften", "Landkreis Oder-Spree"},
		{"en", "Krefeld – Städtepartnerschaften", "Oder-Spree District"},
	} {
		_, body := f.get(t, "/?lang="+c.lang)
		doc := parse(t, body)
		if got := doc.Find("title").Text(); got != c.title {
			t.Errorf("%s: title %q, want %q", c.lang, got, c.title)
		}
		if got := strings.TrimSpace(doc.Find("#partner-oder-spree h3").Text()); got != c.partner {
			t.Errorf("%s: the partner is named %q, want %q", c.lang, got, c.partner)
		}
		_, body = f.get(t, "/partners/oder-spree?lang="+c.lang)
		if title := parse(t, body).Find("title").Text(); !strings.Contains(title, c.partner) || !strings.HasSuffix(title, c.title) {
			t.Errorf("%s: partner page title %q", c.lang, title)
		}
	}
}

// The feed of all news is described with the city's name, not the title.
func TestFeedDescriptionNamesTheCity(t *testing.T) {
	f := newFixture(t, namesConfig())
	_, body := f.get(t, "/feeds/all.rss")
	if !strings.Contains(body, "<description>Nachrichten über alle Partnerstädte von Krefeld</description>") {
		t.Errorf("RSS of all news has no description naming the city:\n%s", body[:min(len(body), 800)])
	}
}
