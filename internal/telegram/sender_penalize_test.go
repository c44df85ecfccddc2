package telegram_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// A 429 makes the chat wait the retry_after the fake named before the next
// request to it: each message gets at most one 429 and goes out within the
// claim it was sent under (the row's first attempt), instead of burning its
// retries on further 429s and going back to pending.
func TestRateLimitedChatIsPenalized(t *testing.T) {
	// The fake is stricter than the bot's configuration: the bot gets a 429.
	h := newHarness(t, telegramtest.Limits{ChatPerSecond: 1}, func(tg *config.Telegram) {
		tg.RatePerSecond, tg.ChatRatePerSecond = 100, 50
	})
	h.fake.UserSays(telegramtest.Incoming{ChatID: 702, Text: "/follow venlo"})
	h.waitFor("the follow", func() bool { return len(h.follows(702)) == 1 })
	a := h.publish("Venlo drei", "venlo")
	b := h.publish("Venlo vier", "venlo")
	h.settled(a, 1)
	h.settled(b, 1)
	if h.articleMessages("702", "Venlo drei") != 1 || h.articleMessages("702", "Venlo vier") != 1 {
		t.Fatalf("messages %+v", h.fake.Messages("702"))
	}
	var chat429 int
	for _, v := range h.fake.Violations() {
		if v.Chat == "702" {
			chat429++
		}
	}
	if chat429 == 0 {
		t.Fatal("the test did not provoke a 429")
	}
	// Every 429 is kept in the store, where the console's first page sees it.
	if rl, err := h.store.TelegramRateLimitsSince(h.ctx, time.Now().Add(-time.Hour)); err != nil || rl.Count != int64(chat429) {
		t.Errorf("%d rate limits recorded (%v), want the %d 429s", rl.Count, err, chat429)
	}
	if msgs := len(h.fake.Messages("702")); chat429 >= msgs {
		t.Errorf("%d 429s for %d messages to the chat: a request after a 429 did not wait retry_after", chat429, msgs)
	}
	for _, art := range []int64{a.ID, b.ID} {
		var attempts int
		var status string
		if err := h.store.DB.QueryRowContext(h.ctx, `SELECT attempts, status FROM deliveries WHERE article_id = $1 AND channel = $2`,
			art, telegram.Channel).Scan(&attempts, &status); err != nil {
			t.Fatal(err)
		}
		if attempts != 1 || status != "sent" {
			t.Errorf("article %d: %s after %d claims, want sent in its first claim (a 429 retried without waiting)", art, status, attempts)
		}
	}
}
