package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// TestRenderTranslation: a chat speaking the translation's language gets the
// press office's title and summary, marked; another gets the original with
// its language named; a chat in the original's language gets no note.
func TestRenderTranslation(t *testing.T) {
	a := store.Article{Title: "Besuch aus Venlo", Lead: "Eine Delegation kam.", Language: "de", URL: "https://example.org/a",
		PublishedAt:  time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		Translations: map[string]store.Translation{"nl": {Lang: "nl", Title: "Bezoek uit Venlo", Summary: "Een delegatie kwam."}}}
	for lang, want := range map[string][]string{
		"nl": {"Bezoek uit Venlo", "Een delegatie kwam.", "Vertaling van de persdienst"},
		"en": {"Besuch aus Venlo", "Eine Delegation kam.", "in German"},
		"de": {"Besuch aus Venlo", "Eine Delegation kam."},
	} {
		text := telegram.RenderArticle(a, testPartners()[:1], lang, time.UTC).Text
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q lacks %q", lang, text, w)
			}
		}
		if lang == "de" && (strings.Contains(text, "Pressestelle") || strings.Contains(text, "auf Deutsch")) {
			t.Errorf("de: a note on an article in the chat's language: %q", text)
		}
	}
}
