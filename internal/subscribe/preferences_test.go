package subscribe_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
)

// confirmLink subscribes addr through the form from client c and returns
// the confirmation link of its mail (the n-th mail in mailpit).
func (e *env) confirmLink(c *http.Client, addr string, n int) string {
	e.T.Helper()
	if st, _ := post(e.T.(*testing.T), c, e.srv.URL+"/subscribe", form(addr), nil); st != 200 {
		e.T.Fatalf("subscribe %s: %d", addr, st)
	}
	// The newest mail to addr: mails to other addresses may come after it
	// (their jobs run in any order).
	var id string
	for _, m := range e.Mailpit.WaitMessages(n) {
		if id == "" && len(m.To) == 1 && m.To[0].Address == addr {
			id = m.ID
		}
	}
	if id == "" {
		e.T.Fatalf("no mail to %s", addr)
	}
	link := regexp.MustCompile(`http://\S+/confirm/\S+`).FindString(e.Mailpit.Message(id).Text)
	if link == "" {
		e.T.Fatal("no confirmation link")
	}
	return link
}

// With email.consent_ip the confirmation keeps a keyed hash of the client's
// address (never the address), shown in the data download and erased with
// the subscription; without it, nothing of the address is kept.
func TestConsentProof(t *testing.T) {
	for _, on := range []bool{true, false} {
		e := newEnvConfig(t, func(c *config.Config) { c.Email.ConsentIP = on })
		c := clientFrom("127.0.0.9")
		link := e.confirmLink(c, "proof@example.org", 1)
		if st, _ := post(t, c, link, nil, nil); st != 200 {
			t.Fatalf("confirm: %d", st)
		}
		sub, err := e.Store.EmailSubscriber(e.Ctx, e.subscriberByEmail("proof@example.org"))
		if err != nil || sub.Status != store.SubscriberConfirmed || sub.ConfirmedAt.IsZero() {
			t.Fatalf("after confirming: %+v %v", sub, err)
		}
		if strings.Contains(sub.Consent, "127.0.0.9") {
			t.Errorf("consent_ip %v: the consent record holds the client's address: %q", on, sub.Consent)
		}
		want := ""
		if on {
			want = subscribe.ConsentIPHash(e.Cfg.Site.Secret.Value(), "127.0.0.9")
		}
		if sub.ConsentIP != want || on && len(want) != 64 {
			t.Errorf("consent_ip %v: proof %q, want %q", on, sub.ConsentIP, want)
		}
		data := e.download(sub)
		if data["consent_ip_hash"] != nil && data["consent_ip_hash"] != want || on && data["consent_ip_hash"] != want {
			t.Errorf("consent_ip %v: download shows %v", on, data["consent_ip_hash"])
		}
		if data["confirmed_at"] == nil || data["consent"] != sub.Consent {
			t.Errorf("download lacks the consent: %v", data)
		}
	}
}

// download fetches a subscriber's data through its preference page.
func (e *env) download(sub store.EmailSubscriber) map[string]any {
	e.T.Helper()
	resp, err := http.Get(e.Service.ManageURL(sub, time.Now().Add(time.Hour)) + "/data")
	if err != nil {
		e.T.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		e.T.Fatalf("download: %d %v", resp.StatusCode, err)
	}
	return out
}

// A pending address entered again gets its confirmation once more (once
// per quarter hour), and the answer page is the same as for a new address.
func TestPendingAddressGetsConfirmationAgain(t *testing.T) {
	e := newEnv(t)
	c := clientFrom("127.0.0.10")
	first := e.confirmLink(c, "again@example.org", 1)
	_, newBody := post(t, c, e.srv.URL+"/subscribe", form("fresh@example.org"), nil)
	second := e.confirmLink(c, "again@example.org", 3)
	if first != second {
		t.Errorf("the second confirmation mail links elsewhere:\n%s\n%s", first, second)
	}
	_, againBody := post(t, c, e.srv.URL+"/subscribe", form("again@example.org"), nil)
	if againBody != newBody {
		t.Error("the answer for a pending address differs from a new one's")
	}
	e.Drained()
	n := 0
	for _, m := range e.Mailpit.Messages() {
		if m.To[0].Address == "again@example.org" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d confirmation mails to a pending address asked three times, want 2", n)
	}
}

