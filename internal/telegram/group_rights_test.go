package telegram_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// inGroup sends text to a group as a user (or, with sender set, on behalf of
// a chat) and waits for the bot's answer.
func (h *harness) inGroup(chat, user, sender int64, text string) telegramtest.Message {
	h.t.Helper()
	return h.ask(telegramtest.Incoming{ChatID: chat, ChatType: "supergroup", ChatTitle: "Partnerschaft",
		UserID: user, SenderChatID: sender, LanguageCode: "en", Text: text})
}

// tap presses a button of the bot's message as a user and returns the callback answer.
func (h *harness) tap(chat, user int64, msgID int, data string) string {
	h.t.Helper()
	id := h.fake.UserPresses(chat, user, msgID, data)
	var text string
	h.waitFor("the callback answer", func() bool {
		var ok bool
		text, ok = h.fake.CallbackAnswer(id)
		return ok
	})
	return text
}

const refusedDE = "Nur die Administratoren"

func TestGroupMembersCannotChangeSubscriptions(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const group, owner, admin, member = -1000000000601, 61, 62, 63
	h.fake.SetMember(group, owner, "creator")
	h.fake.SetMember(group, admin, "administrator")
	h.fake.SetMember(group, member, "member")

	if got := h.inGroup(group, owner, 0, "/follow Venlo"); !strings.Contains(got.Text, "Venlo") || strings.Contains(got.Text, refusedDE) {
		t.Fatalf("the creator's /follow: %q", got.Text)
	}
	h.inGroup(group, admin, 0, "/follow Leiden")
	want := []string{"leiden", "venlo"}
	if got := h.follows(group); !slices.Equal(got, want) {
		t.Fatalf("after the administrators' /follow: %v", got)
	}
	for _, text := range []string{"/follow Dunkerque", "/unfollow Venlo", "/start duenkirchen", "/language fr", "/stop"} {
		if got := h.inGroup(group, member, 0, text); !strings.Contains(got.Text, refusedDE) {
			t.Errorf("a member's %s: got %q, want the refusal", text, got.Text)
		}
	}
	if got := h.follows(group); !slices.Equal(got, want) {
		t.Fatalf("a member changed the group's follows: %v", got)
	}
	if chat, err := h.store.TelegramChat(h.ctx, group); err != nil || chat.Language != "de" {
		t.Fatalf("a member changed the group's language or deleted it: %+v %v", chat, err)
	}
	// Reading stays open to everyone.
	if got := h.inGroup(group, member, 0, "/list"); !strings.Contains(got.Text, "Leiden") {
		t.Errorf("a member's /list: %q", got.Text)
	}
	menu := h.inGroup(group, member, 0, "/partners")
	if !strings.Contains(menu.ReplyMarkup, "✅ Venlo") {
		t.Fatalf("a member's /partners shows no keyboard: %q %s", menu.Text, menu.ReplyMarkup)
	}
	// A member's tap is refused with a callback answer and changes nothing.
	if got := h.tap(group, member, menu.ID, "f:venlo"); !strings.Contains(got, refusedDE) {
		t.Fatalf("a member's tap answered %q", got)
	}
	if got := h.follows(group); !slices.Equal(got, want) {
		t.Fatalf("a member's tap changed the follows: %v", got)
	}
	if got := h.tap(group, member, menu.ID, "l:fr"); !strings.Contains(got, refusedDE) {
		t.Fatalf("a member's language tap answered %q", got)
	}
	// An administrator's tap works.
	h.tap(group, admin, menu.ID, "f:venlo")
	if got := h.follows(group); !slices.Equal(got, []string{"leiden"}) {
		t.Fatalf("an administrator's tap: follows %v", got)
	}
	// An anonymous administrator writes as the group itself; a channel
	// writing in its discussion group is no administrator.
	h.inGroup(group, 0, group, "/follow Venlo")
	if got := h.follows(group); !slices.Equal(got, want) {
		t.Fatalf("the anonymous administrator's /follow: %v", got)
	}
	if got := h.inGroup(group, 0, -1000000000999, "/unfollow Venlo"); !strings.Contains(got.Text, refusedDE) {
		t.Fatalf("a channel's /unfollow: %q", got.Text)
	}
	if got := h.follows(group); !slices.Equal(got, want) {
		t.Fatalf("a channel changed the follows: %v", got)
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}

func TestGroupRightsAreCachedAndFailuresGrantNothing(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	const group, admin, member = -701, 71, 72
	h.fake.SetMember(group, admin, "administrator")
	h.inGroup(group, admin, 0, "/follow Venlo")
	h.inGroup(group, admin, 0, "/follow Leiden")
	h.inGroup(group, admin, 0, "/unfollow Leiden")
	if n := h.fake.Calls("getChatMember"); n != 1 {
		t.Fatalf("%d getChatMember requests for one administrator's three commands, want 1", n)
	}
	h.inGroup(group, member, 0, "/follow Leiden")
	h.inGroup(group, member, 0, "/follow Leiden")
	if n := h.fake.Calls("getChatMember"); n != 2 {
		t.Fatalf("%d getChatMember requests after a member's two commands, want 2", n)
	}
	// Telegram failing to answer grants nothing, and is not remembered.
	const other = 73
	h.fake.SetMember(group, other, "administrator")
	h.fake.FailCalls("getChatMember", 1, 500)
	if got := h.inGroup(group, other, 0, "/follow Dunkerque"); !strings.Contains(got.Text, "Ich konnte nicht prüfen") {
		t.Fatalf("with getChatMember failing: %q", got.Text)
	}
	if got := h.follows(group); !slices.Equal(got, []string{"venlo"}) {
		t.Fatalf("a failed check granted rights: %v", got)
	}
	h.inGroup(group, other, 0, "/follow Dunkerque")
	if got := h.follows(group); !slices.Equal(got, []string{"duenkirchen", "venlo"}) {
		t.Fatalf("after Telegram answered again: %v", got)
	}
	// Private chats need no check.
	before := h.fake.Calls("getChatMember")
	h.say(702, "/follow Venlo")
	if n := h.fake.Calls("getChatMember"); n != before {
		t.Fatalf("a private chat's command asked getChatMember")
	}
}
