package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestDataVersionFollowsEveryChange(t *testing.T) {
	storetest.Each(t, testDataVersionFollowsEveryChange)
}

func testDataVersionFollowsEveryChange(t *testing.T, s *store.Store) {
	ctx := context.Background()
	version := func() store.DataVersion {
		v, err := s.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	seen := map[store.DataVersion]string{version(): "empty"}
	changed := func(what string) {
		t.Helper()
		time.Sleep(2 * time.Millisecond) // distinct millisecond stamps (moves the clock on; waits for no outcome)
		v := version()
		if prev, ok := seen[v]; ok {
			t.Fatalf("%s left the data version as after %s: %+v", what, prev, v)
		}
		seen[v] = what
	}
	a := store.Article{Source: "t", URL: "https://example.org/a", Title: "A", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	changed("insert")
	if _, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo"}, {Partner: "leiden"}}); err != nil {
		t.Fatal(err)
	}
	changed("tagging")
	if _, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo"}}); err != nil {
		t.Fatal(err)
	}
	changed("removing a tag")
	a.Title = "A, edited"
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	changed("edit")
	if _, err := s.ReplaceTags(ctx, a.ID, nil); err != nil {
		t.Fatal(err)
	}
	changed("untagging")
	before := version()
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if version() != before {
		t.Fatal("an unchanged upsert changed the data version")
	}
}
