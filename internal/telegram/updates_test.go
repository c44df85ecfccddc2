package telegram_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// floodLimits pace one chat at 20 answers a second, as Telegram paces it at
// one: a flooding chat's answers take a while.
var floodLimits = telegramtest.Limits{BotPerSecond: 200, ChatPerSecond: 20, GroupPerMinute: 600}

const (
	flooder   = 4001
	bystander = 4002
)

// flood queues n commands from the flooding chat and then one from another
// chat while the bot is down, so that they all arrive in one getUpdates batch.
func (h *harness) flood(n int) {
	h.t.Helper()
	h.stopBot()
	for i := range n {
		h.fake.UserSays(telegramtest.Incoming{ChatID: flooder, Text: fmt.Sprintf("/follow Ort%02d", i), LanguageCode: "de"})
	}
	h.fake.UserSays(telegramtest.Incoming{ChatID: bystander, Text: "/list", LanguageCode: "de"})
	h.startBot()
}

// floodAnswers returns the flooding chat's answered command numbers in the
// order the answers were sent.
func (h *harness) floodAnswers() []int {
	var got []int
	for _, m := range h.fake.Messages(fmt.Sprint(flooder)) {
		var i int
		if _, err := fmt.Sscanf(m.Text[strings.Index(m.Text, "Ort"):], "Ort%02d", &i); err != nil {
			h.t.Fatalf("unexpected answer %q", m.Text)
		}
		got = append(got, i)
	}
	return got
}

func TestFloodingChatDelaysOthersByOneUpdate(t *testing.T) {
	const n = 30
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			h := newHarness(t, floodLimits, func(tg *config.Telegram) { tg.UpdateWorkers = workers })
			h.flood(n)
			h.waitFor("every answer", func() bool {
				return len(h.fake.Messages(fmt.Sprint(flooder))) == n && len(h.fake.Messages(fmt.Sprint(bystander))) == 1
			})
			// How many of the flood's answers were sent before the other chat's?
			before := 0
			for _, m := range h.fake.Messages("") {
				if m.Chat == fmt.Sprint(bystander) {
					break
				}
				before++
			}
			t.Logf("%d flooding updates, %d answered before the other chat's", n, before)
			if before > 1 {
				t.Errorf("the other chat waited for %d of the flooding chat's %d updates, want at most 1", before, n)
			}
			got := h.floodAnswers()
			for i, v := range got {
				if v != i {
					t.Fatalf("the flooding chat's answers are out of order: %v", got)
				}
			}
			if len(h.fake.Violations()) > 0 {
				t.Fatalf("violations %v", h.fake.Violations())
			}
		})
	}
}

func TestAcceptedUpdatesSurviveRestart(t *testing.T) {
	const n = 20
	h := newHarness(t, telegramtest.Limits{BotPerSecond: 200, ChatPerSecond: 10, GroupPerMinute: 600}, nil)
	h.flood(n)
	// Telegram has forgotten the updates (the bot confirmed them) and only
	// a few are answered: the rest are the bot's to keep.
	h.waitFor("the updates confirmed and a few answered", func() bool {
		return h.fake.PendingUpdates() == 0 && len(h.fake.Messages(fmt.Sprint(flooder))) >= 3
	})
	h.stopBot()
	answered := len(h.fake.Messages(fmt.Sprint(flooder)))
	if answered == n {
		t.Fatal("every update was answered before the restart: the test proves nothing")
	}
	h.startBot()
	h.waitFor("the rest answered after the restart", func() bool {
		// Every command answered (one may be answered twice, so count
		// distinct answers, not messages).
		distinct := map[int]bool{}
		for _, v := range h.floodAnswers() {
			distinct[v] = true
		}
		return len(distinct) >= n
	})
	// The last answer is sent before its update leaves the inbox: wait for
	// the inbox to empty, after which nothing more can be answered.
	h.waitForEmptyInbox()
	got := h.floodAnswers()
	// The update being answered when the bot stopped may be answered twice;
	// otherwise every command is answered once, in order.
	seen := map[int]int{}
	for _, v := range got {
		seen[v]++
	}
	repeats := len(got) - len(seen)
	t.Logf("answered %d of %d before the restart, %d after, %d repeated", answered, n, len(got)-answered, repeats)
	if len(seen) != n || repeats > 1 {
		t.Fatalf("answers after a restart: %v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i] < got[i-1] {
			t.Fatalf("out of order: %v", got)
		}
	}
}

// waitForEmptyInbox waits until every accepted update was handled in full
// and left the inbox (a handler's answer reaches Telegram before that).
func (h *harness) waitForEmptyInbox() {
	h.t.Helper()
	h.waitFor("the inbox emptied", func() bool {
		rows, err := h.store.TelegramInbox(h.ctx)
		if err != nil {
			h.t.Fatal(err)
		}
		return len(rows) == 0
	})
}
