package telegram

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The shared limiter's 429 and give-up paths, read back from the database
// every replica paces by: Penalize makes the chat wait retry_after and slows
// the whole bot for at least as long; a Wait given up while waiting for a
// slot of the bot window releases the chat it had taken (not leased for a
// minute). None of it logs an error when the database works.
func TestSharedLimiterPenalizeAndGiveUp(t *testing.T) {
	storetest.Each(t, testSharedLimiterPenalizeAndGiveUp)
}

func testSharedLimiterPenalizeAndGiveUp(t *testing.T, st *store.Store) {
	ctx := context.Background()
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	l, err := newSharedLimiter(ctx, st, log, NewLimiter(1, 1, 20), time.Minute) // one slot a second
	if err != nil {
		t.Fatal(err)
	}
	done, err := l.Wait(ctx, "7", false)
	if err != nil {
		t.Fatal(err)
	}
	done()
	before := time.Now()
	l.Penalize("7", time.Hour)
	notYet := before.Add(59 * time.Minute)
	if ok, err := st.TakeTelegramChat(ctx, "7", notYet, notYet.Add(time.Second), "other"); err != nil || ok {
		t.Fatalf("chat 7 taken 59 minutes after a 429 with retry_after 1h (%v)", err)
	}
	after := before.Add(61 * time.Minute)
	if ok, err := st.TakeTelegramChat(ctx, "7", after, after.Add(time.Second), "other"); err != nil || !ok {
		t.Fatalf("chat 7 not free 61 minutes after a 429 with retry_after 1h (%v)", err)
	}
	var slowUntil int64
	if err := st.DB.QueryRowContext(ctx, `SELECT slow_until FROM telegram_bot_pace WHERE id = 1`).Scan(&slowUntil); err != nil {
		t.Fatal(err)
	}
	if slowUntil < before.Add(time.Hour).UnixMilli() {
		t.Errorf("bot slowed down until %s, want at least retry_after (1h) from the 429", time.UnixMilli(slowUntil))
	}

	// The window's one slot is held by a request in flight; a message to
	// another chat takes that chat, waits for the slot and is given up.
	hold, err := l.Wait(ctx, "8", false)
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond) // only ends the wait; nothing is decided by it
	defer cancel()
	if _, err := l.Wait(wctx, "9", false); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a Wait given up returned %v", err)
	}
	hold()
	later := time.Now().Add(10 * time.Second) // past chat 9's gap, long before its lease would end
	if ok, err := st.TakeTelegramChat(ctx, "9", later, later.Add(time.Second), "other"); err != nil || !ok {
		t.Fatalf("chat 9 still held after its Wait was given up (%v)", err)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged with a working database:\n%s", logs.String())
	}
}
