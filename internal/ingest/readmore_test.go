package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// readMoreSite is a small press archive whose teasers end with "weiterlesen"
// links (labelled "Weiterlesen: <title>") and whose last listing page has no
// next link: the shape that lost a release (issue 13). It lists the
// releases newest (last) first, three a page.
type readMoreSite struct{ releases []string }

func (s readMoreSite) teaser(i int) string {
	return fmt.Sprintf(`<div class="news-item"><time datetime="2024-05-%02dT10:00:00+02:00">%02d.05.2024</time>
		<h3><a href="/presse/meldung-%d">%s</a></h3><p>Kurzer Anriss der Meldung %d über das Leben in der Stadt.</p>
		<a class="more" href="/presse/meldung-%d" title="Weiterlesen: %s">weiterlesen</a></div>`,
		10+i, 10+i, i, s.releases[i], i, i, s.releases[i])
}

func (s readMoreSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page := func(title, main string) {
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="de"><head><title>%s</title></head><body>
			<header><nav><a href="/">Startseite</a> <a href="/presse/">Pressemitteilungen</a></nav></header>
			<main>%s</main><footer><a href="/impressum">Impressum</a></footer></body></html>`, title, main)
	}
	switch {
	case r.URL.Path == "/presse/":
		var b strings.Builder
		b.WriteString(`<h1>Pressemitteilungen</h1>`)
		from, to := 0, 3
		if r.URL.Query().Get("seite") == "2" {
			from, to = 3, len(s.releases)
		}
		if from == 0 && len(s.releases) > 3 {
			// Above the teasers, so that the first page alone finds the right next page.
			b.WriteString(`<div class="pagination"><a href="/presse/?seite=2">Nächste Seite</a></div>`)
		}
		for k := from; k < to; k++ {
			b.WriteString(s.teaser(len(s.releases) - 1 - k))
		}
		if from > 0 {
			// A teaser that leads to a tag page: a listing, not a release.
			b.WriteString(`<div class="news-item"><h3><a href="/presse/thema/partnerschaft">Alles zum Thema Städtepartnerschaft</a></h3>
				<p>Alle Meldungen rund um die Partnerstädte auf einen Blick.</p></div>`)
		}
		page("Pressemitteilungen", b.String())
	case r.URL.Path == "/presse/thema/partnerschaft":
		page("Thema: Städtepartnerschaft", `<h1>Thema: Städtepartnerschaft</h1>`+s.teaser(len(s.releases)-1)+s.teaser(0))
	case strings.HasPrefix(r.URL.Path, "/presse/meldung-"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/presse/meldung-%d", &i); err != nil || i < 0 || i >= len(s.releases) {
			http.NotFound(w, r)
			return
		}
		page(s.releases[i], fmt.Sprintf(`<article><h1>%s</h1><p class="date">Veröffentlicht am: %02d.05.2024</p>
			<p>Die Stadt berichtet heute ausführlich über %s. Der Oberbürgermeister begrüßte die Gäste im Rathaus und
			dankte allen Beteiligten für die gute Zusammenarbeit in den vergangenen Monaten.</p>
			<p>Zu „%s“ folgen weitere Termine im Laufe des Jahres; die Bürgerinnen und Bürger sind eingeladen.</p>
			<p class="hinweis">Alle Meldungen auch als Newsletter: jeden Freitag kostenlos im Postfach.</p>
			<p><a href="/presse/">Zurück zur Übersicht</a></p></article>`, s.releases[i], 10+i, s.releases[i], s.releases[i]))
	default:
		http.NotFound(w, r)
	}
}

// TestReadMoreIsNeverNext reproduces the reported loss: on the last listing
// page the first release's "weiterlesen" link was taken for the next page,
// the release was never stored, and the listing was stored as an article
// titled "Pressemitteilungen".
func TestReadMoreIsNeverNext(t *testing.T) {
	e := newEnv(t, false)
	site := readMoreSite{releases: []string{"Neues Rathausdach", "Sommerfest im Stadtpark", "Radwege werden breiter",
		"Besuch aus Venlo im Rathaus", "Neue Bücherei eröffnet"}}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	e.in.Cfg.Sources = append(e.in.Cfg.Sources, config.Source{Name: "readmore", Kind: "html", URL: srv.URL + "/presse/", BackfillPages: 5})
	rep := e.run(t, "readmore", false)
	all, err := e.st.ListArticles(context.Background(), store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	var arts []store.Article
	for _, a := range all {
		if a.Source == "readmore" {
			got[a.Title] = true
			arts = append(arts, a)
		}
	}
	for _, title := range site.releases {
		if !got[title] {
			t.Errorf("release %q not stored", title)
		}
	}
	if got["Pressemitteilungen"] || len(arts) != len(site.releases) {
		t.Errorf("stored %d articles (want %d, none titled Pressemitteilungen): %v", len(arts), len(site.releases), got)
	}
	if rep.Pages != 2 || rep.New != len(site.releases) || rep.NotReleases != 1 {
		t.Errorf("report %+v, want 2 listing pages, %d new and the tag page skipped", rep, len(site.releases))
	}
	if !strings.Contains(e.logs.String(), "Page is not a release; skipped") {
		t.Errorf("the skipped tag page is not logged:\n%s", e.logs.String())
	}
}

// TestTemplateLearnedAcrossPasses: a block that repeats on every release
// page (no phrase marks it) is in no stored body, not even on the first
// pages of the first pass, and a later pass that reads one new page removes
// it at once from what the store kept of the template.
func TestTemplateLearnedAcrossPasses(t *testing.T) {
	e := newEnv(t, false)
	site := &readMoreSite{releases: []string{"Neues Rathausdach", "Sommerfest im Stadtpark", "Radwege werden breiter"}}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	e.in.Cfg.Sources = append(e.in.Cfg.Sources, config.Source{Name: "readmore", Kind: "html", URL: srv.URL + "/presse/", BackfillPages: 20})
	first := e.run(t, "readmore", false)
	stored, err := e.st.SourceTemplate(context.Background(), "readmore")
	tmpl := extract.NewTemplate()
	if err != nil || tmpl.UnmarshalText([]byte(stored)) != nil || tmpl.Pages() != 3 {
		t.Fatalf("the learned template is not stored: %q %v", stored, err)
	}
	site.releases = append(site.releases, "Besuch aus Venlo im Rathaus")
	second := e.run(t, "readmore", false)
	// Every release page read (the second pass reads the known ones on the
	// first listing page again) had one template block.
	if first.New != 3 || first.TemplateBlocks != 3 || second.New != 1 || second.TemplateBlocks != second.New+second.Unchanged {
		t.Errorf("first pass %+v, second %+v; want 3 new with 3 template blocks, then 1 new and one block a page", first, second)
	}
	all, err := e.st.ListArticles(context.Background(), store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Source == "readmore" && (strings.Contains(a.BodyText, "Newsletter") || strings.Contains(a.BodyText, "Zurück") ||
			!strings.Contains(a.BodyText, "Der Oberbürgermeister")) {
			t.Errorf("%s: body\n%s", a.Title, a.BodyText)
		}
	}
}
