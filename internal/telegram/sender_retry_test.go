package telegram_test

import (
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// A message that meets server errors is tried at most six times in one
// claim, each retry after twice the previous pause (0.5 s, 1 s, 2 s, 4 s,
// 8 s), and then goes back to pending: the job's retry sends it in a second
// claim. The pauses are checked as lower bounds only (a loaded machine makes
// them longer, never shorter); the send timeout is long enough that the
// request deadline never cuts the six attempts short.
func TestServerErrorsRetriedSixTimesWithBackoff(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.SendTimeout = 8 * time.Second })
	h.say(703, "/follow venlo")
	h.fake.FailSends(6, 502)
	a := h.publish("Venlo nach sechs Fehlern", "venlo")
	// The first claim ends (the row is sent, or claimed again by the job's
	// retry) only after its six attempts: a claim that gave up sooner is
	// caught at the second claim, without waiting for River's later retries.
	var attempts int
	var status string
	h.waitFor("the end of the first claim", func() bool {
		err := h.store.DB.QueryRowContext(h.ctx, `SELECT attempts, status FROM deliveries WHERE article_id = $1 AND channel = $2`,
			a.ID, telegram.Channel).Scan(&attempts, &status)
		if errors.Is(err, sql.ErrNoRows) {
			return false // not fanned out yet
		}
		if err != nil {
			t.Fatal(err)
		}
		return attempts >= 2 || status == "sent"
	})
	if n := len(h.fake.AttemptTimes("703")); attempts >= 2 && n < 7 {
		t.Fatalf("the row was claimed again after %d requests to the chat, want the reply and six attempts in the first claim", n)
	}
	if counts := h.settled(a, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	if n := h.articleMessages("703", "Venlo nach sechs Fehlern"); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
	if err := h.store.DB.QueryRowContext(h.ctx, `SELECT attempts FROM deliveries WHERE article_id = $1 AND channel = $2`,
		a.ID, telegram.Channel).Scan(&attempts); err != nil {
		t.Fatal(err)
	}
	times := h.fake.AttemptTimes("703")
	// The reply to /follow, six 502s in the first claim, the success in the second.
	if len(times) != 8 || attempts != 2 {
		t.Fatalf("%d requests to the chat in %d claims, want 8 (the reply, 6 × 502, the success) in 2", len(times), attempts)
	}
	pause := 500 * time.Millisecond
	for i := 2; i <= 6; i++ {
		if gap := times[i].Sub(times[i-1]); gap < pause {
			t.Errorf("attempt %d came %s after attempt %d, want at least %s", i, gap, i-1, pause)
		}
		pause *= 2
	}
}
