package clientip_test

import (
	"net/http"
	"net/netip"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/clientip"
)

func TestClient(t *testing.T) {
	proxies, err := clientip.New([]string{"127.0.0.1", "10.0.0.0/8", "fd00::/8"})
	if err != nil {
		t.Fatal(err)
	}
	none, _ := clientip.New(nil)
	for _, c := range []struct {
		name   string
		r      clientip.Resolver
		peer   string
		header http.Header
		want   string
	}{
		{"no proxies trusted: the peer, whatever it says", none, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "127.0.0.1"},
		{"untrusted peer: the peer", proxies, "198.51.100.7:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "198.51.100.7"},
		{"trusted proxy names the client", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "203.0.113.9"},
		{"a client's own entry left of the proxy's is ignored", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"1.2.3.4, 203.0.113.9"}}, "203.0.113.9"},
		{"two trusted proxies", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"1.2.3.4, 203.0.113.9, 10.1.2.3"}}, "203.0.113.9"},
		{"several header lines in order", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"1.2.3.4", "203.0.113.9, 10.1.2.3"}}, "203.0.113.9"},
		{"with a port", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9:4711"}}, "203.0.113.9"},
		{"garbage: the last trusted hop", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9, nonsense, 10.0.0.5"}}, "10.0.0.5"},
		{"only proxies: the left-most", proxies, "127.0.0.1:5000",
			http.Header{"X-Forwarded-For": {"10.0.0.9, 10.0.0.5"}}, "10.0.0.9"},
		{"no header: the proxy", proxies, "127.0.0.1:5000", http.Header{}, "127.0.0.1"},
		{"Forwarded", proxies, "127.0.0.1:5000",
			http.Header{"Forwarded": {`for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.1`}}, "2001:db8:cafe::17"},
		{"Forwarded with quoted separators", proxies, "[fd00::1]:5000",
			http.Header{"Forwarded": {`for="_x,y;z";by=a, For=198.51.100.2;host="a,b"`}}, "198.51.100.2"},
		{"Forwarded unknown: the last trusted hop", proxies, "127.0.0.1:5000",
			http.Header{"Forwarded": {`for=198.51.100.2, for=unknown`}}, "127.0.0.1"},
		{"X-Forwarded-For wins over Forwarded", proxies, "127.0.0.1:5000",
			http.Header{"Forwarded": {`for=1.2.3.4`}, "X-Forwarded-For": {"203.0.113.9"}}, "203.0.113.9"},
		{"IPv4-mapped peer", proxies, "[::ffff:127.0.0.1]:5000",
			http.Header{"X-Forwarded-For": {"203.0.113.9"}}, "203.0.113.9"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &http.Request{RemoteAddr: c.peer, Header: c.header}
			if got := c.r.Client(r); got != c.want {
				t.Errorf("client %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzResolve feeds arbitrary X-Forwarded-For and Forwarded values: the
// client is always the peer or an address the headers hold, never a trusted
// proxy unless every hop is one, and the peer when it is not trusted.
func FuzzResolve(f *testing.F) {
	f.Add("1.2.3.4, 203.0.113.9, 10.1.2.3", `for=1.2.3.4, for="[2001:db8::17]:4711";proto=https`, true)
	f.Add("unknown, [::1]:80", `for="_x,y;z";by=a, For=198.51.100.2`, false)
	f.Add("", `for="\"`, true)
	r, _ := clientip.New([]string{"127.0.0.0/8", "10.0.0.0/8", "::1"})
	f.Fuzz(func(t *testing.T, xff, fwd string, trustedPeer bool) {
		peer := netip.MustParseAddr("198.51.100.1")
		if trustedPeer {
			peer = netip.MustParseAddr("127.0.0.1")
		}
		h := http.Header{"Forwarded": {fwd}}
		if xff != "" {
			h["X-Forwarded-For"] = []string{xff}
		}
		got := r.Resolve(peer, h)
		if !got.IsValid() {
			t.Fatalf("no client")
		}
		if !trustedPeer {
			if got != peer {
				t.Fatalf("untrusted peer, client %v", got)
			}
			return
		}
		hops := clientip.ParseForwarded([]string{fwd})
		if xff != "" {
			hops = clientip.ParseXForwardedFor([]string{xff})
		}
		found := got == peer
		allTrusted := true
		for _, hop := range hops {
			found = found || hop.Addr == got
			allTrusted = allTrusted && hop.Addr.IsValid() && r.Trusted(hop.Addr)
		}
		if !found {
			t.Fatalf("client %v is neither the peer nor in %v", got, hops)
		}
		if r.Trusted(got) && !allTrusted && got != peer {
			// A trusted hop may be the answer only when what stands left
			// of it cannot be read or every hop is a proxy.
			last := len(hops) - 1
			for last >= 0 && hops[last].Addr.IsValid() && r.Trusted(hops[last].Addr) {
				last--
			}
			if last >= 0 && hops[last].Addr.IsValid() {
				t.Fatalf("client %v is a proxy although %v stands left of it", got, hops[last].Addr)
			}
		}
	})
}
