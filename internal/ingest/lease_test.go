package ingest_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestOnePassPerSource: passes of one source started at once by several
// ingesters on one database (as by processes or replicas) never crawl it at
// the same time, on SQLite and PostgreSQL: the site's request log never shows
// two requests open at once (one pass is sequential). The first is the
// backfill; one that waits runs after it; one that does not wait is refused
// with ErrBusy and fetches nothing.
func TestOnePassPerSource(t *testing.T) { storetest.Each(t, testOnePassPerSource) }

func testOnePassPerSource(t *testing.T, st *store.Store) {
	archive := archivetest.New(false)
	site := &archivetest.RequestLog{Handler: archive.Krefeld(), Delay: 2 * time.Millisecond}
	srv := httptest.NewServer(site)
	t.Cleanup(func() { archive.Close(); srv.Close() })
	cfg := configtest.Build(config.Config{
		Site:     config.Site{BaseURL: "http://127.0.0.1:1", Timezone: "Europe/Berlin"},
		Fetch:    config.Fetch{RatePerHost: 1000, Timeout: 2 * time.Second},
		Sources:  []config.Source{{Name: "krefeld", Kind: "html", URL: srv.URL + archivetest.KrefeldListing}},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}},
	})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	newIngester := func() *ingest.Ingester { // one per "process": its own HTTP client
		return &ingest.Ingester{Cfg: cfg, Store: st, Log: log, Fetch: fetch.New(cfg.Fetch, "test", fetch.Options{Log: log})}
	}
	ctx := context.Background()
	const passes = 3
	reps := make([]ingest.Report, passes)
	var wg sync.WaitGroup
	for i := range passes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps[i] = newIngester().Run(ctx, cfg.Sources[0], ingest.Options{Wait: true})
		}()
	}
	wg.Wait()
	for i, rep := range reps {
		if rep.Err != nil {
			t.Errorf("pass %d: %v", i, rep.Err)
		}
	}
	if o := site.Overlaps(); len(o) > 0 {
		t.Errorf("passes of one source crawled it at the same time (%d requests open at once): %v", site.MaxOpen(), o)
	}
	found := 0
	for _, rep := range reps {
		found = max(found, rep.New)
	}
	if found == 0 {
		t.Fatal("no pass stored anything")
	}
	var news int
	for _, rep := range reps {
		news += rep.New
	}
	if news != found {
		t.Errorf("the passes stored %d new articles together, the backfill %d: they ran at once", news, found)
	}

	// A pass that does not wait is refused while another holds the source.
	ok, _, err := st.TakeSourceLease(ctx, "krefeld", "another-process", time.Minute)
	if err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	before := len(site.Requests())
	rep := newIngester().Run(ctx, cfg.Sources[0], ingest.Options{})
	var busy *ingest.BusyError
	if !errors.As(rep.Err, &busy) || !errors.Is(rep.Err, ingest.ErrBusy) || time.Until(busy.Until) < 30*time.Second {
		t.Errorf("a pass beside another: %v, want a BusyError until the other's lease ends", rep.Err)
	}
	if n := len(site.Requests()) - before; n != 0 {
		t.Errorf("the refused pass made %d requests", n)
	}
}
