package web

import "testing"

func TestMessagesComplete(t *testing.T) {
	for _, lang := range Languages {
		for key := range messages["en"] {
			if messages[lang][key] == "" {
				t.Errorf("%s lacks %q", lang, key)
			}
		}
		if len(messages[lang]) != len(messages["en"]) {
			t.Errorf("%s has %d messages, en %d", lang, len(messages[lang]), len(messages["en"]))
		}
	}
}
