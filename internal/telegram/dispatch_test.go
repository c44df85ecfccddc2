package telegram

import (
	"context"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func update(id int, chat int64) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{Chat: &tgbotapi.Chat{ID: chat}}}
}

// Many chats at once: no chat is handled twice at a time, each chat's
// updates are handled in order, never more than the workers run together,
// and every update once.
func TestDispatcherKeepsEachChatsOrder(t *testing.T) {
	const workers, chats, perChat = 3, 5, 40
	var mu sync.Mutex
	running, most := 0, 0
	busy := map[int64]bool{}
	seen := map[int64][]int{}
	ctx, cancel := context.WithCancel(context.Background())
	d := newDispatcher(workers, func(_ context.Context, u tgbotapi.Update) {
		chat := chatOf(u)
		mu.Lock()
		if busy[chat] {
			t.Errorf("chat %d handled twice at once", chat)
		}
		busy[chat], running = true, running+1
		most = max(most, running)
		mu.Unlock()
		time.Sleep(time.Millisecond) // let the others run meanwhile (widens the overlap; decides nothing)
		mu.Lock()
		busy[chat], running = false, running-1
		seen[chat] = append(seen[chat], u.UpdateID)
		done := 0
		for _, s := range seen {
			done += len(s)
		}
		mu.Unlock()
		if done == chats*perChat {
			cancel()
		}
	})
	id := 0
	for range perChat {
		for c := range int64(chats) {
			id++
			d.add(update(id, c), update(id, c)) // the second is a repeat: skipped
		}
	}
	d.run(ctx)
	for c, ids := range seen {
		if len(ids) != perChat {
			t.Errorf("chat %d: %d updates handled, want %d", c, len(ids), perChat)
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Fatalf("chat %d out of order: %v", c, ids)
			}
		}
	}
	if most > workers || most < 2 {
		t.Errorf("%d updates handled at once, want 2..%d", most, workers)
	}
}

// A full queue holds the poller (and the webhook) back until workers free room.
func TestDispatcherBackpressure(t *testing.T) {
	d := newDispatcher(2, func(context.Context, tgbotapi.Update) {})
	for i := range maxQueued {
		d.add(update(i+1, int64(i%7)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := d.waitRoom(ctx); err == nil {
		t.Fatal("waitRoom returned with a full queue and no workers")
	}
	rctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.run(rctx); close(done) }()
	if err := d.waitRoom(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop()
	<-done
}
