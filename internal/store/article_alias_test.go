package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestArticleAliases(t *testing.T) { storetest.Each(t, testArticleAliases) }

func testArticleAliases(t *testing.T, s *store.Store) {
	ctx := context.Background()
	canonical := "https://krefeld.de/de/inhalt/x/"
	old := "https://krefeld.de/a/html/0123?OpenDocument"
	if _, err := s.ArticleURLFor(ctx, canonical); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("empty store: %v", err)
	}
	// An alias of an article not (yet) stored leads nowhere.
	if err := s.SaveArticleAlias(ctx, old, canonical); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ArticleURLFor(ctx, old); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("alias without article: %v", err)
	}
	a := store.Article{Source: "krefeld", URL: canonical, Title: "X", PublishedAt: time.UnixMilli(1_700_000_000_000)}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{canonical, old} {
		if got, err := s.ArticleURLFor(ctx, u); err != nil || got != canonical {
			t.Errorf("ArticleURLFor(%s) = %q, %v", u, got, err)
		}
	}
	// An article stored under a URL wins over an alias from the same URL.
	b := store.Article{Source: "krefeld", URL: old, Title: "Old", PublishedAt: time.UnixMilli(1_700_000_000_000)}
	if _, err := s.UpsertArticle(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ArticleURLFor(ctx, old); err != nil || got != old {
		t.Errorf("ArticleURLFor(%s) = %q, %v; want the article itself", old, got, err)
	}
	// Saving an alias again re-targets it; an alias of itself is not stored.
	if err := s.SaveArticleAlias(ctx, "https://krefeld.de/y", old); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveArticleAlias(ctx, "https://krefeld.de/y", canonical); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ArticleURLFor(ctx, "https://krefeld.de/y"); got != canonical {
		t.Errorf("re-targeted alias leads to %q", got)
	}
	if err := s.SaveArticleAlias(ctx, canonical, canonical); err != nil {
		t.Fatal(err)
	}
}
