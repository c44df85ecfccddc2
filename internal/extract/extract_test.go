package extract

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

// fixturePages returns every article page of both fixture sites, decoded to UTF-8.
func fixturePages(tb testing.TB) map[string][]byte {
	tb.Helper()
	a := archivetest.New(false)
	defer a.Close()
	k, m := a.Krefeld(), a.Musterstadt()
	ks, ms := httptest.NewServer(k), httptest.NewServer(m)
	defer ks.Close()
	defer ms.Close()
	var urls []string
	for _, r := range k.Releases() {
		urls = append(urls, ks.URL+k.Path(r))
	}
	for _, r := range m.Releases() {
		urls = append(urls, ms.URL+m.Path(r))
	}
	pages := map[string][]byte{}
	for _, u := range urls {
		resp, err := http.Get(u)
		if err == nil && resp.StatusCode != http.StatusOK { // the flaky page answers on its second request
			resp.Body.Close()
			resp, err = http.Get(u)
		}
		if err != nil || resp.StatusCode != http.StatusOK {
			tb.Fatalf("fixture %s: %v", u, err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body, err := fetch.ToUTF8(raw, resp.Header.Get("Content-Type"))
		if err != nil {
			tb.Fatal(err)
		}
		pages[u] = body
	}
	return pages
}

func TestSelectorsOverride(t *testing.T) {
	page := `<html><body><div class="x-title">Neuer Spielplatz eröffnet</div><h1>Stadtportal</h1>
		<span class="x-date">Stand: 3. April 2024, 10:15 Uhr</span>
		<div class="x-body"><p>Der neue Spielplatz am Stadtwald ist ab sofort geöffnet, mit Kletterturm und Wasserspiel.</p>
		<div class="ad">Anzeige: Jetzt Tickets sichern</div><p>Die Kosten lagen bei 250.000 Euro.</p></div>
		<article><p>Ganz anderer Text, der länger ist als der eigentliche Artikel, weil hier eine lange Liste von Veranstaltungen steht, die nichts mit dem Spielplatz zu tun haben.</p></article></body></html>`
	sel := &config.Selectors{Title: ".x-title", Published: ".x-date", Body: ".x-body", Remove: []string{".ad"}}
	a, err := Extract("https://example.org/a", []byte(page), Options{Location: berlin, Selectors: sel})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Neuer Spielplatz eröffnet" || !a.Published.Equal(time.Date(2024, 4, 3, 10, 15, 0, 0, berlin)) ||
		a.BodyText != "Der neue Spielplatz am Stadtwald ist ab sofort geöffnet, mit Kletterturm und Wasserspiel.\n\nDie Kosten lagen bei 250.000 Euro." {
		t.Fatalf("%+v", a)
	}
}

func TestZeroConfigShapes(t *testing.T) {
	// No usual container: readability picks the content; the date is in OpenGraph only.
	page := `<html lang="de"><head><title>Brücke gesperrt | Stadt</title>
		<meta property="article:published_time" content="2024-02-01T08:00:00+01:00">
		<meta property="og:description" content="Die Rheinbrücke wird saniert."></head><body>
		<div class="top"><a href="/">Start</a> <a href="/a">A</a> <a href="/b">B</a></div>
		<div class="wrapper"><div class="col"><h1>Brücke gesperrt</h1>
		<p>Die Rheinbrücke ist ab Montag für sechs Wochen gesperrt. Der Verkehr wird über die Autobahn umgeleitet, Busse fahren eine Umleitung über den Hafen.</p>
		<p>Fußgänger und Radfahrer können die Brücke weiterhin nutzen. Die Stadt bittet um Verständnis für die Einschränkungen während der Bauarbeiten.</p>
		<p>Weitere Informationen gibt es beim Bürgertelefon der Stadt, das montags bis freitags von acht bis achtzehn Uhr erreichbar ist.</p></div></div>
		<div class="bottom">Impressum · Datenschutz</div></body></html>`
	a, err := Extract("https://www.example.org/brücke?utm_source=x", []byte(page), Options{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Brücke gesperrt" || !a.Published.Equal(time.Date(2024, 2, 1, 8, 0, 0, 0, berlin)) ||
		a.Lead != "Die Rheinbrücke wird saniert." || a.Language != "de" || a.URL != "https://example.org/br%C3%BCcke" ||
		!strings.Contains(a.BodyText, "Fußgänger und Radfahrer") || strings.Contains(a.BodyText, "Impressum") {
		t.Fatalf("%+v", a)
	}
}

func TestCaptionsAndCredits(t *testing.T) {
	page := `<html><body><main><h1>Platz eingeweiht</h1><p>Veröffentlicht am: 02.05.2024</p>
		<div class="img"><img src="/p.jpg" alt="Der neue Platz"><p>Der neue PlatzFoto: Stadt, M. Muster</p></div>
		<p>Der neue Platz wurde am Freitag eingeweiht. Er bietet Bänke, Bäume und einen Brunnen für alle Generationen.</p>
		<figure><img src="p2.jpg"><figcaption>Brunnen © Grünflächenamt</figcaption></figure>
		<p>Brunnen © Grünflächenamt</p>
		<p>Das Leitbild: mehr Grün in der Innenstadt.</p></main></body></html>`
	a, err := Extract("https://example.org/news/platz", []byte(page), Options{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	want := []Image{{URL: "https://example.org/p.jpg", Caption: "Der neue Platz", Credit: "Stadt, M. Muster"},
		{URL: "https://example.org/news/p2.jpg", Caption: "Brunnen", Credit: "Grünflächenamt"}}
	if len(a.Images) != 2 || a.Images[0] != want[0] || a.Images[1] != want[1] {
		t.Fatalf("images %+v", a.Images)
	}
	if strings.Count(a.BodyHTML, "Grünflächenamt") != 1 || strings.Contains(a.BodyText, "Brunnen ©") ||
		!strings.Contains(a.BodyText, "Das Leitbild: mehr Grün") {
		t.Fatalf("body:\n%s\n%s", a.BodyHTML, a.BodyText)
	}
}

func TestNoContent(t *testing.T) {
	for _, page := range []string{"", "<html></html>", "<p>", "\x00\xff<h1>Nur Titel</h1>"} {
		if _, err := Extract("https://example.org/", []byte(page), Options{}); err == nil {
			t.Errorf("Extract(%q): no error", page)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, p := range fixturePages(f) {
		f.Add(p)
	}
	f.Add([]byte(`<html><body><main><h1>T</h1><time datetime="2024-01-01">x</time><figure><img src="a.jpg"><figcaption>c Foto: d</figcaption></figure><h2>Weitere Beiträge</h2></main></body></html>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := Extract("https://example.org/de/inhalt/x/&s94=1", page, Options{Location: berlin})
		if err != nil {
			return
		}
		if a.Title == "" || a.BodyText == "" || a.Published.IsZero() {
			t.Fatalf("no error but empty article: %+v", a)
		}
		if strings.Contains(strings.ToLower(a.BodyHTML), "<script") || strings.Contains(a.BodyHTML, "javascript:") {
			t.Fatalf("unsanitized body: %s", a.BodyHTML)
		}
		// Keeping what is left out changes nothing of the article.
		b, err := Extract("https://example.org/de/inhalt/x/&s94=1", page, Options{Location: berlin, LeftOut: true})
		if err != nil || b.BodyText != a.BodyText || b.BodyHTML != a.BodyHTML || b.Title != a.Title || b.Lead != a.Lead {
			t.Fatalf("with LeftOut: %+v, %v; without: %+v", b, err, a)
		}
	})
}

func TestTeaserBoxesCut(t *testing.T) {
	page := `<html><body><main><h1>Neue Kita eröffnet</h1><p>Veröffentlicht am: 10.01.2024</p>
		<p>Die neue Kita am Park bietet 80 Plätze und ist ab Februar geöffnet. Anmeldungen laufen über das Kita-Portal.</p>
		<p>Weitere Beiträge zum Kita-Ausbau finden Sie im Archiv der Stadt, das alle Meldungen seit 2010 enthält.</p>
		<div class="box"><div><h3>Mehr zum Thema</h3><ul><li><a href="/x">Kita Süd eröffnet in Venlo-Nähe</a></li></ul></div></div>
		<p>Nach der Box: gehört nicht mehr zum Artikel.</p></main></body></html>`
	a, err := Extract("https://example.org/kita", []byte(page), Options{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	want := "Die neue Kita am Park bietet 80 Plätze und ist ab Februar geöffnet. Anmeldungen laufen über das Kita-Portal.\n\n" +
		"Weitere Beiträge zum Kita-Ausbau finden Sie im Archiv der Stadt, das alle Meldungen seit 2010 enthält."
	if a.BodyText != want {
		t.Fatalf("body:\n%s", a.BodyText)
	}
}

// TestLeftOut: asked for, the text that is not the article (the page around
// the content, navigation in it, teaser boxes) is kept apart; the article
// reads the same either way, and nothing is kept unless asked.
func TestLeftOut(t *testing.T) {
	page := `<html><body><header>Stadtportal Kopfzeile</header><div class="sidebar">Meistgelesen: Venlo</div>
		<main><nav>Partnerstädte: Leiden</nav><h1>Neue Kita eröffnet</h1><p>Veröffentlicht am: 10.01.2024</p>
		<p>Die neue Kita am Park bietet 80 Plätze und ist ab Februar geöffnet. Anmeldungen laufen über das Kita-Portal.</p>
		<h2>Weitere Beiträge:</h2><ul><li><a href="/x">Kita Süd eröffnet in Leicester</a></li></ul></main>
		<footer>Impressum</footer></body></html>`
	plain, err := Extract("https://example.org/kita", []byte(page), Options{Location: berlin})
	if err != nil || plain.LeftOut != "" {
		t.Fatalf("without LeftOut: %q, %v", plain.LeftOut, err)
	}
	a, err := Extract("https://example.org/kita", []byte(page), Options{Location: berlin, LeftOut: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.BodyText != plain.BodyText || a.BodyHTML != plain.BodyHTML || a.Title != plain.Title || a.Lead != plain.Lead {
		t.Errorf("the article changed: %+v", a)
	}
	for _, s := range []string{"Stadtportal Kopfzeile", "Meistgelesen: Venlo", "Impressum", "Partnerstädte: Leiden",
		"Weitere Beiträge:", "Kita Süd eröffnet in Leicester"} {
		if !strings.Contains(a.LeftOut, s) {
			t.Errorf("left out lacks %q:\n%s", s, a.LeftOut)
		}
	}
	for _, s := range []string{"Die neue Kita", "Neue Kita eröffnet"} {
		if strings.Contains(a.LeftOut, s) {
			t.Errorf("left out holds the article's %q:\n%s", s, a.LeftOut)
		}
	}
}

// TestTimeDateOnlyTakesTheTextsTime: a <time> whose datetime is a date
// only takes the time of day from its text.
func TestTimeDateOnlyTakesTheTextsTime(t *testing.T) {
	page := `<html><body><article><h1>Titel</h1><time datetime="2024-06-14">14.06.2024 10:45 Uhr</time>
		<p>Ein Absatz, der lang genug ist, um als Inhalt eines Artikels zu gelten, mit mehr als einhundertfünfzig Zeichen Text darin, damit es reicht.</p></article></body></html>`
	a, err := Extract("https://a.example/x", []byte(page), Options{Location: berlin})
	if want := time.Date(2024, 6, 14, 10, 45, 0, 0, berlin); err != nil || !a.Published.Equal(want) {
		t.Fatalf("published %v (%v), want %v", a.Published, err, want)
	}
}
