package jobs

import (
	"testing"
	"time"
)

// TestCronAcrossDST walks schedules over both daylight-saving changes of
// Europe/Berlin in 2026 (29 March 02:00 CET -> 03:00 CEST; 25 October
// 03:00 CEST -> 02:00 CET) and checks every run, so that a slot fired twice
// or missed shows as a wrong list.
func TestCronAcrossDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		name, expr string
		from       time.Time // a local time in Berlin
		want       []string  // runs in UTC
	}{
		{"daily in the skipped hour runs when it ends", "30 2 * * *", time.Date(2026, 3, 27, 12, 0, 0, 0, berlin),
			[]string{"2026-03-28 01:30", "2026-03-29 01:00", "2026-03-30 00:30"}},
		{"daily in the repeated hour runs once", "30 2 * * *", time.Date(2026, 10, 23, 12, 0, 0, 0, berlin),
			[]string{"2026-10-24 00:30", "2026-10-25 00:30", "2026-10-26 01:30"}},
		{"daily after the change, spring", "0 3 * * *", time.Date(2026, 3, 28, 12, 0, 0, 0, berlin),
			[]string{"2026-03-29 01:00", "2026-03-30 01:00"}},
		{"daily after the change, autumn", "0 3 * * *", time.Date(2026, 10, 24, 12, 0, 0, 0, berlin),
			[]string{"2026-10-25 02:00", "2026-10-26 02:00"}},
		{"weekly digest keeps 08:00 local", "0 8 * * 1", time.Date(2026, 3, 20, 12, 0, 0, 0, berlin),
			[]string{"2026-03-23 07:00", "2026-03-30 06:00", "2026-04-06 06:00"}},
		{"@daily is local midnight", "@daily", time.Date(2026, 10, 24, 12, 0, 0, 0, berlin),
			[]string{"2026-10-24 22:00", "2026-10-25 23:00"}},
		{"every 30 minutes follows real time, spring", "*/30 * * * *", time.Date(2026, 3, 29, 1, 10, 0, 0, berlin),
			[]string{"2026-03-29 00:30", "2026-03-29 01:00", "2026-03-29 01:30"}},
		{"hourly runs in both repeated hours", "0 * * * *", time.Date(2026, 10, 25, 1, 10, 0, 0, berlin),
			[]string{"2026-10-25 00:00", "2026-10-25 01:00", "2026-10-25 02:00"}},
		{"@every is a constant delay", "@every 10m", time.Date(2026, 10, 25, 1, 55, 0, 0, berlin),
			[]string{"2026-10-25 00:05", "2026-10-25 00:15"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Cron(c.expr, berlin)
			if err != nil {
				t.Fatal(err)
			}
			// River passes times in the process's zone: the result must not depend on it.
			tokyo, _ := time.LoadLocation("Asia/Tokyo")
			for _, zone := range []*time.Location{time.UTC, tokyo, berlin} {
				at := c.from.In(zone)
				for i, w := range c.want {
					at = s.Next(at)
					if !at.Equal(utc(w)) {
						t.Fatalf("from %v in %v, run %d: got %v, want %s UTC", c.from, zone, i, at.UTC(), w)
					}
				}
			}
		})
	}
}

func TestCronRejectsBadExpressions(t *testing.T) {
	for _, expr := range []string{"", "* * * *", "61 * * * *", "@fortnightly", "@every 0s", "CRON_TZ=UTC 0 8 * * *"} {
		if _, err := Cron(expr, time.UTC); err == nil {
			t.Errorf("Cron(%q): want an error", expr)
		}
	}
}
