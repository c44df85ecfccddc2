package digest_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n/typography"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// The French mails (the confirmation, a digest) put a non-breaking space
// before : ; ! ? in their subjects and texts ("Confirmer l’abonnement:" was
// the reported case), the embedded templates' own labels included.
func TestFrenchMailTypography(t *testing.T) {
	cfg := testConfig(2525)
	cfg.Site.ImprintURL = "https://city.example/impressum"
	svc, err := digest.New(cfg, nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	sub := store.EmailSubscriber{ID: 7, Email: "a@example.org", Language: "fr", Schedule: "weekly",
		Partners: []string{"duenkirchen"}, CreatedAt: time.Now()}
	confirm, err := svc.RenderConfirm(sub)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := svc.DigestRecipient("dunkerque-office")
	issue, err := svc.Render(r, time.Date(2026, 11, 23, 8, 0, 0, 0, cfg.Location),
		[]store.Article{{Title: "Visite", URL: "https://city.example/a", Lead: "Une visite.", PublishedAt: time.Now(),
			Tags: []store.Tag{{Partner: "duenkirchen"}}}}, "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"confirmation subject": confirm.Subject, "confirmation": confirm.Text,
		"digest subject": issue.Subject, "digest": issue.Text} {
		for _, fault := range typography.French(text) {
			t.Errorf("%s: %s", name, fault)
		}
	}
}
