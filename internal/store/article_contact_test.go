package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestArticleContact(t *testing.T) { storetest.Each(t, testArticleContact) }

// testArticleContact: the press contact is stored apart from the body, and
// a changed contact is a changed article.
func testArticleContact(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://a.example/1", Title: "T", BodyHTML: "<p>b</p>", BodyText: "b",
		Contact: "Pressekontakt: Presseamt, Telefon 1", Language: "de", PublishedAt: time.Unix(1700000000, 0)}
	if res, err := s.UpsertArticle(ctx, &a); err != nil || res != store.Inserted {
		t.Fatalf("insert: %v %v", res, err)
	}
	got, err := s.ArticleByURL(ctx, a.URL)
	if err != nil || got.Contact != a.Contact || got.BodyText != "b" {
		t.Fatalf("got %+v (%v)", got, err)
	}
	a.Contact = "Pressekontakt: Presseamt, Telefon 2"
	if res, err := s.UpsertArticle(ctx, &a); err != nil || res != store.Updated {
		t.Fatalf("a changed contact: %v %v", res, err)
	}
	if got, _ := s.ArticleByURL(ctx, a.URL); got.Contact != a.Contact {
		t.Fatalf("contact %q", got.Contact)
	}
}
