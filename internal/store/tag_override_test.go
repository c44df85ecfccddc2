package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSettings(t *testing.T) { storetest.Each(t, testSettings) }

func testSettings(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if _, err := s.Setting(ctx, "k"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing setting: %v", err)
	}
	for _, v := range []string{"one", "two"} {
		if err := s.SetSetting(ctx, "k", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "k"); err != nil || got != v {
			t.Fatalf("setting = %q, %v; want %q", got, err, v)
		}
	}
}

func tagsOf(t *testing.T, s *store.Store, id int64) (slugs []string, pinned bool) {
	t.Helper()
	a, err := s.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range a.Tags {
		slugs = append(slugs, tg.Partner)
		pinned = pinned || tg.Pinned
	}
	return slugs, pinned
}

func TestTagOverrideSurvivesRetagging(t *testing.T) {
	storetest.Each(t, testTagOverrideSurvivesRetagging)
}

func testTagOverrideSurvivesRetagging(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://example.org/a", Title: "T", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RetagArticle(ctx, a, []store.Tag{{Partner: "venlo", Score: 5, Evidence: "{}"}}); err != nil {
		t.Fatal(err)
	}
	got, added, err := s.SetTagOverride(ctx, a.URL, []string{"leiden", "charlotte"})
	if err != nil || got.ID != a.ID || !reflect.DeepEqual(added, []string{"leiden", "charlotte"}) {
		t.Fatalf("override: %v %v %v", got.ID, added, err)
	}
	added, err = s.RetagArticle(ctx, a, []store.Tag{{Partner: "venlo", Score: 5, Evidence: "{}"}})
	if err != nil || added != nil {
		t.Fatalf("retag after override: %v %v", added, err)
	}
	if slugs, pinned := tagsOf(t, s, a.ID); !reflect.DeepEqual(slugs, []string{"charlotte", "leiden"}) || !pinned {
		t.Fatalf("tags = %v pinned=%v", slugs, pinned)
	}
	// "No partner" is a decision too.
	if _, _, err := s.SetTagOverride(ctx, a.URL, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RetagArticle(ctx, a, []store.Tag{{Partner: "venlo", Score: 5, Evidence: "{}"}}); err != nil {
		t.Fatal(err)
	}
	if slugs, _ := tagsOf(t, s, a.ID); len(slugs) != 0 {
		t.Fatalf("tags = %v, want none", slugs)
	}
	// An override for an article not stored yet applies when it arrives.
	if _, _, err := s.SetTagOverride(ctx, "https://example.org/later", []string{"kayseri"}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("override before ingest: %v", err)
	}
	b := store.Article{Source: "x", URL: "https://example.org/later", Title: "T", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &b); err != nil {
		t.Fatal(err)
	}
	added, err = s.RetagArticle(ctx, b, []store.Tag{{Partner: "venlo", Score: 5, Evidence: "{}"}})
	if err != nil || !reflect.DeepEqual(added, []string{"kayseri"}) {
		t.Fatalf("retag of a later article: %v %v", added, err)
	}
}

func TestRemoveTagOverride(t *testing.T) { storetest.Each(t, testRemoveTagOverride) }

// testRemoveTagOverride: removing a pin gives the article the tagger's tags
// at once (reporting the partners it gained over the pinned ones), and
// re-tagging applies to it again; a pin of an article not stored yet just
// goes; removing what is not there is ErrNotFound.
func testRemoveTagOverride(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://example.org/a", Title: "T", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SetTagOverride(ctx, a.URL, []string{"leiden", "venlo"}); err != nil {
		t.Fatal(err)
	}
	tagger := []store.Tag{{Partner: "venlo", Score: 5, Evidence: "{}"}, {Partner: "charlotte", Score: 4, Evidence: "{}"}}
	got, added, err := s.RemoveTagOverride(ctx, a.URL, func(x store.Article) []store.Tag {
		if x.ID != a.ID {
			t.Errorf("retag called for article %d", x.ID)
		}
		return tagger
	})
	if err != nil || got.ID != a.ID || !reflect.DeepEqual(added, []string{"charlotte"}) {
		t.Fatalf("remove: %d %v %v", got.ID, added, err)
	}
	if slugs, pinned := tagsOf(t, s, a.ID); !reflect.DeepEqual(slugs, []string{"charlotte", "venlo"}) || pinned {
		t.Fatalf("tags after removing the pin: %v pinned=%v", slugs, pinned)
	}
	if _, ok, err := s.TagOverride(ctx, a.URL); err != nil || ok {
		t.Fatalf("override still there (%v)", err)
	}
	if _, err := s.RetagArticle(ctx, a, []store.Tag{{Partner: "leiden", Score: 5, Evidence: "{}"}}); err != nil {
		t.Fatal(err)
	}
	if slugs, _ := tagsOf(t, s, a.ID); !reflect.DeepEqual(slugs, []string{"leiden"}) {
		t.Fatalf("re-tagging after removing the pin: %v", slugs)
	}
	none := func(store.Article) []store.Tag { t.Error("retag called without a pin"); return nil }
	if _, _, err := s.RemoveTagOverride(ctx, a.URL, none); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second remove: %v", err)
	}

	later := "https://example.org/later"
	if _, _, err := s.SetTagOverride(ctx, later, []string{"venlo"}); !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	got, added, err = s.RemoveTagOverride(ctx, later, func(store.Article) []store.Tag { t.Error("retag called without an article"); return nil })
	if err != nil || got.ID != 0 || added != nil {
		t.Fatalf("remove before the article arrived: %+v %v %v", got, added, err)
	}
	if _, ok, err := s.TagOverride(ctx, later); err != nil || ok {
		t.Fatalf("override of the missing article still there (%v)", err)
	}
}
