package feed_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// BenchmarkArchive compares serving the current feed (in memory) with
// serving an archive page from the page cache and with rendering one on
// demand: 41 pages of 50 articles of about 2 KB of text each, visited in
// turn, miss the 32-page cache every time. Compare the ns/op of the
// sub-benchmarks of one run.
func BenchmarkArchive(b *testing.B) {
	s, _ := newStore(b)
	addVenloBody(b, s, 0, 41*50+10, "<p>"+longText(300)+"</p>")
	c, _ := newPagedCache(b, s, "", 50)
	ctx := context.Background()
	if c.ArchivePages("venlo") != 41 {
		b.Fatalf("%d pages", c.ArchivePages("venlo"))
	}
	serve := func(b *testing.B, r *feed.Rendered) {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest("GET", "/feeds/venlo/archive/1.atom", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
	b.Run("current", func(b *testing.B) {
		r, _ := c.Get("venlo.atom")
		b.ReportAllocs()
		for b.Loop() {
			serve(b, r)
		}
	})
	b.Run("archive_cached", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r, err := c.Archive(ctx, "venlo", 7, feed.Atom)
			if err != nil {
				b.Fatal(err)
			}
			serve(b, r)
		}
	})
	b.Run("archive_render", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			n = n%41 + 1
			r, err := c.Archive(ctx, "venlo", n, feed.Atom)
			if err != nil {
				b.Fatal(err)
			}
			serve(b, r)
		}
	})
}
