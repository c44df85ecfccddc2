package notify_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// recorder is a destination that records what the worker handed it.
type recorder struct {
	mu  sync.Mutex
	got map[string][]string // article URL → partners
}

func (r *recorder) Fanout(_ context.Context, tx *store.Store, a store.Article, partners []string) error {
	if tx.Tx == nil {
		return errors.New("fan-out outside the worker's transaction")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got[a.URL] = append(r.got[a.URL], partners...)
	return nil
}

// TestWorkerDecidesWhatIsNews: producers queue every article that gained a
// partner; the worker hands to the fan-outs only those published within
// max_age of being first seen, never an old or an undated one.
func TestWorkerDecidesWhatIsNews(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	now := time.Now()
	const maxAge = 168 * time.Hour
	arts := map[string]time.Time{
		"https://example.org/recent":   now.Add(-time.Hour),
		"https://example.org/boundary": now.Add(-maxAge + time.Minute),
		"https://example.org/old":      now.Add(-maxAge - time.Hour),
		"https://example.org/undated":  {},
	}
	rec := &recorder{got: map[string][]string{}}
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, &notify.Worker{Store: st, Fanouts: []notify.Fanout{rec, rec}, MaxAge: maxAge})
	client, err := jobs.NewClient(st, reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		client.Stop(sctx)
	}()
	for url, published := range arts {
		a := store.Article{Source: "test", URL: url, Title: url, PublishedAt: published}
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		err := st.InTx(ctx, func(tx *store.Store) error {
			return notify.Queue(ctx, jobs.NewInserter(client), tx, a.ID, []string{"venlo"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	timeout := time.After(20 * time.Second)
	for range arts {
		select {
		case ev := <-events:
			if ev.Kind != river.EventKindJobCompleted {
				t.Fatalf("notify job %s: %v", ev.Kind, ev.Job.Errors)
			}
		case <-timeout:
			t.Fatal("the notify jobs did not complete")
		}
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	want := map[string][]string{ // once per fan-out
		"https://example.org/recent":   {"venlo", "venlo"},
		"https://example.org/boundary": {"venlo", "venlo"},
	}
	if !reflect.DeepEqual(rec.got, want) {
		t.Errorf("fanned out %v, want %v", rec.got, want)
	}
}
