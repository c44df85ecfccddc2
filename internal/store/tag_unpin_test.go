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
	if _, ok, _ := s.TagOverride(ctx, a.URL); ok {
		t.Fatal("override still there")
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
	if _, ok, _ := s.TagOverride(ctx, later); ok {
		t.Fatal("override of the missing article still there")
	}
}
