package telegram_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
)

// Each private chat is paced by its own key: a request hanging at one chat
// does not hold back the message to another. The fake hangs the first send
// request of the article until the test releases it; the other chat's
// message arrives meanwhile. Were all private chats one pacing key (one
// request at a time for all of them), it would arrive only after the client
// gave up the hanging request (the send timeout), and the test sees the hang
// ended before that message came.
func TestHangingChatDoesNotHoldBackOthers(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.SendTimeout = 10 * time.Second })
	h.say(741, "/follow venlo")
	h.say(742, "/follow venlo")
	before := map[string]int{"741": len(h.fake.Messages("741")), "742": len(h.fake.Messages("742"))}
	tried := map[string]int{"741": h.fake.Attempts("741"), "742": h.fake.Attempts("742")}
	h.fake.HangSends(1)
	a := h.publish("Venlo ohne Warten", "venlo")
	var hung, other string
	h.waitFor("a message to one chat", func() bool {
		for chat, n := range before {
			if len(h.fake.Messages(chat)) > n {
				other = chat
				return true
			}
		}
		return false
	})
	if h.fake.Hanging() != 1 {
		t.Fatalf("the message to chat %s arrived after the other chat's hanging request ended: "+
			"one chat's request in flight held back another chat", other)
	}
	hung = map[string]string{"741": "742", "742": "741"}[other]
	if n := h.fake.Attempts(hung) - tried[hung]; n != 1 {
		t.Fatalf("chat %s: %d requests for the article, want the hanging one", hung, n)
	}
	h.fake.ReleaseHangs()
	if counts := h.settled(a, 2); counts["sent"] != 2 {
		t.Fatalf("ledger %v", counts)
	}
	for _, chat := range []string{"741", "742"} {
		if n := h.articleMessages(chat, "Venlo ohne Warten"); n != 1 {
			t.Errorf("chat %s got the article %d times, want once", chat, n)
		}
	}
}
