package activitypub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/activitypub/aptest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// BenchmarkDeliver measures deliveries per second of one article's Create
// to 10,000 inboxes through the whole path (notify job, fan-out, ledger,
// River send jobs, signing, POST, outcome) — all on one host, and spread
// over 100 hosts — against a bare loop that signs and POSTs the same
// activity 10,000 times, measured first in the same run (x_bare is the
// ratio). "one_shared_inbox" is 10,000 followers on one server with a
// shared inbox: one request reaches them all. The per-host rate limit is
// lifted: the figures are partnerfeed's own cost. Run with -benchtime=1x.
func BenchmarkDeliver(b *testing.B) {
	const followers = 10000
	var bare float64
	b.Run("bare_signed_post_loop", func(b *testing.B) {
		remote := aptest.NewRemote(b, false)
		remote.SkipVerify = true
		s := newSite(b, false)
		body, _ := json.Marshal(map[string]any{"type": "Create", "actor": s.actor("venlo"), "object": "x"})
		key := aptest.NewRemote(b, false).Key
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			for i := range followers {
				req, _ := http.NewRequest(http.MethodPost, remote.InboxURL(fmt.Sprintf("f%d", i)), bytes.NewReader(body))
				if err := activitypub.Sign(req, body, key, s.actor("venlo")+"#main-key"); err != nil {
					b.Fatal(err)
				}
				resp, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
			}
		}
		bare = float64(b.N*followers) / time.Since(start).Seconds()
		b.ReportMetric(bare, "deliveries/s")
	})
	for _, c := range []struct {
		name   string
		hosts  int
		shared bool
	}{{"one_host", 1, false}, {"100_hosts", 100, false}, {"one_shared_inbox", 1, true}} {
		b.Run(c.name, func(b *testing.B) {
			s := newSite(b, false)
			s.svc.HostRate = rate.Inf
			remotes := make([]*aptest.Remote, c.hosts)
			for i := range remotes {
				remotes[i] = aptest.NewRemote(b, c.shared)
				remotes[i].SkipVerify = true
			}
			ctx := context.Background()
			err := s.store.InTx(ctx, func(tx *store.Store) error {
				for i := range followers {
					r, name := remotes[i%c.hosts], fmt.Sprintf("f%d", i)
					if _, err := tx.AddFediFollower(ctx, "venlo", r.ActorURL(name), r.InboxURL(name), time.Now().Add(-time.Hour)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			requests := 0
			b.ResetTimer()
			start := time.Now()
			for n := range b.N {
				a := s.ingest(b, fmt.Sprintf("https://stadt.example/%s/%d", c.name, n), "Venlo", "", "venlo")
				waitForQuietly(b, func() bool {
					counts, err := s.store.DeliveryCounts(ctx, a.ID, activitypub.Channel)
					if err != nil {
						b.Fatal(err)
					}
					requests = counts["sent"] + counts["failed"]
					return requests > 0 && counts["pending"]+counts["sending"] == 0
				})
			}
			elapsed := time.Since(start).Seconds()
			b.ReportMetric(float64(b.N*requests)/elapsed, "requests/s")
			b.ReportMetric(float64(b.N*followers)/elapsed, "followers/s")
			if bare > 0 {
				b.ReportMetric(float64(b.N*requests)/elapsed/bare, "x_bare")
			}
		})
	}
}

// waitForQuietly polls cond (a benchmark's barrier) every 5 ms.
func waitForQuietly(b *testing.B, cond func() bool) {
	deadline := time.Now().Add(5 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			b.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
