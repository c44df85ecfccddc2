// Package i18n holds every text partnerfeed shows, writes or sends, one
// message file per language (locales/<code>.toml, go-i18n format with CLDR
// plural forms), the list of languages (the files), and the one fallback
// order: the requested language, then English, then the site's language.
// Dates and numbers are written per language. Pages, the bot, digests and
// the subscription pages all use it; adding a language is adding one file.
package i18n

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// English is the language every message exists in (the catalog test checks)
// and the first fallback.
const English = "en"

// Languages are the languages partnerfeed speaks, by code, in alphabetical
// order (the order of language switches and menus). They are the message
// files in locales/.
func Languages() []string { return slices.Clone(catalog.langs) }

// Supported reports whether code is one of Languages.
func Supported(code string) bool {
	_, ok := catalog.messages[code]
	return ok
}

// Base is the supported language of a BCP 47 tag ("fr-BE" → "fr", "tr_TR" →
// "tr"), or "" when partnerfeed does not speak it.
func Base(tag string) string {
	tag = strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	if tag == "" {
		return ""
	}
	if t, err := language.Parse(tag); err == nil {
		b, _ := t.Base()
		if Supported(b.String()) {
			return b.String()
		}
	}
	code := strings.ToLower(strings.SplitN(tag, "-", 2)[0])
	if Supported(code) {
		return code
	}
	return ""
}

// Pick chooses the language to speak by the fallback order: the requested
// language (a BCP 47 tag) when spoken, else English. With nothing requested
// it is the site's language when spoken, else English.
func Pick(requested, site string) string {
	if requested == "" {
		requested = site
	}
	for _, l := range Fallbacks(requested, site) {
		return l
	}
	return English
}

// Fallbacks is the fallback order for one message: the requested language,
// English, then the site's language, each once and only when spoken.
func Fallbacks(requested, site string) []string {
	var out []string
	for _, tag := range []string{requested, English, site} {
		if l := Base(tag); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// Name is the language's name in itself ("Türkçe"), for language switches.
func Name(code string) string { return T(code, "language.name") }
