package cli

import (
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

func TestZonedScheduleAcrossDST(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	s, err := cron.ParseStandard("0 7 * * *")
	if err != nil {
		t.Fatal(err)
	}
	z := zonedSchedule{s, berlin}
	// River passes times in the process's zone (UTC here); 07:00 means Berlin time,
	// which is 06:00 UTC in winter and 05:00 UTC in summer.
	for _, tt := range []struct{ from, want time.Time }{
		{time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 5, 0, 0, 0, time.UTC)},
		{time.Date(2026, 10, 24, 12, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 6, 0, 0, 0, time.UTC)},
	} {
		if got := z.Next(tt.from); !got.Equal(tt.want) {
			t.Errorf("Next(%v) = %v, want %v", tt.from, got.UTC(), tt.want)
		}
	}
}
