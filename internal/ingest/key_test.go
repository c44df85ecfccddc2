package ingest

import (
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

func TestArticleKeys(t *testing.T) {
	s := newSite(config.Source{URL: "https://www.krefeld.de/de/presse/pressemitteilungen/",
		MirrorHosts: []string{"spiegel.krefeld.example", "WWW.Archiv.Example:8443"}})
	links := []struct{ link, want string }{
		{"https://www.krefeld.de/de/inhalt/x/&s94=11", "https://krefeld.de/de/inhalt/x/"},
		{"http://spiegel.krefeld.example/de/inhalt/x/&s94=11", "https://krefeld.de/de/inhalt/x/"},
		{"https://archiv.example:8443/de/inhalt/x/", "https://krefeld.de/de/inhalt/x/"},
		{"https://archiv.example/de/inhalt/x/", "https://archiv.example/de/inhalt/x/"}, // another port, another host
		{"https://other.example/de/inhalt/x/", "https://other.example/de/inhalt/x/"},
	}
	for _, tt := range links {
		if got, err := s.key(tt.link); err != nil || got != tt.want {
			t.Errorf("key(%q) = %q, %v; want %q", tt.link, got, err, tt.want)
		}
	}
	const linkKey = "https://krefeld.de/C1257B0E003A8B1C/html/ABC?OpenDocument"
	pages := []struct{ canonical, want string }{
		{"", linkKey},
		{"https://krefeld.de/de/inhalt/x/", "https://krefeld.de/de/inhalt/x/"},             // the bare variant of the source's host
		{"http://spiegel.krefeld.example/de/inhalt/x/", "https://krefeld.de/de/inhalt/x/"}, // a mirror
		{"https://other.example/de/inhalt/x/", linkKey},                                    // another site: not trusted
		{"https://krefeld.de.evil.example/de/inhalt/x/", linkKey},
	}
	for _, tt := range pages {
		if got := s.pageKey(linkKey, tt.canonical); got != tt.want {
			t.Errorf("pageKey(%q) = %q; want %q", tt.canonical, got, tt.want)
		}
	}
}
