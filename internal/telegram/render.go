package telegram

import (
	"html"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/translation"
)

// Telegram's limits, in UTF-16 code units of the visible text.
const (
	maxText    = 4096
	maxCaption = 1024
	maxTitle   = 300 // a longer scraped title is shortened
	maxLead    = 700 // a message is a teaser, not the article
)

// Rendered is an article as a Telegram message: Text (HTML) with Photo empty,
// or a Photo URL with Text as its caption.
type Rendered struct {
	Text  string
	Photo string
}

// piece is one part of a message, as HTML and as the user sees it.
type piece struct{ html, plain string }

// RenderArticle renders an article for a chat speaking lang: bold linked
// title, date, partner names, the lead shortened on a word boundary, and a
// link. Every scraped string is escaped; the visible text never exceeds
// Telegram's limit (4096, or 1024 for a photo caption).
func RenderArticle(a store.Article, partners []config.Partner, lang string, loc *time.Location) Rendered {
	r := Rendered{}
	limit := maxText
	if len(a.Images) > 0 && isHTTP(a.Images[0].URL) {
		r.Photo, limit = a.Images[0].URL, maxCaption
	}
	url := html.EscapeString(clean(a.URL))
	txt := translation.For(a, lang)
	title := shorten(clean(txt.Title), maxTitle)
	names := make([]string, len(partners))
	for i, p := range partners {
		names[i] = p.Name(lang)
	}
	meta := strings.Join(names, ", ")
	if !a.PublishedAt.IsZero() {
		if loc == nil {
			loc = time.UTC
		}
		meta = i18n.Date(lang, a.PublishedAt.In(loc)) + " · " + meta
	}
	if txt.Note != "" {
		meta += " · " + txt.Note
	}
	more := i18n.T(lang, "bot.read_more")
	parts := []piece{
		{`<b><a href="` + url + `">` + html.EscapeString(title) + `</a></b>`, title},
		{"\n" + html.EscapeString(meta), "\n" + meta},
		{"\n\n", "\n\n"},
		{`<a href="` + url + `">` + html.EscapeString(more) + `</a>`, more},
	}
	used := 0
	for _, p := range parts {
		used += utf16Len(p.plain)
	}
	lead := clean(a.Lead)
	if lead == "" {
		lead = clean(a.BodyText)
	}
	if txt.Translated {
		lead = clean(txt.Summary)
	}
	if budget := min(limit-used-2, maxLead); lead != "" && budget > 20 {
		lead = shorten(lead, budget)
		parts = append(parts[:3], piece{html.EscapeString(lead) + "\n\n", lead + "\n\n"}, parts[3])
	}
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.html)
	}
	r.Text = b.String()
	return r
}

// clean makes scraped text safe to measure and show: valid UTF-8, no control
// characters, runs of white space collapsed.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00AD' || unicode.IsControl(r):
			if r != '\u00AD' {
				space = b.Len() > 0
			}
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// shorten cuts s to at most n UTF-16 units, on a word boundary when one is
// near, ending with "…".
func shorten(s string, n int) string {
	if utf16Len(s) <= n {
		return s
	}
	runes := []rune(s)
	units, cut := 0, 0
	for i, r := range runes {
		units += utf16.RuneLen(r)
		if units > n-1 { // leave room for the ellipsis
			break
		}
		cut = i + 1
	}
	out := string(runes[:cut])
	if i := strings.LastIndexFunc(out, unicode.IsSpace); i > len(out)*2/3 {
		out = out[:i]
	}
	return strings.TrimRightFunc(out, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func isHTTP(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}
