package telegram

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestSharedLimiterTwoReplicas runs two shared limiters (as two replicas,
// each with its own connection pool) on one database, each sending half of
// the messages, and checks that the fake, enforcing the bot's limits, never
// saw them exceeded: the limits hold for the bot as a whole.
func TestSharedLimiterTwoReplicas(t *testing.T) {
	dsn, ok := storetest.PostgresDSN(t) // fails under CI without a server
	if !ok {
		t.Skip("no PostgreSQL server")
	}
	pg := storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn}
	fake := telegramtest.Start(telegramtest.Options{Limits: telegramtest.Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20}})
	defer fake.Close()
	api := NewAPI("T:1", fake.Endpoint(), 16)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	var lims []pacer
	for range 2 {
		st := storetest.OpenBackend(t, pg)
		l, err := newSharedLimiter(ctx, st, log, NewLimiter(30, 1, 20), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		lims = append(lims, l)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	start := time.Now()
	for i := range 100 {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			chat := int64(1 + i%70) // some chats get two messages, from either replica
			done, err := lims[i%2].Wait(ctx, strconv.FormatInt(chat, 10), false)
			if err != nil {
				t.Error(err)
				return
			}
			_, err = api.Send(ctx, tgbotapi.NewMessage(chat, "x"))
			done()
			if err != nil {
				t.Errorf("message %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if v := fake.Violations(); len(v) > 0 {
		t.Fatalf("violations: %+v", v)
	}
	if s := fake.Stats(); s.Messages != 100 {
		t.Fatalf("fake got %d messages, want 100", s.Messages)
	}
	t.Logf("100 messages at 30/s from two replicas took %s", time.Since(start))
}
