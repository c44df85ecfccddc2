package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func TestServerErrorsAndHangsAreRetried(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.SendTimeout = 500 * time.Millisecond })
	h.say(601, "/follow venlo")
	h.fake.FailSends(2, 502)
	h.fake.HangSends(1)
	dups := counter(t, "partnerfeed_telegram_possible_duplicates_total")
	a := h.publish("Venlo trotz Störung", "venlo")
	if counts := h.settled(a, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	// The hang timed out: Telegram may have sent it, the resend may be a duplicate.
	if d := counter(t, "partnerfeed_telegram_possible_duplicates_total") - dups; d != 1 {
		t.Errorf("possible duplicates counted %v, want 1 (the timed-out request)", d)
	}
	if n := h.articleMessages("601", "Venlo trotz Störung"); n != 1 {
		t.Fatalf("%d messages, want 1", n)
	}
	if n := h.fake.Attempts("601"); n != 5 { // the reply, 2 × 502, the hang, the success
		t.Fatalf("%d requests to the chat, want 5", n)
	}
}

func TestRateLimitedChatWaitsRetryAfter(t *testing.T) {
	// The fake is stricter than the bot's configuration: the bot gets a 429.
	h := newHarness(t, telegramtest.Limits{ChatPerSecond: 1}, func(tg *config.Telegram) {
		tg.RatePerSecond, tg.ChatRatePerSecond = 100, 50
	})
	h.fake.UserSays(telegramtest.Incoming{ChatID: 701, Text: "/follow venlo"})
	h.waitFor("the follow", func() bool { return len(h.follows(701)) == 1 })
	start := time.Now()
	a := h.publish("Venlo eins", "venlo")
	b := h.publish("Venlo zwei", "venlo")
	h.settled(a, 1)
	h.settled(b, 1)
	if h.articleMessages("701", "Venlo eins") != 1 || h.articleMessages("701", "Venlo zwei") != 1 {
		t.Fatalf("messages %+v", h.fake.Messages("701"))
	}
	if len(h.fake.Violations()) == 0 {
		t.Fatal("the test did not provoke a 429")
	}
	if took := time.Since(start); took < time.Second {
		t.Fatalf("retry_after not waited: done in %s", took)
	}
}

func TestQuietHoursSendSilently(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.QuietHours = "00:00-23:59" })
	h.say(801, "/follow venlo")
	a := h.publish("Venlo bei Nacht", "venlo")
	h.settled(a, 1)
	msgs := h.fake.Messages("801")
	if last := msgs[len(msgs)-1]; !strings.Contains(last.Text, "Venlo bei Nacht") || !last.Silent {
		t.Fatalf("not silent: %+v", last)
	}
}

func TestPollingRestartNeitherLosesNorRepeats(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(901, "/follow venlo")
	// Restart once the update is handled in full, not while its answer is
	// in flight (that one a restart may send again).
	h.waitForEmptyInbox()
	offset, err := h.store.TelegramUpdateOffset(h.ctx)
	if err != nil || offset == 0 {
		t.Fatalf("offset not stored: %d %v", offset, err)
	}
	h.stopBot()
	h.fake.UserSays(telegramtest.Incoming{ChatID: 901, Text: "/follow leiden"}) // while the bot is down
	asked := len(h.fake.Offsets())
	h.startBot()
	h.waitFor("the update sent while down", func() bool { return len(h.follows(901)) == 2 })
	if first := h.fake.Offsets()[asked]; first != offset {
		t.Fatalf("the restarted bot asked from offset %d, want the stored %d", first, offset)
	}
	replies := 0
	for _, m := range h.fake.Messages("901") {
		if strings.Contains(m.Text, "Venlo") {
			replies++
		}
	}
	if replies != 1 {
		t.Fatalf("/follow venlo answered %d times", replies)
	}
}
