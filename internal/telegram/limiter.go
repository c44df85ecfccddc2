package telegram

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// margin keeps the sender a little under each limit, so that network jitter
// can never bunch messages up into a violation on Telegram's side.
const margin = 1.02

// slowdown is how long the whole bot runs at half speed after a 429.
const slowdown = time.Minute

// Limiter paces messages: per bot, per chat and per group. It spaces messages
// evenly (no bursts) and is safe for concurrent use.
type Limiter struct {
	global   *rate.Limiter
	rate     rate.Limit
	chatGap  time.Duration
	groupGap time.Duration

	mu        sync.Mutex
	next      map[string]time.Time // per chat: when its next message may go
	slowUntil time.Time
	sweepAt   int
}

// NewLimiter returns a limiter for perSecond messages per bot, chatPerSecond
// per chat and groupPerMinute per group.
func NewLimiter(perSecond, chatPerSecond, groupPerMinute float64) *Limiter {
	r := rate.Limit(perSecond / margin)
	return &Limiter{
		global:   rate.NewLimiter(r, 1),
		rate:     r,
		chatGap:  time.Duration(float64(time.Second) * margin / chatPerSecond),
		groupGap: time.Duration(float64(time.Minute) * margin / groupPerMinute),
		next:     map[string]time.Time{},
	}
}

// Wait blocks until a message to chat may be sent.
func (l *Limiter) Wait(ctx context.Context, chat string, group bool) error {
	gap := l.chatGap
	if group {
		gap = max(gap, l.groupGap)
	}
	now := time.Now()
	l.mu.Lock()
	at := l.next[chat]
	if at.Before(now) {
		at = now
	}
	l.next[chat] = at.Add(gap)
	l.sweep(now)
	if !l.slowUntil.IsZero() && now.After(l.slowUntil) {
		l.slowUntil = time.Time{}
		l.global.SetLimit(l.rate)
	}
	l.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return l.global.Wait(ctx)
}

// Penalize records a 429: the chat waits retryAfter, and the whole bot runs
// at half speed for a while.
func (l *Limiter) Penalize(chat string, retryAfter time.Duration) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if until := now.Add(retryAfter); l.next[chat].Before(until) {
		l.next[chat] = until
	}
	l.slowUntil = now.Add(max(slowdown, retryAfter))
	l.global.SetLimit(l.rate / 2)
}

// sweep forgets chats whose next slot has passed, so the map stays as small
// as the set of recently messaged chats. Called with the lock held.
func (l *Limiter) sweep(now time.Time) {
	l.sweepAt++
	if l.sweepAt < 10000 {
		return
	}
	l.sweepAt = 0
	for chat, at := range l.next {
		if at.Before(now) {
			delete(l.next, chat)
		}
	}
}
