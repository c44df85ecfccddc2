package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSettingRoundTrip(t *testing.T) { storetest.Each(t, testSettingRoundTrip) }

func testSettingRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if _, err := s.Setting(ctx, "feed_epoch"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("missing setting: %v, want ErrNotFound", err)
	}
	for _, v := range []string{"1", "2 – ünïcode", ""} {
		if err := s.SetSetting(ctx, "feed_epoch", v); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Setting(ctx, "feed_epoch"); err != nil || got != v {
			t.Fatalf("got %q %v, want %q", got, err, v)
		}
	}
	// Inside a transaction that rolls back, nothing stays.
	boom := errors.New("boom")
	err := s.InTx(ctx, func(tx *store.Store) error {
		if err := tx.SetSetting(ctx, "other", "x"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := s.Setting(ctx, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rolled-back setting is there: %v", err)
	}
}
