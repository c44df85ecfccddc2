package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestListArticlesStored(t *testing.T) { storetest.Each(t, testListArticlesStored) }

func testListArticlesStored(t *testing.T, s *store.Store) {
	ctx := context.Background()
	day := time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC)
	// Stored newest first, as a backfill finds them; "late" is old news stored last.
	for i, name := range []string{"d", "c", "x", "b", "a", "late"} {
		a := store.Article{Source: "x", URL: "https://example.org/" + name, Title: name, PublishedAt: day.AddDate(0, 0, -i)}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if name != "x" {
			if _, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	venlo := store.ListOptions{Partner: "venlo"}
	if n, err := s.CountArticles(ctx, venlo); err != nil || n != 5 {
		t.Fatalf("CountArticles(venlo) = %d, %v; want 5", n, err)
	}
	if n, err := s.CountArticles(ctx, store.ListOptions{}); err != nil || n != 6 {
		t.Fatalf("CountArticles(all) = %d, %v; want 6", n, err)
	}
	for _, c := range []struct {
		limit, offset int
		want          string
	}{
		{2, 0, "[d c]"},
		{2, 2, "[b a]"},
		{2, 4, "[late]"},
		{2, 6, "[]"},
		{0, 0, "[d c b a late]"},
	} {
		o := venlo
		o.Limit, o.Offset = c.limit, c.offset
		list, err := s.ListArticlesStored(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range list {
			got = append(got, a.Title)
			if len(a.Tags) != 1 {
				t.Errorf("%s: tags not filled in: %v", a.Title, a.Tags)
			}
		}
		if fmt.Sprint(got) != c.want && !(c.want == "[]" && got == nil) {
			t.Errorf("limit %d offset %d: %v, want %s", c.limit, c.offset, got, c.want)
		}
	}
	if _, err := s.ListArticlesStored(ctx, store.ListOptions{Partner: "venlo", Offset: 2}); err == nil {
		t.Error("an offset without a limit was accepted")
	}
}
