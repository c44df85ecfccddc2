package telegram

import (
	"testing"
	"time"
)

// NewLimiter turns the configured rates into its window and gaps: n messages
// per n/rate window, a chat's gap 1/rate, a group's a minute/rate, each plus
// the slack; a lifted bot limit gets a short window instead of a huge ring.
func TestLimiterRates(t *testing.T) {
	for _, c := range []struct {
		perSecond, chat, group    float64
		ring                      int
		window, chatGap, groupGap time.Duration
	}{
		{30, 1, 20, 30, time.Second, time.Second, 3 * time.Second},
		{10, 4, 30, 10, time.Second, 250 * time.Millisecond, 2 * time.Second},
		{2.5, 0.5, 120, 2, 800 * time.Millisecond, 2 * time.Second, 500 * time.Millisecond},
		{1e6, 2, 20, maxRing, 10 * time.Millisecond, 500 * time.Millisecond, 3 * time.Second},
	} {
		l := NewLimiter(c.perSecond, c.chat, c.group)
		if len(l.recent) != c.ring || l.window != c.window+slack || l.chatGap != c.chatGap+slack || l.groupGap != c.groupGap+slack {
			t.Errorf("NewLimiter(%v, %v, %v): ring %d window %s chat gap %s group gap %s; want %d %s %s %s (plus %s)",
				c.perSecond, c.chat, c.group, len(l.recent), l.window, l.chatGap, l.groupGap,
				c.ring, c.window, c.chatGap, c.groupGap, slack)
		}
	}
}
