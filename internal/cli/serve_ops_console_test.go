package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/browsertest"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// opsConsoleConfig is a deployment with the fixture archive and email: the
// office digest's schedule has a slot as soon as serve starts.
const opsConsoleConfig = `site: {title: Betrieb, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin, secret: "a-test-secret-of-enough-length"}
http: {listen: "127.0.0.1:0"}
storage: {dsn: %q}
fetch: {rate_per_host: 500, timeout: 2s}
notify: {max_age: 100000h}
sources:
  - {name: krefeld, kind: html, url: %q, schedule: "@every 1h"}
partners:
  - {slug: venlo, names: {de: Venlo, en: Venlo}, aliases: [Venlo]}
  - {slug: leiden, names: {de: Leiden, en: Leiden}, aliases: [Leiden]}
email:
  smtp: {host: 127.0.0.1, port: %d, tls: none}
  from: "Stadt <presse@city.example>"
  subscriber_schedules: {weekly: "0 7 * * 1"}
  digests:
    - {name: venlo-office, to: [buero@venlo.example], partners: [venlo], language: de, schedule: "@every 1h"}
`

// TestOperatorsConsoleInBrowser runs a real serve whose SMTP server
// (mailpit) is down when the office digest's slot comes: the console's
// first page shows the outage and the log has an ERROR line; once mailpit
// is back the digest goes out once, the outage is gone, and /metrics counts
// the mail. Then, in headless Chromium, an admin runs the source now,
// probes it, looks up and deletes a subscriber, sends a digest preview and
// opens an article's deliveries; axe-core finds no violation on any page.
func TestOperatorsConsoleInBrowser(t *testing.T) {
	bin := buildBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "data", "partnerfeed.db")
	archive := archivetest.New(false)
	site := httptest.NewServer(archive.Krefeld())
	t.Cleanup(func() { archive.Close(); site.Close() })
	mp := mailpittest.Start(t)
	mp.Stop() // the SMTP server is down when the digest's slot comes
	cfg := fmt.Sprintf(opsConsoleConfig, dsn, site.URL+archivetest.KrefeldListing, mp.SMTPPort)
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	addConsoleUsers(t, bin, dir, [3]string{consoleAdmin, consoleAdminPW, "admin"})
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	// Not a first ingest: what ingest finds is news for the office digest.
	if err := st.RecordSourceRun(ctx, "krefeld", time.Now().Add(-time.Hour), true); err != nil {
		t.Fatal(err)
	}
	sub, _, err := st.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "leserin@example.org", Schedule: "weekly", Partners: []string{"venlo"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.ConfirmEmailSubscriber(ctx, sub.ID, "test"); err != nil {
		t.Fatal(err)
	}
	d, base := ingestAndServe(t, bin, dir)
	office := store.DigestRecipient("venlo-office")
	issue := func() store.DigestIssue {
		list, err := st.DigestIssues(ctx, office)
		if err != nil || len(list) == 0 {
			return store.DigestIssue{}
		}
		return list[len(list)-1]
	}
	waitFor(t, 60*time.Second, "the office digest's failed attempt", func() bool { return issue().Attempts >= 1 })
	const delayed = `level=ERROR msg="Digest delayed: the SMTP server failed; retrying later"`
	waitFor(t, 10*time.Second, "the ERROR line of the delayed digest", func() bool { return strings.Contains(d.log.String(), delayed) })

	bctx := browsertest.Start(t, 180*time.Second, chromedp.Flag("lang", "de-DE"), chromedp.WindowSize(390, 844))
	browsertest.AllowScripts(t, bctx)
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	page := func(path, ready string) {
		t.Helper()
		run(path, chromedp.Navigate(base+path), chromedp.WaitVisible(ready))
		browsertest.RequireAccessible(t, bctx, path)
	}
	run("log in", chromedp.Navigate(base+"/admin/login"), chromedp.WaitVisible(`#username`),
		chromedp.SendKeys(`#username`, consoleAdmin), chromedp.SendKeys(`#password`, consoleAdminPW),
		chromedp.Click(`form.console-form button`), chromedp.WaitVisible(`form.logout`))
	page("/admin/", `#outage-smtp`)

	// Recovery: the digest goes out once, the outage leaves the first page.
	mp.Restart()
	waitFor(t, 90*time.Second, "the delayed digest", func() bool { return issue().Status == store.IssueSent })
	waitFor(t, 30*time.Second, "no digest job left", func() bool {
		var n int
		st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'digest_send' AND state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&n)
		return n == 0
	})
	if msgs := mp.Messages(); len(msgs) != 1 || msgs[0].To[0].Address != "buero@venlo.example" {
		t.Fatalf("%d mails after recovery (%+v), want the office digest once", len(msgs), msgs)
	}
	page("/admin/", `#no-outage`)
	metrics := testutil.ScrapeURL(t, base+"/metrics")
	if v, _ := metrics.Value("partnerfeed_deliveries_total", "channel", "email", "result", "sent"); v != 1 {
		t.Errorf("partnerfeed_deliveries_total{channel=email,result=sent} = %v, want 1", v)
	}
	if v, _ := metrics.Value("partnerfeed_subscribers", "channel", "email", "partner", "venlo", "state", "confirmed"); v != 1 {
		t.Errorf("partnerfeed_subscribers{channel=email,partner=venlo,state=confirmed} = %v, want 1", v)
	}

	// Sources: run now queues a pass that serve runs; the probe shows what a crawl finds.
	page("/admin/sources", `#source-krefeld`)
	runs := func() int { r, _ := st.SourceRuns(ctx, "krefeld", 10); return len(r) }
	before := runs()
	run("run now", chromedp.Click(`form[action="/admin/sources/krefeld/run"] button`), chromedp.WaitVisible(`#queued`))
	browsertest.RequireAccessible(t, bctx, "the sources page after run now")
	waitFor(t, 60*time.Second, "the queued pass", func() bool { return runs() > before })
	page("/admin/sources/krefeld/probe?pages=1", `#probe-found`)

	// Subscribers: counts, then one address looked up and deleted.
	page("/admin/subscribers", `#subscriber-counts`)
	run("look up", chromedp.SendKeys(`#q`, "leserin@example.org"), chromedp.Submit(`#q`), chromedp.WaitVisible(`#found`))
	browsertest.RequireAccessible(t, bctx, "the subscriber found")
	run("delete", chromedp.Click(`#found form button`), chromedp.WaitVisible(`#deleted`))
	browsertest.RequireAccessible(t, bctx, "the subscribers page after deleting")
	if _, err := st.EmailSubscriber(ctx, sub.ID); err == nil {
		t.Error("the deleted subscriber is still stored")
	}

	// Digests: the sent issue is listed; a preview goes to the address given.
	page("/admin/digests", `#digest-venlo-office`)
	run("preview", chromedp.SendKeys(`#to-venlo-office`, "vorschau@example.org"), chromedp.Submit(`#to-venlo-office`),
		chromedp.WaitVisible(`#preview-sent`))
	browsertest.RequireAccessible(t, bctx, "the digests page after a preview")
	msgs := mp.WaitMessages(2)
	if to := msgs[0].To[0].Address + " " + msgs[1].To[0].Address; !strings.Contains(to, "vorschau@example.org") {
		t.Errorf("no preview to the address given: %s", to)
	}

	// An article's deliveries: in the office digest's sent issue.
	var articleID int64
	if err := st.DB.QueryRow(`SELECT article_id FROM deliveries WHERE channel = 'email' AND recipient = $1 LIMIT 1`, office).Scan(&articleID); err != nil {
		t.Fatal(err)
	}
	page(fmt.Sprintf("/admin/articles/%d/deliveries", articleID), `#line_digest_issues`)
	cells, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`#line_digest_issues tbody`)))
	if err != nil || !strings.HasPrefix(strings.TrimSpace(cells), "1") {
		t.Errorf("digest issues of the article: %q (%v), want 1 sent", cells, err)
	}
	if code := status(t, consoleJar(), http.MethodGet, base+"/admin/sources", nil); code != http.StatusSeeOther {
		t.Errorf("the sources page without a session: %d, want 303", code)
	}
	d.stop(t)
}
