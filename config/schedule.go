package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// scheduleParser accepts 5-field cron expressions and descriptors
// (@hourly, @daily, @weekly, @monthly, @yearly, @every 10m).
var scheduleParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a schedule expression of config.yaml. The schedule
// computes times in the zone of the time it is given; see jobs.Cron for one
// bound to site.timezone.
func ParseSchedule(expr string) (cron.Schedule, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil, fmt.Errorf("empty schedule")
	}
	if strings.HasPrefix(expr, "TZ=") || strings.HasPrefix(expr, "CRON_TZ=") {
		return nil, fmt.Errorf("schedule %q: no time zone prefix, schedules run in site.timezone", expr)
	}
	s, err := scheduleParser.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %w (want 5 fields \"min hour day month weekday\" or @hourly, @daily, @weekly, @every 10m)", expr, err)
	}
	if rest, ok := strings.CutPrefix(expr, "@every "); ok {
		if every, _ := time.ParseDuration(strings.TrimSpace(rest)); every < time.Second {
			return nil, fmt.Errorf("schedule %q: @every needs at least 1s", expr)
		}
	}
	if s.Next(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero() {
		// robfig returns the zero time for dates that never occur (30 February).
		return nil, fmt.Errorf("schedule %q never fires", expr)
	}
	return s, nil
}
