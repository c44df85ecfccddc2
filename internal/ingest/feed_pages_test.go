package ingest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
)

// feedRequests counts the requests for pages of the Berlin feed.
func (e *env) feedRequests() int {
	path, _, _ := strings.Cut(archivetest.BerlinFeed, "?")
	return e.archive.Stats().ByPath[path]
}

// TestPaginatedFeed runs the real ingest over the Berlin-shaped feed: 23
// releases, 10 per page, pages past the end repeating the last one.
func TestPaginatedFeed(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	// The first pass is a backfill: pages 1–3, then page 4, which repeats page 3, ends it.
	first := e.run(t, "berlin", false)
	if first.New != 23 || first.Failed != 0 || first.Pages != 4 || e.feedRequests() != 4 {
		t.Fatalf("backfill: %+v, %d feed requests", first, e.feedRequests())
	}
	for _, rel := range e.berlin.Releases() {
		// No guid: each item is keyed by its canonical link.
		a, err := e.st.ArticleByURL(ctx, e.bURL+e.berlin.Path(rel))
		if err != nil {
			t.Fatalf("%s not stored: %v", rel.Slug, err)
		}
		want, _ := time.Parse(time.RFC3339, rel.Date) // the item's pubDate, +0200
		if a.Title != rel.Title || !a.PublishedAt.Equal(want) || !strings.HasSuffix(a.BodyText, rel.Lines[1]) {
			t.Errorf("%s: stored %q %s %q", rel.Slug, a.Title, a.PublishedAt, a.BodyText)
		}
	}
	// Nothing new: page 1 answers 304 and the pass ends there.
	same := e.run(t, "berlin", false)
	if same.Pages != 1 || same.NotModified != 1 || same.New != 0 {
		t.Fatalf("regular pass without news: %+v", same)
	}
	// Three new releases push three old ones to page 2: page 1 has news,
	// page 2 has none, so a regular pass stops after it.
	e.berlin.Publish(3)
	before := e.feedRequests()
	news := e.run(t, "berlin", false)
	if news.New != 3 || news.Pages != 2 || e.feedRequests()-before != 2 {
		t.Fatalf("regular pass with news: %+v", news)
	}
	// A backfill walks every page again (26 releases: 3 pages, then the repeat).
	back := e.run(t, "berlin", true)
	if back.New != 0 || back.Unchanged != 26 || back.Pages != 4 {
		t.Fatalf("backfill pass: %+v", back)
	}
}

func TestPaginatedFeedStops(t *testing.T) {
	tests := []struct {
		name          string
		setup         func(e *env)
		pages, stored int
	}{
		{"empty page past the end", func(e *env) { e.berlin.EmptyPastEnd() }, 4, 23},
		{"backfill_pages", func(e *env) { e.in.Cfg.Sources[3].BackfillPages = 2 }, 2, 20},
		{"no page_param: one page", func(e *env) { e.in.Cfg.Sources[3].PageParam = "" }, 1, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, false)
			tt.setup(e)
			rep := e.run(t, "berlin", false)
			if rep.Pages != tt.pages || rep.New != tt.stored || e.feedRequests() != tt.pages {
				t.Fatalf("%+v, %d feed requests; want %d pages, %d new", rep, e.feedRequests(), tt.pages, tt.stored)
			}
		})
	}
}
