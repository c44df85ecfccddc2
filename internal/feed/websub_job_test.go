package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// countingHub counts publish pings per topic and fails the first one (a
// hub briefly down).
type countingHub struct {
	mu    sync.Mutex
	pings map[string]int
	fails int
}

func (h *countingHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.fails > 0 {
		h.fails--
		http.Error(w, "hub down", http.StatusServiceUnavailable)
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("hub.mode") != "publish" {
		http.Error(w, "bad publish", http.StatusBadRequest)
		return
	}
	h.pings[r.PostForm.Get("hub.url")]++
	w.WriteHeader(http.StatusAccepted)
}

func (h *countingHub) take() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.pings
	h.pings = map[string]int{}
	return out
}

// Two replicas see the same changes and queue durable pings: the hub hears
// of each change once (after one failure, retried), and a restart with no
// change pings nothing, while a change made while nothing ran is pinged at
// the next start.
func TestWebSubPingedOncePerChange(t *testing.T) {
	hub := &countingHub{pings: map[string]int{}, fails: 1}
	srv := httptest.NewServer(hub)
	defer srv.Close()
	s, path := newStore(t)
	populate(t, s)
	ctx := context.Background()

	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, &feed.PingWorker{Store: s, Pinger: feed.Pinger{Hub: srv.URL, Client: srv.Client()}})
	cfg := jobs.Config(reg, discard())
	cfg.FetchPollInterval, cfg.FetchCooldown = 20*time.Millisecond, 5*time.Millisecond
	cfg.RetryPolicy = quickRetry{}
	client, err := jobs.NewClientWithConfig(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.StopAndCancel(ctx) })
	replica := func() *feed.Cache {
		c, _ := newCache(t, s, srv.URL)
		c.Pings = jobs.NewInserter(client)
		if err := c.Announce(ctx, c.Topics()); err != nil { // as serve does at start
			t.Fatal(err)
		}
		return c
	}
	c1, c2 := replica(), replica()
	all := len(c1.Topics())
	if got := waitPings(t, s, hub); len(got) != all || !each(got, 1) {
		t.Fatalf("first start of two replicas: pings %v, want each of the %d feeds once", got, all)
	}

	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/dk2/",
		Title: "Noch mehr aus Dunkerque", BodyHTML: "<p>Neu.</p>", PublishedAt: time.Now()}, "duenkirchen")
	for _, c := range []*feed.Cache{c1, c2} {
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := waitPings(t, s, hub)
	if len(got) != 6 || !each(got, 1) {
		t.Fatalf("after a change seen by both replicas: pings %v, want the 6 feeds of duenkirchen and all once", got)
	}
	for topic := range got {
		if !strings.Contains(topic, "/duenkirchen.") && !strings.Contains(topic, "/all.") {
			t.Errorf("pinged an unchanged feed: %s", topic)
		}
	}

	// River keeps finished jobs (which make the same ping unique) for a
	// day; a restart later relies on the pinged ETags kept in the settings.
	if _, err := s.DB.Exec(`DELETE FROM river_job WHERE state = 'completed'`); err != nil {
		t.Fatal(err)
	}
	replica() // a restart without a change
	if got := waitPings(t, s, hub); len(got) != 0 {
		t.Fatalf("restart without a change pinged %v", got)
	}
	// `partnerfeed ingest` while no replica runs, then a start.
	addArticle(t, openStore(t, path), store.Article{URL: "https://city.example.org/de/inhalt/venlo2/",
		Title: "Neu aus Venlo", BodyHTML: "<p>Neu.</p>", PublishedAt: time.Now()}, "venlo")
	replica()
	if got := waitPings(t, s, hub); len(got) != 6 || !each(got, 1) {
		t.Fatalf("start after a change made while down: pings %v, want the 6 feeds of venlo and all once", got)
	}
}

// waitPings waits until no ping job is left to run, then returns the pings.
func waitPings(t *testing.T, s *store.Store, hub *countingHub) map[string]int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var open int
		err := s.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'websub_ping'
			AND state NOT IN ('completed', 'discarded', 'cancelled')`).Scan(&open)
		if err != nil {
			t.Fatal(err)
		}
		if open == 0 {
			return hub.take()
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d ping jobs still open", open)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

func each(pings map[string]int, n int) bool {
	for _, c := range pings {
		if c != n {
			return false
		}
	}
	return true
}

// quickRetry retries a failed job after 50 ms instead of River's backoff.
type quickRetry struct{}

func (quickRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(50 * time.Millisecond)
}
