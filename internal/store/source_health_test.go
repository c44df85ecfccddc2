package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSourcesHealth(t *testing.T) { storetest.Each(t, testSourcesHealth) }

func testSourcesHealth(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if h, err := s.SourcesHealth(ctx); err != nil || len(h) != 0 {
		t.Fatalf("fresh: %+v %v", h, err)
	}
	ok := time.UnixMilli(1_700_000_000_000)
	first := store.RunFigures{PagesRead: 3, ArticlesFound: 12, ArticlesNew: 10, ArticlesFailed: 2, TemplateBlocks: 7, NotReleases: 1}
	// Figures before the run is recorded (a new row), then the run: both kept.
	if err := s.RecordSourceFigures(ctx, "b-source", first); err != nil {
		t.Fatal(err)
	}
	s.RecordSourceRun(ctx, "b-source", ok, true)
	s.RecordSourceRun(ctx, "a-source", ok, false)
	s.RecordSourceFigures(ctx, "a-source", store.RunFigures{PagesRead: 1})
	// A later pass replaces the figures (gauges of the last pass), not adds to them.
	second := store.RunFigures{PagesRead: 1, ArticlesFound: 5}
	if err := s.RecordSourceFigures(ctx, "b-source", second); err != nil {
		t.Fatal(err)
	}
	h, err := s.SourcesHealth(ctx)
	if err != nil || len(h) != 2 {
		t.Fatalf("health: %+v %v", h, err)
	}
	if h[0].Source != "a-source" || h[0].Last.PagesRead != 1 || !h[0].LastSuccessAt.IsZero() || h[0].LastRunAt.IsZero() {
		t.Fatalf("a-source: %+v", h[0])
	}
	if h[1].Source != "b-source" || h[1].Last != second || !h[1].LastSuccessAt.Equal(ok) || !h[1].Backfilled {
		t.Fatalf("b-source: %+v", h[1])
	}
}
