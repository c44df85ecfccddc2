package ingest_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestOneArticleWhicheverWayReached: a release reached through a
// "&s94=11"-suffixed link, through a mirror host (mirror_hosts), through its
// old Domino document URL (whose page names its canonical URL) and through
// that URL on the mirror is one article, with one id and one GUID.
func TestOneArticleWhicheverWayReached(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	mirror := httptest.NewServer(e.krefeld) // the same pages on another host
	t.Cleanup(mirror.Close)
	e.in.Cfg.Sources[0].MirrorHosts = []string{strings.TrimPrefix(mirror.URL, "http://")}
	rel := e.krefeld.Releases()[0] // on the first listing page
	key := e.kURL + e.krefeld.Path(rel)
	e.krefeld.LinkVia(rel.Slug, e.krefeld.Path(rel)+"&s94=11")
	first := e.run(t, "krefeld", false)
	a0, err := e.st.ArticleByURL(ctx, key)
	if err != nil {
		t.Fatalf("not stored under %s: %v (%+v)", key, err, first)
	}
	ways := []string{
		mirror.URL + e.krefeld.Path(rel) + "&s94=11",
		e.kURL + e.krefeld.DocumentPath(rel),
		mirror.URL + e.krefeld.DocumentPath(rel),
	}
	for i, via := range ways {
		// The release changes, so that each pass stores something observable.
		title := fmt.Sprintf("%s (Fassung %d)", rel.Title, i+2)
		e.archive.Retitle(rel.Slug, title)
		e.krefeld.LinkVia(rel.Slug, via)
		rep := e.run(t, "krefeld", false)
		a, err := e.st.ArticleByURL(ctx, key)
		if rep.New != 0 || rep.Updated != 1 || err != nil || a.ID != a0.ID || a.GUID != a0.GUID || a.Title != title {
			t.Fatalf("via %s: %+v; article %+v, %v", via, rep, a, err)
		}
	}
	all, err := e.st.ListArticles(ctx, store.ListOptions{})
	if err != nil || len(all) != first.New {
		t.Fatalf("%d articles after the passes, %d after the first (%v)", len(all), first.New, err)
	}
	// The document URL is known from the link alone (an alias of the key): a
	// regular pass whose first listing page changed holds nothing new and
	// stops after that page.
	e.archive.Retitle(rel.Slug, rel.Title)
	rep := e.run(t, "krefeld", false)
	if rep.Pages != 1 || rep.Updated != 1 || rep.New != 0 {
		t.Fatalf("regular pass: %+v", rep)
	}
}
