package telegram

import (
	"fmt"
	"strings"
	"time"
)

// QuietHours is a daily window ("22:00-07:00") in which messages go out silently.
type QuietHours struct{ start, end int } // minutes after midnight

// ParseQuietHours reads "HH:MM-HH:MM"; the window may pass midnight.
func ParseQuietHours(s string) (QuietHours, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return QuietHours{}, fmt.Errorf("telegram: quiet_hours %q: want HH:MM-HH:MM", s)
	}
	var q QuietHours
	for i, part := range []string{from, to} {
		t, err := time.Parse("15:04", strings.TrimSpace(part))
		if err != nil {
			return QuietHours{}, fmt.Errorf("telegram: quiet_hours %q: want HH:MM-HH:MM", s)
		}
		m := t.Hour()*60 + t.Minute()
		if i == 0 {
			q.start = m
		} else {
			q.end = m
		}
	}
	return q, nil
}

// Contains reports whether t (in the site's time zone) falls in the window.
func (q QuietHours) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	if q.start <= q.end {
		return m >= q.start && m < q.end
	}
	return m >= q.start || m < q.end
}

// silent reports whether messages sent now go out without notification.
func (b *Bot) silent() bool {
	return b.set.quiet != nil && b.set.quiet.Contains(time.Now().In(b.cfg.Location))
}
