package config

import "testing"

// parseNames loads a config with site.titles, site.city and partners whose
// names lack some languages, as an operator writes it.
func parseNames(t *testing.T) Config {
	t.Helper()
	cfg, err := ParseFile("names.yaml", []byte(`site:
  base_url: "https://partner.example.org"
  title: "Krefeld – Städtepartnerschaften"
  titles: {fr: "Krefeld – Villes jumelées"}
  city: {de: Krefeld, uk: Крефельд}
  language: de
partners:
  - slug: oder-spree
    names: {de: Landkreis Oder-Spree, en: Oder-Spree District}
    language: de
  - slug: venlo
    names: {nl: Venlo, en: Venlo-City}
    language: nl
  - slug: leiden
    names: {en: Leiden-en, de: Leiden}
`), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestPartnerNameFallsBackToItsOwnLanguage(t *testing.T) {
	cfg := parseNames(t)
	for _, c := range []struct{ slug, lang, want string }{
		{"oder-spree", "fr", "Landkreis Oder-Spree"}, // the partner's language, not English
		{"oder-spree", "uk", "Landkreis Oder-Spree"},
		{"oder-spree", "en", "Oder-Spree District"},
		{"oder-spree", "en-GB", "Oder-Spree District"},
		{"venlo", "fr", "Venlo"},   // the partner's language nl
		{"venlo", "de", "Venlo"},   // nl too: no German name
		{"leiden", "fr", "Leiden"}, // no partner language: the site's (de)
		{"leiden", "uk", "Leiden"}, // never English to a reader who did not ask
		{"leiden", "en", "Leiden-en"},
	} {
		p, _ := cfg.Partner(c.slug)
		if got := p.Name(c.lang); got != c.want {
			t.Errorf("%s in %s: got %q, want %q", c.slug, c.lang, got, c.want)
		}
	}
}

func TestSiteTitleAndCityPerLanguage(t *testing.T) {
	cfg := parseNames(t)
	for _, c := range []struct{ lang, title, city string }{
		{"de", "Krefeld – Städtepartnerschaften", "Krefeld"},
		{"fr", "Krefeld – Villes jumelées", "Krefeld"}, // no French city name: the site's language
		{"fr-BE", "Krefeld – Villes jumelées", "Krefeld"},
		{"uk", "Krefeld – Städtepartnerschaften", "Крефельд"},
		{"en", "Krefeld – Städtepartnerschaften", "Krefeld"},
	} {
		if got := cfg.Site.TitleIn(c.lang); got != c.title {
			t.Errorf("TitleIn(%s) = %q, want %q", c.lang, got, c.title)
		}
		if got := cfg.Site.CityIn(c.lang); got != c.city {
			t.Errorf("CityIn(%s) = %q, want %q", c.lang, got, c.city)
		}
	}
	// Without site.city a sentence names the site by its title in that language.
	bare := Site{Title: "Partnerstädte", Titles: map[string]string{"fr": "Villes jumelées"}, Language: "de"}
	if got := bare.CityIn("fr"); got != "Villes jumelées" {
		t.Errorf("CityIn without site.city = %q", got)
	}
}
