package digest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Slots are cron times in the site's zone, across both DST changes.
func TestScheduleSlots(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	weekly, err := digest.ParseSchedule("0 8 * * 1", berlin)
	if err != nil {
		t.Fatal(err)
	}
	daily, _ := digest.ParseSchedule("0 7 * * *", berlin)
	for _, c := range []struct {
		name string
		s    digest.Schedule
		at   time.Time
		want time.Time
	}{
		{"weekly, mid-week", weekly, time.Date(2026, 11, 25, 12, 0, 0, 0, berlin), time.Date(2026, 11, 23, 8, 0, 0, 0, berlin)},
		{"weekly, at the slot", weekly, time.Date(2026, 11, 23, 8, 0, 0, 0, berlin), time.Date(2026, 11, 23, 8, 0, 0, 0, berlin)},
		{"weekly, just before", weekly, time.Date(2026, 11, 23, 7, 59, 0, 0, berlin), time.Date(2026, 11, 16, 8, 0, 0, 0, berlin)},
		{"daily, caller in UTC", daily, time.Date(2026, 3, 29, 6, 30, 0, 0, time.UTC), time.Date(2026, 3, 29, 7, 0, 0, 0, berlin)},
		{"daily, after spring DST", daily, time.Date(2026, 3, 30, 5, 30, 0, 0, time.UTC), time.Date(2026, 3, 30, 7, 0, 0, 0, berlin)},
		{"daily, after autumn DST", daily, time.Date(2026, 10, 26, 6, 30, 0, 0, time.UTC), time.Date(2026, 10, 26, 7, 0, 0, 0, berlin)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.s.Slot(c.at); !got.Equal(c.want) {
				t.Errorf("Slot(%s) = %s, want %s", c.at, got.In(berlin), c.want)
			}
		})
	}
	if _, err := digest.ParseSchedule("61 * * * *", berlin); err == nil {
		t.Error("bad cron accepted")
	}
}

// Templates in email.templates replace the embedded ones, file by file.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "digest.txt"), []byte("CUSTOM {{len .Items}} {{.Subject}}\n"), 0o644)
	cfg := testConfig(2525)
	cfg.Email.Templates = dir
	svc, err := digest.New(cfg, nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := svc.DigestRecipient("dunkerque-office")
	m, err := svc.Render(r, time.Date(2026, 11, 23, 8, 0, 0, 0, cfg.Location), []store.Article{{Title: "T", URL: "https://x.example/"}}, "a@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(m.Text, "CUSTOM 1 Krefeld – Dunkerque\u00a0: 1 nouvelle (semaine 48)") || !strings.Contains(m.HTML, "Lire la suite") {
		t.Errorf("override not applied to text only:\n%s\n%s", m.Text, m.HTML)
	}
	os.WriteFile(filepath.Join(dir, "digest.html"), []byte("{{.Broken"), 0o644)
	if _, err := digest.New(cfg, nil, quietLog()); err == nil {
		t.Error("a broken template was accepted")
	}
}

// The same issue renders to the same Message-ID and content; a slot differs.
func TestRenderStable(t *testing.T) {
	svc, err := digest.New(testConfig(2525), nil, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	r, _ := svc.DigestRecipient("dunkerque-office")
	slot := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	arts := []store.Article{{Title: "T", URL: "https://x.example/", PublishedAt: slot}}
	a, _ := svc.Render(r, slot, arts, "a@example.org")
	b, _ := svc.Render(r, slot, arts, "a@example.org")
	c, _ := svc.Render(r, slot.Add(time.Hour), arts, "a@example.org")
	if a.MessageID != b.MessageID || a.HTML != b.HTML || a.Text != b.Text || a.MessageID == c.MessageID {
		t.Errorf("message ids %q %q %q", a.MessageID, b.MessageID, c.MessageID)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, mutate := range map[string]func(*config.Config){
		"short secret":    func(c *config.Config) { c.Site.Secret = "short" },
		"bad from":        func(c *config.Config) { c.Email.From = "not an address" },
		"bad tls":         func(c *config.Config) { c.Email.SMTP.TLS = "maybe" },
		"bad schedule":    func(c *config.Config) { c.Email.Digests[0].Schedule = "every monday" },
		"unknown partner": func(c *config.Config) { c.Email.Digests[0].Partners = []string{"atlantis"} },
	} {
		cfg := testConfig(2525)
		mutate(&cfg)
		if _, err := digest.New(cfg, nil, quietLog()); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzVerifyToken(f *testing.F) {
	s := digest.NewSigner("a-test-secret-of-enough-length")
	f.Add(s.Sign(digest.Token{Purpose: digest.PurposeConfirm, Recipient: "subscriber:1", Expires: 1 << 40}))
	f.Add("e30.AAAA")
	f.Add("")
	f.Fuzz(func(t *testing.T, tok string) {
		got, err := s.Verify(tok, digest.PurposeConfirm, time.Unix(0, 0))
		if err != nil {
			return
		}
		// Only the signer makes valid MACs: whatever verifies is exactly what it signed.
		if s.Sign(got) != tok || got.Purpose != digest.PurposeConfirm {
			t.Errorf("verified a token that does not round-trip: %q", tok)
		}
	})
}
