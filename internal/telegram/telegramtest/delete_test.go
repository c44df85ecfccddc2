package telegramtest_test

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestDeleteMessage: deleteMessage deletes a message of the chat once (the
// Bot API's answers for an unknown, foreign or already deleted message),
// and the deleted message is listed as such.
func TestDeleteMessage(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	m, err := bot.Send(htmlMsg(42, "<b>withdrawn</b>"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := bot.Send(htmlMsg(43, "kept"))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]tgbotapi.DeleteMessageConfig{
		"another chat's message": {ChatID: 42, MessageID: other.MessageID},
		"an unknown message":     {ChatID: 42, MessageID: 999_999},
	} {
		_, err := bot.Request(c)
		if e := apiErr(t, err); e.Code != 400 || !strings.Contains(e.Message, "message to delete not found") {
			t.Errorf("%s: %v", name, e)
		}
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err == nil {
		t.Error("a message was deleted twice")
	}
	if got := srv.Messages("42"); len(got) != 1 || !got[0].Deleted {
		t.Errorf("chat 42: %+v", got)
	}
	if got := srv.Messages("43"); len(got) != 1 || got[0].Deleted {
		t.Errorf("chat 43: %+v", got)
	}
}
