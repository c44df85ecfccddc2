package web

import (
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Languages are the page languages, in the order of the language switch.
var Languages = []string{"de", "en", "fr", "nl", "uk"}

// languageNames are the languages' names in themselves, for the switch.
var languageNames = map[string]string{
	"de": "Deutsch", "en": "English", "fr": "Français", "nl": "Nederlands", "uk": "Українська",
}

// matcher prefers English, then German, for languages the pages lack.
var matcher = language.NewMatcher([]language.Tag{
	language.English, language.German, language.French, language.Dutch, language.Ukrainian,
})

// supported reports whether lang is one of Languages.
func supported(lang string) bool {
	_, ok := messages[lang]
	return ok
}

// pageLanguage picks the page language: ?lang= first, then Accept-Language,
// then the site's language (English when the site's is not supported).
// explicit reports whether ?lang= chose it (links then carry it on).
func pageLanguage(r *http.Request, siteLang string) (lang string, explicit bool) {
	if l := r.URL.Query().Get("lang"); supported(l) {
		return l, true
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			tag, _, _ := matcher.Match(tags...)
			base, _ := tag.Base()
			if supported(base.String()) {
				return base.String(), false
			}
		}
	}
	if supported(siteLang) {
		return siteLang, false
	}
	return "en", false
}

// translate returns the message key in lang, formatted with args; English
// and then the key itself stand in for a missing message.
func translate(lang, key string, args ...any) string {
	msg, ok := messages[lang][key]
	if !ok {
		msg, ok = messages["en"][key]
	}
	if !ok {
		msg = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// countryName is the ISO 3166 region's name in lang ("" when unknown).
func countryName(lang, code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.Regions(language.Make(lang)).Name(region)
}

// flag is the emoji flag of a two-letter country code ("" otherwise).
func flag(code string) string {
	code = strings.ToUpper(code)
	if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
		return ""
	}
	return string([]rune{0x1F1E6 + rune(code[0]-'A'), 0x1F1E6 + rune(code[1]-'A')})
}

// dateLayouts are the short date formats of the page languages.
var dateLayouts = map[string]string{
	"de": "2.1.2006", "en": "2 Jan 2006", "fr": "02/01/2006", "nl": "2-1-2006", "uk": "02.01.2006",
}
