package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// moveConfig is one deployment before and after its move to PostgreSQL:
// only storage (and, after the move, the bot) differ.
const moveConfig = `site: {title: Move, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin, secret: "a-test-secret-of-enough-length"}
http: {listen: "127.0.0.1:0"}
storage: %s
fetch: {rate_per_host: 500, timeout: 2s}
notify: {max_age: 100000h}
sources:
  - {name: krefeld, kind: html, url: %q, schedule: "@yearly"}
partners:
  - {slug: venlo, names: {de: Venlo}}
  - {slug: duenkirchen, names: {de: Dünkirchen, fr: Dunkerque}}
  - {slug: leicester, names: {en: Leicester}}
%s`

const moveBot = `telegram:
  token: "T:1"
  api_endpoint: %q
  mode: polling
  poll_timeout: 1s
`

// TestMigrateToPostgres fills SQLite through a real ingest of the fixture
// archive plus chats, follows, subscribers with consent, ledger rows and
// an editor's pin, moves it with `migrate --to` into an empty PostgreSQL
// database, and finds every table's row count equal, the jobs still to run
// queued again, the pending ledger rows delivered by serve on PostgreSQL,
// the rows already sent not sent again, and the same feed ETags as serve on
// SQLite. A second `migrate --to` into the now filled database is refused.
func TestMigrateToPostgres(t *testing.T) {
	dsn, ok := storetest.PostgresDSN(t)
	if !ok {
		t.Skip("no PostgreSQL")
	}
	bin := buildBinary(t)
	ctx := context.Background()
	archive := archivetest.New(false)
	site := httptest.NewServer(archive.Krefeld())
	t.Cleanup(func() { archive.Close(); site.Close() })
	listing := site.URL + archivetest.KrefeldListing
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1"})
	t.Cleanup(fake.Close)

	sqliteDir, pgDir := t.TempDir(), t.TempDir()
	writeConfig(t, sqliteDir, fmt.Sprintf(moveConfig, `{dsn: "pf.db"}`, listing, ""))
	writeConfig(t, pgDir, fmt.Sprintf(moveConfig, fmt.Sprintf("{driver: postgres, dsn: %q}", dsn), listing,
		fmt.Sprintf(moveBot, fake.Endpoint())))
	sqliteCfg := filepath.Join(sqliteDir, "config.yaml")

	// SQLite: the source counts as backfilled, so the ingest queues notify
	// jobs (no serve runs to work them: they are still to run at the move).
	src, err := store.Open(ctx, "sqlite", filepath.Join(sqliteDir, "pf.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := src.RecordSourceRun(ctx, "krefeld", time.Now().Add(-time.Hour), true); err != nil {
		t.Fatal(err)
	}
	// The follower follows before the articles arrive (the delivery rule).
	const follower, pendingChat, sentChat = 4_000_001, 4_000_002, 4_000_003
	for _, id := range []int64{follower, pendingChat, sentChat} {
		if err := src.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private", Language: "de"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.FollowPartner(ctx, follower, "venlo"); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run("ingest", "--config", sqliteCfg); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	var some int64 // an article about no city the other chats follow
	if err := src.DB.QueryRow(`SELECT MIN(id) FROM articles`).Scan(&some); err != nil {
		t.Fatal(err)
	}
	for _, chat := range []int64{pendingChat, sentChat} {
		if _, err := src.RecordDeliveries(ctx, some, "telegram", []string{fmt.Sprint(chat)}); err != nil {
			t.Fatal(err)
		}
	}
	execSQL(t, src, `UPDATE deliveries SET status = 'sent', sent_at = $1 WHERE recipient = $2`, store.Now(), fmt.Sprint(sentChat))
	for i, addr := range []string{"a@venlo.example", "b@dunkerque.example"} {
		sub, _, err := src.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: addr, Language: "fr",
			Schedule: "weekly", Partners: []string{"venlo", "duenkirchen"}})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, _, err := src.ConfirmEmailSubscriber(ctx, sub.ID, "confirmed by link, test"); err != nil {
				t.Fatal(err)
			}
		}
	}
	execSQL(t, src, `INSERT INTO tag_overrides (url, partners, created_at) VALUES ('https://example.org/pinned', 'venlo', $1)`, store.Now())
	notifyJobs := countJobs(t, src, "notify_article", "available")
	if notifyJobs == 0 {
		t.Fatal("the ingest queued no notify jobs")
	}
	counts := tableCounts(t, src)
	src.Close()

	// The move.
	code, out, errOut := run("migrate", "--config", sqliteCfg, "--to", dsn)
	if code != exitOK {
		t.Fatalf("migrate --to: exit %d\n%s%s", code, out, errOut)
	}
	t.Logf("migrate --to printed:\n%s", out)
	dst := storetest.OpenBackend(t, storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn})
	for table, n := range counts {
		var got int64
		if err := dst.DB.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("%s: %d rows on PostgreSQL, %d on SQLite", table, got, n)
		}
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^%s +%d$`, table, n)).MatchString(out) {
			t.Errorf("migrate --to did not print %s's count %d", table, n)
		}
	}
	if counts["articles"] < 10 || counts["article_tags"] == 0 || counts["deliveries"] != 2 || counts["email_subscribers"] != 2 {
		t.Errorf("the SQLite database was not filled as meant: %v", counts)
	}
	if got := countJobs(t, dst, "notify_article", "available"); got != notifyJobs {
		t.Errorf("%d notify jobs queued on PostgreSQL, %d were to run on SQLite", got, notifyJobs)
	}
	// The identity sequences continue after the copied ids.
	id, err := dst.RecordDeliveries(ctx, some, "email", []string{"digest:new"})
	if err != nil || id != 1 {
		t.Fatalf("insert after the move: %d %v", id, err)
	}
	execSQL(t, dst, `DELETE FROM deliveries WHERE recipient = 'digest:new'`)

	// A second move into the now filled database is refused, and changes nothing.
	code, _, errOut = run("migrate", "--config", sqliteCfg, "--to", dsn)
	if code != exitFailure || !strings.Contains(errOut, "refused") || !strings.Contains(errOut, "not empty") {
		t.Errorf("second migrate --to: exit %d, want 1 with a refusal\n%s", code, errOut)
	}
	var arts int64
	dst.DB.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&arts)
	if arts != counts["articles"] {
		t.Errorf("after the refusal %d articles, want %d", arts, counts["articles"])
	}

	// serve on PostgreSQL delivers what was still to deliver, once.
	pg := startDaemon(t, bin, pgDir)
	var venloArticles int
	waitFor(t, 60*time.Second, "the deliveries on PostgreSQL", func() bool {
		dst.DB.QueryRow(`SELECT COUNT(*) FROM article_tags WHERE partner = 'venlo'`).Scan(&venloArticles)
		var open, sent int
		dst.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE channel = 'telegram' AND status <> 'sent'`).Scan(&open)
		dst.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE channel = 'telegram' AND recipient = $1 AND status = 'sent'`,
			fmt.Sprint(follower)).Scan(&sent)
		return open == 0 && sent == venloArticles && len(fake.Messages(fmt.Sprint(pendingChat))) == 1
	})
	if venloArticles == 0 {
		t.Fatal("the fixture has no article about Venlo")
	}
	if n := len(fake.Messages(fmt.Sprint(follower))); n != venloArticles {
		t.Errorf("the follower got %d messages for %d articles about Venlo", n, venloArticles)
	}
	if n := len(fake.Messages(fmt.Sprint(sentChat))); n != 0 {
		t.Errorf("a delivery sent on SQLite was sent again (%d messages)", n)
	}
	// Every format of every feed with articles (an empty feed may carry the
	// time it was first rendered, which differs between two databases).
	var feeds []string
	for _, slug := range []string{"all", "venlo", "duenkirchen", "leicester"} {
		var n int
		dst.DB.QueryRow(`SELECT COUNT(*) FROM article_tags WHERE partner = $1 OR $1 = 'all'`, slug).Scan(&n)
		if n > 0 {
			feeds = append(feeds, "/feeds/"+slug+".atom", "/feeds/"+slug+".rss", "/feeds/"+slug+".json")
		}
	}
	if len(feeds) < 9 {
		t.Fatalf("too few feeds with articles to compare: %v", feeds)
	}
	pgTags := feedETags(t, pg.addr, feeds)
	pg.stop(t)

	lite := startDaemon(t, bin, sqliteDir)
	liteTags := feedETags(t, lite.addr, feeds)
	lite.stop(t)
	for i, f := range feeds {
		if pgTags[i] != liteTags[i] {
			t.Errorf("%s: ETag %s on PostgreSQL, %s on SQLite", f, pgTags[i], liteTags[i])
		}
	}
}

// writeConfig writes config.yaml into dir.
func writeConfig(t *testing.T, dir, cfg string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

// execSQL runs a statement on st.
func execSQL(t *testing.T, st *store.Store, q string, args ...any) {
	t.Helper()
	if _, err := st.DB.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// tableCounts counts the rows of every partnerfeed table of an SQLite store.
func tableCounts(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	rows, err := st.DB.Query(`SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'river_%' AND name <> 'goose_db_version'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	counts := map[string]int64{}
	for _, n := range names {
		var c int64
		if err := st.DB.QueryRow(`SELECT COUNT(*) FROM ` + n).Scan(&c); err != nil {
			t.Fatal(err)
		}
		counts[n] = c
	}
	return counts
}

// feedETags fetches each path from the server at addr and returns the ETags.
func feedETags(t *testing.T, addr string, paths []string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		res, err := http.Get("http://" + addr + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") == "" {
			t.Fatalf("%s: %s, ETag %q", p, res.Status, res.Header.Get("ETag"))
		}
		out = append(out, res.Header.Get("ETag"))
	}
	return out
}
