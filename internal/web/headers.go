package web

import "net/http"

// SetSecurityHeaders sets the headers every HTML page of the service sends:
// no MIME sniffing, a referrer policy (unless the page set one) and a Content-Security-Policy that
// allows no script, no framing (frame-ancestors) and style only from
// styleSrc ("'self'" for the style sheet, or an inline style's hash).
func SetSecurityHeaders(h http.Header, styleSrc string) {
	h.Set("X-Content-Type-Options", "nosniff")
	if h.Get("Referrer-Policy") == "" { // a page whose URL holds a token sets no-referrer
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	}
	h.Set("Content-Security-Policy", "default-src 'none'; style-src "+styleSrc+
		"; img-src https: http:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
}
