package ingest_test

import (
	"context"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

func ingestOptions(backfill bool) ingest.Options { return ingest.Options{Backfill: backfill} }

func TestBackfillNotifiesNobodyThenChangesDo(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	first := e.run(t, "krefeld", false)
	tagged, err := e.st.ListArticles(ctx, ingestListVenlo())
	if err != nil || len(tagged) == 0 {
		t.Fatalf("the tagger's tags were not stored: %v", err)
	}
	if n := e.countJobs(t); n != 0 {
		t.Fatalf("the first ingest (a backfill) queued %d notifications (%+v)", n, first)
	}
	// An editor rewrites a release on the first listing page so that it is now about Venlo.
	e.archive.Retitle("bibliothek-lesesommer-startet", "Mediothek: Lesesommer startet mit Gästen aus Venlo")
	rep := e.run(t, "krefeld", false)
	if rep.Updated != 1 || rep.New != 0 {
		t.Fatalf("second pass: %+v", rep)
	}
	a, err := e.st.ArticleByURL(ctx, e.kURL+"/de/inhalt/bibliothek-lesesommer-startet/")
	if err != nil || a.Title != "Mediothek: Lesesommer startet mit Gästen aus Venlo" || len(a.Tags) != 1 {
		t.Fatalf("updated article: %+v %v", a, err)
	}
	if n := e.countJobs(t); n != 1 {
		t.Fatalf("%d notification jobs, want 1", n)
	}
}
