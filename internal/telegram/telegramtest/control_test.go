package telegramtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestControlAPI drives the fake over HTTP, as a process-level test drives cmd/fakebot.
func TestControlAPI(t *testing.T) {
	srv, bot := connect(t, telegramtest.Options{})
	post := func(path, body string) {
		t.Helper()
		resp, err := http.Post(srv.HTTP.URL+path, "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("POST %s: %v %v", path, resp, err)
		}
		resp.Body.Close()
	}
	post("/fake/message", `{"chat_id": 42, "text": "/start"}`)
	post("/fake/chat", `{"chat": "43", "state": "blocked"}`)
	u := tgbotapi.NewUpdate(0)
	if ups, err := bot.GetUpdates(u); err != nil || len(ups) != 1 || ups[0].Message.Text != "/start" {
		t.Fatalf("updates %+v %v", ups, err)
	}
	bot.Send(htmlMsg(42, "hello"))
	bot.Send(htmlMsg(42, "again"))
	if _, err := bot.Send(htmlMsg(43, "blocked")); err == nil {
		t.Fatal("blocked chat accepted a message")
	}
	resp, err := http.Get(srv.HTTP.URL + "/fake/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s telegramtest.Stats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.Messages != 2 || s.Chats != 1 || s.Duplicates != 1 || s.Calls["sendMessage"] != 3 {
		t.Fatalf("stats %+v", s)
	}
}
