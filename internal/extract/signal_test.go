package extract_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/extract"
)

const signalBody = `<p>Die Stadt hat heute das neue Radverkehrskonzept vorgestellt. Es sieht vor, bis zum Jahr 2030 
insgesamt vierzig Kilometer neue Radwege zu bauen und die Kreuzungen sicherer zu machen.</p>`

func TestDateSignal(t *testing.T) {
	cases := []struct{ name, head, content, want string }{
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-06-12T11:00:00+02:00"}</script>`, "", "JSON-LD datePublished"},
		{"meta", `<meta property="article:published_time" content="2024-06-12T11:00:00+02:00">`, "", `<meta property="article:published_time">`},
		{"time", "", `<time datetime="2024-06-12T11:00:00+02:00">12. Juni 2024</time>`, "<time>"},
		{"date line", "", `<p>Veröffentlicht am: 12.06.2024</p>`, `date line "Veröffentlicht am: 12.06.2024"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><head>` + c.head + `</head><body><main><h1>Radwege</h1>` + c.content + signalBody + `</main></body></html>`
			a, err := extract.Extract("https://example.org/presse/radwege", []byte(page), extract.Options{})
			if err != nil || a.DateSignal != c.want || a.Published.IsZero() {
				t.Fatalf("signal %q (date %v, err %v), want %q", a.DateSignal, a.Published, err, c.want)
			}
		})
	}
}

func TestRemovedBlocks(t *testing.T) {
	page := `<html><body><main><h1>Radwege</h1>` + signalBody +
		`<nav><a href="/a">Startseite</a> › <a href="/b">Presse</a></nav>
		<div class="share">Seite teilen: Facebook E-Mail Drucken</div>
		<script>var x = 1;</script>
		<h3>Weitere Beiträge rund um den Verkehr:</h3><ul><li><a href="/c">Neue Buslinie</a></li></ul>
		</main></body></html>`
	a, err := extract.Extract("https://example.org/presse/radwege", []byte(page), extract.Options{})
	if err != nil && !errors.Is(err, extract.ErrNoDate) {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range a.Removed {
		kinds = append(kinds, b.Kind+": "+b.Text)
		if strings.Contains(a.BodyText, b.Text) {
			t.Errorf("removed block %q still in the body", b.Text)
		}
	}
	got := strings.Join(kinds, "\n")
	for _, want := range []string{"boilerplate (nav): Startseite › Presse", "boilerplate (div.share): Seite teilen: Facebook E-Mail Drucken",
		"teaser box: Weitere Beiträge rund um den Verkehr:"} {
		if !strings.Contains(got, want) {
			t.Errorf("removed blocks lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "var x") {
		t.Errorf("an invisible script counted as a removed block:\n%s", got)
	}
}
