package web

import (
	"net/http"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// pageLanguage picks the page language: ?lang= first, then Accept-Language
// (its first language partnerfeed speaks, else English), then the site's
// language (see i18n.Pick). explicit reports whether ?lang= chose it (links
// then carry it on).
func pageLanguage(r *http.Request, siteLang string) (lang string, explicit bool) {
	if l := r.URL.Query().Get("lang"); i18n.Supported(l) {
		return l, true
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			for _, t := range tags {
				if l := i18n.Base(t.String()); l != "" {
					return l, false
				}
			}
			return i18n.English, false
		}
	}
	return i18n.Pick("", siteLang), false
}

// translate returns the page message key in lang, formatted with args.
func translate(lang, key string, args ...any) string { return i18n.T(lang, "web."+key, args...) }

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
