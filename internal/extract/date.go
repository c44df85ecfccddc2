package extract

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	isoDate = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?`)
	numDate = regexp.MustCompile(`\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b`)
	txtDate = regexp.MustCompile(`(?i)\b(\d{1,2})(?:\.|er)?\s*(` + monthNames() + `)\.?\s+(\d{4})\b`)
	// clock follows a date: "16.30 Uhr", "16:30", "18:13:02", "- 13:05",
	// "à 18h45", "at 3:04pm"; a dotted time needs "Uhr".
	clock = regexp.MustCompile(`(?i)^[\s,]*(?:[-–|]\s*|um\s+|à\s+|at\s+|om\s+|о\s+)?(\d{1,2})(?::(\d{2})(?::(\d{2}))?(?:\s*(?:uhr|h)\b)?|\.(\d{2})\s*uhr|h(\d{2}))(\s*[ap]\.?m\b\.?)?`)
)

// months are the month names (and their usual abbreviations) in de, en, fr
// and nl, lower case.
var months = map[string]time.Month{
	"jan": 1, "januar": 1, "jänner": 1, "january": 1, "janvier": 1, "januari": 1,
	"feb": 2, "februar": 2, "february": 2, "février": 2, "fevrier": 2, "februari": 2,
	"mär": 3, "märz": 3, "maerz": 3, "mar": 3, "march": 3, "mars": 3, "maart": 3, "mrt": 3,
	"apr": 4, "april": 4, "avril": 4,
	"mai": 5, "may": 5, "mei": 5,
	"jun": 6, "juni": 6, "june": 6, "juin": 6,
	"jul": 7, "juli": 7, "july": 7, "juillet": 7,
	"aug": 8, "august": 8, "août": 8, "aout": 8, "augustus": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9,
	"okt": 10, "oktober": 10, "oct": 10, "october": 10, "octobre": 10,
	"nov": 11, "november": 11, "novembre": 11,
	"dez": 12, "dezember": 12, "dec": 12, "december": 12, "décembre": 12, "decembre": 12,
}

// monthNames is the alternation of the month names, longest first.
func monthNames() string {
	names := slices.Collect(maps.Keys(months))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	return strings.Join(names, "|")
}

// ParseDate finds the first full date in s and returns it as a time in loc
// (or at the explicit offset s gives). It understands ISO 8601 / RFC 3339,
// "24.11.2022", "24. November 2022", "Donnerstag, 24. Nov. 2022", with an
// optional following time ("16.30 Uhr", "18:13:02 CET"), and any extra Go
// layouts given. Dates without a year ("21. November") are not dates here.
func ParseDate(s string, loc *time.Location, layouts ...string) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	for _, l := range layouts {
		if l == "" {
			continue
		}
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	best, bestAt := time.Time{}, -1
	try := func(at int, t time.Time, ok bool) {
		if ok && (bestAt < 0 || at < bestAt) {
			best, bestAt = t, at
		}
	}
	if m := isoDate.FindStringSubmatchIndex(s); m != nil {
		t, ok := isoTime(s, m, loc)
		try(m[0], t, ok)
	}
	if m := numDate.FindStringSubmatchIndex(s); m != nil {
		t, ok := dayTime(s, m, atoiSub(s, m, 3), time.Month(atoiSub(s, m, 2)), atoiSub(s, m, 1), loc)
		try(m[0], t, ok)
	}
	if m := txtDate.FindStringSubmatchIndex(s); m != nil {
		mon := months[strings.ToLower(s[m[4]:m[5]])]
		t, ok := dayTime(s, m, atoiSub(s, m, 3), mon, atoiSub(s, m, 1), loc)
		try(m[0], t, ok)
	}
	return best, bestAt >= 0
}

func atoiSub(s string, m []int, i int) int {
	if m[2*i] < 0 {
		return 0
	}
	n, _ := strconv.Atoi(s[m[2*i]:m[2*i+1]])
	return n
}

// dayTime builds the date, with the clock time that follows it, if any.
func dayTime(s string, m []int, y int, mon time.Month, d int, loc *time.Location) (time.Time, bool) {
	h, mi, sec := 0, 0, 0
	if c := clock.FindStringSubmatchIndex(s[m[1]:]); c != nil {
		rest := s[m[1]:]
		h = atoiSub(rest, c, 1)
		switch {
		case c[8] >= 0:
			mi = atoiSub(rest, c, 4)
		case c[10] >= 0:
			mi = atoiSub(rest, c, 5)
		default:
			mi, sec = atoiSub(rest, c, 2), atoiSub(rest, c, 3)
		}
		if c[12] >= 0 && h <= 12 { // 12-hour clock
			pm := strings.Contains(strings.ToLower(rest[c[12]:c[13]]), "p")
			h %= 12
			if pm {
				h += 12
			}
		}
		if h > 23 || mi > 59 || sec > 59 {
			h, mi, sec = 0, 0, 0
		}
	}
	return valid(y, mon, d, h, mi, sec, loc)
}

func isoTime(s string, m []int, loc *time.Location) (time.Time, bool) {
	y, mon, d := atoiSub(s, m, 1), time.Month(atoiSub(s, m, 2)), atoiSub(s, m, 3)
	h, mi, sec := atoiSub(s, m, 4), atoiSub(s, m, 5), atoiSub(s, m, 6)
	if h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	if m[14] >= 0 {
		if z := s[m[14]:m[15]]; z == "Z" {
			loc = time.UTC
		} else {
			z = strings.ReplaceAll(z, ":", "")
			oh, _ := strconv.Atoi(z[1:3])
			om, _ := strconv.Atoi(z[3:5])
			off := oh*3600 + om*60
			if z[0] == '-' {
				off = -off
			}
			loc = time.FixedZone("", off)
		}
	}
	return valid(y, mon, d, h, mi, sec, loc)
}

// valid rejects impossible dates (31.02.) and years outside any press archive.
func valid(y int, mon time.Month, d, h, mi, sec int, loc *time.Location) (time.Time, bool) {
	if y < 1990 || y > 2100 || mon < 1 || mon > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, mon, d, h, mi, sec, 0, loc)
	if t.Day() != d || t.Month() != mon {
		return time.Time{}, false
	}
	return t, true
}
