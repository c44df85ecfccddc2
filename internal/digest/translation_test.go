package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestDigestTranslation: a French digest shows the press office's French
// translation, marked, and names the language of an untranslated article;
// in both parts of the mail.
func TestDigestTranslation(t *testing.T) {
	svc, err := digest.New(testConfig(2525), nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := svc.DigestRecipient("dunkerque-office")
	r.Language = "fr"
	slot := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	arts := []store.Article{
		{Title: "Besuch aus Dünkirchen", Lead: "Eine Delegation …", Language: "de", URL: "https://x.example/1", PublishedAt: slot,
			Translations: map[string]store.Translation{"fr": {Lang: "fr", Title: "Visite de Dunkerque", Summary: "Une délégation …"}}},
		{Title: "Stadtfest", Lead: "Am Wochenende …", Language: "de", URL: "https://x.example/2", PublishedAt: slot},
	}
	m, err := svc.Render(r, slot, arts, "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	for part, body := range map[string]string{"text": m.Text, "html": m.HTML} {
		for _, want := range []string{"Visite de Dunkerque", "Une délégation", "Traduction du service de presse", "Stadtfest", "en allemand"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s part lacks %q", part, want)
			}
		}
		if strings.Contains(body, "Besuch aus Dünkirchen") || strings.Contains(body, "Eine Delegation") {
			t.Errorf("%s part shows the original of the translated article", part)
		}
	}
}
