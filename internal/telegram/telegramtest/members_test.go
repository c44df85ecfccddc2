package telegramtest_test

import (
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

func TestGetChatMember(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{Token: "T:1"})
	member := func(chat, user int64) (tgbotapi.ChatMember, error) {
		return bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: chat, UserID: user}})
	}
	srv.SetMember(-5, 1, "creator")
	srv.SetMember(-5, 2, "administrator")
	srv.UserSays(telegramtest.Incoming{ChatID: -5, UserID: 3, Text: "hello"})
	for user, want := range map[int64]string{1: "creator", 2: "administrator", 3: "member", 4: "left"} {
		m, err := member(-5, user)
		if err != nil || m.Status != want || m.User == nil || m.User.ID != user {
			t.Errorf("user %d: %+v %v, want status %s", user, m, err, want)
		}
	}
	// Writing as the group (an anonymous administrator) comes from
	// @GroupAnonymousBot with sender_chat set to the group.
	srv.UserSays(telegramtest.Incoming{ChatID: -5, SenderChatID: -5, Text: "/follow x"})
	ups, err := bot.GetUpdates(tgbotapi.NewUpdate(0))
	if err != nil || len(ups) != 2 {
		t.Fatalf("updates %v %v", ups, err)
	}
	if m := ups[1].Message; m.SenderChat == nil || m.SenderChat.ID != -5 || m.From.ID != telegramtest.GroupAnonymousBotID {
		t.Fatalf("anonymous administrator's message: from %+v sender_chat %+v", m.From, m.SenderChat)
	}
	srv.FailCalls("getChatMember", 1, 502)
	if _, err := member(-5, 1); apiErr(t, err).Code != 502 {
		t.Fatalf("FailCalls: %v", err)
	}
	if m, err := member(-5, 1); err != nil || m.Status != "creator" {
		t.Fatalf("after the failure: %+v %v", m, err)
	}
	srv.Vanish("-6")
	if _, err := member(-6, 1); apiErr(t, err).Code != 400 {
		t.Fatalf("vanished chat: %v", err)
	}
}
