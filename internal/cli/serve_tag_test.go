package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// recordingFanout is a notify destination that records what it was handed.
type recordingFanout struct {
	mu  sync.Mutex
	got map[int64][]string
}

func (f *recordingFanout) Fanout(_ context.Context, _ *store.Store, a store.Article, partners []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got[a.ID] = append(f.got[a.ID], partners...)
	return nil
}

// start runs the tag part of serve the way runServe does: setups, River
// client with the notify worker, then the background tasks.
func start(t *testing.T, st *store.Store, cfg config.Config, fan notify.Fanout) (*app, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := &app{cfg: cfg, store: st, log: log, mux: http.NewServeMux(), jobs: jobs.NewRegistry()}
	if err := a.setupTagging(ctx); err != nil {
		t.Fatal(err)
	}
	river.AddWorker(a.jobs.Workers, &notify.Worker{Store: st, Fanouts: []notify.Fanout{fan}, MaxAge: cfg.Notify.MaxAge})
	var err error
	if a.river, err = jobs.NewClient(st, a.jobs, log); err != nil {
		t.Fatal(err)
	}
	if err := a.river.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return a, func() {
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		if err := a.river.Stop(sctx); err != nil {
			t.Error(err)
		}
		cancel()
	}
}

func partnersCfg(alpha, beta []string) config.Config {
	return config.Config{Notify: config.Notify{MaxAge: 168 * time.Hour}, Partners: []config.Partner{
		{Slug: "alpha", Names: map[string]string{"de": alpha[0]}, Aliases: alpha},
		{Slug: "beta", Names: map[string]string{"de": beta[0]}, Aliases: beta},
	}}
}

func visit(url, city string, published time.Time) store.Article {
	return store.Article{Source: "test", URL: url, Title: "Delegation aus " + city + " zu Besuch",
		Lead:     "Eine Delegation aus " + city + " war drei Tage zum Austausch in der Stadt.",
		BodyText: "Die Gäste aus " + city + " besuchten Schulen und das Rathaus.", PublishedAt: published}
}

func tagsOf(t *testing.T, st *store.Store, id int64) (slugs []string) {
	t.Helper()
	a, err := st.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range a.Tags {
		slugs = append(slugs, tg.Partner)
	}
	sort.Strings(slugs)
	return slugs
}

// TestRetagAtRestart: changing an alias and restarting re-tags the stored
// articles; a recent article that gains a partner is pushed once for that
// partner, an old one (published more than max_age before it was first seen)
// never; pinned partners survive; a partner lost leaves the article.
func TestRetagAtRestart(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	before := partnersCfg([]string{"Alphastadt"}, []string{"Betaburg"})
	now := time.Now()
	arts := []store.Article{
		visit("https://example.org/recent", "Gammahausen", now.Add(-2*time.Hour)),
		visit("https://example.org/old", "Gammahausen", now.Add(-30*24*time.Hour)),
		visit("https://example.org/alpha", "Alphastadt", now.Add(-time.Hour)),
		visit("https://example.org/pinned", "Gammahausen", now.Add(-time.Hour)),
	}
	tg := tag.New(before.Partners)
	for i := range arts { // what ingest stored
		if _, err := st.UpsertArticle(ctx, &arts[i]); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RetagArticle(ctx, arts[i], tagging.Tags(tg.Tag(tagging.Document(arts[i])))); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st.SetTagOverride(ctx, arts[3].URL, []string{"alpha"}); err != nil {
		t.Fatal(err)
	}
	if got := tagsOf(t, st, arts[2].ID); !reflect.DeepEqual(got, []string{"alpha"}) {
		t.Fatalf("ingest tags = %v", got)
	}
	fan := &recordingFanout{got: map[int64][]string{}}

	// First start: no fingerprint yet; re-tagging changes nothing, pushes nothing.
	a, stop := start(t, st, before, fan)
	err := runBackground(ctx, a)
	stop()
	if fp, _ := st.Setting(ctx, settingTagFingerprint); err != nil || fp != tag.Fingerprint(before.Partners) {
		t.Fatalf("first start: fingerprint %q, %v", fp, err)
	}
	taggedAt := func() time.Time {
		art, err := st.Article(ctx, arts[2].ID)
		if err != nil || len(art.Tags) != 1 {
			t.Fatalf("article: %+v %v", art, err)
		}
		return art.Tags[0].TaggedAt
	}
	first := taggedAt()
	time.Sleep(5 * time.Millisecond) // moves the clock on, so that a re-tag would get a later tagged_at; waits for no outcome
	// Second start, same configuration: nothing is re-tagged.
	a, stop = start(t, st, before, fan)
	err = runBackground(ctx, a)
	stop()
	if err != nil || !taggedAt().Equal(first) {
		t.Fatalf("restart without change re-tagged: %v", err)
	}

	// Third start: beta gains the alias Gammahausen, alpha's alias changes.
	after := partnersCfg([]string{"Alphadorf"}, []string{"Betaburg", "Gammahausen"})
	a, stop = start(t, st, after, fan)
	defer stop()
	if err := runBackground(ctx, a); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64][]string{arts[0].ID: {"beta"}, arts[1].ID: {"beta"}, arts[2].ID: nil, arts[3].ID: {"alpha"}} {
		if got := tagsOf(t, st, id); !reflect.DeepEqual(got, want) {
			t.Errorf("article %d tags = %v, want %v", id, got, want)
		}
	}
	// Both articles that gained beta are queued; the notify worker decides.
	waitNotifyJobs(t, a.river, 2)
	fan.mu.Lock()
	defer fan.mu.Unlock()
	if want := map[int64][]string{arts[0].ID: {"beta"}}; !reflect.DeepEqual(fan.got, want) {
		t.Errorf("pushed %v, want %v (never the old article)", fan.got, want)
	}
}

// waitNotifyJobs waits until n notify jobs exist and all of them completed.
func waitNotifyJobs(t *testing.T, client *jobs.Client, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := client.JobList(context.Background(), river.NewJobListParams().Kinds(notify.ArticleArgs{}.Kind()))
		if err != nil {
			t.Fatal(err)
		}
		done := 0
		for _, j := range res.Jobs {
			if j.State == rivertype.JobStateCompleted {
				done++
			}
		}
		if len(res.Jobs) > n {
			t.Fatalf("%d notify jobs, want %d", len(res.Jobs), n)
		}
		if done == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("notify jobs: %d of %d completed", done, n)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

// runBackground runs the background tasks serve would start (here: the re-tagging).
func runBackground(ctx context.Context, a *app) error {
	for _, bg := range a.background {
		if err := bg(ctx); err != nil {
			return err
		}
	}
	return nil
}

func TestRetagStats(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	client, err := jobs.NewClient(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []store.Article{visit("https://example.org/1", "Betaburg", time.Now()),
		visit("https://example.org/2", "Betaburg", time.Now().Add(-400*time.Hour))} {
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	cfg := partnersCfg([]string{"Alphastadt"}, []string{"Betaburg"})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	stats, err := retagIfChanged(ctx, st, jobs.NewInserter(client), cfg, log)
	if err != nil || stats != (retagStats{Articles: 2, Gained: 2}) {
		t.Fatalf("stats = %+v, %v", stats, err)
	}
	stats, err = retagIfChanged(ctx, st, jobs.NewInserter(client), cfg, log)
	if err != nil || !stats.Skipped {
		t.Fatalf("second run: %+v, %v", stats, err)
	}
}
