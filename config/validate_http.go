package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// validateHTTPLimits checks the HTTP server's limits and trusted proxies.
func (l *loader) validateHTTPLimits(h HTTP) {
	l.positive("http.read_header_timeout", h.ReadHeaderTimeout < 0, h.ReadHeaderTimeout)
	l.positive("http.read_timeout", h.ReadTimeout < 0, h.ReadTimeout)
	l.positive("http.write_timeout", h.WriteTimeout < 0, h.WriteTimeout)
	l.positive("http.idle_timeout", h.IdleTimeout < 0, h.IdleTimeout)
	l.positive("http.max_header_bytes", h.MaxHeaderBytes < 0, h.MaxHeaderBytes)
	l.positive("http.max_connections", h.MaxConnections < 0, h.MaxConnections)
	l.positive("http.max_connections_per_ip", h.MaxConnectionsPerIP < 0, h.MaxConnectionsPerIP)
	l.positive("http.max_body_bytes", h.MaxBodyBytes < 0, h.MaxBodyBytes)
	l.positive("http.max_webhook_bytes", h.MaxWebhookBytes < 0, h.MaxWebhookBytes)
	if h.ReadHeaderTimeout > 0 && h.ReadTimeout > 0 && h.ReadHeaderTimeout > h.ReadTimeout {
		l.errorf("http.read_header_timeout", "%v is longer than http.read_timeout (%v), which includes the headers", h.ReadHeaderTimeout, h.ReadTimeout)
	}
	for i, p := range h.TrustedProxies {
		if _, err := ParseTrustedProxy(p); err != nil {
			l.errorf(fmt.Sprintf("http.trusted_proxies[%d]", i), "%v", err)
		}
	}
}

// ParseTrustedProxy reads one http.trusted_proxies entry: a CIDR
// (10.0.0.0/8, fd00::/8) or a single address (127.0.0.1, ::1).
func ParseTrustedProxy(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("want a CIDR such as 10.0.0.0/8 or an address, got %q", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("want a CIDR such as 10.0.0.0/8 or an address, got %q", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
