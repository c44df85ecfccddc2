package telegram

import (
	"context"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxQueued bounds the updates held in memory; the poller waits for room
// (Telegram keeps the rest until then).
const maxQueued = 1000

// dispatcher hands incoming updates to a fixed number of workers. A chat's
// updates are handled one at a time, in the order they arrived; chats take
// turns (round robin), so a chat that sends many commands gets one handled
// per turn and delays another chat's answer by at most one of its own.
type dispatcher struct {
	workers int
	handle  func(context.Context, tgbotapi.Update)

	mu     sync.Mutex
	cond   *sync.Cond
	chats  map[int64]*chatQueue // chats with updates queued or being handled
	ready  []int64              // chats with updates queued and none being handled, in turn order
	known  map[int]bool         // update ids queued or being handled
	queued int
	closed bool
}

// chatQueue is one chat's updates waiting to be handled.
type chatQueue struct {
	updates []tgbotapi.Update
	busy    bool // a worker handles one of its updates
}

func newDispatcher(workers int, handle func(context.Context, tgbotapi.Update)) *dispatcher {
	d := &dispatcher{workers: max(1, workers), handle: handle, chats: map[int64]*chatQueue{}, known: map[int]bool{}}
	d.cond = sync.NewCond(&d.mu)
	return d
}

// run works the queue until ctx ends and returns once every worker has
// finished the update it was handling. Updates still queued stay queued.
func (d *dispatcher) run(ctx context.Context) {
	d.mu.Lock()
	d.closed = false
	d.mu.Unlock()
	stop := context.AfterFunc(ctx, func() {
		d.mu.Lock()
		d.closed = true
		d.mu.Unlock()
		d.cond.Broadcast()
	})
	defer stop()
	var wg sync.WaitGroup
	for range d.workers {
		wg.Go(func() { d.work(ctx) })
	}
	wg.Wait()
}

func (d *dispatcher) work(ctx context.Context) {
	for {
		d.mu.Lock()
		for len(d.ready) == 0 && !d.closed {
			d.cond.Wait()
		}
		if d.closed {
			d.mu.Unlock()
			return
		}
		chat := d.ready[0]
		d.ready = d.ready[1:]
		q := d.chats[chat]
		u := q.updates[0]
		q.updates = q.updates[1:]
		q.busy = true
		d.queued--
		updatesQueued.Set(float64(d.queued))
		d.mu.Unlock()

		d.handle(ctx, u)

		d.mu.Lock()
		q.busy = false
		delete(d.known, u.UpdateID)
		if len(q.updates) > 0 {
			d.ready = append(d.ready, chat) // its next update waits for its turn
		} else if d.chats[chat] == q {
			delete(d.chats, chat)
		}
		d.mu.Unlock()
		d.cond.Broadcast()
	}
}

// add queues updates behind those of their chats; an update already queued
// or being handled is skipped.
func (d *dispatcher) add(updates ...tgbotapi.Update) {
	d.mu.Lock()
	for _, u := range updates {
		if d.known[u.UpdateID] {
			continue
		}
		d.known[u.UpdateID] = true
		chat := chatOf(u)
		q := d.chats[chat]
		if q == nil {
			q = &chatQueue{}
			d.chats[chat] = q
			d.ready = append(d.ready, chat)
		} else if len(q.updates) == 0 && !q.busy {
			d.ready = append(d.ready, chat)
		}
		q.updates = append(q.updates, u)
		d.queued++
	}
	updatesQueued.Set(float64(d.queued))
	d.mu.Unlock()
	d.cond.Broadcast()
}

// drop forgets the queued updates (not those being handled): another replica
// took over and handles them from the inbox.
func (d *dispatcher) drop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for chat, q := range d.chats {
		for _, u := range q.updates {
			delete(d.known, u.UpdateID)
		}
		q.updates = nil
		if !q.busy {
			delete(d.chats, chat)
		}
	}
	d.ready, d.queued = nil, 0
	updatesQueued.Set(0)
}

// waitRoom waits until fewer than maxQueued updates are queued.
func (d *dispatcher) waitRoom(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		d.mu.Lock() // so that the wake-up cannot fall between the check and Wait
		d.mu.Unlock()
		d.cond.Broadcast()
	})
	defer stop()
	d.mu.Lock()
	defer d.mu.Unlock()
	for d.queued >= maxQueued && ctx.Err() == nil {
		d.cond.Wait()
	}
	return ctx.Err()
}

// chatOf is the chat an update belongs to (0 for updates of no chat).
func chatOf(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
