package admin_test

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/digest/digesttest"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

const office = "dunkerque-office"

// digestEnv is the console and the digest service (River, mailpit) on one
// database; logs holds what the digest service logged.
func digestEnv(t *testing.T) (*env, *digesttest.Env, *testutil.SyncBuffer) {
	t.Helper()
	mp := mailpittest.Start(t)
	cfg := digesttest.Config("http://127.0.0.1:1", mp.SMTPPort)
	e := newEnv(t, cfg, nil)
	logs := &testutil.SyncBuffer{}
	svc, err := digest.New(cfg, e.store, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return e, &digesttest.Env{T: t, Ctx: e.ctx, Cfg: cfg, Store: e.store, Mailpit: mp, Service: svc}, logs
}

// waitIssue waits until the office digest's issue of the slot meets cond.
func waitIssue(t *testing.T, st *store.Store, slot time.Time, cond func(store.DigestIssue) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := st.DigestIssues(t.Context(), store.DigestRecipient(office))
		if err != nil {
			t.Fatal(err)
		}
		for _, iss := range list {
			if iss.Slot.Equal(slot) && cond(iss) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("issue of %s: condition not reached: %+v", slot, list)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

// An SMTP outage during a scheduled digest shows on the console's first
// page and as an ERROR log line; after recovery the digest goes out once
// and the outage is gone from the console.
func TestSMTPOutageShowsOnConsole(t *testing.T) {
	e, d, logs := digestEnv(t)
	d.Start(false, 200*time.Millisecond)
	d.Article("Krefeld und Dunkerque feiern", time.Now().Add(-time.Hour), "duenkirchen")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour) // a slot after the digest was configured
	c := e.loggedIn(editorName, editorPassword)

	d.Mailpit.Stop()
	// What the digest's periodic job inserts at its slot.
	d.Insert(digest.SendArgs{Recipients: []string{store.DigestRecipient(office)}, Slot: slot.UnixMilli()})
	waitIssue(t, e.store, slot, func(i store.DigestIssue) bool { return i.Attempts >= 1 })
	_, body := e.get(c, "/admin/")
	if !strings.Contains(body, `id="outage-smtp">Der Mailserver streikt: 1 Digest-Ausgabe verzögert sich`) {
		t.Errorf("the first page does not show the SMTP outage:\n%s", body)
	}
	if !strings.Contains(logs.String(), `level=ERROR msg="Digest delayed: the SMTP server failed; retrying later" issues=1`) {
		t.Errorf("no ERROR line for the delayed digest:\n%s", logs.String())
	}

	d.Mailpit.Restart()
	msgs := d.Mailpit.WaitMessages(1)
	waitIssue(t, e.store, slot, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	d.Drained()
	if n := len(d.Mailpit.Messages()); n != 1 || msgs[0].To[0].Address != "jumelage@dunkerque.example" {
		t.Errorf("%d messages after recovery (%+v), want 1 to the office", n, msgs)
	}
	if _, body := e.get(c, "/admin/"); strings.Contains(body, "outage-smtp") || !strings.Contains(body, `id="no-outage"`) {
		t.Errorf("the outage is still shown after recovery:\n%s", body)
	}
	if _, body := e.get(c, "/admin/digests"); !strings.Contains(body, "<td>verschickt</td>") {
		t.Errorf("the digests page does not list the sent issue:\n%s", body)
	}
}

// The digests page shows each digest's schedule, next run and latest
// issues; "send a preview" mails the next issue to the address given and
// marks nothing as sent.
func TestDigestsPageAndPreview(t *testing.T) {
	e, d, _ := digestEnv(t)
	d.Start(false, 0)
	d.Article("Jumelage Dunkerque", time.Now().Add(-time.Hour), "duenkirchen")
	c := e.loggedIn(editorName, editorPassword)
	_, body := e.get(c, "/admin/digests")
	sched, _ := digest.ParseSchedule("0 8 * * 1", e.cfg.Location)
	next := sched.Next(time.Now()).In(e.cfg.Location)
	for _, want := range []string{`<h2 id="digest-dunkerque-office">dunkerque-office</h2>`, "<code>0 8 * * 1</code>",
		next.Format("02.01.2006") + " 08:00</time>", "jumelage@dunkerque.example", "Dünkirchen",
		`<h2 id="digest-daily">daily`, `<h2 id="digest-weekly">weekly`, "Noch keine Ausgaben."} {
		if !strings.Contains(body, want) {
			t.Errorf("digests page lacks %q", want)
		}
	}
	tok := e.token(c, "/admin/digests")
	resp, body := e.post(c, "/admin/digests/"+office+"/preview", url.Values{"csrf": {tok}, "to": {"no address"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="preview-error"`) {
		t.Errorf("preview to a bad address: %s\n%s", resp.Status, body)
	}
	resp, _ = e.post(c, "/admin/digests/"+office+"/preview", url.Values{"csrf": {tok}, "to": {"vorschau@example.org"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("preview: %s", resp.Status)
	}
	msgs := d.Mailpit.WaitMessages(1)
	if len(msgs[0].To) != 1 || msgs[0].To[0].Address != "vorschau@example.org" || !strings.Contains(d.Mailpit.Message(msgs[0].ID).Text, "Jumelage Dunkerque") {
		t.Errorf("preview mail: %+v", msgs[0])
	}
	if issues, err := e.store.DigestIssues(e.ctx, store.DigestRecipient(office)); err != nil || len(issues) != 0 {
		t.Errorf("a preview opened issues: %+v (%v)", issues, err)
	}
	audit, _ := e.store.AuditLog(e.ctx, 0, 1)
	if len(audit) != 1 || audit[0].Action != "digest.preview" || !strings.Contains(audit[0].After, "vorschau@example.org") {
		t.Errorf("audit log: %+v", audit)
	}
	if resp, _ := e.post(c, "/admin/digests/nope/preview", url.Values{"csrf": {tok}, "to": {"a@example.org"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("preview of an unknown digest: %s", resp.Status)
	}
}
