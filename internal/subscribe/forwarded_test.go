package subscribe_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// TestForwardedForNotSpoofable: a client that sets X-Forwarded-For itself
// gets no fresh rate limit per request, neither directly nor through a
// trusted proxy that appends to the header (nginx's
// $proxy_add_x_forwarded_for); behind that proxy, each visitor has a limit
// of its own.
func TestForwardedForNotSpoofable(t *testing.T) {
	t.Run("no trusted proxy", func(t *testing.T) {
		e := newEnv(t)
		accepted := acceptedOf8(t, clientFrom("127.0.0.6"), e.srv.URL, func(i int) map[string]string {
			return map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i+1)}
		})
		if accepted != 5 {
			t.Errorf("%d of 8 requests with made-up X-Forwarded-For accepted, want 5 (the peer's limit)", accepted)
		}
	})
	t.Run("behind a trusted proxy", func(t *testing.T) {
		e := newEnvConfig(t, func(c *config.Config) { c.HTTP.TrustedProxies = []string{"127.0.0.0/8"} })
		proxy := clientFrom("127.0.0.7")
		accepted := acceptedOf8(t, proxy, e.srv.URL, func(i int) map[string]string {
			// The client sent "X-Forwarded-For: 198.51.100.i"; the proxy appended the client's address.
			return map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d, 203.0.113.5", i+1)}
		})
		if accepted != 5 {
			t.Errorf("%d of 8 requests of one visitor accepted, want 5", accepted)
		}
		other := map[string]string{"X-Forwarded-For": "203.0.113.6"}
		if st, _ := post(t, proxy, e.srv.URL+"/subscribe", form("z@example.org"), other); st != 200 {
			t.Errorf("another visitor behind the proxy is limited too: %d", st)
		}
	})
}

// acceptedOf8 posts 8 subscriptions to base with the headers of each
// request and counts the accepted ones.
func acceptedOf8(t *testing.T, c *http.Client, base string, headers func(i int) map[string]string) int {
	t.Helper()
	accepted := 0
	for i := range 8 {
		if st, _ := post(t, c, base+"/subscribe", form(fmt.Sprintf("r%d@example.org", i)), headers(i)); st == 200 {
			accepted++
		}
	}
	return accepted
}
