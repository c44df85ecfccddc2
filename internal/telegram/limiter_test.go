package telegram

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestLimiterAgainstFake sends through the limiter from many goroutines, as
// the sender does, and checks that the fake (enforcing the same limits) never
// answers 429.
func TestLimiterAgainstFake(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 3 s")
	}
	fake := telegramtest.Start(telegramtest.Options{Limits: telegramtest.Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20}})
	defer fake.Close()
	api := NewAPI("T:1", fake.Endpoint(), 8)
	lim := NewLimiter(30, 1, 20)
	ctx := context.Background()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	start := time.Now()
	for i := range 100 {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			chat := int64(1 + i%70) // some chats get two messages
			done, err := lim.Wait(ctx, strconv.FormatInt(chat, 10), false)
			if err != nil {
				t.Error(err)
				return
			}
			m := tgbotapi.NewMessage(chat, "x")
			_, err = api.Send(ctx, m)
			done()
			if err != nil {
				t.Errorf("message %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	if v := fake.Violations(); len(v) > 0 {
		t.Fatalf("violations: %+v", v)
	}
	t.Logf("100 messages at 30/s took %s", took)
}
