package jobs

import (
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/robfig/cron/v3"

	"github.com/partnerfeed/partnerfeed/config"
)

// Cron parses a schedule of config.yaml (5-field cron or @hourly, @daily,
// @every 10m…) into a River schedule evaluated in loc, whatever the zone of
// the times River passes (River uses time.Now in the process's zone).
//
// Daylight-saving changes follow cron's classic rules, so that each slot
// fires exactly once:
//   - a schedule with fixed hours ("30 2 * * *", "0 8 * * 1", @daily) fires
//     once per wall-clock slot: a slot that does not exist (the hour skipped
//     in spring) fires when the skipped hour ends, and a slot that exists
//     twice (the hour repeated in autumn) fires at its first occurrence only;
//   - a schedule running every hour ("*/15 * * * *", "0 * * * *") and
//     @every follow real time: the repeated hour gets its runs, and the
//     skipped hour has none.
func Cron(expr string, loc *time.Location) (river.PeriodicSchedule, error) {
	s, err := config.ParseSchedule(expr)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	if loc == nil {
		loc = time.UTC
	}
	spec, ok := s.(*cron.SpecSchedule)
	const allHours = 1<<24 - 1
	if !ok || spec.Hour&allHours == allHours {
		return realTime{s, loc}, nil
	}
	return wallClock{s, loc}, nil
}

// realTime evaluates a schedule in loc by real time.
type realTime struct {
	s   cron.Schedule
	loc *time.Location
}

// Next returns the first run after t.
func (z realTime) Next(t time.Time) time.Time { return z.s.Next(t.In(z.loc)) }

// wallClock evaluates a schedule on loc's wall clock: each matching wall
// time fires once.
type wallClock struct {
	s   cron.Schedule
	loc *time.Location
}

// Next returns the first run after t.
func (z wallClock) Next(t time.Time) time.Time {
	// Compute on the wall clock written as UTC (no DST there), then map
	// back to an instant in loc.
	w := asUTC(t.In(z.loc))
	for range 1000 { // a few iterations at most; bounded against surprises
		w = z.s.Next(w)
		if w.IsZero() {
			return w
		}
		if n := z.instant(w); n.After(t) {
			return n
		}
	}
	return time.Time{}
}

// instant maps wall time w (written as UTC) to the instant it first happens
// in loc; a wall time skipped by a DST change maps to the end of the gap.
func (z wallClock) instant(w time.Time) time.Time {
	n := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, z.loc)
	if !asUTC(n).Equal(w) {
		start, _ := n.ZoneBounds() // in the gap: the first instant after it
		return start
	}
	// In a repeated hour time.Date may pick either occurrence: take the first.
	_, offNow := n.Zone()
	_, offBefore := n.Add(-12 * time.Hour).Zone()
	if d := time.Duration(offBefore-offNow) * time.Second; d > 0 {
		if e := n.Add(-d); asUTC(e.In(z.loc)).Equal(w) {
			return e
		}
	}
	return n
}

// asUTC returns t's wall clock reading as the same reading in UTC.
func asUTC(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}
