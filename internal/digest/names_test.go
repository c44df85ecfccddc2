package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A French digest opens with the city's name (site.city), not the site's
// title, and its subject starts with the French title (site.titles).
func TestDigestNamesTheCity(t *testing.T) {
	cfg := testConfig(2525)
	cfg.Site.Title = "Krefeld – Städtepartnerschaften"
	cfg.Site.Titles = map[string]string{"fr": "Krefeld – Villes jumelées"}
	cfg.Site.City = map[string]string{"de": "Krefeld"}
	svc, err := digest.New(cfg, nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := svc.DigestRecipient("dunkerque-office")
	m, err := svc.Render(r, time.Date(2026, 11, 23, 8, 0, 0, 0, cfg.Location),
		[]store.Article{{Title: "T", URL: "https://x.example/"}}, "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{m.Text, m.HTML} {
		for _, want := range []string{"Nouvelles de Krefeld sur Dunkerque", "Tout ce que Krefeld a publié sur Dunkerque",
			"en accord avec Krefeld."} {
			if !strings.Contains(part, want) {
				t.Errorf("digest lacks %q:\n%s", want, part)
			}
		}
		if strings.Contains(part, "Städtepartnerschaften") {
			t.Errorf("the German title is in the French digest:\n%s", part)
		}
	}
	if !strings.HasPrefix(m.Subject, "Krefeld – Villes jumelées – Dunkerque") {
		t.Errorf("subject %q", m.Subject)
	}
}
