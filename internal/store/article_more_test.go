package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestImagesReplacedOnUpdate(t *testing.T) { storetest.Each(t, testImagesReplacedOnUpdate) }

func testImagesReplacedOnUpdate(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://example.org/img", Title: "T", PublishedAt: time.Now(),
		Images: []store.Image{{URL: "https://example.org/1.jpg", Caption: "eins", Width: 800, Height: 600},
			{URL: "https://example.org/2.jpg", Caption: "zwei", Credit: "Foto: Stadt"}}}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil || len(got.Images) != 2 || got.Images[0] != a.Images[0] || got.Images[1] != a.Images[1] {
		t.Fatalf("images in order: %+v %v", got.Images, err)
	}
	b := a
	b.Images = []store.Image{{URL: "https://example.org/3.jpg", Caption: "drei"}}
	if res, err := s.UpsertArticle(ctx, &b); err != nil || res != store.Updated {
		t.Fatalf("update: %v %v", res, err)
	}
	got, _ = s.Article(ctx, a.ID)
	if len(got.Images) != 1 || got.Images[0].URL != "https://example.org/3.jpg" {
		t.Errorf("images after update: %+v", got.Images)
	}
}

func TestPinnedTagsSurviveRetagging(t *testing.T) { storetest.Each(t, testPinnedTagsSurviveRetagging) }

func testPinnedTagsSurviveRetagging(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "x", URL: "https://example.org/pin", Title: "T", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	added, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo", Score: 2}, {Partner: "leiden", Score: 1}})
	if err != nil || fmt.Sprint(added) != "[venlo leiden]" {
		t.Fatalf("first tags: %v %v", added, err)
	}
	added, err = s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo", Score: 3}, {Partner: "kayseri", Score: 1}})
	if err != nil || fmt.Sprint(added) != "[kayseri]" {
		t.Fatalf("re-tagging adds only the new partner: %v %v", added, err)
	}
	got, _ := s.Article(ctx, a.ID)
	if len(got.Tags) != 2 || got.Tags[0].Partner != "kayseri" || got.Tags[1].Partner != "venlo" || got.Tags[1].Score != 3 {
		t.Fatalf("tags: %+v", got.Tags)
	}
	// An editor's pin wins over the tagger.
	if _, err := s.DB.ExecContext(ctx, `UPDATE article_tags SET pinned = 1 WHERE article_id = $1 AND partner = 'venlo'`, a.ID); err != nil {
		t.Fatal(err)
	}
	if added, err := s.ReplaceTags(ctx, a.ID, nil); err != nil || len(added) != 0 {
		t.Fatalf("re-tagging a pinned article: %v %v", added, err)
	}
	got, _ = s.Article(ctx, a.ID)
	if len(got.Tags) != 2 || !got.Tags[1].Pinned {
		t.Errorf("pinned tags changed: %+v", got.Tags)
	}
}

func TestListArticlesOrderAndFilters(t *testing.T) {
	storetest.Each(t, testListArticlesOrderAndFilters)
}

func testListArticlesOrderAndFilters(t *testing.T, s *store.Store) {
	ctx := context.Background()
	day := time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC)
	for i, name := range []string{"old", "new", "untagged", "same-day"} {
		pub := day.AddDate(0, 0, i)
		if name == "same-day" {
			pub = day.AddDate(0, 0, 1) // same date as "new": the higher id comes first
		}
		a := store.Article{Source: "x", URL: "https://example.org/" + name, Title: name, PublishedAt: pub}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if name != "untagged" {
			if _, err := s.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "venlo"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	titles := func(o store.ListOptions) string {
		list, err := s.ListArticles(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Title)
		}
		return fmt.Sprint(out)
	}
	for _, c := range []struct {
		opts store.ListOptions
		want string
	}{
		{store.ListOptions{}, "[untagged same-day new old]"},
		{store.ListOptions{Tagged: true}, "[same-day new old]"},
		{store.ListOptions{Partner: "venlo", Limit: 2}, "[same-day new]"},
		{store.ListOptions{Partner: "venlo", Limit: 2, Offset: 2}, "[old]"},
		{store.ListOptions{Partner: "leiden"}, "[]"},
	} {
		if got := titles(c.opts); got != c.want {
			t.Errorf("%+v: %s, want %s", c.opts, got, c.want)
		}
	}
}
