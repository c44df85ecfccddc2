package cli

import (
	"context"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// upgradeConfig serves one partner from the database alone (no sources).
const upgradeConfig = `site: {title: Upgrade, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
storage: {dsn: "pf.db"}
sources: []
partners:
  - {slug: venlo, names: {de: Venlo}}
`

// oldSchema is the schema level the upgrade starts from: the first release's
// initial migration, before every later one.
const oldSchema = 1

// TestUpgradeFromOldSchema makes a database at an old schema level (only
// the first migration), fills it with the SQL of that level as the old
// release wrote it, and serves it with this binary: every migration is
// applied, the article is in the feed and the chat still follows its city.
func TestUpgradeFromOldSchema(t *testing.T) {
	bin, dir, st := upgradeFolder(t)
	ctx := context.Background()
	if err := st.MigrateTo(ctx, oldSchema); err != nil {
		t.Fatal(err)
	}
	applied, known, err := st.SchemaVersions(ctx)
	if err != nil || !slices.Equal(applied, []int64{oldSchema}) || len(known) < 2 {
		t.Fatalf("fixture schema: applied %v of %v, %v", applied, known, err)
	}
	published := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC).UnixMilli()
	now := store.Now()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO articles (id, source, url, guid, title, lead, body_html, body_text, language, published_at, first_seen_at, updated_at)
			VALUES (1, 'old', 'https://city.example/venlo', 'urn:old:1', 'Besuch aus Venlo', 'Venlo zu Gast', '<p>Venlo</p>', 'Venlo', 'de', $1, $2, $2)`,
			[]any{published, now}},
		{`INSERT INTO article_tags (article_id, partner, score, evidence, pinned, tagged_at) VALUES (1, 'venlo', 3.5, '[]', 0, $1)`, []any{now}},
		{`INSERT INTO telegram_chats (chat_id, kind, language, active, created_at, updated_at) VALUES (42, 'private', 'nl', 1, $1, $1)`, []any{now}},
		{`INSERT INTO telegram_follows (chat_id, partner, created_at) VALUES (42, 'venlo', $1)`, []any{now}},
		{`INSERT INTO deliveries (article_id, channel, recipient, status, created_at, sent_at) VALUES (1, 'telegram', '42', 'sent', $1, $1)`, []any{now}},
		{`INSERT INTO email_subscribers (email, language, schedule, status, created_at, confirmed_at, consent) VALUES ('a@venlo.example', 'nl', 'weekly', 'confirmed', $1, $1, 'link')`, []any{now}},
		{`INSERT INTO source_state (source, last_run_at, last_success_at, backfilled) VALUES ('old', $1, $1, 1)`, []any{now}},
	} {
		if _, err := st.DB.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	st.Close()

	d := startDaemon(t, bin, dir)
	for path, want := range map[string]string{"/readyz": "ready", "/feeds/venlo.atom": "Besuch aus Venlo"} {
		if code, body := getBody(t, "http://"+d.addr+path); code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want 200 with %q:\n%.300s", path, code, want, body)
		}
	}
	d.stop(t)

	st = openSQLite(t, filepath.Join(dir, "pf.db"))
	defer st.Close()
	if applied, known, err := st.SchemaVersions(ctx); err != nil || !slices.Equal(applied, known) {
		t.Errorf("after serve: applied %v, known %v, %v", applied, known, err)
	}
	if muted, _, err := st.TelegramChatMute(ctx, 42); err != nil || muted {
		t.Errorf("the old chat after the upgrade: muted %v, %v", muted, err)
	}
	var follows, sent int
	st.DB.QueryRow(`SELECT COUNT(*) FROM telegram_follows WHERE chat_id = 42 AND partner = 'venlo'`).Scan(&follows)
	st.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE recipient = '42' AND status = 'sent'`).Scan(&sent)
	if follows != 1 || sent != 1 {
		t.Errorf("after the upgrade: %d follows, %d sent deliveries; want 1 and 1", follows, sent)
	}
}

// TestRefuseNewerSchema: a database migrated by a newer release (its goose
// table names a migration this binary lacks) is refused by serve and
// migrate with exit 1 and a message saying why, and left as it was.
func TestRefuseNewerSchema(t *testing.T) {
	bin, dir, st := upgradeFolder(t)
	ctx := context.Background()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)`); err != nil {
		t.Fatal(err)
	}
	before, _, _ := st.SchemaVersions(ctx)
	st.Close()
	for _, args := range [][]string{{"serve"}, {"migrate"}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=/usr/bin:/bin"}
		out, err := cmd.CombinedOutput()
		code := cmd.ProcessState.ExitCode()
		if code != exitFailure || !strings.Contains(string(out), "newer than this partnerfeed") || !strings.Contains(string(out), "99999") {
			t.Errorf("%s on a newer schema: exit %d (%v), want 1 and a clear message:\n%s", args[0], code, err, out)
		}
	}
	st = openSQLite(t, filepath.Join(dir, "pf.db"))
	defer st.Close()
	if after, _, err := st.SchemaVersions(ctx); err != nil || !slices.Equal(after, before) {
		t.Errorf("schema versions changed: %v → %v (%v)", before, after, err)
	}
}

// upgradeFolder returns the binary, a folder with upgradeConfig and its
// SQLite store, not migrated.
func upgradeFolder(t *testing.T) (bin, dir string, st *store.Store) {
	t.Helper()
	bin = buildBinary(t)
	dir = t.TempDir()
	writeConfig(t, dir, upgradeConfig)
	return bin, dir, openSQLite(t, filepath.Join(dir, "pf.db"))
}

// getBody GETs url and returns the status code and the body.
func getBody(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body)
}
