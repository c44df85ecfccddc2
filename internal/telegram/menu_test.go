package telegram_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// TestCommandMenuPerLanguage checks the setMyCommands lists: one per
// language the bot speaks and one for everyone else (in English, the
// fallback for a client in a language the bot lacks, not the site's), the same commands in each, translated, and each one a command
// the bot answers.
func TestCommandMenuPerLanguage(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	want := append([]string{""}, i18n.Languages()...)
	h.waitFor("setMyCommands in every language", func() bool {
		return slices.Equal(h.fake.CommandLanguages(), want)
	})
	en := h.fake.CommandsFor("en")
	var names []string
	for _, c := range en {
		names = append(names, c.Command)
	}
	for _, must := range []string{"follow", "unfollow", "list", "export", "latest", "language", "stop", "help"} {
		if !slices.Contains(names, must) {
			t.Errorf("command %s missing from %v", must, names)
		}
	}
	desc := map[string]string{}
	for _, c := range en {
		desc[c.Command] = c.Description
	}
	if !strings.Contains(desc["follow"], "cities") || !strings.Contains(desc["follow"], "all") {
		t.Errorf("follow is described as %q: it takes several cities and all", desc["follow"])
	}
	for _, lang := range want {
		list := h.fake.CommandsFor(lang)
		var got []string
		for i, c := range list {
			got = append(got, c.Command)
			if lang != "en" && lang != "" && c.Description == en[i].Description {
				t.Errorf("%q: %s is described in English: %q", lang, c.Command, c.Description)
			}
		}
		if !slices.Equal(got, names) {
			t.Errorf("%q: commands %v, want %v", lang, got, names)
		}
	}
	if others := h.fake.CommandsFor(""); !slices.Equal(others, en) {
		t.Errorf("the list for everyone else is not in English: %v", others)
	}
	// Every command in the menu is one the bot answers.
	for _, name := range names {
		got := h.say(921, "/"+name)
		if strings.Contains(got.Text, "Diesen Befehl kenne ich nicht") {
			t.Errorf("/%s is in the menu but unknown to the bot", name)
		}
	}
}
