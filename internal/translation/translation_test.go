package translation

import (
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

func TestFor(t *testing.T) {
	a := store.Article{Title: "Besuch aus Venlo", Language: "de-DE", Translations: map[string]store.Translation{
		"fr": {Lang: "fr", Title: "Visite de Venlo", Summary: "Une délégation…"}}}
	for _, c := range []struct {
		lang, title, summary, note string
		translated                 bool
	}{
		{"fr", "Visite de Venlo", "Une délégation…", "Traduction du service de presse", true},
		{"en", "Besuch aus Venlo", "", "in German", false},
		{"nl", "Besuch aus Venlo", "", "in het Duits", false},
		{"de", "Besuch aus Venlo", "", "", false},
	} {
		got := For(a, c.lang)
		if got.Title != c.title || got.Summary != c.summary || got.Note != c.note || got.Translated != c.translated {
			t.Errorf("%s: %+v", c.lang, got)
		}
	}
	if got := For(store.Article{Title: "x"}, "en"); got.Note != "" {
		t.Errorf("unknown language named: %+v", got)
	}
	if got := For(store.Article{Title: "x", Language: "en"}, "de"); got.Note != "auf Englisch" {
		t.Errorf("English for a German reader: %q", got.Note)
	}
}
