package clientip

import (
	"net/netip"
	"strings"
)

// Hop is one entry of a forwarding chain; Addr is invalid when the entry is
// not an IP address ("unknown", an obfuscated identifier, garbage).
type Hop struct {
	Addr netip.Addr
}

// ParseXForwardedFor reads X-Forwarded-For header values (each a comma
// separated list, the values in the order received) into hops, left (the
// first client) to right (the nearest proxy). Entries may carry a port
// ("192.0.2.1:4711", "[2001:db8::1]:80").
func ParseXForwardedFor(values []string) []Hop {
	var hops []Hop
	for _, v := range values {
		for _, e := range strings.Split(v, ",") {
			hops = append(hops, Hop{Addr: parseNode(strings.TrimSpace(e))})
		}
	}
	return hops
}

// ParseForwarded reads RFC 7239 Forwarded header values into hops, one per
// forwarded-element, from its for= parameter (an element without one is a
// hop with no address).
func ParseForwarded(values []string) []Hop {
	var hops []Hop
	for _, v := range values {
		for _, elem := range splitQuoted(v, ',') {
			var hop Hop
			for _, pair := range splitQuoted(elem, ';') {
				name, value, ok := strings.Cut(pair, "=")
				if !ok || !strings.EqualFold(strings.TrimSpace(name), "for") {
					continue
				}
				hop.Addr = parseNode(unquote(strings.TrimSpace(value)))
			}
			hops = append(hops, hop)
		}
	}
	return hops
}

// parseNode reads an address with an optional port: 192.0.2.1,
// 192.0.2.1:80, 2001:db8::1, [2001:db8::1], [2001:db8::1]:80. Anything else
// is the invalid address.
func parseNode(s string) netip.Addr {
	if a, err := netip.ParseAddr(s); err == nil {
		if a.Zone() != "" {
			return netip.Addr{}
		}
		return a.Unmap()
	}
	if ap, err := netip.ParseAddrPort(s); err == nil && ap.Addr().Zone() == "" {
		return ap.Addr().Unmap()
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil && a.Is6() && a.Zone() == "" {
			return a.Unmap()
		}
	}
	return netip.Addr{}
}

// splitQuoted splits s at sep outside double-quoted strings (which may hold
// backslash escapes).
func splitQuoted(s string, sep byte) []string {
	var parts []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unquote removes the quotes and escapes of an RFC 7230 quoted-string; other
// text is returned as it is.
func unquote(s string) string {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s
	}
	var b strings.Builder
	for i := 1; i < len(s)-1; i++ {
		if s[i] == '\\' && i+1 < len(s)-1 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
