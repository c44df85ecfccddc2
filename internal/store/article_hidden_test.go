package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestArticleHidden(t *testing.T) { storetest.Each(t, testArticleHidden) }

// testArticleHidden: hiding keeps the first time and reason, showing clears
// them, and each reports whether anything changed.
func testArticleHidden(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://a.example/h", Title: "T", BodyHTML: "<p>b</p>", BodyText: "b",
		Language: "de", PublishedAt: time.Unix(1700000000, 0)}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	at := time.UnixMilli(1700000123456)
	steps := []struct {
		hidden     bool
		reason     string
		changed    bool
		wantReason string
	}{
		{true, "withdrawn", true, "withdrawn"},
		{true, "again", false, "withdrawn"},
		{false, "", true, ""},
		{false, "", false, ""},
	}
	for i, st := range steps {
		changed, err := s.SetArticleHidden(ctx, a.ID, st.hidden, st.reason, at.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if changed != st.changed || got.HiddenReason != st.wantReason || got.HiddenAt.IsZero() == st.hidden {
			t.Fatalf("step %d: changed %v, stored %v %q; want %v %q", i, changed, got.HiddenAt, got.HiddenReason, st.changed, st.wantReason)
		}
		if st.hidden && !got.HiddenAt.Equal(at) {
			t.Fatalf("step %d: hidden at %v, want the first time %v", i, got.HiddenAt, at)
		}
	}
}
