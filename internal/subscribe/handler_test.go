package subscribe_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

func post(t *testing.T, c *http.Client, u string, form url.Values, header map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func form(email string) url.Values {
	return url.Values{"email": {email}, "partners": {"duenkirchen", "leiden"}, "schedule": {"daily"}, "language": {"en"}}
}

// The answer never tells whether an address is known, a confirmed address
// gets the link to its preference page (and its choices stay as they were),
// bad input is refused, the honeypot and cross-site posts store nothing.
func TestSubscribeForm(t *testing.T) {
	e := newEnv(t)
	c := clientFrom("127.0.0.2")
	u := e.srv.URL + "/subscribe"

	st1, newBody := post(t, c, u, form("new@example.org"), nil)
	e.Mailpit.WaitMessages(1)
	confirmed, _, err := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "known@example.org",
		Language: "en", Schedule: "daily", Partners: []string{"leiden"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Service.Confirm(e.Ctx, confirmed.ID, "test"); err != nil {
		t.Fatal(err)
	}
	st2, knownBody := post(t, c, u, form("known@example.org"), nil)
	if st1 != 200 || st2 != 200 || newBody != knownBody {
		t.Errorf("answers differ for a new and a known address: %d %d", st1, st2)
	}
	msgs := e.Mailpit.WaitMessages(2)
	if msgs[0].To[0].Address != "known@example.org" || msgs[0].Subject != "Manage your subscription – Krefeld" ||
		!strings.Contains(e.Mailpit.Message(msgs[0].ID).Text, e.srv.URL+"/subscription/") {
		t.Errorf("the known address got %q, want its preference link", msgs[0].Subject)
	}
	// Entering it again at once mails nothing more (no mail bombing).
	post(t, c, u, form("known@example.org"), nil)
	e.Drained()
	if n := len(e.Mailpit.Messages()); n != 2 {
		t.Errorf("%d mails, want the confirmation and one preference link", n)
	}
	if sub, _ := e.Store.EmailSubscriber(e.Ctx, confirmed.ID); strings.Join(sub.Partners, ",") != "leiden" {
		t.Errorf("a stranger changed a confirmed subscription: %v", sub.Partners)
	}

	ip := 0
	for name, f := range map[string]url.Values{
		"header injection": form("a@example.org\r\nBcc: evil@example.org"),
		"no address":       form(""),
		"named address":    form("Eve <eve@example.org>"),
		"unknown partner":  {"email": {"b@example.org"}, "partners": {"atlantis"}, "schedule": {"daily"}},
		"no partner":       {"email": {"b@example.org"}, "schedule": {"daily"}},
		"unknown schedule": {"email": {"b@example.org"}, "partners": {"leiden"}, "schedule": {"hourly"}},
	} {
		ip++
		if st, _ := post(t, clientFrom(fmt.Sprintf("127.0.1.%d", ip)), u, f, nil); st != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", name, st)
		}
	}
	honey := form("bot@example.org")
	honey.Set("website", "http://spam.example")
	if st, _ := post(t, c, u, honey, nil); st != 200 || e.subscriberByEmail("bot@example.org") != 0 {
		t.Errorf("honeypot: status %d, stored %v", st, e.subscriberByEmail("bot@example.org") != 0)
	}
	st, _ := post(t, c, u, form("csrf@example.org"), map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if st != http.StatusForbidden || e.subscriberByEmail("csrf@example.org") != 0 {
		t.Errorf("cross-site post: status %d", st)
	}
}

// Each client IP gets 5 requests at once, then waits.
func TestSubscribeRateLimit(t *testing.T) {
	e := newEnv(t)
	c := clientFrom("127.0.0.4")
	for i := range 6 {
		st, _ := post(t, c, e.srv.URL+"/subscribe", form(fmt.Sprintf("r%d@example.org", i)), nil)
		if want := map[bool]int{true: 200, false: 429}[i < 5]; st != want {
			t.Errorf("request %d: status %d, want %d", i+1, st, want)
		}
	}
	if st, _ := post(t, clientFrom("127.0.0.5"), e.srv.URL+"/subscribe", form("other@example.org"), nil); st != 200 {
		t.Errorf("another client is limited too: %d", st)
	}
}

// Forged, altered, expired and misused tokens are refused.
func TestTokensRefused(t *testing.T) {
	e := newEnv(t)
	sub, _, _ := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "tok@example.org",
		Language: "en", Schedule: "daily", Partners: []string{"leiden"}})
	good := digest.Token{Purpose: digest.PurposeConfirm, Recipient: sub.Recipient(), Expires: time.Now().Add(time.Hour).Unix()}
	valid := e.Service.Signer.Sign(good)
	altered := valid[:len(valid)-3] + map[bool]string{true: "AAA", false: "BBB"}[!strings.HasSuffix(valid, "AAA")]
	other := sub
	other.ID++
	forgedPayload := strings.SplitN(e.Service.Signer.Sign(digest.Token{Purpose: digest.PurposeConfirm,
		Recipient: other.Recipient(), Expires: good.Expires}), ".", 2)[0] + "." + strings.SplitN(valid, ".", 2)[1]
	expired := good
	expired.Expires = time.Now().Add(-time.Minute).Unix()
	unsub := good
	unsub.Purpose = digest.PurposeUnsubscribe
	for name, tok := range map[string]string{
		"altered MAC":     altered,
		"swapped payload": forgedPayload,
		"other secret":    digest.NewSigner("another-secret-of-enough-length").Sign(good),
		"expired":         e.Service.Signer.Sign(expired),
		"wrong purpose":   e.Service.Signer.Sign(unsub),
		"garbage":         "not-a-token",
	} {
		if st, _ := get(t, e.srv.URL+"/confirm/"+tok); st != http.StatusNotFound {
			t.Errorf("%s: GET status %d, want 404", name, st)
		}
		if st, _ := post(t, http.DefaultClient, e.srv.URL+"/confirm/"+tok, nil, nil); st != http.StatusNotFound {
			t.Errorf("%s: POST status %d, want 404", name, st)
		}
	}
	if st, body := get(t, e.srv.URL+"/confirm/"+valid); st != 200 || !strings.Contains(body, `<button type="submit">Confirm subscription`) {
		t.Errorf("valid token, page: %d\n%s", st, body)
	}
	if s, _ := e.Store.EmailSubscriber(e.Ctx, sub.ID); s.Status != store.SubscriberPending {
		t.Fatalf("the address was confirmed without the POST")
	}
	if st, body := post(t, http.DefaultClient, e.srv.URL+"/confirm/"+valid, nil, nil); st != 200 || !strings.Contains(body, "Subscription confirmed") {
		t.Errorf("valid token, POST: %d", st)
	}
	if s, _ := e.Store.EmailSubscriber(e.Ctx, sub.ID); s.Status != store.SubscriberConfirmed {
		t.Errorf("not confirmed after the POST")
	}
}

