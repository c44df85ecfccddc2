package ingest_test

import (
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// ArticleKey (what tag --set and --unset look articles up by) keys a link
// as ingest stores it: on its source's host when the link is on a mirror,
// as its own canonical URL elsewhere.
func TestArticleKeyOfMirrorLinks(t *testing.T) {
	sources := []config.Source{
		{Name: "other", URL: "https://other.example/news/"},
		{Name: "krefeld", URL: "https://www.krefeld.de/de/presse/", MirrorHosts: []string{"spiegel.krefeld.example"}},
	}
	for link, want := range map[string]string{
		"http://spiegel.krefeld.example/de/inhalt/x/&s94=11": "https://krefeld.de/de/inhalt/x/",
		"https://www.krefeld.de/de/inhalt/x/":                "https://krefeld.de/de/inhalt/x/",
		"https://other.example/news/a":                       "https://other.example/news/a",
		"https://elsewhere.example/a":                        "https://elsewhere.example/a",
	} {
		if got, err := ingest.ArticleKey(sources, link); err != nil || got != want {
			t.Errorf("ArticleKey(%q) = %q, %v; want %q", link, got, err, want)
		}
	}
}
