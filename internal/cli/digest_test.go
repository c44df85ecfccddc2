package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// digest --dry-run prints the next issue; --to sends it to one address;
// neither marks anything in the ledger.
func TestDigestCommand(t *testing.T) {
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(fmt.Sprintf(`site:
  title: Krefeld
  base_url: "https://city.example"
  timezone: Europe/Berlin
  secret: "a-test-secret-of-enough-length"
storage: {dsn: pf.db}
partners:
  - slug: duenkirchen
    names: {de: Dünkirchen, fr: Dunkerque}
email:
  smtp: {host: 127.0.0.1, port: %d, tls: none}
  from: "Stadt Krefeld <presse@city.example>"
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
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a := store.Article{Source: "x", URL: "https://city.example/a", Title: "Visite de Dunkerque", PublishedAt: time.Now().Add(-time.Hour)}
	st.UpsertArticle(ctx, &a)
	st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "duenkirchen", Score: 1}})

	var out, errOut bytes.Buffer
	if code := Run([]string{"digest", "--config", cfgPath, "--name", "dunkerque-office", "--dry-run"}, &out, &errOut); code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"multipart/alternative", "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
		"To: <jumelage@dunkerque.example>", "Visite de Dunkerque"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run output lacks %q", want)
		}
	}
	if n := len(mp.Messages()); n != 0 {
		t.Errorf("dry run sent %d messages", n)
	}

	out.Reset()
	if code := Run([]string{"digest", "--config", cfgPath, "--name", "dunkerque-office", "--to", "editor@city.example"}, &out, &errOut); code != 0 {
		t.Fatalf("--to: exit %d: %s", code, errOut.String())
	}
	msgs := mp.Messages()
	if len(msgs) != 1 || msgs[0].To[0].Address != "editor@city.example" || !strings.Contains(msgs[0].Subject, "1 nouvelle") {
		t.Fatalf("--to sent %+v", msgs)
	}
	var marked int
	if err := st.DB.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM digest_issues) + (SELECT COUNT(*) FROM deliveries WHERE status <> 'pending')`).Scan(&marked); err != nil {
		t.Fatal(err)
	}
	if marked != 0 {
		t.Errorf("--to marked %d rows", marked)
	}
	if seeded, err := st.EmailRecipientSeeded(ctx, "digest:dunkerque-office"); err != nil || seeded {
		t.Errorf("--to seeded the digest's ledger (%v)", err)
	}
	for _, args := range [][]string{{"--name", "dunkerque-office"}, {"--dry-run"}, {"--name", "nope", "--dry-run"},
		{"--name", "dunkerque-office", "--to", "x@y.example\nBcc: z@y.example"}} {
		if code := Run(append([]string{"digest", "--config", cfgPath}, args...), &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
