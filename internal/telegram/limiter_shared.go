package telegram

import (
	"context"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// pacer paces messages within Telegram's limits: the process-local Limiter,
// or the sharedLimiter of several replicas.
type pacer interface {
	Wait(ctx context.Context, chat string, group bool) (done func(), err error)
	Penalize(chat string, retryAfter time.Duration)
}

// sharedLimiter keeps the bot's limits in the database, so that they hold
// for all replicas together: the same sliding window as Limiter (n slots,
// each free a window after its request completed) and the same per-chat
// gap, as rows that the replicas take atomically. A slot or chat in flight is
// leased until the request's timeout, so a killed replica frees it.
type sharedLimiter struct {
	store    *store.Store
	log      *slog.Logger
	window   time.Duration
	chatGap  time.Duration
	groupGap time.Duration
	lease    time.Duration // longer than any request
	holder   string        // this replica (jobs.Registry.ReplicaID), recorded with what it holds
	// Concurrent sends take and finish in batches: one statement each.
	take   coalescer[string, store.TelegramTake]
	finish coalescer[store.TelegramFinish, struct{}]
}

// maxBatch bounds the chats of one take or finish statement.
const maxBatch = 256

// newSharedLimiter is NewLimiter's counterpart on a shared database; it
// makes the window's slots exist.
func newSharedLimiter(ctx context.Context, st *store.Store, log *slog.Logger, l *Limiter, lease time.Duration) (*sharedLimiter, error) {
	if err := st.EnsureTelegramSlots(ctx, len(l.recent)); err != nil {
		return nil, err
	}
	s := &sharedLimiter{store: st, log: log, window: l.window, chatGap: l.chatGap, groupGap: l.groupGap, lease: lease}
	s.take = coalescer[string, store.TelegramTake]{max: maxBatch, run: func(ctx context.Context, chats []string) ([]store.TelegramTake, error) {
		now := time.Now()
		return st.TakeTelegramSends(ctx, chats, now, now.Add(lease), s.window, s.holder)
	}}
	s.finish = coalescer[store.TelegramFinish, struct{}]{max: maxBatch, run: func(ctx context.Context, done []store.TelegramFinish) ([]struct{}, error) {
		return make([]struct{}, len(done)), st.FinishTelegramSends(ctx, done)
	}}
	return s, nil
}

// Wait blocks until a message to chat may be sent and counts it; the caller
// calls done once the request completed.
func (s *sharedLimiter) Wait(ctx context.Context, chat string, group bool) (func(), error) {
	gap := s.chatGap
	if group {
		gap = max(gap, s.groupGap)
	}
	var slot int
	for poll := time.Millisecond; ; poll = min(2*poll, 50*time.Millisecond) {
		now := time.Now()
		got, err := s.take.do(ctx, chat)
		if err != nil {
			return nil, err
		}
		if got.SlotOK {
			slot = got.Slot
			break
		}
		if got.ChatOK {
			if slot, err = s.waitSlot(ctx, chat, gap); err != nil {
				return nil, err
			}
			break
		}
		if err := sleepUntil(ctx, now.Add(poll)); err != nil {
			return nil, err
		}
	}
	return func() {
		now := time.Now()
		if _, err := s.finish.do(ctx, store.TelegramFinish{Chat: chat, Slot: slot, At: now, Next: now.Add(gap)}); err != nil {
			s.log.Error("Finishing a Telegram send failed", slog.String("chat", chat), slog.Any("error", err))
		}
	}, nil
}

// waitSlot waits for a slot of the bot window, chat being held; on failure
// it releases chat.
func (s *sharedLimiter) waitSlot(ctx context.Context, chat string, gap time.Duration) (int, error) {
	release := func() {
		if err := s.store.ReleaseTelegramChat(context.WithoutCancel(ctx), chat, time.Now().Add(gap)); err != nil {
			s.log.Error("Releasing a Telegram chat failed", slog.String("chat", chat), slog.Any("error", err))
		}
	}
	for {
		now := time.Now()
		slot, ok, next, err := s.store.TakeTelegramSlot(ctx, now, now.Add(s.lease), s.window, s.holder)
		if err != nil {
			release()
			return 0, err
		}
		if ok {
			return slot, nil
		}
		// Another replica may complete a slot sooner than next: look again
		// at least every 50 ms.
		at := now.Add(min(max(next.Sub(now), time.Millisecond), 50*time.Millisecond))
		if err := sleepUntil(ctx, at); err != nil {
			release()
			return 0, err
		}
	}
}

// Penalize records a 429 for every replica: the chat waits retryAfter, and
// the whole bot runs at half speed for a while.
func (s *sharedLimiter) Penalize(chat string, retryAfter time.Duration) {
	ctx := context.Background()
	now := time.Now()
	if err := s.store.DelayTelegramChat(ctx, chat, now.Add(retryAfter)); err != nil {
		s.log.Error("Delaying a Telegram chat failed", slog.Any("error", err))
	}
	if err := s.store.SlowTelegramBot(ctx, now.Add(max(slowdown, retryAfter))); err != nil {
		s.log.Error("Slowing the Telegram bot down failed", slog.Any("error", err))
	}
}
