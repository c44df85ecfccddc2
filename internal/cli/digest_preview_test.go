package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// previewFolder writes a config with a weekly French office digest and the
// citizen schedules daily and weekly, on mailpit, and stores n articles
// about duenkirchen.
func previewFolder(t *testing.T, mp *mailpittest.Server, n int) (string, *store.Store) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(fmt.Sprintf(`site:
  title: Krefeld
  base_url: "https://city.example"
  timezone: Europe/Berlin
  secret: "a-test-secret-of-enough-length"
storage: {dsn: pf.db}
partners:
  - slug: duenkirchen
    names: {de: Dünkirchen, fr: Dunkerque, uk: Дюнкерк}
  - slug: venlo
    names: {de: Venlo}
email:
  smtp: {host: 127.0.0.1, port: %d, tls: none}
  from: "Stadt Krefeld <presse@city.example>"
  subscriber_schedules: {daily: "0 7 * * *", weekly: "0 7 * * 1"}
  digests:
    - name: dunkerque-office
      to: [jumelage@dunkerque.example]
      partners: [duenkirchen]
      language: fr
      schedule: "0 8 * * 1"
`, mp.SMTPPort)), 0o644)
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", filepath.Join(dir, "pf.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := store.Article{Source: "x", URL: fmt.Sprintf("https://city.example/a%d", i),
			Title: fmt.Sprintf("Visite de Dunkerque %d", i), PublishedAt: time.Now().Add(-time.Hour)}
		if _, err := st.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if _, err := st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "duenkirchen", Score: 1}}); err != nil {
			t.Fatal(err)
		}
	}
	return path, st
}

// `digest --to` names the count with the plural form of the digest's
// language, dates the mail when it is sent (not at the next slot) and gives
// each preview its own Message-ID.
func TestDigestToPluralDateMessageID(t *testing.T) {
	mp := mailpittest.Start(t)
	path, _ := previewFolder(t, mp, 1)
	var out, errOut bytes.Buffer
	before := time.Now().Add(-time.Second)
	for range 2 {
		if code := Run([]string{"digest", "--config", path, "--name", "dunkerque-office", "--to", "editor@city.example"}, &out, &errOut); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
	after := time.Now().Add(time.Second)
	if want := "(1 nouvelle)"; !strings.Contains(out.String(), want) {
		t.Errorf("output %q lacks %q", out.String(), want)
	}
	msgs := mp.Messages()
	if len(msgs) != 2 {
		t.Fatalf("sent %d messages, want 2", len(msgs))
	}
	ids := map[string]bool{}
	for _, m := range msgs {
		h := mp.Headers(m.ID)
		date, err := mail.ParseDate(strings.Join(h["Date"], ""))
		if err != nil {
			t.Fatalf("Date %q: %v", h["Date"], err)
		}
		if date.Before(before.Truncate(time.Second)) || date.After(after) {
			t.Errorf("dated %v, want the time it was sent (%v – %v)", date, before, after)
		}
		if m.MessageID == "" || ids[m.MessageID] {
			t.Errorf("Message-ID %q is empty or not its own", m.MessageID)
		}
		ids[m.MessageID] = true
	}
}

// The count printed by `digest --to` takes every plural form of every language.
func TestDigestToPluralEveryLanguage(t *testing.T) {
	mp := mailpittest.Start(t)
	path, _ := previewFolder(t, mp, 3)
	for _, lang := range i18n.Languages() {
		var out, errOut bytes.Buffer
		code := Run([]string{"digest", "--config", path, "--frequency", "daily", "--partner", "duenkirchen",
			"--lang", lang, "--to", "editor@city.example"}, &out, &errOut)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, errOut.String())
		}
		if want := "(" + i18n.N(lang, "digest.items", 3, 3) + ")"; !strings.Contains(out.String(), want) {
			t.Errorf("%s: output %q lacks %q", lang, out.String(), want)
		}
	}
}

// A citizen digest (a frequency, partners, a language) can be previewed:
// what a citizen subscribing now would get first, in its language; nothing
// is stored or marked.
func TestDigestCitizenPreview(t *testing.T) {
	mp := mailpittest.Start(t)
	path, st := previewFolder(t, mp, 2)
	var out, errOut bytes.Buffer
	code := Run([]string{"digest", "--config", path, "--frequency", "weekly", "--partner", "duenkirchen",
		"--lang", "uk", "--to", "citizen@example.org"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	msgs := mp.Messages()
	if len(msgs) != 1 || msgs[0].To[0].Address != "citizen@example.org" {
		t.Fatalf("sent %+v", msgs)
	}
	full := mp.Message(msgs[0].ID)
	for _, want := range []string{"Visite de Dunkerque 0", "Visite de Dunkerque 1", "Дюнкерк"} {
		if !strings.Contains(full.Text, want) && !strings.Contains(full.Subject, want) {
			t.Errorf("the citizen preview lacks %q:\n%s\n%s", want, full.Subject, full.Text)
		}
	}
	var rows int
	if err := st.DB.QueryRow(`SELECT (SELECT COUNT(*) FROM deliveries) + (SELECT COUNT(*) FROM digest_issues)
		+ (SELECT COUNT(*) FROM email_subscribers)`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Errorf("the preview stored %d rows", rows)
	}
	out.Reset()
	if code := Run([]string{"digest", "--config", path, "--frequency", "weekly", "--partner", "venlo", "--dry-run"}, &out, &errOut); code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut.String())
	}
	if strings.Contains(out.String(), "Visite de Dunkerque") {
		t.Error("a venlo preview holds duenkirchen news")
	}
	for _, args := range [][]string{
		{"--frequency", "monthly", "--partner", "duenkirchen", "--dry-run"},
		{"--frequency", "weekly", "--partner", "nope", "--dry-run"},
		{"--frequency", "weekly", "--dry-run"},
		{"--frequency", "weekly", "--name", "dunkerque-office", "--dry-run"},
		{"--name", "dunkerque-office", "--lang", "uk", "--dry-run"},
	} {
		if code := Run(append([]string{"digest", "--config", path}, args...), &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
