package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// replicaConfig is a deployment of two replicas on one PostgreSQL: the
// fixture archive ingested every 2 s, a bot with Telegram's limits, and a
// digest every minute to two addresses.
const replicaConfig = `site: {title: Replicas, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin, secret: "a-test-secret-of-enough-length"}
http: {listen: "127.0.0.1:0"}
log: {level: info}
storage: {driver: postgres, dsn: %q}
fetch: {rate_per_host: 500, timeout: 2s}
notify: {max_age: 100000h}
sources:
  - {name: krefeld, kind: html, url: %q, schedule: "@every 2s"}
partners:
  - {slug: venlo, names: {de: Venlo}, aliases: [Venlo]}
telegram:
  token: "T:1"
  api_endpoint: %q
  mode: polling
  poll_timeout: 1s
  rate_per_second: 30
  batch_size: 3
email:
  smtp: {host: 127.0.0.1, port: %d, tls: none}
  from: "Stadt <presse@city.example>"
  digests:
    - {name: venlo-office, to: [a@venlo.example, b@venlo.example], partners: [venlo], language: de, schedule: "* * * * *", skip_empty: false}
`

// TestReplicasOnPostgres runs two `serve` replicas on one PostgreSQL: each
// ingest slot runs once, each chat gets each article once within the bot's
// limits, each digest is sent once, both serve the same feed, and when the
// leader is killed (SIGKILL) the other takes over its periodic jobs within
// 30 s without running a slot twice.
func TestReplicasOnPostgres(t *testing.T) {
	bin, dsn, st := replicaSetup(t)
	ctx := context.Background()
	const chats = 6
	for i := range chats {
		id := int64(2_000_000 + i)
		if err := st.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private", Language: "de"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FollowPartner(ctx, id, "venlo"); err != nil {
			t.Fatal(err)
		}
	}
	// The source was backfilled before: what the replicas find is new, and notified.
	if err := st.RecordSourceRun(ctx, "krefeld", time.Now().Add(-time.Hour), true); err != nil {
		t.Fatal(err)
	}
	archive := archivetest.New(false)
	site := httptest.NewServer(archive.Krefeld())
	t.Cleanup(func() { archive.Close(); site.Close() })
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1",
		Limits: telegramtest.Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20}})
	t.Cleanup(fake.Close)
	mp := mailpittest.Start(t)
	dir := t.TempDir()
	cfg := fmt.Sprintf(replicaConfig, dsn, site.URL+archivetest.KrefeldListing, fake.Endpoint(), mp.SMTPPort)
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	// A starts alone and becomes the leader; B joins once A ingested.
	a := startDaemon(t, bin, dir)
	waitFor(t, 30*time.Second, "a first ingest", func() bool { return countJobs(t, st, "ingest_source", "completed") > 0 })
	b := startDaemon(t, bin, dir)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("deliveries: %s\nreplica A:\n%s\nreplica B:\n%s", deliveryStatus(st), tail(a.log.String()), tail(b.log.String()))
		}
	})

	// Every chat gets every article tagged venlo once, from either replica.
	var articles int
	waitFor(t, 60*time.Second, "the Telegram deliveries", func() bool {
		var open int
		if err := st.DB.QueryRow(`SELECT COUNT(DISTINCT article_id), COUNT(*) FILTER (WHERE status <> 'sent')
			FROM deliveries WHERE channel = 'telegram'`).Scan(&articles, &open); err != nil {
			t.Fatal(err)
		}
		return articles > 0 && open == 0
	})
	for i := range chats {
		msgs := fake.Messages(fmt.Sprint(2_000_000 + i))
		seen := map[string]bool{}
		for _, m := range msgs {
			if seen[m.Text] {
				t.Errorf("chat %d got %.60q twice", i, m.Text)
			}
			seen[m.Text] = true
		}
		if len(msgs) != articles {
			t.Errorf("chat %d got %d messages, want %d", i, len(msgs), articles)
		}
	}
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("the two replicas exceeded the bot's limits: %+v", v)
	}
	var workers int
	st.DB.QueryRow(`SELECT COUNT(DISTINCT attempted_by[1]) FROM river_job WHERE kind = 'telegram_send'`).Scan(&workers)
	t.Logf("%d articles to %d chats; send jobs worked by %d replicas", articles, chats, workers)

	// Both replicas serve the same feed.
	waitFor(t, 15*time.Second, "the same feed ETag on both replicas", func() bool {
		ea, eb := etag(t, a.addr), etag(t, b.addr)
		return ea != "" && ea == eb
	})

	// One replica polls: a command gets one answer.
	askHelp(t, fake, 3_000_001)

	// Kill the leader: B takes its periodic jobs over within 30 s.
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done
	killed := time.Now()
	waitFor(t, 30*time.Second, "an ingest slot after the kill", func() bool {
		var n int
		st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'ingest_source' AND state = 'completed'
			AND scheduled_at > $1`, killed.UTC()).Scan(&n)
		return n > 0
	})
	t.Logf("B ingested a slot %s after the kill", time.Since(killed).Round(time.Second))
	// and polls Telegram.
	askHelp(t, fake, 3_000_002)
	// A digest slot passes (under B, or under A before the kill).
	waitFor(t, 65*time.Second, "a digest", func() bool {
		var n int
		st.DB.QueryRow(`SELECT COUNT(*) FROM digest_issues WHERE status = 'sent'`).Scan(&n)
		return n > 0
	})

	// One ingest per slot, slots 2 s apart or more (a second inserter
	// would add slots in between), each run once.
	rows, err := st.DB.Query(`SELECT scheduled_at, attempt, state FROM river_job WHERE kind = 'ingest_source' ORDER BY scheduled_at`)
	if err != nil {
		t.Fatal(err)
	}
	var prev time.Time
	slots := 0
	for rows.Next() {
		var at time.Time
		var attempt int
		var state string
		if err := rows.Scan(&at, &attempt, &state); err != nil {
			t.Fatal(err)
		}
		t.Logf("ingest slot %s attempt %d %s", at.Format(time.StampMilli), attempt, state)
		if !prev.IsZero() && at.Sub(prev) < 2*time.Second {
			t.Errorf("ingest slots %s and %s are closer than the schedule", prev, at)
		}
		if attempt > 1 {
			t.Errorf("ingest slot %s ran %d times", at, attempt)
		}
		prev = at
		slots++
	}
	rows.Close()
	var kinds string
	st.DB.QueryRow(`SELECT string_agg(kind || ' ' || state || ' ' || n, '; ') FROM (SELECT kind, state, COUNT(*) AS n FROM river_job GROUP BY kind, state) s`).Scan(&kinds)
	t.Logf("jobs: %s", kinds)
	// One digest job per slot, and each issue (recipient and slot, unique)
	// mailed once to each address.
	var twice int
	st.DB.QueryRow(`SELECT COUNT(*) FROM (SELECT args->>'slot' FROM river_job WHERE kind = 'digest_send'
		GROUP BY args->>'slot' HAVING COUNT(*) > 1) s`).Scan(&twice)
	if twice > 0 {
		t.Errorf("%d digest slots have several jobs", twice)
	}
	var digests int
	st.DB.QueryRow(`SELECT COUNT(*) FROM digest_issues WHERE status = 'sent'`).Scan(&digests)
	if digests == 0 {
		t.Error("no digest sent")
	}
	if !waitUntil(10*time.Second, func() bool { return len(mp.Messages()) >= 2*digests }) {
		t.Errorf("%d digests sent, mails %+v", digests, mp.Messages())
	}
	perAddress := map[string]int{}
	for _, m := range mp.Messages() {
		for _, to := range m.To {
			perAddress[to.Address]++
		}
	}
	for _, addr := range []string{"a@venlo.example", "b@venlo.example"} {
		if perAddress[addr] != digests {
			t.Errorf("%s got %d digests for %d issues", addr, perAddress[addr], digests)
		}
	}
	t.Logf("%d ingest slots, %d digests", slots, digests)
	b.stop(t)
}

// replicaSetup builds the binary and opens a fresh PostgreSQL database for
// replicas (skipping without PostgreSQL, failing under CI).
func replicaSetup(t *testing.T) (bin, dsn string, st *store.Store) {
	t.Helper()
	dsn, ok := storetest.PostgresDSN(t)
	if !ok {
		t.Skip("no PostgreSQL")
	}
	bin = buildBinary(t)
	return bin, dsn, storetest.OpenBackend(t, storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn})
}

// deliveryStatus counts the ledger rows by status, for failure messages.
func deliveryStatus(st *store.Store) string {
	var status string
	st.DB.QueryRow(`SELECT string_agg(status || ':' || n, ' ') FROM (SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status) s`).Scan(&status)
	return status
}

// waitFor polls cond every 100 ms until it holds, or fails after d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

// waitUntil polls cond every 100 ms until it holds (true) or d passed.
func waitUntil(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); !cond(); time.Sleep(100 * time.Millisecond) { // polls until the deadline
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// countJobs counts River jobs of kind in state.
func countJobs(t *testing.T, st *store.Store, kind, state string) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = $1 AND state = $2`, kind, state).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// etag returns the ETag of the Venlo Atom feed served at addr.
func etag(t *testing.T, addr string) string {
	t.Helper()
	res, err := http.Get("http://" + addr + "/feeds/venlo.atom")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("feed: %s", res.Status)
	}
	return res.Header.Get("ETag")
}

// tail returns the last lines of a log.
func tail(s string) string {
	if len(s) > 4000 {
		return s[len(s)-4000:]
	}
	return s
}

// askHelp sends /help from a new chat and wants exactly one answer: the
// replica holding the polling lease got the update, and no other did. The
// barrier is a second message from the chat: a chat's updates are answered
// in order, so once the marker's answer is there, a second answer to /help
// would be there too.
func askHelp(t *testing.T, fake *telegramtest.Server, chat int64) {
	t.Helper()
	fake.UserSays(telegramtest.Incoming{ChatID: chat, Text: "/help", LanguageCode: "de"})
	id := fmt.Sprint(chat)
	waitFor(t, 30*time.Second, "the answer to /help", func() bool { return len(fake.Messages(id)) > 0 })
	fake.UserSays(telegramtest.Incoming{ChatID: chat, Text: "/list", LanguageCode: "de"})
	waitFor(t, 30*time.Second, "a second answer", func() bool { return len(fake.Messages(id)) >= 2 })
	if msgs := fake.Messages(id); len(msgs) != 2 || msgs[1].Text == msgs[0].Text {
		t.Errorf("/help and /list from chat %d got %d answers, want 2 different ones: %+v", chat, len(msgs), msgs)
	}
}
