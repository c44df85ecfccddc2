package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

func TestFeedSourceFullText(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	rep := e.run(t, "musterstadt-feed", false)
	if rep.New != 8 || rep.Failed != 0 || rep.Pages != 1 {
		t.Fatalf("feed pass: %+v", rep)
	}
	// Items have no guid: each is keyed by its canonical link (utm_* dropped),
	// and the page's full text replaces the teaser.
	a, err := e.st.ArticleByURL(ctx, e.mURL+"/aktuelles/presse/detail/partnerstadt-delegation-aus-venlo")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.BodyText, "Wasserstoffbusse, die seit Januar im Linienverkehr fahren") ||
		a.PublishedAt.In(e.cfg.Location).Format("2006-01-02 15:04") != "2024-06-03 09:30" {
		t.Fatalf("feed article: %+v", a)
	}
	// The html source finds the same articles under the same keys.
	html := e.run(t, "musterstadt", false)
	if html.New != 0 {
		t.Fatalf("html source duplicated feed articles: %+v", html)
	}
	again := e.run(t, "musterstadt-feed", false)
	if again.New+again.Updated != 0 || again.NotModified != 1 {
		t.Fatalf("second feed pass: %+v", again)
	}
}

func TestFeedItemKeptWhenPageYieldsNothing(t *testing.T) {
	e := newEnv(t, false)
	e.in.Cfg.Sources[2].Selectors = &config.Selectors{Body: ".relaunch-body"} // the pages changed layout
	rep := e.run(t, "musterstadt-feed", false)
	if rep.New != 8 || rep.Failed != 0 {
		t.Fatalf("feed pass: %+v", rep)
	}
	a, err := e.st.ArticleByURL(context.Background(), e.mURL+"/aktuelles/presse/detail/freibad-saisonstart")
	if err != nil || a.Title != "Freibad startet in die Saison" || a.BodyText != "Ab Samstag hat das Freibad am Stadtpark wieder geöffnet." {
		t.Fatalf("teaser fallback: %+v %v", a, err)
	}
	if !strings.Contains(e.logs.String(), "Article extraction failed") ||
		!strings.Contains(e.logs.String(), `msg="Most articles of the source fail extraction`) {
		t.Fatalf("extraction failures not logged:\n%s", e.logs.String())
	}
}

func TestFeedSourceTeasersOnly(t *testing.T) {
	e := newEnv(t, false)
	off := false
	e.in.Cfg.Sources[2].FullText = &off
	rep := e.run(t, "musterstadt-feed", false)
	if rep.New != 8 {
		t.Fatalf("feed pass: %+v", rep)
	}
	list, err := e.st.ListArticles(context.Background(), store.ListOptions{})
	if err != nil || len(list) != 8 {
		t.Fatalf("%d articles, %v", len(list), err)
	}
	for _, a := range list {
		if strings.Contains(a.URL, "utm_") || a.BodyText == "" || a.BodyText != a.Lead || a.PublishedAt.IsZero() {
			t.Errorf("teaser article: %+v", a)
		}
	}
	if st := e.archive.Stats(); st.ByPath["/aktuelles/presse/detail/freibad-saisonstart"] != 0 {
		t.Errorf("full_text: false fetched article pages")
	}
}
