package telegram

import (
	"context"
	"math"
	"sync"
	"time"
)

// slack is added to every window and gap: it covers the millisecond
// rounding of the ledger's times and the clock reads around a request.
const slack = 20 * time.Millisecond

// maxRing bounds the memory of the bot window.
const maxRing = 10000

// slowdown is how long the whole bot runs at half speed after a 429.
const slowdown = time.Minute

// inFlight marks a window slot whose request has not completed yet.
const inFlight = math.MaxInt64

// Limiter paces messages within Telegram's limits. For the bot it keeps a
// sliding window (x/time/rate's token bucket would let a burst plus the refill
// exceed n per window): a message may start only a window after the message
// n slots back *completed*. Telegram received that one before answering it,
// so however requests are delayed on their way (scheduling, GC, the
// network), Telegram never sees more than n in a window. Likewise a chat gets
// one request at a time, the next one a gap after the previous completed.
// Safe for concurrent use.
type Limiter struct {
	window   time.Duration // the bot may send len(recent) messages per window
	chatGap  time.Duration
	groupGap time.Duration

	mu        sync.Mutex
	recent    []int64 // ring: completion times (Unix ns) of the last len(recent) messages, or inFlight
	oldest    int
	chats     map[string]chatPace
	slowUntil time.Time
	sweepAt   int
}

// NewLimiter returns a limiter for perSecond messages per bot, chatPerSecond
// per chat and groupPerMinute per group.
func NewLimiter(perSecond, chatPerSecond, groupPerMinute float64) *Limiter {
	// n messages per window; a huge (lifted) limit gets a shorter window
	// rather than a huge ring.
	n := min(max(1, int(math.Floor(perSecond))), maxRing)
	return &Limiter{
		window:   time.Duration(float64(n)/perSecond*float64(time.Second)) + slack,
		chatGap:  time.Duration(float64(time.Second)/chatPerSecond) + slack,
		groupGap: time.Duration(float64(time.Minute)/groupPerMinute) + slack,
		recent:   make([]int64, n),
		chats:    map[string]chatPace{},
	}
}

// chatPace is when a chat may get its next message, and whether a request
// to it is in flight.
type chatPace struct {
	next time.Time
	busy bool
}

// Wait blocks until a message to chat may be sent and counts it. The caller
// must call done once the request completed (successfully or not).
func (l *Limiter) Wait(ctx context.Context, chat string, group bool) (done func(), err error) {
	gap := l.chatGap
	if group {
		gap = max(gap, l.groupGap)
	}
	if err := l.takeChat(ctx, chat); err != nil {
		return nil, err
	}
	release := func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		next := time.Now().Add(gap)
		if p := l.chats[chat]; p.next.After(next) { // a 429 asked for longer
			next = p.next
		}
		l.chats[chat] = chatPace{next: next}
	}
	at := time.Now()
	for {
		if err := sleepUntil(ctx, at); err != nil {
			release()
			return nil, err
		}
		l.mu.Lock()
		now := time.Now()
		window := l.window
		if now.Before(l.slowUntil) {
			window *= 2
		}
		last := l.recent[l.oldest]
		if last != inFlight && now.UnixNano()-last >= int64(window) {
			slot := l.oldest
			l.recent[slot] = inFlight
			l.oldest = (l.oldest + 1) % len(l.recent)
			l.mu.Unlock()
			return func() { l.complete(slot); release() }, nil
		}
		if last == inFlight { // wait for that request to complete
			at = now.Add(min(window/20, 5*time.Millisecond))
		} else {
			at = time.Unix(0, last).Add(window)
		}
		l.mu.Unlock()
	}
}

// takeChat waits until no request to chat is in flight and its gap has
// passed, and marks it busy.
func (l *Limiter) takeChat(ctx context.Context, chat string) error {
	for {
		l.mu.Lock()
		now := time.Now()
		p := l.chats[chat]
		if !p.busy && !now.Before(p.next) {
			l.chats[chat] = chatPace{next: p.next, busy: true}
			l.sweep(now)
			l.mu.Unlock()
			return nil
		}
		at := p.next
		if p.busy {
			at = now.Add(5 * time.Millisecond)
		}
		l.mu.Unlock()
		if err := sleepUntil(ctx, at); err != nil {
			return err
		}
	}
}

// complete records when a request of a slot completed.
func (l *Limiter) complete(slot int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recent[slot] = time.Now().UnixNano()
}

func sleepUntil(ctx context.Context, at time.Time) error {
	d := time.Until(at)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Prime records messages sent before the limiter existed (by a process that
// was restarted), oldest first, so that the first window after a restart
// counts them.
func (l *Limiter) Prime(sent []time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.recent)
	sent = sent[max(0, len(sent)-n):]
	for i, t := range sent {
		l.recent[(l.oldest+n-len(sent)+i)%n] = t.UnixNano()
	}
}

// Penalize records a 429: the chat waits retryAfter, and the whole bot runs
// at half speed for a while.
func (l *Limiter) Penalize(chat string, retryAfter time.Duration) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.chats[chat]; p.next.Before(now.Add(retryAfter)) {
		l.chats[chat] = chatPace{next: now.Add(retryAfter), busy: p.busy}
	}
	l.slowUntil = now.Add(max(slowdown, retryAfter))
}

// sweep forgets chats whose next slot has passed, so the map stays as small
// as the set of recently messaged chats. Called with the lock held.
func (l *Limiter) sweep(now time.Time) {
	l.sweepAt++
	if l.sweepAt < 10000 {
		return
	}
	l.sweepAt = 0
	for chat, p := range l.chats {
		if !p.busy && p.next.Before(now) {
			delete(l.chats, chat)
		}
	}
}