// RFC 8058 one-click: a POST with List-Unsubscribe=One-Click and no browser
// headers deletes a subscriber; for a configured digest it pauses that address.
func TestOneClickUnsubscribe(t *testing.T) {
	e := newEnv(t)
	sub, _, _ := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "one@example.org",
		Language: "nl", Schedule: "daily", Partners: []string{"leiden"}})
	sub, _ = e.Service.Confirm(e.Ctx, sub.ID, "test")
	u := e.Service.UnsubscribeURL(e.Service.SubscriberRecipient(sub), sub.Email, time.Now())
	oneClick := url.Values{"List-Unsubscribe": {"One-Click"}}
	if st, body := post(t, http.DefaultClient, u, oneClick, nil); st != 200 || !strings.Contains(body, "Afgemeld") {
		t.Errorf("one-click: %d\n%s", st, body)
	}
	if _, err := e.Store.EmailSubscriber(e.Ctx, sub.ID); err != store.ErrNotFound {
		t.Errorf("subscriber kept: %v", err)
	}

	e.article("Dunkerque news", "duenkirchen")
	r, _ := e.Service.DigestRecipient("dunkerque-office")
	u = e.Service.UnsubscribeURL(r, "maire@dunkerque.example", time.Now())
	if st, body := get(t, u); st != 200 || !strings.Contains(body, "presse@city.example") || !strings.Contains(body, "Suspendre") {
		t.Errorf("configured digest page: %d\n%s", st, body)
	}
	if st, _ := post(t, http.DefaultClient, u, oneClick, nil); st != 200 {
		t.Errorf("pause: %d", st)
	}
	slot := time.Now().Add(time.Hour)
	e.run(digest.SendArgs{Recipients: []string{r.Key}, Slot: slot.UnixMilli()})
	msgs := e.Mailpit.WaitMessages(1)
	if m := e.Mailpit.Message(msgs[0].ID); len(m.To) != 1 || m.To[0].Address != "jumelage@dunkerque.example" {
		t.Errorf("paused address still receives: %+v", m.To)
	}
	if st, body := post(t, http.DefaultClient, u, url.Values{"action": {"resume"}}, nil); st != 200 || !strings.Contains(body, "Repris") {
		t.Errorf("resume: %d", st)
	}
	paused, err := e.Store.DigestPaused(e.Ctx, "dunkerque-office")
	if err != nil || len(paused) != 0 {
		t.Errorf("still paused: %v (%v)", paused, err)
	}
}
