package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// Two replicas in webhook mode behind a load balancer: Telegram's updates of
// one chat reach both, alternately. One replica handles them all, so the
// chat's answers come in order, each once.
func TestWebhookReplicasKeepChatOrder(t *testing.T) {
	dsn, ok := storetest.PostgresDSN(t) // fails under CI without a server
	if !ok {
		t.Skip("no PostgreSQL server")
	}
	pg := storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn}
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1", Limits: floodLimits})
	defer fake.Close()
	const secret = "hook-secret-0123456789"
	cfg := testConfig(fake, floodLimits, func(tg *config.Telegram) { tg.Mode, tg.WebhookSecret = "webhook", secret })
	var replicas []*httptest.Server
	for range 2 {
		bot, err := telegram.New(context.Background(), cfg, storetest.OpenBackend(t, pg), jobs.NewRegistry(), testLog(t))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { bot.Run(ctx); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
		mux := http.NewServeMux()
		mux.HandleFunc("POST /telegram/webhook/{secret}", bot.ServeWebhook)
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		replicas = append(replicas, srv)
	}
	var token string
	for deadline := time.Now().Add(20 * time.Second); token == ""; time.Sleep(20 * time.Millisecond) { // polls until the deadline
		if _, token = fake.Webhook(); time.Now().After(deadline) {
			t.Fatal("no setWebhook")
		}
	}
	const n = 20
	for i := range n { // as Telegram does: one at a time, the next after a 200
		u := tgbotapi.Update{UpdateID: 700 + i, Message: &tgbotapi.Message{MessageID: i + 1, Text: fmt.Sprintf("/follow Ort%02d", i),
			From: &tgbotapi.User{ID: flooder, LanguageCode: "de"}, Chat: &tgbotapi.Chat{ID: flooder, Type: "private"}}}
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest("POST", replicas[i%2].URL+"/telegram/webhook/"+secret, bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("update %d: %d", i, resp.StatusCode)
		}
	}
	h := &harness{t: t, fake: fake}
	h.waitFor("every answer", func() bool { return len(fake.Messages(fmt.Sprint(flooder))) >= n })
	st := storetest.OpenBackend(t, pg)
	h.waitFor("the inbox emptied", func() bool { rows, err := st.TelegramInbox(context.Background()); return err == nil && len(rows) == 0 })
	got := h.floodAnswers()
	for i, v := range got {
		if v != i || len(got) != n {
			t.Fatalf("answers %v, want 0..%d once each in order", got, n-1)
		}
	}
}
