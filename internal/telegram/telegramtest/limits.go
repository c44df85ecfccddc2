package telegramtest

import "time"

// window is a sliding-window counter: at most size events per span.
type window struct {
	span  time.Duration
	times []time.Time // ring of the last len(times) accepted events
	next  int
	full  bool
}

func newWindow(size int, span time.Duration) *window {
	return &window{span: span, times: make([]time.Time, size)}
}

// allow records an event at now, or reports how long until one is allowed.
func (w *window) allow(now time.Time) (time.Duration, bool) {
	if len(w.times) == 0 {
		return 0, true
	}
	if w.full {
		if age := now.Sub(w.times[w.next]); age < w.span {
			return w.span - age, false
		}
	}
	w.times[w.next] = now
	w.next++
	if w.next == len(w.times) {
		w.next, w.full = 0, true
	}
	return 0, true
}

// Limits are the flood limits the fake enforces; zero switches one off.
type Limits struct {
	BotPerSecond   int // messages per second for the whole bot (Telegram: 30)
	ChatPerSecond  int // messages per second to one chat (Telegram: 1)
	GroupPerMinute int // messages per minute to one group (Telegram: 20)
}

// TelegramLimits are the limits Telegram documents for broadcasting bots.
var TelegramLimits = Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20}

// Violation is a request the fake answered with 429.
type Violation struct {
	Limit string // bot | chat | group
	Chat  string
	At    time.Time
}

// checkLimits records a message to chat at now, or returns the violated limit
// and the seconds to wait. Called with the fake's lock held.
func (f *Fake) checkLimits(chat string, group bool, now time.Time) (string, time.Duration) {
	lim := f.opts.Limits
	if lim.BotPerSecond > 0 {
		if f.botWindow == nil {
			f.botWindow = newWindow(lim.BotPerSecond, time.Second)
		}
		if wait, ok := f.botWindow.peek(now); !ok {
			return "bot", wait
		}
	}
	var cw, gw *window
	if lim.ChatPerSecond > 0 {
		if cw = f.chatWindows[chat]; cw == nil {
			cw = newWindow(lim.ChatPerSecond, time.Second)
			f.chatWindows[chat] = cw
		}
		if wait, ok := cw.peek(now); !ok {
			return "chat", wait
		}
	}
	if group && lim.GroupPerMinute > 0 {
		if gw = f.groupWindows[chat]; gw == nil {
			gw = newWindow(lim.GroupPerMinute, time.Minute)
			f.groupWindows[chat] = gw
		}
		if wait, ok := gw.peek(now); !ok {
			return "group", wait
		}
	}
	for _, w := range []*window{f.botWindow, cw, gw} {
		if w != nil {
			w.allow(now)
		}
	}
	return "", 0
}

// peek reports whether an event at now would be allowed, without recording it.
func (w *window) peek(now time.Time) (time.Duration, bool) {
	if w.full {
		if age := now.Sub(w.times[w.next]); age < w.span {
			return w.span - age, false
		}
	}
	return 0, true
}
