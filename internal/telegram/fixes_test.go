package telegram_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// A client whose language the bot lacks (Spanish) is answered in English,
// the fallback, not in the site's German.
func TestUnknownClientLanguageGetsEnglish(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	got := h.ask(telegramtest.Incoming{ChatID: 941, Text: "/start", LanguageCode: "es"})
	if !strings.Contains(got.Text, "Hello!") {
		t.Errorf("/start from a Spanish client: %q, want the English greeting", got.Text)
	}
	got = h.ask(telegramtest.Incoming{ChatID: 941, Text: "/help", LanguageCode: "es"})
	if !strings.Contains(got.Text, "/help – this text") {
		t.Errorf("/help to a Spanish client: %q", got.Text)
	}
	// A tap on a keyboard of a chat the bot forgot (/stop) is answered in
	// English too.
	menu := h.ask(telegramtest.Incoming{ChatID: 942, Text: "/partners", LanguageCode: "es"})
	h.ask(telegramtest.Incoming{ChatID: 942, Text: "/stop", LanguageCode: "es"})
	id := h.fake.UserPressesIn("es", 942, 942, menu.ID, "f:venlo")
	var answer string
	h.waitFor("the callback answer", func() bool {
		var ok bool
		answer, ok = h.fake.CallbackAnswer(id)
		return ok
	})
	if answer != "Following Venlo" {
		t.Errorf("a Spanish client's tap answered %q, want English", answer)
	}
}

// The greeting and /help name the city (site.city in the chat's language),
// not the site's title.
func TestGreetingNamesTheCity(t *testing.T) {
	h := newHarnessConfig(t, fastLimits, func(cfg *config.Config) {
		cfg.Site.Title = "Krefeld – Städtepartnerschaften"
		cfg.Site.City = map[string]string{"de": "Krefeld", "uk": "Крефельд"}
	})
	for _, c := range []struct {
		chat       int64
		lang, want string
	}{
		{951, "de", "Partnerstädte von Krefeld."},
		{952, "uk", "міста Крефельд."},
		{953, "fr", "villes jumelées avec Krefeld."},
	} {
		for _, cmd := range []string{"/start", "/help"} {
			got := h.ask(telegramtest.Incoming{ChatID: c.chat, Text: cmd, LanguageCode: c.lang})
			if !strings.Contains(got.Text, c.want) || strings.Contains(got.Text, "Städtepartnerschaften") {
				t.Errorf("%s in %s: %q, want it to contain %q and not the title", cmd, c.lang, got.Text, c.want)
			}
		}
	}
}

// helpLine is a command at the start of a line of /help.
var helpLine = regexp.MustCompile(`(?m)^/([a-z]+)`)

// /help lists every command of the menu, in the menu's order, "/help"
// last, in every language the bot speaks.
func TestHelpListsEveryCommandInMenuOrder(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.waitFor("the English command menu", func() bool { return len(h.fake.CommandsFor("en")) > 0 })
	var menu []string
	for _, c := range h.fake.CommandsFor("en") {
		menu = append(menu, c.Command)
	}
	for i, lang := range []string{"de", "en", "fr", "nl", "tr", "uk"} {
		got := h.ask(telegramtest.Incoming{ChatID: int64(961 + i), Text: "/help", LanguageCode: lang})
		var listed []string
		for _, m := range helpLine.FindAllStringSubmatch(got.Text, -1) {
			listed = append(listed, m[1])
		}
		if !slices.Equal(listed, menu) {
			t.Errorf("%s: /help lists %v, want the menu's %v", lang, listed, menu)
		}
	}
}

// The end of a mute names the site's time zone.
func TestMuteEndNamesTheTimeZone(t *testing.T) {
	for _, c := range []struct {
		zone string
		want *regexp.Regexp
	}{
		{"Europe/Berlin", regexp.MustCompile(`bis \d\d\.\d\d\.\d{4} \d\d:\d\d (CET|CEST)[.:]`)},
		{"Europe/Istanbul", regexp.MustCompile(`bis \d\d\.\d\d\.\d{4} \d\d:\d\d UTC\+03:00[.:]`)},
		{"UTC", regexp.MustCompile(`bis \d\d\.\d\d\.\d{4} \d\d:\d\d UTC[.:]`)},
	} {
		t.Run(c.zone, func(t *testing.T) {
			h := newHarnessConfig(t, fastLimits, func(cfg *config.Config) {
				loc, err := time.LoadLocation(c.zone)
				if err != nil {
					t.Fatal(err)
				}
				cfg.Site.Timezone, cfg.Location = c.zone, loc
			})
			if got := h.say(971, "/mute 8h"); !c.want.MatchString(got.Text) {
				t.Errorf("/mute 8h: %q, want %v", got.Text, c.want)
			}
			if got := h.say(971, "/list"); !c.want.MatchString(got.Text) {
				t.Errorf("/list: %q, want %v", got.Text, c.want)
			}
		})
	}
}

// When the OPML file cannot be sent, the user gets an answer saying so.
func TestExportFailureIsAnswered(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(981, "/follow Venlo")
	h.fake.FailCalls("sendDocument", 1, 400)
	got := h.say(981, "/export")
	if got.Method != "sendMessage" || !strings.Contains(got.Text, "/export") || !strings.Contains(got.Text, "OPML") {
		t.Fatalf("/export whose file failed answered %s %q, want a message saying so", got.Method, got.Text)
	}
	if again := h.say(981, "/export"); again.Method != "sendDocument" {
		t.Errorf("/export after the failure: %s %q, want the file", again.Method, again.Text)
	}
}
