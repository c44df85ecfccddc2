package tag

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
)

// TestParseHTML reads a page with the extractor, as ingest does: the caption
// shown twice (alt text, figcaption) counts once; navigation, sidebars and
// teaser boxes are left out of the text but explained.
func TestParseHTML(t *testing.T) {
	b, err := os.ReadFile("testdata/html/article.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Schüleraustausch: Jugendliche aus Dünkirchen zu Gast" {
		t.Errorf("title = %q", d.Title)
	}
	want := []string{"Die Schülerinnen und Schüler aus Dünkirchen im Foyer."}
	if !reflect.DeepEqual(d.Captions, want) {
		t.Errorf("captions = %q", d.Captions)
	}
	if !strings.HasPrefix(d.Lead, "Zweiundzwanzig") {
		t.Errorf("lead = %q", d.Lead)
	}
	for _, s := range []string{"Veröffentlicht", "Charlotte", "Kropyvnytskyi", "Leicester", "Leiden", "Bild:"} {
		if strings.Contains(d.Body+d.Lead, s) {
			t.Errorf("body or lead contains %q: %q", s, d.Body)
		}
	}
	if !strings.Contains(d.Body, "Gegenbesuch in Dunkerque") || !strings.Contains(d.Body, "Partnerstadt Venlo") {
		t.Errorf("body = %q", d.Body)
	}
	for _, s := range []string{"Kropyvnytskyi", "Leicester", "Charlotte", "Leiden: Chor"} {
		if !strings.Contains(d.Ignored, s) {
			t.Errorf("ignored lacks %q", s)
		}
	}
	tg := New(krefeldPartners(t))
	got := tg.Tag(d)
	if len(got) != 1 || got[0].Partner != "duenkirchen" {
		t.Errorf("tags = %+v", got)
	}
	requireTeaserOnly(t, tg, d, "charlotte", "kropyvnytskyi", "leicester", "leiden")
}

// requireTeaserOnly checks that --explain says each partner is named only
// in teaser boxes or navigation.
func requireTeaserOnly(t *testing.T, tg *Tagger, d Document, slugs ...string) {
	t.Helper()
	var b strings.Builder
	WriteExplain(&b, tg.Explain(d))
	for _, s := range slugs {
		if line := "NOT TAGGED " + s + ": named only in teaser boxes or navigation"; !strings.Contains(b.String(), line) {
			t.Errorf("explanation lacks %q:\n%s", line, b.String())
		}
	}
}

func TestParseSniffsPlainText(t *testing.T) {
	d, err := Parse([]byte("Titel <b>mit</b> Zeichen\n\nText über Venlo."), "")
	if err != nil || d.Title != "Titel <b>mit</b> Zeichen" {
		t.Fatalf("plain text read as %+v, %v", d, err)
	}
	d, err = Parse([]byte("<h1>Titel</h1><p>Text</p>"), "text/html; charset=utf-8")
	if err != nil || d.Title != "Titel" || !strings.HasSuffix(d.Body, "Text") {
		t.Fatalf("html read as %+v, %v", d, err)
	}
	if _, err = Parse([]byte("<p></p>"), "text/html"); err == nil {
		t.Fatal("a page without title and text was read")
	}
}

// TestParseHTMLGermanLayout reads a page whose layout uses German ids and
// classes (kopf, pfad, randspalte, fuss, teaserbox, bildunterschrift).
func TestParseHTMLGermanLayout(t *testing.T) {
	b, err := os.ReadFile("testdata/html/domino.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(b, "text/html")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Besuch aus Frankreich: Neue Impulse für Partnerschaft mit Dünkirchen" {
		t.Errorf("title = %q", d.Title)
	}
	for _, c := range d.Captions {
		if c != "Eine Delegation aus Dünkirchen war in Krefeld zu Besuch." {
			t.Errorf("caption %q", c)
		}
	}
	text := d.Lead + "\n" + d.Body
	for _, s := range []string{"Sie sind hier", "Meistgelesen", "Impressum", "Venlo", "Kayseri", "Veröffentlicht", "Bild:", "Inhaltsbereich"} {
		if strings.Contains(text, s) {
			t.Errorf("article text contains %q:\n%s", s, text)
		}
	}
	if !strings.HasPrefix(d.Lead, "Die Städte Krefeld und Dünkirchen") || !strings.HasPrefix(d.Body, "Frank Meyer: Stadt Krefeld will") ||
		!strings.Contains(d.Body, "Partnerstadt Charlotte") {
		t.Errorf("lead %q, body %q", d.Lead, d.Body)
	}
	tg := New(krefeldPartners(t))
	if got := tagged(tg, d); got != "duenkirchen" {
		t.Errorf("tags = %q", got)
		WriteExplain(os.Stderr, tg.Explain(d))
	}
	requireTeaserOnly(t, tg, d, "venlo", "kayseri", "leicester", "kropyvnytskyi")
}

// TestSeedPageHTML: the seed release as the fixture archive serves it (HTML)
// is tagged like the seed text: only duenkirchen, with the partners of its
// teaser boxes explained as never counting.
func TestSeedPageHTML(t *testing.T) {
	a := archivetest.New(false)
	defer a.Close()
	srv := httptest.NewServer(a.Krefeld())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse(page, resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	tg := New(krefeldPartners(t))
	if got := tagged(tg, d); got != "duenkirchen" {
		t.Errorf("tags = %q", got)
	}
	requireTeaserOnly(t, tg, d, "venlo", "leicester", "kropyvnytskyi")
}
