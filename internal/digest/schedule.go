package digest

import (
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
)

// Schedule is a cron schedule evaluated in the site's time zone, whatever
// zone the caller's times are in (River calls Next with local times).
type Schedule struct {
	next river.PeriodicSchedule
}

// ParseSchedule parses a 5-field cron expression or a descriptor (@daily,
// @every 10m) for the location, with the DST rules of jobs.Cron.
func ParseSchedule(expr string, loc *time.Location) (Schedule, error) {
	next, err := jobs.Cron(expr, loc)
	if err != nil {
		return Schedule{}, fmt.Errorf("digest: schedule %q: %w", expr, err)
	}
	return Schedule{next: next}, nil
}

// Next is the first slot after t.
func (s Schedule) Next(t time.Time) time.Time { return s.next.Next(t) }

// Slot is the latest slot at or before t: the slot a periodic job that fires
// now belongs to. Windows grow until one holds a slot, so frequent and rare
// schedules alike take few steps.
func (s Schedule) Slot(t time.Time) time.Time {
	for _, back := range []time.Duration{time.Minute, time.Hour, 25 * time.Hour, 8 * 24 * time.Hour,
		32 * 24 * time.Hour, 367 * 24 * time.Hour, 5 * 367 * 24 * time.Hour} {
		n := s.Next(t.Add(-back))
		if n.IsZero() || n.After(t) {
			continue
		}
		for {
			next := s.Next(n)
			if next.IsZero() || next.After(t) {
				return n
			}
			n = next
		}
	}
	return time.Time{}
}

// Weekly reports whether the slots after t are about a week apart or more
// (the subject then names the week, otherwise the day).
func (s Schedule) Weekly(t time.Time) bool {
	n := s.Next(t)
	return s.Next(n).Sub(n) >= 6*24*time.Hour
}