// The preference page pauses and resumes: a paused subscriber gets no
// digest; tokens for another purpose, altered or for an erased address are
// refused.
func TestPreferencePauseAndTokens(t *testing.T) {
	e := newEnv(t)
	sub, _, _ := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "pause@example.org",
		Language: "de", Schedule: "daily", Partners: []string{"leiden"}})
	sub, _ = e.Service.Confirm(e.Ctx, sub.ID, "test")
	u := e.Service.ManageURL(sub, time.Now().Add(time.Hour))
	if st, body := get(t, u); st != 200 || !strings.Contains(body, "Pausieren") || !strings.Contains(body, `value="pause@example.org" required autocomplete="email" readonly`) {
		t.Fatalf("page: %d\n%s", st, body)
	}
	if st, body := post(t, http.DefaultClient, u, url.Values{"action": {"pause"}}, nil); st != 200 || !strings.Contains(body, "Fortsetzen") {
		t.Fatalf("pause: %d\n%s", st, body)
	}
	e.article("Leiden while paused", "leiden")
	e.plan("daily", time.Now().Add(24*time.Hour).Truncate(time.Hour))
	if n := len(e.Mailpit.Messages()); n != 0 {
		t.Errorf("%d mails to a paused subscriber", n)
	}
	if st, _ := post(t, http.DefaultClient, u, url.Values{"action": {"resume"}}, nil); st != 200 {
		t.Fatalf("resume: %d", st)
	}
	e.article("Leiden after the pause", "leiden")
	e.plan("daily", time.Now().Add(48*time.Hour).Truncate(time.Hour))
	m := e.Mailpit.Message(e.Mailpit.WaitMessages(1)[0].ID)
	if !strings.Contains(m.Text, "Leiden after the pause") || strings.Contains(m.Text, "Leiden while paused") {
		t.Errorf("digest after the pause:\n%s", m.Text)
	}

	tok := strings.TrimPrefix(u, e.srv.URL+"/subscription/")
	unsub := e.Service.Signer.Sign(digest.Token{Purpose: digest.PurposeUnsubscribe, Recipient: sub.Recipient(), Expires: time.Now().Add(time.Hour).Unix()})
	other := sub
	other.Email = "someone@example.org" // the same id, another address
	for name, bad := range map[string]string{
		"unsubscribe token": unsub,
		"altered":           tok[:len(tok)-2] + "xx",
		"other address":     strings.TrimPrefix(e.Service.ManageURL(other, time.Now().Add(time.Hour)), e.srv.URL+"/subscription/"),
		"expired":           strings.TrimPrefix(e.Service.ManageURL(sub, time.Now().Add(-time.Minute)), e.srv.URL+"/subscription/"),
	} {
		if st, _ := get(t, e.srv.URL+"/subscription/"+bad); st != http.StatusNotFound {
			t.Errorf("%s: GET %d, want 404", name, st)
		}
		if st, _ := post(t, http.DefaultClient, e.srv.URL+"/subscription/"+bad, url.Values{"action": {"erase"}}, nil); st != http.StatusNotFound {
			t.Errorf("%s: POST %d, want 404", name, st)
		}
		if st, _ := get(t, e.srv.URL+"/subscription/"+bad+"/data"); st != http.StatusNotFound {
			t.Errorf("%s: data %d, want 404", name, st)
		}
	}
	if _, err := e.Store.EmailSubscriber(e.Ctx, sub.ID); err != nil {
		t.Errorf("a bad token erased the subscriber: %v", err)
	}
}

// A failure on our side answers 500 with a page in the site's layout, not
// a line of plain text.
func TestServerErrorPage(t *testing.T) {
	e := newEnv(t)
	sub, _, _ := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "err@example.org",
		Language: "en", Schedule: "daily", Partners: []string{"leiden"}})
	u := e.Service.ManageURL(sub, time.Now().Add(time.Hour))
	if _, err := e.Store.DB.ExecContext(e.Ctx, `ALTER TABLE email_subscribers RENAME TO email_subscribers_gone`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		e.Store.DB.ExecContext(e.Ctx, `ALTER TABLE email_subscribers_gone RENAME TO email_subscribers`)
	})
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	io.Copy(&b, resp.Body)
	if resp.StatusCode != 500 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
		!strings.Contains(b.String(), `<main id="main"`) || !strings.Contains(b.String(), "<h1>Etwas ist schiefgegangen</h1>") {
		t.Errorf("500 page: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), b.String())
	}
}
