package telegram_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

func TestQuietHours(t *testing.T) {
	q, err := telegram.ParseQuietHours("22:00-07:00")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2026, 3, 29, h, m, 0, 0, time.UTC) }
	for _, c := range []struct {
		t    time.Time
		want bool
	}{{at(21, 59), false}, {at(22, 0), true}, {at(3, 0), true}, {at(6, 59), true}, {at(7, 0), false}, {at(12, 0), false}} {
		if got := q.Contains(c.t); got != c.want {
			t.Errorf("%s: %v, want %v", c.t.Format("15:04"), got, c.want)
		}
	}
	day, _ := telegram.ParseQuietHours("12:00-14:00")
	if !day.Contains(at(13, 0)) || day.Contains(at(15, 0)) {
		t.Error("a window within one day")
	}
	for _, bad := range []string{"22-07", "25:00-07:00", "22:00", "abends"} {
		if _, err := telegram.ParseQuietHours(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
