package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestFediverse(t *testing.T) { storetest.Each(t, testFediverse) }

// testFediverse: an actor's key is made once and kept; follows are kept
// once per actor with their first time, and the targets are the distinct
// inboxes of those who followed by a time; a published article whose
// title changed or that was hidden is a change until its Update or Delete
// is recorded; the outbox pages newest first.
func testFediverse(t *testing.T, s *store.Store) {
	ctx := context.Background()
	made := 0
	gen := func() (string, string, error) { made++; return "priv", "pub", nil }
	for range 2 {
		if priv, pub, err := s.FediKey(ctx, "venlo", gen); err != nil || priv != "priv" || pub != "pub" {
			t.Fatalf("key: %q %q %v", priv, pub, err)
		}
	}
	if made != 1 {
		t.Errorf("key made %d times", made)
	}

	t0 := time.UnixMilli(1700000000000)
	follows := []struct {
		actor, follower, inbox string
		at                     time.Time
	}{
		{"venlo", "https://m.example/u/a", "https://m.example/inbox", t0},
		{"venlo", "https://m.example/u/b", "https://m.example/inbox", t0},
		{"all", "https://m.example/u/a", "https://m.example/inbox", t0},
		{"venlo", "https://n.example/u/c", "https://n.example/u/c/inbox", t0.Add(time.Hour)},
	}
	for _, f := range follows {
		if isNew, err := s.AddFediFollower(ctx, f.actor, f.follower, f.inbox, f.at); err != nil || !isNew {
			t.Fatalf("follow %v: %v %v", f, isNew, err)
		}
	}
	if isNew, err := s.AddFediFollower(ctx, "venlo", "https://m.example/u/a", "https://m.example/inbox", t0.Add(2*time.Hour)); err != nil || isNew {
		t.Errorf("a repeated follow is new: %v %v", isNew, err)
	}
	got, err := s.FediTargets(ctx, []string{"venlo", "all"}, t0.Add(time.Minute))
	want := []store.FediTarget{{"all", "https://m.example/inbox"}, {"venlo", "https://m.example/inbox"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("targets = %v %v, want %v (c followed later; a's repeat keeps its first time)", got, err, want)
	}
	if n, err := s.RemoveFediFollower(ctx, "", "https://m.example/u/a"); err != nil || n != 2 {
		t.Errorf("removed %d %v, want both of a's follows", n, err)
	}
	if n, err := s.FediFollowerCount(ctx, "venlo"); err != nil || n != 2 {
		t.Errorf("venlo has %d followers %v", n, err)
	}

	var ids []int64
	for _, u := range []string{"https://a.example/1", "https://a.example/2", "https://a.example/3"} {
		a := store.Article{Source: "x", URL: u, Title: "T", Lead: "L", PublishedAt: t0}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
		if err := s.RecordFediArticle(ctx, a.ID, "venlo", a.Title, a.Lead); err != nil {
			t.Fatal(err)
		}
	}
	if c, err := s.FediChanges(ctx, 0); err != nil || len(c) != 0 {
		t.Errorf("changes before any: %v %v", c, err)
	}
	changed := store.Article{Source: "x", URL: "https://a.example/1", Title: "T2", Lead: "L", PublishedAt: t0}
	if _, err := s.UpsertArticle(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetArticleHidden(ctx, ids[1], true, "withdrawn", t0); err != nil {
		t.Fatal(err)
	}
	c, err := s.FediChanges(ctx, 0)
	wantC := []store.FediChange{{ids[0], "venlo", false}, {ids[1], "venlo", true}}
	if err != nil || !reflect.DeepEqual(c, wantC) {
		t.Fatalf("changes = %v %v, want %v", c, err, wantC)
	}
	if c, _ := s.FediChanges(ctx, ids[1]); len(c) != 1 || c[0].ArticleID != ids[1] {
		t.Errorf("changes of one article = %v", c)
	}
	if rev, err := s.MarkFediUpdated(ctx, ids[0], "venlo", "T2", "L"); err != nil || rev != 1 {
		t.Errorf("revision %d %v", rev, err)
	}
	if err := s.MarkFediDeleted(ctx, ids[1], "venlo"); err != nil {
		t.Fatal(err)
	}
	if c, err := s.FediChanges(ctx, 0); err != nil || len(c) != 0 {
		t.Errorf("changes after Update and Delete: %v %v", c, err)
	}
	page, total, err := s.FediOutbox(ctx, "venlo", 0, 1)
	if err != nil || total != 2 || !reflect.DeepEqual(page, []int64{ids[2]}) {
		t.Errorf("outbox = %v of %d %v", page, total, err)
	}
	if page, _, err = s.FediOutbox(ctx, "venlo", ids[2], 5); err != nil || !reflect.DeepEqual(page, []int64{ids[0]}) {
		t.Errorf("outbox's next page = %v %v", page, err)
	}

	if _, err := s.RecordDeliveries(ctx, ids[0], "fediverse", []string{"create venlo https://m.example/inbox", "create all https://m.example/inbox", "delete venlo https://m.example/inbox"}); err != nil {
		t.Fatal(err)
	}
	r, err := s.DeliveryRecipientsWithPrefix(ctx, ids[0], "fediverse", "create venlo ")
	if err != nil || !reflect.DeepEqual(r, []string{"create venlo https://m.example/inbox"}) {
		t.Errorf("recipients with prefix = %v %v", r, err)
	}

	if _, _, err := s.FediRemoteKey(ctx, "https://m.example/u/a#k"); err != store.ErrNotFound {
		t.Errorf("uncached key: %v", err)
	}
	for _, pem := range []string{"P1", "P2"} {
		if err := s.PutFediRemoteKey(ctx, "https://m.example/u/a#k", "https://m.example/u/a", pem); err != nil {
			t.Fatal(err)
		}
	}
	if owner, pem, err := s.FediRemoteKey(ctx, "https://m.example/u/a#k"); err != nil || owner != "https://m.example/u/a" || pem != "P2" {
		t.Errorf("cached key %q %q %v", owner, pem, err)
	}
}
