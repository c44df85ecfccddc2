package web_test

import (
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/i18n/typography"
)

// The French pages put a non-breaking space before : ; ! ? and inside « »,
// the templates' own labels ("Flux de Dunkerque :") included.
func TestFrenchPageTypography(t *testing.T) {
	f := newFixture(t, testConfig())
	for _, path := range []string{"/?lang=fr", "/partners/duenkirchen?lang=fr", "/partners/nope?lang=fr"} {
		_, body := f.get(t, path)
		doc := parse(t, body)
		// The releases' own texts (titles, credits, summaries) are the source's.
		doc.Find("script, style, article.news h3, article.news figure, article.news > p:not(.meta), p.latest a").Remove()
		for _, fault := range typography.French(doc.Find("body").Text()) {
			t.Errorf("%s: %s", path, fault)
		}
	}
}
