package digest_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// BenchmarkDigestRealPath sends one digest to each of N subscribers (N from
// PARTNERFEED_BENCH_DIGESTS, default 1000) through the real path: a notify
// job fills the ledger, a plan job splits the slot into send jobs, each send
// job opens issues, renders and sends a batch on one SMTP connection and
// records the results. The baseline sends the same prepared messages with a
// plain go-mail loop over one reused connection. Both are timed until mailpit
// holds every message. Each round runs both; the medians are reported (the
// machine is shared, so single rounds are noisy). scripts/bench-digest runs it.
func BenchmarkDigestRealPath(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("PARTNERFEED_BENCH_DIGESTS")); err == nil && v > 0 {
		n = v
	}
	e := newEnv(b, nil)
	e.Start(false, time.Second)
	subs := benchSubscribers(b, e, n)
	slot := time.Now().Truncate(time.Hour) // later than every confirmation
	var reals, plains, ratios []float64
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		e.Mailpit.DeleteAll()
		e.Article(fmt.Sprintf("Venlo news %d", i), time.Now().Add(-time.Hour), "venlo")
		slot = slot.Add(7 * 24 * time.Hour)
		b.StartTimer()

		start := time.Now()
		e.Insert(digest.PlanArgs{Schedule: "weekly", Slot: slot.UnixMilli()})
		waitCount(b, e, n)
		realRate := float64(n) / time.Since(start).Seconds()

		b.StopTimer()
		msgs := prepared(b, e, subs, slot)
		e.Mailpit.DeleteAll()
		start = time.Now()
		plainLoop(b, e, msgs)
		waitCount(b, e, n)
		plainRate := float64(n) / time.Since(start).Seconds()
		b.StartTimer()
		reals, plains, ratios = append(reals, realRate), append(plains, plainRate), append(ratios, realRate/plainRate)
		b.Logf("round %d, %d digests: real path %.0f msgs/s, plain go-mail loop %.0f msgs/s, ratio %.2f",
			i+1, n, realRate, plainRate, realRate/plainRate)
	}
	b.ReportMetric(median(reals), "msgs/s")
	b.ReportMetric(median(plains), "plain_msgs/s")
	b.ReportMetric(median(ratios), "ratio")
	b.Logf("median of %d rounds: real path %.0f msgs/s, plain loop %.0f msgs/s, ratio %.2f",
		len(ratios), median(reals), median(plains), median(ratios))
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func benchSubscribers(b *testing.B, e *env, n int) []store.EmailSubscriber {
	var subs []store.EmailSubscriber
	err := e.Store.InTx(e.Ctx, func(tx *store.Store) error {
		for i := range n {
			sub, _, err := tx.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: fmt.Sprintf("s%05d@example.org", i),
				Language: []string{"de", "en", "fr", "nl", "uk"}[i%5], Schedule: "weekly", Partners: []string{"venlo"}})
			if err != nil {
				return err
			}
			if sub, _, err = tx.ConfirmEmailSubscriber(e.Ctx, sub.ID, "bench"); err != nil {
				return err
			}
			subs = append(subs, sub)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return subs
}

// prepared renders the messages the slot just sent, for the baseline.
func prepared(b *testing.B, e *env, subs []store.EmailSubscriber, slot time.Time) []*gomail.Msg {
	arts, err := e.Store.ListArticles(e.Ctx, store.ListOptions{Partner: "venlo", Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	out := make([]*gomail.Msg, 0, len(subs))
	for _, sub := range subs {
		m, err := e.Service.Render(e.Service.SubscriberRecipient(sub), slot, arts, sub.Email)
		if err != nil {
			b.Fatal(err)
		}
		gm, err := mail.Build(m)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, gm)
	}
	return out
}

func plainLoop(b *testing.B, e *env, msgs []*gomail.Msg) {
	c, err := gomail.NewClient("127.0.0.1", gomail.WithPort(e.Mailpit.SMTPPort), gomail.WithTLSPolicy(gomail.NoTLS))
	if err != nil {
		b.Fatal(err)
	}
	if err := c.DialWithContext(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	for _, m := range msgs {
		if err := c.Send(m); err != nil {
			b.Fatal(err)
		}
	}
}

func waitCount(b *testing.B, e *env, n int) {
	deadline := time.Now().Add(10 * time.Minute)
	for e.Mailpit.Count() < n {
		if time.Now().After(deadline) {
			b.Fatalf("mailpit holds %d of %d messages", e.Mailpit.Count(), n)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}
