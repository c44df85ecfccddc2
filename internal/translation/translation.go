// Package translation decides what a reader sees of an article in the
// reader's language: the press office's translation when there is one,
// marked as such, else the original with its language named ("auf
// Deutsch", "in German"), never silently. Pages, digests and bot messages
// all ask it.
package translation

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Text is an article as a reader of one language sees it.
type Text struct {
	// Title, and Summary when Translated ("" otherwise: the renderer makes
	// its own summary of the original).
	Title, Summary string
	// Lang is the language Title is written in ("" when unknown).
	Lang string
	// Note says where the text comes from, in the reader's language: the
	// press office's translation, or the original's language; "" when the
	// article is written in the reader's language (or its language is
	// unknown).
	Note       string
	Translated bool
}

// For returns what a reader of lang (a language partnerfeed speaks) sees of a.
func For(a store.Article, lang string) Text {
	if t, ok := a.Translations[lang]; ok && t.Title != "" {
		return Text{Title: t.Title, Summary: t.Summary, Lang: lang, Translated: true,
			Note: i18n.T(lang, "article_text.by_press_office")}
	}
	txt := Text{Title: a.Title, Lang: a.Language}
	orig, err := language.Parse(a.Language)
	if err != nil || a.Language == "" {
		return txt
	}
	base, _ := orig.Base()
	reader, _ := language.Make(lang).Base()
	if base == reader {
		return txt
	}
	name := display.Languages(language.Make(lang)).Name(language.Make(base.String()))
	if name == "" {
		return txt
	}
	txt.Note = i18n.T(lang, "article_text.original", name)
	return txt
}
