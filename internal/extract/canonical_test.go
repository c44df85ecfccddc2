package extract

import (
	"net/url"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	base, _ := url.Parse("https://www.krefeld.de/de/presse/pressemitteilungen/&s91=11&s93=326")
	tests := []struct{ href, want string }{
		{"/de/inhalt/besuch-aus-frankreich/&s94=11", "https://krefeld.de/de/inhalt/besuch-aus-frankreich/"},
		{"https://krefeld.de/de/inhalt/besuch-aus-frankreich/", "https://krefeld.de/de/inhalt/besuch-aus-frankreich/"},
		{"HTTPS://WWW.Krefeld.de:443/de/inhalt/besuch-aus-frankreich/&s94=11&c12=2147483647#top", "https://krefeld.de/de/inhalt/besuch-aus-frankreich/"},
		{"../../inhalt/x/?utm_source=nl&utm_medium=mail&fbclid=abc&id=3", "https://krefeld.de/de/inhalt/x/?id=3"},
		{"/web/a.nsf/x?OpenDocument&s94=2", "https://krefeld.de/web/a.nsf/x?OpenDocument"},
		{"http://127.0.0.1:8081/a/?page=2&b=1", "http://127.0.0.1:8081/a/?page=2&b=1"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(base, tt.href)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, %v; want %q", tt.href, got, err, tt.want)
		}
	}
	for _, bad := range []string{"mailto:presse@krefeld.de", "javascript:void(0)", "http://[::1"} {
		if got, err := CanonicalURL(base, bad); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want error", bad, got)
		}
	}
}

func TestCanonicalLink(t *testing.T) {
	body := `<h1>Titel</h1><p>Veröffentlicht am: 24.11.2022</p><p>Ein Absatz mit genug Text für den Inhalt der Seite.</p>`
	tests := []struct{ name, head, want string }{
		{"rel canonical, relative, Domino suffix", `<link rel="canonical" href="/de/inhalt/x/&s94=11">`, "https://krefeld.de/de/inhalt/x/"},
		{"other host is reported too", `<link rel="canonical" href="https://mirror.example.net/de/inhalt/x/">`, "https://mirror.example.net/de/inhalt/x/"},
		{"og:url when no rel canonical", `<meta property="og:url" content="https://www.krefeld.de/de/inhalt/y/">`, "https://krefeld.de/de/inhalt/y/"},
		{"none", ``, ""},
		{"not a web URL", `<link rel="canonical" href="mailto:presse@krefeld.de">`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head><body><main>" + body + "</main></body></html>"
			a, err := Extract("https://www.krefeld.de/de/inhalt/z/&s94=2", []byte(page), Options{})
			if err != nil || a.CanonicalLink != tt.want {
				t.Fatalf("CanonicalLink = %q (%v), want %q", a.CanonicalLink, err, tt.want)
			}
		})
	}
}
