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

// A window slot whose request is still in flight is not free: with a ring of
// two and slow answers, a third message waits for one of the first two to
// complete, so the fake never sees three in its window.
func TestLimiterWaitsForInFlightSlot(t *testing.T) {
	limits := telegramtest.Limits{BotPerSecond: 2, ChatPerSecond: 1, GroupPerMinute: 20}
	fake := telegramtest.Start(telegramtest.Options{Limits: limits, Latency: 300 * time.Millisecond})
	defer fake.Close()
	lim := NewLimiter(2, 1, 20)
	api := NewAPI("T:1", fake.Endpoint(), 4)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			chat := int64(100 + i)
			done, err := lim.Wait(ctx, strconv.FormatInt(chat, 10), false)
			if err != nil {
				t.Error(err)
				return
			}
			_, err = api.Send(ctx, tgbotapi.NewMessage(chat, "x"))
			done()
			if err != nil {
				t.Errorf("message %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if v := fake.Violations(); len(v) > 0 || fake.Stats().Messages != 4 {
		t.Fatalf("violations %+v, %d messages, want none and 4", v, fake.Stats().Messages)
	}
}

// Prime fills the ring with the latest sends before a restart, oldest
// first, so that the next message waits for the oldest of the last n.
func TestLimiterPrime(t *testing.T) {
	l := NewLimiter(3, 1, 20)
	base := time.Unix(1_800_000_000, 0)
	sent := []time.Time{base, base.Add(time.Second), base.Add(2 * time.Second), base.Add(3 * time.Second)}
	l.Prime(sent)
	for i := range 3 { // the oldest slot first: the last three sends, in order
		if got, want := l.recent[(l.oldest+i)%3], sent[i+1].UnixNano(); got != want {
			t.Errorf("slot %d after the oldest holds %d, want %d", i, got, want)
		}
	}
	short := NewLimiter(3, 1, 20)
	short.Prime(sent[:1])
	if got := short.recent[(short.oldest+2)%3]; got != base.UnixNano() {
		t.Errorf("one send primed into the newest slot: %d, want %d", got, base.UnixNano())
	}
}

// The limiter forgets chats whose gap has passed every 10000 sends, keeping
// the ones busy or still waiting.
func TestLimiterForgetsIdleChats(t *testing.T) {
	l := NewLimiter(30, 1, 20)
	now := time.Now()
	l.chats["idle"] = chatPace{next: now.Add(-time.Minute)}
	l.chats["busy"] = chatPace{next: now.Add(-time.Minute), busy: true}
	l.chats["waiting"] = chatPace{next: now.Add(time.Hour)}
	l.sweepAt = 9998
	ctx := context.Background()
	if err := l.takeChat(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, ok := l.chats["idle"]; !ok {
		t.Fatal("an idle chat forgotten before the 10000th send")
	}
	if err := l.takeChat(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	_, idle := l.chats["idle"]
	_, busy := l.chats["busy"]
	_, waiting := l.chats["waiting"]
	if idle || !busy || !waiting {
		t.Fatalf("after the 10000th send: idle kept %v, busy kept %v, waiting kept %v; want false, true, true", idle, busy, waiting)
	}
}
