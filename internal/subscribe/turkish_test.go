package subscribe_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// The subscription flow in Turkish: the form's language tr gives a Turkish
// answer page, a Turkish confirmation mail, and Turkish pages behind its link.
func TestSubscribeTurkish(t *testing.T) {
	e := newEnv(t)
	f := form("vatandas@example.org")
	f.Set("language", "tr")
	st, body := post(t, clientFrom("127.0.3.1"), e.srv.URL+"/subscribe", f, nil)
	if st != http.StatusOK || !strings.Contains(body, `lang="tr"`) || !strings.Contains(body, "Lütfen gelen kutunuzu kontrol edin") {
		t.Fatalf("answer %d:\n%s", st, body)
	}
	msgs := e.Mailpit.WaitMessages(1)
	if msgs[0].Subject != "Lütfen aboneliğinizi onaylayın – Krefeld" {
		t.Errorf("confirmation subject %q", msgs[0].Subject)
	}
	text := e.Mailpit.Message(msgs[0].ID).Text
	if !strings.Contains(text, "Aboneliği onaylayın") || !strings.Contains(text, "(günlük)") {
		t.Errorf("confirmation mail not in Turkish:\n%s", text)
	}
	link := regexp.MustCompile(`http://\S+/confirm/\S+`).FindString(text)
	if link == "" {
		t.Fatal("no confirmation link in the mail")
	}
	if st, body := get(t, link); st != http.StatusOK || !strings.Contains(body, `lang="tr"`) ||
		!strings.Contains(body, "vatandas@example.org adresinin") {
		t.Errorf("confirm page %d:\n%s", st, body)
	}
	if st, body := post(t, http.DefaultClient, link, nil, nil); st != http.StatusOK || !strings.Contains(body, "Abonelik onaylandı") {
		t.Errorf("confirmed page %d:\n%s", st, body)
	}
}
