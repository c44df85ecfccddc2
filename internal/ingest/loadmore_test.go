package ingest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// loadMoreSite shows three teasers on its listing page and the rest only
// through a "Mehr laden" button whose JSON endpoint answers with HTML
// fragments and no link to its own next call: the page's script would
// raise the offset.
type loadMoreSite struct{ n int }

func (s loadMoreSite) teasers(from, to int) string {
	var b strings.Builder
	for i := from; i < min(to, s.n); i++ {
		fmt.Fprintf(&b, `<div class="teaser"><span class="date">%02d.04.2024</span><a class="headline" href="/presse/meldung-%d.html">Meldung Nummer %d aus dem Rathaus</a>
			<p>Kurzer Anriss der Meldung %d.</p></div>`, 28-i, i, i, i)
	}
	return b.String()
}

func (s loadMoreSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/presse/":
		fmt.Fprintf(w, `<html><body><main><h1>Pressemitteilungen</h1><div class="list">%s</div>
			<button class="more" data-url="/presse/teaser.json?offset=3&amp;limit=3">Mehr laden</button></main></body></html>`, s.teasers(0, 3))
	case r.URL.Path == "/presse/teaser.json":
		off, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"html": s.teasers(off, off+3), "hasMore": off+3 < s.n})
	case strings.HasPrefix(r.URL.Path, "/presse/meldung-"):
		var i int
		fmt.Sscanf(r.URL.Path, "/presse/meldung-%d.html", &i)
		fmt.Fprintf(w, `<html><body><main><article><h1>Meldung Nummer %d aus dem Rathaus</h1><p>Veröffentlicht am %02d.04.2024</p>
			<p>Der Rat der Stadt hat in seiner Sitzung über die Meldung Nummer %d beraten und einen Beschluss gefasst, der
			im kommenden Monat in Kraft tritt; die Verwaltung bereitet die Umsetzung vor und informiert die Anwohner.</p>
			</article></main></body></html>`, i, 28-i, i)
	default:
		http.NotFound(w, r)
	}
}

// TestLoadMoreWithoutNextLink: the crawler walks a load-more endpoint by
// raising its offset by the teasers each call gave, until a call gives none.
func TestLoadMoreWithoutNextLink(t *testing.T) {
	e := newEnv(t, false)
	srv := httptest.NewServer(loadMoreSite{n: 10})
	t.Cleanup(srv.Close)
	e.in.Cfg.Sources = append(e.in.Cfg.Sources, config.Source{Name: "loadmore", Kind: "html", URL: srv.URL + "/presse/", BackfillPages: 20})
	rep := e.run(t, "loadmore", false)
	if rep.New != 10 || rep.Failed != 0 {
		t.Fatalf("report %+v, want all 10 releases", rep)
	}
}
