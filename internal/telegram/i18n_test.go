package telegram

import (
	"strings"
	"testing"
)

// TestTextsComplete checks that every language has every message, with the
// same format verbs as the English one.
func TestTextsComplete(t *testing.T) {
	verbs := func(s string) string {
		var out []string
		for _, part := range strings.Split(s, "%")[1:] {
			if part != "" {
				out = append(out, part[:1])
			}
		}
		return strings.Join(out, "")
	}
	for _, lang := range Languages {
		for key, en := range texts["en"] {
			s, ok := texts[lang][key]
			if !ok {
				t.Errorf("%s: no %q", lang, key)
			} else if verbs(s) != verbs(en) {
				t.Errorf("%s %q: verbs %q, English has %q", lang, key, verbs(s), verbs(en))
			}
		}
		if len(texts[lang]) != len(texts["en"]) {
			t.Errorf("%s has %d messages, English %d", lang, len(texts[lang]), len(texts["en"]))
		}
	}
}
