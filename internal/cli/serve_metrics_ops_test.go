package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// TestMetricsCountSubscribersAndDeliveries: /metrics (the daemon's route
// table) has partnerfeed_subscribers per partner, channel and state, read
// from the database, and partnerfeed_deliveries_total per channel and
// result; each changes when its event is recorded.
func TestMetricsCountSubscribersAndDeliveries(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", filepath.Join(t.TempDir(), "pf.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	old := subscriberCountsTTL
	subscriberCountsTTL = 0 // each scrape reads the database
	defer func() { subscriberCountsTTL = old }()
	a := &app{store: st, mux: http.NewServeMux(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	a.cfg.Partners = []config.Partner{{Slug: "venlo"}, {Slug: "leiden"}}
	if err := a.mountRoutes(); err != nil {
		t.Fatal(err)
	}
	subs := func(channel, partner, state string) float64 {
		t.Helper()
		v, ok := testutil.Scrape(t, a.mux).Value("partnerfeed_subscribers", "channel", channel, "partner", partner, "state", state)
		if !ok {
			t.Fatalf("no partnerfeed_subscribers{channel=%q,partner=%q,state=%q}", channel, partner, state)
		}
		return v
	}
	deliveries := func(channel, result string) float64 {
		t.Helper()
		v, ok := testutil.Scrape(t, a.mux).Value("partnerfeed_deliveries_total", "channel", channel, "result", result)
		if !ok {
			t.Fatalf("no partnerfeed_deliveries_total{channel=%q,result=%q}", channel, result)
		}
		return v
	}
	for _, c := range [][3]string{{"email", "venlo", "confirmed"}, {"email", "leiden", "pending"},
		{"telegram", "venlo", "active"}, {"telegram", "leiden", "blocked"}} {
		if n := subs(c[0], c[1], c[2]); n != 0 {
			t.Errorf("%v before any subscriber: %v", c, n)
		}
	}

	// Email: pending, then confirmed.
	sub, _, err := st.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "a@example.org", Schedule: "daily",
		Partners: []string{"venlo", "leiden"}})
	if err != nil {
		t.Fatal(err)
	}
	if p, c := subs("email", "venlo", "pending"), subs("email", "leiden", "pending"); p != 1 || c != 1 {
		t.Errorf("after a request: venlo pending %v, leiden pending %v; want 1, 1", p, c)
	}
	if _, _, err := st.ConfirmEmailSubscriber(ctx, sub.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if p, c := subs("email", "venlo", "pending"), subs("email", "venlo", "confirmed"); p != 0 || c != 1 {
		t.Errorf("after confirming: venlo pending %v, confirmed %v; want 0, 1", p, c)
	}

	// Telegram: two chats follow Venlo; one blocks the bot.
	for _, id := range []int64{101, 102} {
		if err := st.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FollowPartner(ctx, id, "venlo"); err != nil {
			t.Fatal(err)
		}
	}
	if n := subs("telegram", "venlo", "active"); n != 2 {
		t.Errorf("telegram venlo active %v, want 2", n)
	}

	// Deliveries: one article to both chats; one sent, then the other
	// chat blocks the bot (its pending row is skipped).
	art := &store.Article{Source: "s", URL: "https://example.org/a", Title: "A", PublishedAt: time.Now(), FirstSeenAt: time.Now()}
	if _, err := st.UpsertArticle(ctx, art); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordDeliveries(ctx, art.ID, "telegram", []string{"101", "102"}); err != nil {
		t.Fatal(err)
	}
	sent0, skipped0 := deliveries("telegram", "sent"), deliveries("telegram", "skipped")
	rows, err := st.ClaimDeliveries(ctx, art.ID, "telegram", 0, 1<<62, 1, "test")
	if err != nil || len(rows) != 1 {
		t.Fatalf("claim: %v %v", rows, err)
	}
	if err := st.FinishDeliveries(ctx, []store.DeliveryOutcome{{ID: rows[0].ID, Attempt: rows[0].Attempts, Status: store.DeliverySent}}); err != nil {
		t.Fatal(err)
	}
	// A late outcome of the same claim changes no row and counts nothing.
	if err := st.FinishDeliveries(ctx, []store.DeliveryOutcome{{ID: rows[0].ID, Attempt: rows[0].Attempts, Status: store.DeliverySent}}); err != nil {
		t.Fatal(err)
	}
	if d := deliveries("telegram", "sent") - sent0; d != 1 {
		t.Errorf("telegram sent grew by %v, want 1", d)
	}
	other := int64(101)
	if rows[0].Recipient == "101" {
		other = 102
	}
	if err := st.DeactivateTelegramChat(ctx, other, "blocked"); err != nil {
		t.Fatal(err)
	}
	if d := deliveries("telegram", "skipped") - skipped0; d != 1 {
		t.Errorf("telegram skipped grew by %v, want 1", d)
	}
	if a, b := subs("telegram", "venlo", "active"), subs("telegram", "venlo", "blocked"); a != 1 || b != 1 {
		t.Errorf("telegram venlo active %v, blocked %v; want 1, 1", a, b)
	}

	// Email: one digest mail sent, one refused for good.
	iss, err := st.OpenDigestIssue(ctx, "digest:office", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	esent0, efailed0 := deliveries("email", "sent"), deliveries("email", "failed")
	if err := st.RecordDigestSends(ctx, []store.DigestSend{{IssueID: iss.ID, Address: "x@example.org", Status: "sent"},
		{IssueID: iss.ID, Address: "y@example.org", Status: "failed", Error: "550"}}); err != nil {
		t.Fatal(err)
	}
	if s, f := deliveries("email", "sent")-esent0, deliveries("email", "failed")-efailed0; s != 1 || f != 1 {
		t.Errorf("email sent grew by %v, failed by %v; want 1, 1", s, f)
	}
}
