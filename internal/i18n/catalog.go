package i18n

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed locales/*.toml
var localeFS embed.FS

// messages is the parsed catalog: the message files and what they hold.
type messages struct {
	bundle     *goi18n.Bundle
	langs      []string
	messages   map[string]map[string]*goi18n.Message // language → message id → message
	localizers map[string]*goi18n.Localizer
	printers   map[string]*message.Printer
}

// catalog is loaded once from the embedded files; a broken file stops the
// program at start (and fails every test), never later.
var catalog = mustLoad()

func mustLoad() *messages {
	c, err := load()
	if err != nil {
		panic(err)
	}
	return c
}

// load parses every file in locales/: the last part of its name before
// .toml is its language code ("de.toml", or "admin.de.toml" for one area's
// texts; all files of a language are one catalog, and an id defined twice
// is an error).
func load() (*messages, error) {
	c := &messages{bundle: goi18n.NewBundle(language.English), messages: map[string]map[string]*goi18n.Message{},
		localizers: map[string]*goi18n.Localizer{}, printers: map[string]*message.Printer{}}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := localeFS.ReadDir("locales")
	if err != nil {
		return nil, fmt.Errorf("i18n: read locales: %w", err)
	}
	for _, f := range files {
		name := "locales/" + f.Name()
		buf, err := localeFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("i18n: read %s: %w", name, err)
		}
		mf, err := c.bundle.ParseMessageFileBytes(buf, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
		}
		base := strings.TrimSuffix(path.Base(name), ".toml")
		code := base[strings.LastIndex(base, ".")+1:]
		byID, seen := c.messages[code]
		if !seen {
			byID = map[string]*goi18n.Message{}
			c.messages[code] = byID
			c.langs = append(c.langs, code)
			c.localizers[code] = goi18n.NewLocalizer(c.bundle, code)
			c.printers[code] = message.NewPrinter(language.Make(code))
		}
		for _, m := range mf.Messages {
			if _, dup := byID[m.ID]; dup {
				return nil, fmt.Errorf("i18n: %s: %q is defined in another file of %s too", name, m.ID, code)
			}
			byID[m.ID] = m
		}
	}
	slices.Sort(c.langs)
	if _, ok := c.messages[English]; !ok {
		return nil, fmt.Errorf("i18n: no locales/%s.toml", English)
	}
	return c, nil
}

// lookup is the first language of the fallback order (lang, then English)
// that has the message id.
func (c *messages) lookup(lang, id string) (string, bool) {
	for _, l := range Fallbacks(lang, "") {
		if _, ok := c.messages[l][id]; ok {
			return l, true
		}
	}
	return "", false
}

// Has reports whether message id exists (in English, so in every language).
func Has(id string) bool {
	_, ok := catalog.messages[English][id]
	return ok
}

// T is the message id in lang (a language of Languages; see Pick), or in its
// fallback, with args filled into its placeholders. Numbers are written as
// lang writes them. A message that exists nowhere gives its id.
func T(lang, id string, args ...any) string {
	l, ok := catalog.lookup(lang, id)
	if !ok {
		return id
	}
	s := catalog.messages[l][id].Other
	if len(args) == 0 {
		return s
	}
	return catalog.printers[l].Sprintf(s, args...)
}

// N is T for a message with plural forms: the form lang uses for the count
// n (CLDR rules), with args filled in (usually n itself among them).
func N(lang, id string, n int, args ...any) string {
	l, ok := catalog.lookup(lang, id)
	if !ok {
		return id
	}
	s, err := catalog.localizers[l].Localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n})
	if err != nil && s == "" {
		s = catalog.messages[l][id].Other
	}
	if len(args) == 0 {
		return s
	}
	return catalog.printers[l].Sprintf(s, args...)
}

// Messages are the plain messages under prefix (without it: "digest." gives
// {"read_more": …}) in lang, with English for those lang lacks. Templates
// that operators may replace reach the texts through them.
func Messages(lang, prefix string) map[string]string {
	out := map[string]string{}
	langs := Fallbacks(lang, "")
	slices.Reverse(langs)
	for _, l := range langs {
		for id, m := range catalog.messages[l] {
			if key, ok := strings.CutPrefix(id, prefix); ok && !strings.Contains(key, ".") {
				out[key] = m.Other
			}
		}
	}
	return out
}

// Words are the space-separated words of message id in every language
// together, lower-cased ("bot.all_words": all, alle, tous, tümü …): words a
// command may use whatever the chat's language.
func Words(id string) map[string]bool {
	out := map[string]bool{}
	for _, l := range catalog.langs {
		if m, ok := catalog.messages[l][id]; ok {
			for _, w := range strings.Fields(m.Other) {
				out[Lower(l, w)] = true
			}
		}
	}
	return out
}
