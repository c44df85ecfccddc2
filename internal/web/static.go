package web

import (
	_ "embed"
	"net/http"
)

//go:embed static/favicon.svg
var faviconSVG []byte

// robotsTxt lets crawlers read the public pages and feeds, and keeps them
// off the pages that hold a subscriber's token and off the console.
const robotsTxt = `User-agent: *
Allow: /
Disallow: /subscription/
Disallow: /confirm/
Disallow: /unsubscribe/
Disallow: /admin/
`

// Favicon serves the site's icon (SVG), cached for a week.
func (h *Handler) Favicon(w http.ResponseWriter, r *http.Request) { h.favicon.ServeHTTP(w, r) }

// Robots serves /robots.txt.
func (h *Handler) Robots(w http.ResponseWriter, r *http.Request) { h.robots.ServeHTTP(w, r) }
