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

// bindLimits: 1 message a second per chat (Telegram's) and 30 a minute per
// group, so that a group's gap (2 s) differs from a chat's (1 s).
var bindLimits = telegramtest.Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 30}

// bindChats are the chats of the binding tests: a private chat and a group,
// three messages each, all requested at once.
var bindChats = []int64{7, 7, 7, -9, -9, -9}

// TestPerChatGapBinds sends consecutive messages to one chat and to one group
// through the process limiter, all at once, and checks the times at which the
// fake received them: a chat's messages at least a second apart, a group's at
// least a minute/group limit apart.
func TestPerChatGapBinds(t *testing.T) {
	fake := telegramtest.Start(telegramtest.Options{Limits: bindLimits})
	defer fake.Close()
	lim := NewLimiter(float64(bindLimits.BotPerSecond), float64(bindLimits.ChatPerSecond), float64(bindLimits.GroupPerMinute))
	sendThrough(t, fake, []pacer{lim}, bindChats)
	checkGaps(t, fake, bindChats)
}

// TestPerChatGapBindsAcrossReplicas is TestPerChatGapBinds with two replicas
// sharing the database limiter, each sending every other message of a chat.
func TestPerChatGapBindsAcrossReplicas(t *testing.T) {
	dsn, ok := storetest.PostgresDSN(t) // fails under CI without a server
	if !ok {
		t.Skip("no PostgreSQL server")
	}
	pg := storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn}
	fake := telegramtest.Start(telegramtest.Options{Limits: bindLimits})
	defer fake.Close()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var lims []pacer
	for range 2 {
		l := NewLimiter(float64(bindLimits.BotPerSecond), float64(bindLimits.ChatPerSecond), float64(bindLimits.GroupPerMinute))
		shared, err := newSharedLimiter(context.Background(), storetest.OpenBackend(t, pg), log, l, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		lims = append(lims, shared)
	}
	sendThrough(t, fake, lims, bindChats)
	checkGaps(t, fake, bindChats)
}

// sendThrough sends one message per entry of chats, all at once, the i-th
// paced by lims[i%len(lims)], as the sender does (Wait, send, done).
func sendThrough(t *testing.T, fake *telegramtest.Server, lims []pacer, chats []int64) {
	t.Helper()
	api := NewAPI("T:1", fake.Endpoint(), len(chats))
	ctx := context.Background()
	var wg sync.WaitGroup
	for i, chat := range chats {
		wg.Go(func() {
			done, err := lims[i%len(lims)].Wait(ctx, strconv.FormatInt(chat, 10), chat < 0)
			if err != nil {
				t.Error(err)
				return
			}
			_, err = api.Send(ctx, tgbotapi.NewMessage(chat, "message "+strconv.Itoa(i)))
			done()
			if err != nil {
				t.Errorf("message %d to %d: %v", i, chat, err)
			}
		})
	}
	wg.Wait()
}

// checkGaps checks that the fake saw no violation and every message of the
// chats, each chat's at least its gap apart (by the fake's receipt times).
func checkGaps(t *testing.T, fake *telegramtest.Server, chats []int64) {
	t.Helper()
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("violations: %+v", v)
	}
	want := map[int64]int{}
	for _, c := range chats {
		want[c]++
	}
	for chat, n := range want {
		gap := time.Second / time.Duration(bindLimits.ChatPerSecond)
		if chat < 0 {
			gap = time.Minute / time.Duration(bindLimits.GroupPerMinute)
		}
		msgs := fake.Messages(strconv.FormatInt(chat, 10))
		if len(msgs) != n {
			t.Errorf("chat %d: the fake got %d messages, want %d", chat, len(msgs), n)
			continue
		}
		for i := 1; i < len(msgs); i++ {
			if d := msgs[i].At.Sub(msgs[i-1].At); d < gap {
				t.Errorf("chat %d: messages %d and %d only %s apart, want at least %s", chat, i, i+1, d, gap)
			}
		}
	}
}
