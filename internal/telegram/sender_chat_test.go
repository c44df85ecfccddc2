package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// The sender speaks each chat's language and paces a group by the group
// limit: a French chat gets the French partner name, and a group's messages
// reach the fake at least a minute/group limit apart (a private chat's gap
// is ten times shorter here), by the fake's receipt times.
func TestSenderLanguageAndGroupPace(t *testing.T) {
	limits := telegramtest.Limits{BotPerSecond: 200, ChatPerSecond: 20, GroupPerMinute: 120}
	h := newHarness(t, limits, nil)
	h.say(901, "/language fr")
	h.say(901, "/follow duenkirchen")
	group := telegramtest.Incoming{ChatID: -902, ChatType: "group", ChatTitle: "Jumelage", UserID: 9, Text: "/follow duenkirchen"}
	h.fake.SetMember(-902, 9, "administrator")
	h.ask(group)
	before := len(h.fake.Messages("-902"))
	for _, title := range []string{"Erster Besuch", "Zweiter Besuch", "Dritter Besuch"} {
		h.publish(title, "duenkirchen")
	}
	h.drained()
	if msgs := h.fake.Messages("901"); len(msgs) < 3 || !strings.Contains(msgs[len(msgs)-1].Text, "Dunkerque") ||
		strings.Contains(msgs[len(msgs)-1].Text, "Dünkirchen") {
		t.Errorf("the French chat got: %+v", msgs)
	}
	msgs := h.fake.Messages("-902")[before:]
	if len(msgs) != 3 {
		t.Fatalf("the group got %d articles, want 3", len(msgs))
	}
	gap := time.Minute / time.Duration(limits.GroupPerMinute)
	for i := 1; i < len(msgs); i++ {
		if d := msgs[i].At.Sub(msgs[i-1].At); d < gap {
			t.Errorf("group messages %d and %d only %s apart, want at least %s", i, i+1, d, gap)
		}
	}
}
