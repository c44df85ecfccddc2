package telegram

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Bounds of a /mute duration.
const (
	minMute = time.Minute
	maxMute = 365 * 24 * time.Hour
)

// muteUnits are the units of a /mute duration, largest first.
var muteUnits = []struct {
	unit byte
	size time.Duration
}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}}

var errMuteDuration = errors.New("telegram: mute duration: want whole numbers of w, d, h or m, largest unit first (8h, 1d, 1h30m), from 1m to 365d")

// ParseMuteDuration reads a /mute duration strictly: Go-like parts of a
// whole number and a unit (w, d, h, m), largest unit first and each once,
// without signs, fractions or spaces: "8h", "1d", "1h30m", "2d12h". It
// must lie between a minute and 365 days.
func ParseMuteDuration(s string) (time.Duration, error) {
	rest := strings.ToLower(s)
	if rest == "" {
		return 0, errMuteDuration
	}
	var total time.Duration
	next := 0 // index in muteUnits of the largest unit still allowed
	for rest != "" {
		digits := 0
		for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
			digits++
		}
		if digits == 0 || digits > 6 || digits == len(rest) {
			return 0, errMuteDuration
		}
		n := 0
		for _, c := range rest[:digits] {
			n = n*10 + int(c-'0')
		}
		unit := rest[digits]
		i := next
		for i < len(muteUnits) && muteUnits[i].unit != unit {
			i++
		}
		if i == len(muteUnits) {
			return 0, errMuteDuration
		}
		total += time.Duration(n) * muteUnits[i].size
		if total > maxMute {
			return 0, fmt.Errorf("%w: %q is too long", errMuteDuration, s)
		}
		next, rest = i+1, rest[digits+1:]
	}
	if total < minMute {
		return 0, fmt.Errorf("%w: %q is too short", errMuteDuration, s)
	}
	return total, nil
}
