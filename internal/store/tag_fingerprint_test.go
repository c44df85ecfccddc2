package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestClaimTagFingerprint(t *testing.T) { storetest.Each(t, testClaimTagFingerprint) }

func testClaimTagFingerprint(t *testing.T, s *store.Store) {
	ctx := context.Background()
	recorded := func() string {
		v, _ := s.Setting(ctx, store.SettingTagFingerprint)
		return v
	}
	// No articles: the fingerprint is claimed, and a later tagger's replaces it
	// (nothing was tagged with the first).
	for _, fp := range []string{"f1", "f2"} {
		if ok, err := s.ClaimTagFingerprint(ctx, fp); err != nil || !ok || recorded() != fp {
			t.Fatalf("claim %s on an empty store: %v %v, recorded %q", fp, ok, err, recorded())
		}
	}
	a := store.Article{Source: "s", URL: "https://example.org/a", Title: "A", PublishedAt: time.UnixMilli(1_700_000_000_000)}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	// Articles stored: another fingerprint is not recorded, the same one is reported.
	if ok, err := s.ClaimTagFingerprint(ctx, "f3"); err != nil || ok || recorded() != "f2" {
		t.Fatalf("claim f3 with articles: %v %v, recorded %q", ok, err, recorded())
	}
	if ok, err := s.ClaimTagFingerprint(ctx, "f2"); err != nil || !ok {
		t.Fatalf("claim f2 again: %v %v", ok, err)
	}
}
