package admin_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// opsConfig is testConfig with two sources.
func opsConfig() config.Config {
	cfg := testConfig()
	cfg.Sources = []config.Source{{Name: "krefeld", Kind: "html", URL: "http://127.0.0.1:1/presse/", Schedule: "*/15 * * * *"},
		{Name: "muster", Kind: "feed", URL: "http://127.0.0.1:1/feed.xml"}}
	return cfg
}

// loggedIn is a client logged in as name.
func (e *env) loggedIn(name, pw string) *http.Client {
	e.t.Helper()
	c := e.client()
	e.login(c, name, pw)
	return c
}

// Editors open the digests and deliveries pages; sources and subscribers
// are for admins. Every POST of these pages needs its CSRF token.
func TestOperatorsPagesRoles(t *testing.T) {
	e := newEnv(t, opsConfig(), nil)
	ed, adm := e.loggedIn(editorName, editorPassword), e.loggedIn(adminName, adminPassword)
	for _, path := range []string{"/admin/sources", "/admin/subscribers", "/admin/subscribers?q=x%40example.org"} {
		if resp, _ := e.get(ed, path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %s, want 403", path, resp.Status)
		}
		if resp, body := e.get(adm, path); resp.StatusCode != http.StatusOK {
			t.Errorf("admin GET %s: %s\n%s", path, resp.Status, body)
		}
	}
	edToken := e.token(ed, "/admin/")
	for _, path := range []string{"/admin/sources/krefeld/run", "/admin/subscribers/delete"} {
		if resp, _ := e.post(ed, path, url.Values{"csrf": {edToken}, "value": {"1"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor POST %s: %s, want 403", path, resp.Status)
		}
		if resp, _ := e.post(adm, path, url.Values{"value": {"1"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("admin POST %s without CSRF token: %s, want 403", path, resp.Status)
		}
	}
	if resp, _ := e.post(ed, "/admin/digests/x/preview", url.Values{"to": {"a@example.org"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST preview without CSRF token: %s, want 403", resp.Status)
	}
	if resp, body := e.get(ed, "/admin/digests"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "E-Mail ist in der Konfiguration ausgeschaltet") {
		t.Errorf("editor GET /admin/digests without email: %s\n%s", resp.Status, body)
	}
	// The navigation shows each account the pages it may open.
	_, body := e.get(ed, "/admin/")
	if !strings.Contains(body, `href="/admin/digests"`) || strings.Contains(body, `href="/admin/sources"`) {
		t.Errorf("editor's navigation:\n%s", body)
	}
	_, body = e.get(adm, "/admin/")
	if !strings.Contains(body, `href="/admin/sources"`) || !strings.Contains(body, `href="/admin/subscribers"`) {
		t.Errorf("admin's navigation:\n%s", body)
	}
}

// The first page says when nothing fails, and names each outage: digests
// the SMTP server holds back, Telegram's 429s of the last hour, and the
// configured sources whose last run failed.
func TestOutagesOnFirstPage(t *testing.T) {
	e := newEnv(t, opsConfig(), nil)
	c := e.loggedIn(editorName, editorPassword)
	if _, body := e.get(c, "/admin/"); !strings.Contains(body, `id="no-outage"`) || strings.Contains(body, "outage-") {
		t.Fatalf("first page without outages:\n%s", body)
	}
	slot := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	iss, err := e.store.OpenDigestIssue(e.ctx, store.DigestRecipient("office"), slot)
	if err != nil {
		t.Fatal(err)
	}
	e.store.DigestIssueAttemptFailed(e.ctx, iss.ID, "mail: dial: connection refused")
	e.store.RecordTelegramRateLimit(e.ctx, time.Now().Add(-10*time.Minute), 3*time.Second)
	e.store.RecordTelegramRateLimit(e.ctx, time.Now().Add(-2*time.Hour), 3*time.Second) // too old to show
	failed := time.Now().Add(-time.Hour)
	e.store.RecordSourceRun(e.ctx, "muster", failed, false)
	e.store.RecordSourcePass(e.ctx, store.SourceRun{Source: "muster", StartedAt: failed, FinishedAt: failed, Error: "fetch: HTTP 503"})
	e.store.RecordSourceRun(e.ctx, "krefeld", failed, true)
	e.store.RecordSourceRun(e.ctx, "gone", failed, false) // no longer configured
	_, body := e.get(c, "/admin/")
	for _, want := range []string{
		`id="outage-smtp">Der Mailserver streikt: 1 Digest-Ausgabe verzögert sich (die älteste vom 02.03.2026 09:00)`,
		"Letzter Fehler: mail: dial: connection refused",
		`id="outage-telegram">Telegram hat den Bot in der letzten Stunde 1-mal gebremst`,
		"Die Quelle muster ist beim letzten Lauf fehlgeschlagen",
		"Letzter Fehler: fetch: HTTP 503",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("first page lacks %q", want)
		}
	}
	if strings.Contains(body, "no-outage") || strings.Contains(body, "Quelle krefeld") || strings.Contains(body, "Quelle gone") {
		t.Errorf("first page shows too much:\n%s", body)
	}
	// Recovery: the issue sent, the source read again.
	e.store.FinishDigestIssues(e.ctx, []int64{iss.ID}, store.IssueSent)
	e.store.RecordSourceRun(e.ctx, "muster", time.Now(), true)
	if _, body := e.get(c, "/admin/"); strings.Contains(body, "outage-smtp") || strings.Contains(body, "Quelle muster") {
		t.Errorf("outages shown after recovery:\n%s", body)
	}
}

// The sources page lists each source's runs; "run now" queues an ingest
// job for it and records that in the audit log.
func TestSourcesPageAndRunNow(t *testing.T) {
	e := newEnv(t, opsConfig(), nil)
	client, err := jobs.NewClient(e.store, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.console.Jobs = jobs.NewInserter(client)
	at := time.Date(2026, 3, 2, 9, 15, 0, 0, time.UTC)
	e.store.RecordSourcePass(e.ctx, store.SourceRun{Source: "krefeld", StartedAt: at, FinishedAt: at.Add(time.Minute),
		Pages: 7, NotModified: 2, Found: 40, New: 3, Updated: 1, Failed: 2, Failures: "http://x/a: HTTP 404\nhttp://x/b: no title"})
	e.store.RecordSourceRun(e.ctx, "krefeld", at, true)
	c := e.loggedIn(adminName, adminPassword)
	_, body := e.get(c, "/admin/sources")
	for _, want := range []string{`<h2 id="source-krefeld">krefeld</h2>`, `datetime="2026-03-02T09:15:00Z">02.03.2026 10:15</time>`,
		"<td>7</td><td>2</td><td>40</td><td>3</td><td>1</td><td>2</td>", "<code>http://x/b: no title</code>",
		`<h2 id="source-muster">muster</h2>`, "Noch keine Läufe.", "Noch nie erfolgreich gelesen."} {
		if !strings.Contains(body, want) {
			t.Errorf("sources page lacks %q", want)
		}
	}
	resp, _ := e.post(c, "/admin/sources/muster/run", url.Values{"csrf": {e.token(c, "/admin/sources")}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/sources?queued=muster") {
		t.Fatalf("run now: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	var args []string
	rows, err := e.store.DB.Query(`SELECT CAST(args AS TEXT) FROM river_job WHERE kind = 'ingest_source'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a string
		rows.Scan(&a)
		args = append(args, a)
	}
	rows.Close()
	if len(args) != 1 || !strings.Contains(args[0], "muster") {
		t.Errorf("ingest jobs queued: %q, want one for muster", args)
	}
	audit, _ := e.store.AuditLog(e.ctx, 0, 5)
	if len(audit) == 0 || audit[0].Action != "source.run" || audit[0].Object != "source:muster" || audit[0].Actor != adminName {
		t.Errorf("audit log: %+v", audit)
	}
	if _, body := e.get(c, resp.Header.Get("Location")); !strings.Contains(body, `id="queued"`) {
		t.Errorf("no notice after queueing:\n%s", body)
	}
	if resp, _ := e.post(c, "/admin/sources/nope/run", url.Values{"csrf": {e.token(c, "/admin/sources")}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("run of an unknown source: %s", resp.Status)
	}
}

// The subscribers page counts per partner and channel, lists nobody, finds
// one address or chat by its exact value, and deletes it (audit-logged
// without the address).
func TestSubscribersCountsLookupDelete(t *testing.T) {
	e := newEnv(t, opsConfig(), nil)
	sub, _, _ := e.store.RequestEmailSubscription(e.ctx, store.EmailSubscriber{Email: "Leser@Example.org", Schedule: "weekly", Partners: []string{"venlo", "leiden"}})
	e.store.ConfirmEmailSubscriber(e.ctx, sub.ID, "test")
	e.store.RequestEmailSubscription(e.ctx, store.EmailSubscriber{Email: "neu@example.org", Schedule: "weekly", Partners: []string{"venlo"}})
	e.store.UpsertTelegramChat(e.ctx, store.TelegramChat{ID: 4711, Kind: "private"})
	e.store.FollowPartner(e.ctx, 4711, "leiden")
	c := e.loggedIn(adminName, adminPassword)
	_, body := e.get(c, "/admin/subscribers")
	for _, want := range []string{"<th scope=\"row\">Venlo</th><td>1</td><td>1</td><td>0</td><td>0</td>",
		"<th scope=\"row\">Leiden</th><td>1</td><td>0</td><td>0</td><td>1</td><td>0</td>",
		"<th scope=\"row\">Gesamt</th><td>2</td><td>1</td><td>0</td><td>1</td><td>0</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("counts lack %q", want)
		}
	}
	if strings.Contains(strings.ToLower(body), "leser@example.org") || strings.Contains(body, "neu@example.org") || strings.Contains(body, "4711") {
		t.Errorf("the page lists personal data:\n%s", body)
	}
	if _, body := e.get(c, "/admin/subscribers?q=example.org"); !strings.Contains(body, `id="lookup-missing"`) {
		t.Errorf("a partial value found something:\n%s", body)
	}
	_, body = e.get(c, "/admin/subscribers?q=leser%40example.org")
	if !strings.Contains(body, "<code>Leser@Example.org</code>") || !strings.Contains(body, "Leiden, Venlo") {
		t.Fatalf("lookup of the address:\n%s", body)
	}
	tok := e.token(c, "/admin/subscribers?q=leser%40example.org")
	resp, _ := e.post(c, "/admin/subscribers/delete", url.Values{"csrf": {tok}, "value": {"Leser@Example.org"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/subscribers?deleted=email" {
		t.Fatalf("delete: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	if _, err := e.store.EmailSubscriber(e.ctx, sub.ID); err == nil {
		t.Error("the subscriber is still stored")
	}
	resp, _ = e.post(c, "/admin/subscribers/delete", url.Values{"csrf": {tok}, "value": {"4711"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete chat: %s", resp.Status)
	}
	if _, err := e.store.TelegramChat(e.ctx, 4711); err == nil {
		t.Error("the chat is still stored")
	}
	if resp, _ := e.post(c, "/admin/subscribers/delete", url.Values{"csrf": {tok}, "value": {"4711"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deleting again: %s, want 404", resp.Status)
	}
	audit, _ := e.store.AuditLog(e.ctx, 0, 5)
	if len(audit) < 2 || audit[0].Action != "subscriber.delete" || audit[1].Action != "subscriber.delete" ||
		!strings.Contains(audit[1].Before, `"kind":"email"`) || !strings.Contains(audit[0].Before, `"kind":"telegram"`) {
		t.Fatalf("audit log: %+v", audit)
	}
	for _, a := range audit {
		if strings.Contains(strings.ToLower(a.Before+a.After+a.Object), "leser@") || strings.Contains(a.Before+a.Object, "4711") {
			t.Errorf("the audit log keeps the erased address or chat: %+v", a)
		}
	}
	if _, body := e.get(c, "/admin/subscribers"); !strings.Contains(body, "<th scope=\"row\">Gesamt</th><td>0</td><td>1</td><td>0</td><td>0</td>") {
		t.Errorf("counts after deleting:\n%s", body)
	}
}

// An article's deliveries page counts its Telegram messages by outcome and
// the digest issues holding it.
func TestArticleDeliveriesPage(t *testing.T) {
	e := newEnv(t, opsConfig(), nil)
	a := &store.Article{Source: "krefeld", URL: "http://x/venlo", Title: "Venlo-Besuch", PublishedAt: time.Now(), FirstSeenAt: time.Now()}
	if _, err := e.store.UpsertArticle(e.ctx, a); err != nil {
		t.Fatal(err)
	}
	e.store.RecordDeliveries(e.ctx, a.ID, "telegram", []string{"1", "2", "3", "4"})
	rows, _ := e.store.ClaimDeliveries(e.ctx, a.ID, "telegram", 0, 1<<62, 2, "test")
	e.store.FinishDeliveries(e.ctx, []store.DeliveryOutcome{{ID: rows[0].ID, Attempt: 1, Status: store.DeliverySent},
		{ID: rows[1].ID, Attempt: 1, Status: store.DeliveryFailed, Error: "403"}})
	e.store.UpsertTelegramChat(e.ctx, store.TelegramChat{ID: 4, Kind: "private"})
	e.store.DeactivateTelegramChat(e.ctx, 4, "blocked")
	e.store.AddEmailDeliveries(e.ctx, a.ID, []string{store.DigestRecipient("office")})
	iss, _ := e.store.OpenDigestIssue(e.ctx, store.DigestRecipient("office"), time.Now())
	e.store.FinishDigestIssues(e.ctx, []int64{iss.ID}, store.IssueSent)
	c := e.loggedIn(editorName, editorPassword)
	resp, body := e.get(c, "/admin/articles/"+itoa(a.ID)+"/deliveries")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("deliveries page: %s", resp.Status)
	}
	// Telegram: sent, failed, pending, skipped; digest issues: sent, failed, pending, paused.
	if !strings.Contains(body, "<tbody><tr><td>1</td><td>1</td><td>1</td><td>1</td></tr></tbody>") ||
		!strings.Contains(body, "<tbody><tr><td>1</td><td>0</td><td>0</td><td>0</td></tr></tbody>") {
		t.Errorf("deliveries page:\n%s", body)
	}
	if resp, _ := e.get(c, "/admin/articles/999/deliveries"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("deliveries of no article: %s", resp.Status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The probe page shows what `partnerfeed probe` shows for a source, and
// stores nothing.
func TestProbePage(t *testing.T) {
	archive := archivetest.New(false)
	site := httptest.NewServer(archive.Krefeld())
	t.Cleanup(func() { archive.Close(); site.Close() })
	cfg := opsConfig()
	cfg.Fetch.RatePerHost = 1000
	cfg.Sources[0].URL = site.URL + archivetest.KrefeldListing
	cfg.Sources[1].URL = site.URL + "/nothing-here"
	e := newEnv(t, cfg, nil)
	c := e.loggedIn(adminName, adminPassword)
	resp, body := e.get(c, "/admin/sources/krefeld/probe?pages=1")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="probe-found"`) ||
		!strings.Contains(body, "Listing page 1: "+site.URL) || !strings.Contains(body, "Article 1: ") {
		t.Fatalf("probe of krefeld: %s\n%s", resp.Status, body)
	}
	if n, _ := e.store.ListArticles(e.ctx, store.ListOptions{}); len(n) != 0 {
		t.Errorf("the probe stored %d articles", len(n))
	}
	if _, body := e.get(c, "/admin/sources/muster/probe"); !strings.Contains(body, `id="probe-verdict"`) {
		t.Errorf("probe of a source that yields nothing:\n%s", body)
	}
	if resp, _ := e.get(c, "/admin/sources/nope/probe"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("probe of an unknown source: %s", resp.Status)
	}
	if resp, _ := e.get(e.loggedIn(editorName, editorPassword), "/admin/sources/krefeld/probe"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor's probe: %s", resp.Status)
	}
}
