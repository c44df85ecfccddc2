// Package clientip finds the address of the client behind a request: the
// peer itself, or, when the peer is a trusted reverse proxy
// (http.trusted_proxies), the right-most address in X-Forwarded-For (or,
// without it, Forwarded) that is not a trusted proxy. A client that sets
// these headers itself, directly or through a proxy that appends to them,
// cannot choose its address.
package clientip

import (
	"net"
	"net/http"
	"net/netip"

	"github.com/partnerfeed/partnerfeed/config"
)

// Resolver knows which peers may name the client.
type Resolver struct {
	trusted []netip.Prefix
}

// New returns a resolver trusting the proxies given as CIDRs or addresses
// (config.ParseTrustedProxy); an entry that does not parse is an error.
func New(proxies []string) (Resolver, error) {
	var r Resolver
	for _, p := range proxies {
		prefix, err := config.ParseTrustedProxy(p)
		if err != nil {
			return Resolver{}, err
		}
		r.trusted = append(r.trusted, prefix)
	}
	return r, nil
}

// Trusted reports whether a is a trusted proxy.
func (r Resolver) Trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range r.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the client address of req, as text.
func (r Resolver) Client(req *http.Request) string {
	peer, ok := peerAddr(req.RemoteAddr)
	if !ok {
		return req.RemoteAddr
	}
	return r.Resolve(peer, req.Header).String()
}

// Resolve returns the client behind peer given the request headers h.
func (r Resolver) Resolve(peer netip.Addr, h http.Header) netip.Addr {
	peer = peer.Unmap()
	if !r.Trusted(peer) {
		return peer
	}
	var hops []Hop
	if xff := h.Values("X-Forwarded-For"); len(xff) > 0 {
		hops = ParseXForwardedFor(xff)
	} else {
		hops = ParseForwarded(h.Values("Forwarded"))
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		if !hops[i].Addr.IsValid() {
			// Whatever stands left of an entry that is not an address
			// (unknown, an obfuscated name, garbage) cannot be checked: the
			// last trusted proxy is as far as we can tell.
			return client
		}
		client = hops[i].Addr.Unmap()
		if !r.Trusted(client) {
			return client
		}
	}
	return client
}

// peerAddr reads a RemoteAddr ("ip:port", or a bare address).
func peerAddr(remote string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone(""), true
}
