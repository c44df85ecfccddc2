package activitypub_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
)

// TestClientRefusesPrivateAddresses: the client for key fetches and
// deliveries refuses loopback whether named by address or by a name that
// resolves to it (the check is on the address dialled), unless private
// networks are allowed; Public tells public from non-public addresses.
func TestClientRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer srv.Close()
	port := srv.URL[len("http://127.0.0.1:"):]
	for _, u := range []string{srv.URL, "http://localhost:" + port} {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
		if _, err := activitypub.NewClient(false, 5*time.Second).Do(req); !errors.Is(err, activitypub.ErrPrivateAddress) {
			t.Errorf("GET %s: %v, want refused", u, err)
		}
		resp, err := activitypub.NewClient(true, 5*time.Second).Do(req)
		if err != nil {
			t.Errorf("GET %s with private networks allowed: %v", u, err)
		} else {
			resp.Body.Close()
		}
	}
	for addr, public := range map[string]bool{"127.0.0.1": false, "10.1.2.3": false, "192.168.0.1": false,
		"172.16.5.5": false, "169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false,
		"fc00::1": false, "fe80::1": false, "::ffff:127.0.0.1": false, "224.0.0.1": false,
		"93.184.215.14": true, "2a00:1450:4001:80b::200e": true, "::ffff:93.184.215.14": true} {
		if got := activitypub.Public(netip.MustParseAddr(addr)); got != public {
			t.Errorf("Public(%s) = %v, want %v", addr, got, public)
		}
	}
}
