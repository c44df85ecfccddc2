package telegram_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/config"
)

func TestWebhook(t *testing.T) {
	const secret = "hook-secret-0123456789"
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.Mode, tg.WebhookSecret = "webhook", secret })
	var url, token string
	h.waitFor("setWebhook", func() bool { url, token = h.fake.Webhook(); return url != "" })
	if !strings.HasSuffix(url, "/telegram/webhook/"+secret) || token == "" || strings.Contains(token, secret) {
		t.Fatalf("setWebhook url %q token %q", url, token)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /telegram/webhook/{secret}", h.bot.ServeWebhook)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	update := tgbotapi.Update{UpdateID: 500, Message: &tgbotapi.Message{MessageID: 1, Text: "/follow Leyde",
		From: &tgbotapi.User{ID: 1001, LanguageCode: "fr"}, Chat: &tgbotapi.Chat{ID: 1001, Type: "private"}}}
	body, _ := json.Marshal(update)
	post := func(path, tok string) int {
		req, _ := http.NewRequest("POST", srv.URL+path, bytes.NewReader(body))
		if tok != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tok)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, c := range []struct {
		path, tok string
		want      int
	}{
		{"/telegram/webhook/wrong", token, 404},
		{"/telegram/webhook/" + secret, "", 404},
		{"/telegram/webhook/" + secret, "forged", 404},
	} {
		if got := post(c.path, c.tok); got != c.want {
			t.Errorf("POST %s token %q: %d, want %d", c.path, c.tok, got, c.want)
		}
	}
	if len(h.follows(1001)) != 0 {
		t.Fatal("a refused request was handled")
	}
	for range 2 { // Telegram may deliver an update twice
		if got := post("/telegram/webhook/"+secret, token); got != 200 {
			t.Fatalf("update refused: %d", got)
		}
	}
	h.waitFor("the answer", func() bool { return len(h.fake.Messages("1001")) > 0 })
	msgs := h.fake.Messages("1001")
	if len(h.follows(1001)) != 1 || len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Vous suivez maintenant Leyde") {
		t.Fatalf("follows %v, answers %+v", h.follows(1001), msgs)
	}
	if n := h.fake.Calls("getUpdates"); n != 0 {
		t.Fatalf("webhook mode polled %d times", n)
	}
}
