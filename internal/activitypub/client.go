package activitypub

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress is the error of a connection refused because its
// address is loopback, private, link-local or otherwise not public.
var ErrPrivateAddress = errors.New("activitypub: refusing a non-public address")

// NewClient returns the HTTP client for every request to another server
// (key fetches, deliveries). Unless allowPrivate, it refuses to connect to
// a non-public address: the check runs on the address the dialer actually
// connects to, after name resolution, so a name that resolves to a public
// address first and a private one later (DNS rebinding) is refused too.
func NewClient(allowPrivate bool, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, address)
			}
			if !Public(ap.Addr()) {
				return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
			}
			return nil
		}
	}
	tr := &http.Transport{DialContext: d.DialContext, ForceAttemptHTTP2: true, MaxIdleConnsPerHost: 16,
		IdleConnTimeout: 90 * time.Second, TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: timeout}
	return &http.Client{Transport: tr, Timeout: timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("activitypub: too many redirects")
			}
			return nil
		}}
}

// Public reports whether a is a public unicast address.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsValid() && a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() &&
		!a.IsLinkLocalUnicast() && !a.IsUnspecified() && !cgnat.Contains(a)
}

// cgnat is the shared address space of carrier-grade NAT (RFC 6598).
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// get fetches an ActivityPub document, signed as the "all" actor (servers
// in Mastodon's secure mode answer signed requests only).
func (s *Service) get(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("activitypub: fetch %s: %w", u, err)
	}
	req.Header.Set("Accept", `application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"`)
	req.Header.Set("User-Agent", s.userAgent())
	k, err := s.key(ctx, AllActor)
	if err != nil {
		return nil, err
	}
	if err := Sign(req, nil, k.private, s.keyID(AllActor)); err != nil {
		return nil, err
	}
	return s.client.Do(req)
}
