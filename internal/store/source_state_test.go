package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSourceStateAndHTTPCache(t *testing.T) { storetest.Each(t, testSourceStateAndHTTPCache) }

func testSourceStateAndHTTPCache(t *testing.T, s *store.Store) {
	ctx := context.Background()
	st, err := s.SourceState(ctx, "krefeld")
	if err != nil || st.Backfilled || !st.LastRunAt.IsZero() {
		t.Fatalf("fresh state: %+v %v", st, err)
	}
	t1 := time.UnixMilli(1_700_000_000_000)
	if err := s.RecordSourceRun(ctx, "krefeld", t1, false); err != nil {
		t.Fatal(err)
	}
	if st, _ = s.SourceState(ctx, "krefeld"); st.Backfilled || !st.LastRunAt.Equal(t1) || !st.LastSuccessAt.IsZero() {
		t.Fatalf("after failed run: %+v", st)
	}
	t2 := t1.Add(time.Hour)
	s.RecordSourceRun(ctx, "krefeld", t2, true)
	s.RecordSourceRun(ctx, "krefeld", t2.Add(time.Hour), false)
	if st, _ = s.SourceState(ctx, "krefeld"); !st.Backfilled || !st.LastSuccessAt.Equal(t2) {
		t.Fatalf("a failed run must keep backfilled and the last success: %+v", st)
	}
	if e, lm, err := s.HTTPValidators(ctx, "https://x/a"); e != "" || lm != "" || err != nil {
		t.Fatalf("empty cache: %q %q %v", e, lm, err)
	}
	s.SaveHTTPValidators(ctx, "https://x/a", `"v1"`, "")
	s.SaveHTTPValidators(ctx, "https://x/a", `"v2"`, "Thu, 24 Nov 2022 10:00:00 GMT")
	if e, lm, _ := s.HTTPValidators(ctx, "https://x/a"); e != `"v2"` || lm == "" {
		t.Fatalf("cache: %q %q", e, lm)
	}
}
