package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestHiddenLeavesPublishing(t *testing.T) { storetest.Each(t, testHiddenLeavesPublishing) }

// testHiddenLeavesPublishing: a hidden article leaves every publishing
// query (lists, counts, pending digest rows, open issues) and changes the
// data version; showing it again brings it back. The console's filter
// still finds it.
func testHiddenLeavesPublishing(t *testing.T, s *store.Store) {
	ctx := context.Background()
	day := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	a := tagged(t, s, "https://a.example/1", day, "venlo")
	b := tagged(t, s, "https://a.example/2", day.Add(time.Hour), "venlo")
	const rcpt = "digest:office"
	if err := s.AddEmailDeliveries(ctx, a.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEmailDeliveries(ctx, b.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	v0, err := s.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetArticleHidden(ctx, a.ID, true, "withdrawn", day.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.DataVersion(ctx)
	if v1 == v0 {
		t.Error("hiding did not change the data version: other replicas would not re-render")
	}
	check := func(want []string) {
		t.Helper()
		list, err := s.ListArticles(ctx, store.ListOptions{Partner: "venlo"})
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(list); !slices.Equal(got, want) {
			t.Errorf("ListArticles: %v, want %v", got, want)
		}
		if n, _ := s.CountArticles(ctx, store.ListOptions{Tagged: true}); n != len(want) {
			t.Errorf("CountArticles: %d, want %d", n, len(want))
		}
		stored, _ := s.ListArticlesStored(ctx, store.ListOptions{})
		if len(stored) != len(want) {
			t.Errorf("ListArticlesStored: %v", titles(stored))
		}
		pending, err := s.PendingEmailArticles(ctx, rcpt)
		if err != nil {
			t.Fatal(err)
		}
		if got := titles(pending); !slices.Equal(got, want) {
			t.Errorf("PendingEmailArticles: %v, want %v", got, want)
		}
	}
	check([]string{b.URL})
	all, err := s.ListArticles(ctx, store.ListOptions{WithHidden: true})
	if err != nil || len(all) != 2 {
		t.Errorf("WithHidden: %v %v", titles(all), err)
	}
	hidden, total, err := s.FilterArticles(ctx, store.ArticleFilter{Hidden: true})
	if err != nil || total != 1 || len(hidden) != 1 || hidden[0].ID != a.ID || hidden[0].HiddenReason != "withdrawn" {
		t.Errorf("FilterArticles(hidden): %v %d %v", titles(hidden), total, err)
	}
	if _, err := s.SetArticleHidden(ctx, a.ID, false, "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if v2, _ := s.DataVersion(ctx); v2 == v1 {
		t.Error("showing again did not change the data version")
	}
	check([]string{b.URL, a.URL})
}

func TestFilterArticles(t *testing.T) { storetest.Each(t, testFilterArticles) }

// testFilterArticles: each filter of the console's list, alone and
// combined, with its count and paging.
func testFilterArticles(t *testing.T, s *store.Store) {
	ctx := context.Background()
	day := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	v := tagged(t, s, "https://a.example/venlo", day, "venlo")
	l := tagged(t, s, "https://a.example/leiden", day.AddDate(0, 0, 1), "leiden")
	u := tagged(t, s, "https://a.example/none", day.AddDate(0, 0, 2))
	other := store.Article{Source: "y", URL: "https://b.example/venlo", Title: "https://b.example/venlo", PublishedAt: day.AddDate(0, 0, 3)}
	if _, err := s.UpsertArticle(ctx, &other); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SetTagOverride(ctx, l.URL, []string{"leiden", "venlo"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetArticleHidden(ctx, u.ID, true, "x", day); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		f    store.ArticleFilter
		want []string
	}{
		"all":            {store.ArticleFilter{}, []string{other.URL, u.URL, l.URL, v.URL}},
		"partner":        {store.ArticleFilter{Partner: "venlo"}, []string{l.URL, v.URL}},
		"source":         {store.ArticleFilter{Source: "y"}, []string{other.URL}},
		"from":           {store.ArticleFilter{From: day.AddDate(0, 0, 1)}, []string{other.URL, u.URL, l.URL}},
		"to":             {store.ArticleFilter{To: day.AddDate(0, 0, 1)}, []string{v.URL}},
		"range":          {store.ArticleFilter{From: day.AddDate(0, 0, 1), To: day.AddDate(0, 0, 3)}, []string{u.URL, l.URL}},
		"untagged":       {store.ArticleFilter{Untagged: true}, []string{other.URL, u.URL}},
		"pinned":         {store.ArticleFilter{Pinned: true}, []string{l.URL}},
		"hidden":         {store.ArticleFilter{Hidden: true}, []string{u.URL}},
		"source+partner": {store.ArticleFilter{Source: "x", Partner: "venlo", From: day}, []string{l.URL, v.URL}},
	} {
		got, total, err := s.FilterArticles(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(titles(got), c.want) || total != len(c.want) {
			t.Errorf("%s: %v (total %d), want %v", name, titles(got), total, c.want)
		}
	}
	page, total, err := s.FilterArticles(ctx, store.ArticleFilter{Limit: 3, Offset: 3})
	if err != nil || total != 4 || !slices.Equal(titles(page), []string{v.URL}) {
		t.Errorf("page 2 of 3: %v (total %d) %v", titles(page), total, err)
	}
	if src, err := s.Sources(ctx); err != nil || !slices.Equal(src, []string{"x", "y"}) {
		t.Errorf("Sources: %v %v", src, err)
	}
}
