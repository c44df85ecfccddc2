package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

func TestParseMuteDuration(t *testing.T) {
	good := map[string]time.Duration{
		"8h": 8 * time.Hour, "1d": 24 * time.Hour, "1h30m": 90 * time.Minute, "90m": 90 * time.Minute,
		"2d12h": 60 * time.Hour, "1w": 7 * 24 * time.Hour, "1m": time.Minute, "365d": 365 * 24 * time.Hour,
		"8H": 8 * time.Hour, "1w2d3h4m": (9*24+3)*time.Hour + 4*time.Minute, "0d1h": time.Hour,
	}
	for in, want := range good {
		if got, err := telegram.ParseMuteDuration(in); err != nil || got != want {
			t.Errorf("ParseMuteDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := []string{"", "h", "8", "-8h", "+8h", "1.5h", "8 h", " 8h", "8h ", "30s", "1ms", "0m", "0h", "366d", "53w",
		"1000000m", "1234567h", "30m1h", "1h1h", "8hours", "1d-1h", "eight", "８h", "1h30", "1y"}
	for _, in := range bad {
		if got, err := telegram.ParseMuteDuration(in); err == nil {
			t.Errorf("ParseMuteDuration(%q) = %v, want an error", in, got)
		}
	}
}

func FuzzParseMuteDuration(f *testing.F) {
	for _, s := range []string{"8h", "1d", "1h30m", "2d12h", "1w", "365d", "0m", "1.5h", "-1h", "30s", "1h1h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := telegram.ParseMuteDuration(s)
		if err != nil {
			return
		}
		if d < time.Minute || d > 365*24*time.Hour || d%time.Minute != 0 {
			t.Fatalf("ParseMuteDuration(%q) = %v: out of bounds or not whole minutes", s, d)
		}
		// Without days or weeks it is a Go duration, with the same value.
		if l := strings.ToLower(s); !strings.ContainsAny(l, "dw") {
			if g, err := time.ParseDuration(l); err != nil || g != d {
				t.Fatalf("ParseMuteDuration(%q) = %v, time.ParseDuration = %v, %v", s, d, g, err)
			}
		}
	})
}
