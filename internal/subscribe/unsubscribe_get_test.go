package subscribe_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// RFC 8058: opening the unsubscribe link (GET, as mail scanners and link
// previews do) only shows the page with its button; it neither deletes a
// subscriber nor pauses an address of a configured digest. The POST does.
func TestUnsubscribeGetChangesNothing(t *testing.T) {
	e := newEnv(t)
	sub, _, err := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "keep@example.org",
		Language: "en", Schedule: "daily", Partners: []string{"leiden"}})
	if err != nil {
		t.Fatal(err)
	}
	if sub, err = e.Service.Confirm(e.Ctx, sub.ID, "test"); err != nil {
		t.Fatal(err)
	}
	u := e.Service.UnsubscribeURL(e.Service.SubscriberRecipient(sub), sub.Email, time.Now())
	for i := range 2 {
		st, body := get(t, u)
		kept, err := e.Store.EmailSubscriber(e.Ctx, sub.ID)
		if err != nil || kept.Status != store.SubscriberConfirmed {
			t.Fatalf("after opening the link %d times: %+v %v, want the subscriber confirmed as before", i+1, kept, err)
		}
		if st != 200 || !strings.Contains(body, `<button type="submit"`) {
			t.Fatalf("unsubscribe page: %d\n%s", st, body)
		}
	}

	r, err := e.Service.DigestRecipient("dunkerque-office")
	if err != nil {
		t.Fatal(err)
	}
	cu := e.Service.UnsubscribeURL(r, "maire@dunkerque.example", time.Now())
	if st, body := get(t, cu); st != 200 || !strings.Contains(body, `<button type="submit"`) {
		t.Fatalf("configured digest page: %d\n%s", st, body)
	}
	paused, err := e.Store.DigestPaused(e.Ctx, "dunkerque-office")
	if err != nil || len(paused) != 0 {
		t.Fatalf("after opening the link: paused %v (%v), want none", paused, err)
	}

	// A cross-site POST (another site's form) does not.
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
	if st, _ := post(t, http.DefaultClient, u, url.Values{"List-Unsubscribe": {"One-Click"}}, crossSite); st != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", st)
	}
	if _, err := e.Store.EmailSubscriber(e.Ctx, sub.ID); err != nil {
		t.Fatalf("after a cross-site POST: %v, want the subscriber kept", err)
	}

	// The button (or a mail client's one-click POST) does it.
	oneClick := url.Values{"List-Unsubscribe": {"One-Click"}}
	if st, _ := post(t, http.DefaultClient, u, oneClick, nil); st != 200 {
		t.Fatalf("one-click: %d", st)
	}
	if _, err := e.Store.EmailSubscriber(e.Ctx, sub.ID); err != store.ErrNotFound {
		t.Fatalf("after the POST: %v, want the subscriber gone", err)
	}
	if st, _ := post(t, http.DefaultClient, cu, oneClick, nil); st != 200 {
		t.Fatalf("pause: %d", st)
	}
	if paused, err := e.Store.DigestPaused(e.Ctx, "dunkerque-office"); err != nil || !paused["maire@dunkerque.example"] {
		t.Fatalf("after the POST: paused %v (%v)", paused, err)
	}
}
