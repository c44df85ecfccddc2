package telegram_test

import (
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/hide"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestHideDeletesMessages: hiding an article deletes its messages in every
// chat and channel (deleteMessage through the durable job) and no other
// article's; the ledger remembers that they were deleted.
func TestHideDeletesMessages(t *testing.T) {
	h := newHarnessConfig(t, telegramtest.Limits{}, func(c *config.Config) {
		c.Telegram.Channels = map[string]string{"venlo": "@venlo_news"}
	})
	for _, chat := range []int64{71, 72} {
		if err := h.store.UpsertTelegramChat(h.ctx, store.TelegramChat{ID: chat, Kind: "private", Language: "de"}); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.FollowPartner(h.ctx, chat, "venlo"); err != nil {
			t.Fatal(err)
		}
	}
	withdrawn := h.publish("Zurückgezogene Mitteilung", "venlo")
	kept := h.publish("Bleibende Mitteilung", "venlo")
	h.settled(withdrawn, 3)
	h.settled(kept, 3)
	d := hide.Deps{Store: h.store, Jobs: jobs.NewInserter(h.river), Telegram: true}
	if changed, err := hide.Article(h.ctx, d, withdrawn.ID, "withdrawn", "test"); err != nil || !changed {
		t.Fatalf("hide: %v %v", changed, err)
	}
	deleted := func(chat, title string) (yes, no int) {
		for _, m := range h.fake.Messages(chat) {
			if strings.Contains(m.Text, title) {
				if m.Deleted {
					yes++
				} else {
					no++
				}
			}
		}
		return yes, no
	}
	h.waitFor("the withdrawn article's messages to be deleted", func() bool {
		for _, chat := range []string{"71", "72", "@venlo_news"} {
			if yes, no := deleted(chat, withdrawn.Title); yes != 1 || no != 0 {
				return false
			}
		}
		return true
	})
	for _, chat := range []string{"71", "72", "@venlo_news"} {
		if yes, no := deleted(chat, kept.Title); yes != 0 || no != 1 {
			t.Errorf("%s: the other article's message: %d deleted, %d kept", chat, yes, no)
		}
	}
	left, err := h.store.SentMessages(h.ctx, withdrawn.ID, telegram.Channel, withdrawn.PublishedAt)
	if err != nil || len(left) != 0 {
		t.Errorf("messages still recorded as deletable: %+v %v", left, err)
	}
}
