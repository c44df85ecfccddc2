package subscribe_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestPagesCannotBeFramed: the confirm and unsubscribe pages send the
// security headers of every page (no framing, no script), and their CSP
// allows their style: the site's style sheet, no inline style.
func TestPagesCannotBeFramed(t *testing.T) {
	e := newEnv(t)
	sub, _, _ := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: "frame@example.org",
		Language: "en", Schedule: "daily", Partners: []string{"leiden"}})
	tok := func(p string) string {
		return e.Service.Signer.Sign(digest.Token{Purpose: p, Recipient: sub.Recipient(), Expires: time.Now().Add(time.Hour).Unix()})
	}
	for _, path := range []string{"/confirm/" + tok(digest.PurposeConfirm), "/unsubscribe/" + tok(digest.PurposeUnsubscribe), "/confirm/forged"} {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(b)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'none'") ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path[:12], resp.Header)
		}
		// The pages use the site's style sheet: no inline style, which the
		// CSP would block, and the sheet allowed from the site itself.
		if strings.Contains(body, "<style") || !strings.Contains(body, `rel="stylesheet"`) || !strings.Contains(csp, "style-src 'self'") {
			t.Errorf("%s: CSP %q and the page's style do not match:\n%s", path[:12], csp, body)
		}
	}
}

// TestCrossSiteRefusalSaysSo: a cross-site POST is refused with a page that
// says what happened, not that a link expired.
func TestCrossSiteRefusalSaysSo(t *testing.T) {
	e := newEnv(t)
	st, body := post(t, http.DefaultClient, e.srv.URL+"/subscribe", form("csrf2@example.org"),
		map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if st != http.StatusForbidden || strings.Contains(body, "abgelaufen") || strings.Contains(body, "expired") ||
		!strings.Contains(body, "andere") && !strings.Contains(body, "another") {
		t.Errorf("cross-site POST: %d\n%s", st, body)
	}
}
