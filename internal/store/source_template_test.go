package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSourceTemplate(t *testing.T) { storetest.Each(t, testSourceTemplate) }

func testSourceTemplate(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if got, err := s.SourceTemplate(ctx, "krefeld"); got != "" || err != nil {
		t.Fatalf("fresh: %q %v", got, err)
	}
	for _, tmpl := range []string{`{"pages":1}`, `{"pages":2}`} {
		if err := s.SaveSourceTemplate(ctx, "krefeld", tmpl, time.Now()); err != nil {
			t.Fatal(err)
		}
		if got, err := s.SourceTemplate(ctx, "krefeld"); got != tmpl || err != nil {
			t.Fatalf("got %q %v, want %q", got, err, tmpl)
		}
	}
	if got, _ := s.SourceTemplate(ctx, "other"); got != "" {
		t.Fatalf("another source's template: %q", got)
	}
}
