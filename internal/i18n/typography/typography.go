// Package typography checks French punctuation spacing: a non-breaking space
// (U+00A0) before ":", ";", "!" and "?" and inside « », never an ordinary
// space or none. Tests run every French text through it: the catalog, and
// rendered mails and pages.
package typography

import (
	"fmt"
	"strings"
	"unicode"
)

// NBSP is the non-breaking space French punctuation takes.
const NBSP = '\u00a0'

// French returns one line per spacing fault in s ("« %s»: no non-breaking
// space before »"), none when s is right. Colons in URLs ("https://") and
// times ("16:30"), and "?" starting a URL query, are not punctuation.
func French(s string) []string {
	var faults []string
	runes := []rune(s)
	for i, r := range runes {
		prev, next := at(runes, i-1), at(runes, i+1)
		switch r {
		case ':', ';', '!', '?':
			if notPunctuation(runes, i) || prev == NBSP || i == 0 {
				continue
			}
			faults = append(faults, fmt.Sprintf("%s: no non-breaking space before %q", context(runes, i), r))
		case '«':
			if next != NBSP {
				faults = append(faults, fmt.Sprintf("%s: no non-breaking space after «", context(runes, i)))
			}
		case '»':
			if prev != NBSP {
				faults = append(faults, fmt.Sprintf("%s: no non-breaking space before »", context(runes, i)))
			}
		}
	}
	return faults
}

// notPunctuation: a URL's scheme or port colon, a time, a query's "?", an
// exclamation in "<!" (markup), repeated marks ("?!" — checked at the first).
func notPunctuation(runes []rune, i int) bool {
	prev, next := at(runes, i-1), at(runes, i+1)
	if strings.ContainsRune(":;!?", prev) && prev != runes[i] {
		return true
	}
	switch runes[i] {
	case ':':
		if next == '/' || unicode.IsDigit(prev) && unicode.IsDigit(next) {
			return true
		}
		// A URL scheme without slashes (mailto:, tg:) or a port: no space around.
		return !unicode.IsSpace(next) && next != 0 && next != '<' && !strings.ContainsRune("\"'\n", next)
	case '?':
		return !unicode.IsSpace(prev) && prev != NBSP && (unicode.IsLetter(next) || next == '=')
	case '!':
		return prev == '<'
	}
	return false
}

func at(runes []rune, i int) rune {
	if i < 0 || i >= len(runes) {
		return 0
	}
	return runes[i]
}

// context is the text around position i, for messages.
func context(runes []rune, i int) string {
	from, to := max(i-20, 0), min(i+10, len(runes))
	return fmt.Sprintf("%q", string(runes[from:to]))
}
