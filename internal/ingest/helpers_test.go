package ingest_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// env is one test's world: the fixture sites on loopback, a SQLite store
// and an ingester wired like the ingest command wires it.
type env struct {
	archive     *archivetest.Archive
	krefeld     *archivetest.Krefeld
	musterstadt *archivetest.Musterstadt
	berlin      *archivetest.Berlin
	kURL, mURL  string
	bURL        string
	cfg         config.Config
	st          *store.Store
	in          *ingest.Ingester
	logs        *testutil.SyncBuffer
}

// keywordTagger tags a partner when its name occurs in the title or body: a
// stand-in for the real tagger, so that tags and notifications are observable.
type keywordTagger map[string]string // word -> partner slug

func (k keywordTagger) Tag(d tag.Document) []tag.Result {
	var out []tag.Result
	for word, slug := range k {
		if strings.Contains(d.Title+" "+d.Body, word) {
			out = append(out, tag.Result{Partner: slug, Score: 1, Evidence: `{"word":"` + word + `"}`})
		}
	}
	return out
}

func newEnv(t *testing.T, faults bool) *env {
	t.Helper()
	e := &env{archive: archivetest.New(faults), logs: &testutil.SyncBuffer{}}
	e.krefeld, e.musterstadt, e.berlin = e.archive.Krefeld(), e.archive.Musterstadt(), e.archive.Berlin()
	ks, ms, bs := httptest.NewServer(e.krefeld), httptest.NewServer(e.musterstadt), httptest.NewServer(e.berlin)
	t.Cleanup(func() { e.archive.Close(); ks.Close(); ms.Close(); bs.Close() })
	e.kURL, e.mURL, e.bURL = ks.URL, ms.URL, bs.URL
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	e.cfg = config.Config{
		Site:  config.Site{BaseURL: "http://127.0.0.1:1", Timezone: "Europe/Berlin"},
		Fetch: config.Fetch{RatePerHost: 1000, Timeout: 300 * time.Millisecond},
		Sources: []config.Source{
			{Name: "krefeld", Kind: "html", URL: ks.URL + archivetest.KrefeldListing},
			{Name: "musterstadt", Kind: "html", URL: ms.URL + archivetest.MusterstadtListing},
			{Name: "musterstadt-feed", Kind: "feed", URL: ms.URL + archivetest.MusterstadtFeed},
			{Name: "berlin", Kind: "feed", URL: bs.URL + archivetest.BerlinFeed, PageParam: "page"},
		},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}},
	}
	config.ApplyDefaults(&e.cfg)
	e.cfg.Location = berlin
	e.st = storetest.OpenDefault(t)
	log := slog.New(slog.NewTextHandler(e.logs, nil))
	client, err := jobs.NewClient(e.st, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	e.in = &ingest.Ingester{Cfg: e.cfg, Store: e.st, Tagger: keywordTagger{"Venlo": "venlo"}, Jobs: client, Log: log,
		Fetch: fetch.New(e.cfg.Fetch, "test", fetch.Options{MaxAttempts: 3, BaseBackoff: 10 * time.Millisecond, Log: log})}
	return e
}

// run runs one pass over one source and fails the test if the source was not read.
func (e *env) run(t *testing.T, source string, backfill bool) ingest.Report {
	t.Helper()
	reps, err := e.in.RunAll(context.Background(), source, ingest.Options{Backfill: backfill})
	if err != nil || len(reps) != 1 {
		t.Fatalf("run %s: %v", source, err)
	}
	if reps[0].Err != nil {
		t.Fatalf("source %s not read: %v\nlogs:\n%s", source, reps[0].Err, e.logs.String())
	}
	return reps[0]
}

func (e *env) countJobs(t *testing.T) int {
	t.Helper()
	var n int
	if err := e.st.DB.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'notify_article'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func ingestListVenlo() store.ListOptions { return store.ListOptions{Partner: "venlo"} }
