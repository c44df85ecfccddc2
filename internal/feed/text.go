package feed

import (
	"strings"
	"unicode/utf8"
)

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// cleanText makes s valid UTF-8 with only characters XML 1.0 allows: invalid
// bytes are dropped and forbidden control characters (a form feed, say)
// become spaces, so that words they separated stay apart.
func cleanText(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "") {
		if xmlChar(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// oneLine cleans s and collapses every run of white space into one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// summaryRunes is the length of a summary cut out of the body text.
const summaryRunes = 300

// summarize is a plain-text summary: the lead, or the start of the body text
// cut at a word boundary.
func summarize(lead, body string) string {
	if s := oneLine(lead); s != "" {
		return s
	}
	s := oneLine(body)
	if utf8.RuneCountInString(s) <= summaryRunes {
		return s
	}
	cut := []rune(s)[:summaryRunes]
	if i := strings.LastIndexByte(string(cut), ' '); i > summaryRunes/2 {
		return string(cut)[:i] + " …"
	}
	return string(cut) + "…"
}
