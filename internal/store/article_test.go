package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestArticleRoundTrip(t *testing.T) {
	storetest.Each(t, testArticleRoundTrip)
}

func testArticleRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	pub := time.Date(2022, 11, 24, 0, 0, 0, 0, time.UTC)
	a := store.Article{Source: "krefeld", URL: "https://example.org/a", Title: "Besuch aus Dünkirchen",
		Lead: "Lead", BodyHTML: "<p>Body</p>", PublishedAt: pub,
		Images: []store.Image{{URL: "https://example.org/i.jpg", Caption: "Delegation", Credit: "Stadt"}}}
	res, err := s.UpsertArticle(ctx, &a)
	if err != nil || res != store.Inserted {
		t.Fatalf("insert: %v %v", res, err)
	}
	if _, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "duenkirchen", Score: 3, Evidence: "{}"}}); err != nil {
		t.Fatal(err)
	}
	again := a
	res, err = s.UpsertArticle(ctx, &again)
	if err != nil || res != store.Unchanged {
		t.Fatalf("second upsert: %v %v", res, err)
	}
	edited := a
	edited.ID, edited.GUID = 0, ""
	edited.Title = "Besuch aus Dünkirchen (aktualisiert)"
	res, err = s.UpsertArticle(ctx, &edited)
	if err != nil || res != store.Updated {
		t.Fatalf("update: %v %v", res, err)
	}
	if edited.ID != a.ID || edited.GUID != a.GUID {
		t.Fatalf("update changed identity: %d/%s vs %d/%s", edited.ID, edited.GUID, a.ID, a.GUID)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != edited.Title || !got.PublishedAt.Equal(pub) || len(got.Images) != 1 ||
		got.Images[0].Credit != "Stadt" || len(got.Tags) != 1 || got.Tags[0].Partner != "duenkirchen" {
		t.Fatalf("round trip: %+v", got)
	}
	list, err := s.ListArticles(ctx, store.ListOptions{Partner: "duenkirchen"})
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v %v", list, err)
	}
	if _, err := s.ArticleByURL(ctx, "https://example.org/none"); err != store.ErrNotFound {
		t.Fatalf("want ErrNotFound, got %v", err)
	}
}
