package telegramtest_test

import (
	"html"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// FuzzParseHTML: the parser never panics, and escaped text always parses back to itself.
func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a < b", "&amp;", `<a href="x">y</a>`, "<span class=tg-spoiler>", "&#x1F600;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		telegramtest.ParseHTML(s)
		got, err := telegramtest.ParseHTML(html.EscapeString(s))
		if err == nil && got != s {
			t.Fatalf("escaped %q parsed to %q", s, got)
		}
	})
}
