package telegram_test

import (
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// TestTurkish: "/language tr" switches a chat to Turkish, a user whose
// Telegram is set to Turkish (language_code tr) is answered in Turkish from
// the first message on, Turkish words work in commands ("tümü", "ve", upper
// case lowered by Turkish rules, "TAMAMI" is "tamamı", or by the general
// ones, "HEPSI" is "hepsi"), and the command menu exists for language_code tr.
func TestTurkish(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.waitFor("setMyCommands for tr", func() bool { return len(h.fake.CommandsFor("tr")) > 0 })
	for _, c := range h.fake.CommandsFor("tr") {
		if c.Command == "language" && c.Description != "Dili değiştirin" {
			t.Errorf("tr menu: /language is described as %q", c.Description)
		}
	}

	if got := h.say(1701, "/language tr"); !strings.Contains(got.Text, "Artık sizinle Türkçe konuşuyorum.") {
		t.Errorf("/language tr: %q", got.Text)
	}
	if got := h.say(1701, "/list"); !strings.Contains(got.Text, "Henüz hiçbir kardeş şehri takip etmiyorsunuz") {
		t.Errorf("/list after /language tr: %q", got.Text)
	}

	turkish := func(text string) telegramtest.Message {
		return h.ask(telegramtest.Incoming{ChatID: 1702, Text: text, LanguageCode: "tr"})
	}
	for _, c := range []struct{ text, want string }{
		{"/help", "/partners – şehirleri dokunarak seçin"},
		{"/follow Venlo ve Leiden", "Artık şu şehirleri takip ediyorsunuz"},
		{"/unfollow HEPSI", "Artık hiçbir kardeş şehri takip etmiyorsunuz."},
		// Turkish casing: "TAMAMI" is "tamamı" (dotless ı), not "tamami".
		{"/follow TAMAMI", "kardeş şehrin tümünü takip ediyorsunuz"},
		{"/unfollow TÜMÜ", "Artık hiçbir kardeş şehri takip etmiyorsunuz."},
		{"/nonsense", "Bu komutu bilmiyorum."},
	} {
		if got := turkish(c.text); !strings.Contains(got.HTML, c.want) {
			t.Errorf("%s (language_code tr): got %q, want %q in it", c.text, got.HTML, c.want)
		}
	}
}
