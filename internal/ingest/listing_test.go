package ingest

import (
	"reflect"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

func TestParseListingPagination(t *testing.T) {
	tests := []struct {
		name, url, page string
		sel             *config.Selectors
		links           []string
		next            string
	}{
		{"rel next", "https://a.example/presse/", `<main><h2><a href="/presse/eins">Eins</a></h2>
			<h2><a href="/presse/zwei?utm_source=x">Zwei</a></h2><h2><a href="/presse/zwei">Zwei again</a></h2>
			<a rel="next" href="/presse/?p=2">2</a></main>`, nil,
			[]string{"https://a.example/presse/eins", "https://a.example/presse/zwei?utm_source=x"}, "https://a.example/presse/?p=2"},
		{"weiter", "https://a.example/presse/", `<div id="content"><ul><li><a href="https://www.a.example/presse/artikel-mit-langem-titel">Ein Artikel mit langem Titel</a></li></ul>
			<p><a href="/presse/kontakt">Kontakt</a> <a href="/presse/?seite=2">Weiter</a></p></div>`, nil,
			[]string{"https://www.a.example/presse/artikel-mit-langem-titel"}, "https://a.example/presse/?seite=2"},
		{"nächste Seite title", "https://a.example/presse/", `<main><h3><a href="/a">A</a></h3><a title="nächste Seite" href="/presse/x">»</a></main>`, nil,
			[]string{"https://a.example/a"}, "https://a.example/presse/x"},
		{"page numbers", "https://a.example/presse/?page=2", `<main><h3><a href="/a">A</a></h3>
			<a href="/presse/?page=1">1</a><a href="/presse/?page=3">3</a><a href="/presse/?page=4">4</a></main>`, nil,
			[]string{"https://a.example/a"}, "https://a.example/presse/?page=3"},
		{"domino offsets", "https://a.example/de/presse/&s91=6&s93=326", `<div class="inhalt"><h3><a href="/de/inhalt/x/&s94=1">X</a></h3>
			<a href="/de/presse/&s91=1&s93=326">1</a><a href="/de/presse/&s91=11&s93=326">3</a><a href="/de/presse/&s91=16&s93=326">4</a></div>`, nil,
			[]string{"https://a.example/de/inhalt/x/&s94=1"}, "https://a.example/de/presse/&s91=11&s93=326"},
		{"domino first page", "https://a.example/de/presse/", `<div class="inhalt"><h3><a href="/de/inhalt/x/">X</a></h3>
			<a href="/de/presse/&s91=11&s93=326">3</a><a href="/de/presse/&s91=6&s93=326">2</a></div>`, nil,
			[]string{"https://a.example/de/inhalt/x/"}, "https://a.example/de/presse/&s91=6&s93=326"},
		{"navigation, other sites, files", "https://a.example/presse/", `<nav><h2><a href="/nav">Nav</a></h2></nav>
			<main><h2><a href="https://other.example/x">Other</a></h2><h2><a href="/doc.pdf">PDF</a></h2><h2><a href="/ok">OK</a></h2></main>
			<footer><h2><a href="/impressum">Impressum</a></h2></footer>`, nil,
			[]string{"https://a.example/ok"}, ""},
		{"weiterlesen is no next page", "https://a.example/presse/?seite=2", `<main><div class="item"><h3><a href="/presse/a">A</a></h3>
			<a href="/presse/a" title="Weiterlesen: A">weiterlesen</a></div><div class="item"><h3><a href="/presse/b">B</a></h3>
			<a href="/presse/b" aria-label="Weiter lesen">Weiter lesen »</a></div><a href="/presse/?seite=1">1</a></main>`, nil,
			[]string{"https://a.example/presse/a", "https://a.example/presse/b"}, ""},
		{"read more in five languages", "https://a.example/news/", `<main><article><h2><a href="/n/1">Eins</a></h2><a href="/n/1">Read more</a></article>
			<article><h2><a href="/n/2">Twee</a></h2><a href="/n/2">Lees meer ›</a></article><article><h2><a href="/n/3">Trois</a></h2><a href="/n/3">Lire la suite…</a></article>
			<article><h2><a href="/n/4">Vier</a></h2><a href="/n/4">mehr</a></article><article><h2><a href="/n/5">П'ять</a></h2><a href="/n/5">Читати далі</a></article></main>`, nil,
			[]string{"https://a.example/n/1", "https://a.example/n/2", "https://a.example/n/3", "https://a.example/n/4", "https://a.example/n/5"}, ""},
		{"post navigation is no next page", "https://a.example/presse/", `<main><h2><a href="/presse/a">A</a></h2>
			<a href="/presse/b">Nächster Beitrag »</a></main>`, nil, []string{"https://a.example/presse/a"}, ""},
		{"volgende", "https://a.example/nieuws/", `<main><h2><a href="/nieuws/a">A</a></h2><a href="/nieuws/?pagina=2">Volgende</a></main>`, nil,
			[]string{"https://a.example/nieuws/a"}, "https://a.example/nieuws/?pagina=2"},
		{"suivant", "https://a.example/actu/", `<main><h2><a href="/actu/a">A</a></h2><a href="/actu/p2">Suivant ›</a></main>`, nil,
			[]string{"https://a.example/actu/a"}, "https://a.example/actu/p2"},
		{"wordpress page path", "https://a.example/presse/page/2/", `<main><h2><a href="/2024/05/a/">A</a></h2>
			<a class="page-numbers" href="/presse/">1</a><a class="page-numbers" href="/presse/page/3/">3</a><a class="page-numbers" href="/presse/page/9/">9</a></main>`, nil,
			[]string{"https://a.example/2024/05/a/"}, "https://a.example/presse/page/3/"},
		{"offset parameter", "https://a.example/presse/?start=10", `<main><h2><a href="/presse/detail/a">A</a></h2>
			<a href="/presse/">1</a><a href="/presse/?start=20">3</a><a href="/presse/?start=30">4</a></main>`, nil,
			[]string{"https://a.example/presse/detail/a"}, "https://a.example/presse/?start=20"},
		{"load more endpoint", "https://a.example/presse/", `<main><h2><a href="/presse/a">A</a></h2>
			<button class="load-more" data-url="/presse/more.json?offset=10">Mehr laden</button></main>`, nil,
			[]string{"https://a.example/presse/a"}, "https://a.example/presse/more.json?offset=10"},
		{"load more endpoint in another data attribute", "https://a.example/presse/", `<main><h2><a href="/presse/a">A</a></h2>
			<a href="#" class="more" data-target="#list" data-load-more-url="/presse/teaser.json?offset=4&amp;limit=4">Mehr laden</a></main>`, nil,
			[]string{"https://a.example/presse/a"}, "https://a.example/presse/teaser.json?offset=4&limit=4"},
		{"load more in a form", "https://a.example/actu/", `<main><h2><a href="/actu/a">A</a></h2>
			<form action="/actu/plus?page=2"><button class="x">Voir plus d'actualités</button></form></main>`, nil,
			[]string{"https://a.example/actu/a"}, "https://a.example/actu/plus?page=2"},
		{"load more in other words, endpoint inside a setting", "https://a.example/presse/", `<main><h2><a href="/presse/a">A</a></h2>
			<button class="btn" data-options='{"url":"/presse/list.json?offset=4","target":"#list"}'>Weitere Pressemitteilungen laden</button></main>`, nil,
			[]string{"https://a.example/presse/a"}, "https://a.example/presse/list.json?offset=4"},
		{"selectors", "https://a.example/presse/", `<div class="list"><span class="t"><a href="/s1">S1</a></span></div><div class="more"><a href="/p2">mehr</a></div>`,
			&config.Selectors{ArticleLink: ".t a", NextPage: ".more a"}, []string{"https://a.example/s1"}, "https://a.example/p2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseListing(tt.url, []byte(tt.page), tt.sel)
			if err != nil || !reflect.DeepEqual(l.Links, tt.links) || l.Next != tt.next {
				t.Fatalf("got %q next %q (%v); want %q next %q", l.Links, l.Next, err, tt.links, tt.next)
			}
		})
	}
}

func FuzzParseListing(f *testing.F) {
	f.Add("https://a.example/de/presse/&s91=6&s93=326", `<div class="inhalt"><h3><a href="/de/inhalt/x/&s94=1">X</a></h3><a href="/de/presse/&s91=11&s93=326">3</a></div>`)
	f.Add("https://a.example/presse/?page=2", `<main><article><a href="/a">A</a></article><a rel="next" href="?page=3">»</a></main>`)
	f.Fuzz(func(t *testing.T, pageURL, page string) {
		l, err := ParseListing(pageURL, []byte(page), nil)
		if err != nil {
			return
		}
		for _, link := range l.Links {
			if link == "" || link == l.Next {
				t.Fatalf("bad link %q (next %q)", link, l.Next)
			}
		}
	})
}
