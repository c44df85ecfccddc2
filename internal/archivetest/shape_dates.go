package archivetest

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
	"time"
)

// berlin is the zone the German shapes show their times in.
var berlin = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
})

// london is the zone the English shape shows its times in.
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// Month names of the languages the shapes are written in.
var months = map[string][12]string{
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var weekdaysDE = [7]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}

// shapeFuncs format a release's time as the shapes' templates show it.
var shapeFuncs = template.FuncMap{
	// local formats t in Europe/Berlin with a Go layout.
	"local": func(layout string, t time.Time) string { return t.In(berlin()).Format(layout) },
	// uk formats t in Europe/London with a Go layout.
	"uk": func(layout string, t time.Time) string { return t.In(london()).Format(layout) },
	// utc formats t in UTC with a Go layout.
	"utc": func(layout string, t time.Time) string { return t.UTC().Format(layout) },
	// long is "12. Juni 2024" (de), "12 juni 2024" (nl, fr), "12 June 2024"
	// (en), in Europe/Berlin; longUTC the same in UTC.
	"long":    func(lang string, t time.Time) string { return longDate(lang, t.In(berlin())) },
	"longUTC": func(lang string, t time.Time) string { return longDate(lang, t.UTC()) },
	// rel is a listing href as a pager writes it: only its query ("?page=1"),
	// or the whole href when it has none.
	"rel": func(href string) string {
		if i := strings.Index(href, "?"); i >= 0 {
			return href[i:]
		}
		return href
	},
	// relative is an href without its leading slash (Contao's links,
	// resolved against <base href>).
	"relative": func(href string) string { return strings.TrimPrefix(href, "/") },
	// weekday is the German short weekday ("Mi.").
	"weekday": func(t time.Time) string { return weekdaysDE[t.In(berlin()).Weekday()] },
}

func longDate(lang string, t time.Time) string {
	sep := " "
	if lang == "de" {
		sep = ". "
	}
	return fmt.Sprintf("%d%s%s %d", t.Day(), sep, months[lang][t.Month()-1], t.Year())
}
