package i18n

import (
	"strings"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Date is t's day in lang's short form ("24.11.2026", "24 Nov 2026").
func Date(lang string, t time.Time) string { return formatDate(lang, "date.short", t) }

// LongDate is t's day in lang's long form, the month by its name
// ("24. November 2026", "24 Kasım 2026").
func LongDate(lang string, t time.Time) string { return formatDate(lang, "date.long", t) }

// formatDate formats t with the Go layout of message id, replacing the
// English month name with lang's (message date.months).
func formatDate(lang, id string, t time.Time) string {
	s := t.Format(T(lang, id))
	if !strings.Contains(T(lang, id), "January") {
		return s
	}
	months := strings.Split(T(lang, "date.months"), ",")
	if len(months) != 12 {
		return s
	}
	return strings.Replace(s, t.Month().String(), strings.TrimSpace(months[t.Month()-1]), 1)
}

// Number is n as lang writes it ("12.345" in German, "12,345" in English).
func Number(lang string, n int) string {
	return catalog.printers[Pick(lang, English)].Sprint(n)
}

// Lower lower-cases s by lang's rules (Turkish: "İ" → "i", "I" → "ı").
func Lower(lang, s string) string { return cases.Lower(tag(lang)).String(s) }

// Upper upper-cases s by lang's rules (Turkish: "i" → "İ", "ı" → "I").
func Upper(lang, s string) string { return cases.Upper(tag(lang)).String(s) }

// tag is lang's language tag (und when lang is no tag).
func tag(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil {
		return language.Und
	}
	return t
}
