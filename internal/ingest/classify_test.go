package ingest

import (
	"strings"
	"testing"
)

const longText = `Die Stadt hat heute ihre neue Partnerschaftsvereinbarung unterzeichnet. Der Oberbürgermeister
	begrüßte die Delegation im Rathaus und dankte allen, die den Austausch der vergangenen Jahre getragen haben.
	Im kommenden Frühjahr sollen Schülergruppen beider Städte einander besuchen und gemeinsam an einem Projekt arbeiten.`

func teasers(n int, excerpt string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(`<div class="news-item"><h3><a href="/presse/m` + string(rune('a'+i)) + `">Titel der Meldung</a></h3><p>` +
			excerpt + `</p><a href="/presse/m` + string(rune('a'+i)) + `">weiterlesen</a></div>`)
	}
	return b.String()
}

func TestClassifyPage(t *testing.T) {
	tests := []struct {
		name, page string
		want       PageKind
	}{
		{"listing", `<main><h1>Pressemitteilungen</h1>` + teasers(5, "Kurzer Anriss einer Meldung über die Stadt und ihre Partner.") + `</main>`, KindListing},
		{"listing with long excerpts", `<main><h1>Aktuelles</h1>` + teasers(3, longText) + `</main>`, KindListing},
		{"last listing page with one teaser", `<main><h1>Pressemitteilungen</h1>` + teasers(1, "Kurzer Anriss.") + `</main>`, KindListing},
		{"tag page with intro", `<main><h1>Thema Partnerschaft</h1><p>Alle Meldungen zum Thema.</p>` + teasers(4, longText) + `</main>`, KindListing},
		{"release", `<main><article><h1>Partnerschaft besiegelt</h1><p>` + longText + `</p><p>` + longText + `</p>
			<p><a href="/presse/">Zurück zur Übersicht</a></p></article></main>`, KindArticle},
		{"short release with related teasers", `<div class="inhalt"><h1>CLETA feiert</h1><p>` + longText[:250] + `</p>
			<div class="box"><h2>Weitere Beiträge rund um Städtepartnerschaften:</h2>` + teasers(3, longText) + `</div></div>`, KindArticle},
		{"release with inline links", `<main><h1>Neue Bücherei</h1><p>` + longText + ` Mehr unter <a href="/buecherei">Bücherei</a>.</p>
			<h2>Öffnungszeiten</h2><p>` + longText + ` Siehe <a href="/zeiten">Zeiten</a>.</p></main>`, KindArticle},
		{"release in a div with line breaks", `<div id="content"><h1>Neue Bücherei</h1><div class="text">` +
			strings.ReplaceAll(longText, ".", ".<br>") + `</div></div>`, KindArticle},
		{"release with a sidebar outside main", `<main><h1>Neue Bücherei</h1><p>` + longText + `</p></main><aside>` + teasers(6, longText) + `</aside>`, KindArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, err := ClassifyPage("https://a.example/presse/x", []byte("<html><body>"+tt.page+"</body></html>"))
			if err != nil || sh.Kind != tt.want {
				t.Fatalf("got %+v (%v), want %s", sh, err, tt.want)
			}
		})
	}
}

// FuzzClassifyPage: any page is classified without panic, and the figures
// are consistent with the kind.
func FuzzClassifyPage(f *testing.F) {
	f.Add("https://a.example/presse/", `<main><h1>Presse</h1>`+teasers(3, "Anriss")+`</main>`)
	f.Add("https://a.example/presse/x", `<main><h1>X</h1><p>`+longText+`</p><a href="/presse/">Zurück</a></main>`)
	f.Add("https://a.example/", `<div id="content"><h2><a href="/a">A</a></h2><p><a href="/b">B</a> text</p></div>`)
	f.Fuzz(func(t *testing.T, pageURL, page string) {
		sh, err := ClassifyPage(pageURL, []byte(page))
		if err != nil {
			return
		}
		if sh.Teasers < 0 || sh.MainText < 0 || sh.TeaserText < 0 || sh.Teasers == 0 && sh.Shape != "" {
			t.Fatalf("bad figures %+v", sh)
		}
		if sh.Kind == KindArticle && sh.MainText == 0 {
			t.Fatalf("an article without main text: %+v", sh)
		}
	})
}

func TestListingPageFromJSON(t *testing.T) {
	body := `{"items":[{"title":"Besuch aus Venlo","url":"/presse/venlo"},{"html":"<div class=\"item\"><h3><a href=\"/presse/b\">B</a></h3></div>"}],
		"next":"/presse/more.json?offset=20"}`
	l, err := ParseListing("https://a.example/presse/more.json?offset=10", listingPage([]byte(body)), nil)
	if err != nil || strings.Join(l.Links, " ") != "https://a.example/presse/venlo https://a.example/presse/b" ||
		l.Next != "https://a.example/presse/more.json?offset=20" || l.NextBy != NextByRel {
		t.Fatalf("got %+v (%v)", l, err)
	}
	escaped := `{"html":"&lt;div class=&quot;t&quot;&gt;&lt;h3&gt;&lt;a href=&quot;/presse/c&quot;&gt;C&lt;/a&gt;&lt;/h3&gt;&lt;/div&gt;"}`
	if l, _ := ParseListing("https://a.example/presse/more.json", listingPage([]byte(escaped)), nil); strings.Join(l.Links, " ") != "https://a.example/presse/c" {
		t.Fatalf("escaped HTML in JSON: %+v", l)
	}
	if page := `<html><body>{}</body></html>`; string(listingPage([]byte(page))) != page {
		t.Fatal("an HTML page must stay as it is")
	}
}

func TestRaiseOffset(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x.json?offset=4&limit=4": "https://a.example/x.json?limit=4&offset=8",
		"https://a.example/api?categorie=c&page=2":  "https://a.example/api?categorie=c&page=3",
		"https://a.example/api?start=10":            "https://a.example/api?start=14",
		"https://a.example/api?id=7":                "",
	} {
		if got := raiseOffset(in, 4); got != want {
			t.Errorf("raiseOffset(%q) = %q, want %q", in, got, want)
		}
	}
}
