package feed

import (
	"net/http"
	"strconv"
	"strings"
)

var gzipValue = []string{"gzip"}

// ServeHTTP answers GET and HEAD from memory: gzip when the client accepts it,
// 304 Not Modified on a matching If-None-Match (either encoding's ETag) or,
// without If-None-Match, on an If-Modified-Since not older than the content.
// A 304 carries ETag, Cache-Control and Vary only: RFC 9110 (15.4.5) asks
// for these and advises against other representation metadata (the reader
// keeps what the 200 sent), and a 304 is what feed readers get most.
// It is the hot path of the service: every header value is prepared in
// NewRendered, and a request allocates nothing here beyond what net/http
// does.
func (r *Rendered) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	rep, body, file := &r.plain, r.Body, r.plainFile
	gzipped := acceptsGzip(req.Header["Accept-Encoding"])
	if gzipped {
		rep, body, file = &r.gz, r.Gzip, r.gzFile
	}
	h := w.Header()
	h["Etag"] = rep.etag
	if r.notModified(req.Header) {
		h["Cache-Control"] = r.cacheControl
		h["Vary"] = varyValue
		w.WriteHeader(http.StatusNotModified)
		return
	}
	for _, hv := range r.common {
		h[hv.key] = hv.val
	}
	if r.lastMod != nil {
		h["Last-Modified"] = r.lastMod
	}
	if gzipped {
		h["Content-Encoding"] = gzipValue
	}
	h["Content-Length"] = rep.length
	w.WriteHeader(http.StatusOK)
	if req.Method != http.MethodHead && !file.writeTo(w, body) {
		w.Write(body)
	}
}

// notModified applies the request's conditional headers. The header maps
// are read directly: their keys are canonical already.
func (r *Rendered) notModified(hdr http.Header) bool {
	if inm := hdr["If-None-Match"]; len(inm) > 0 && inm[0] != "" {
		return etagMatches(inm[0], r.ETag, r.GzipETag)
	}
	ims := hdr["If-Modified-Since"]
	if len(ims) == 0 || ims[0] == "" || r.lastMod == nil {
		return false
	}
	if ims[0] == r.lastMod[0] { // what readers send: our own Last-Modified
		return true
	}
	t, err := http.ParseTime(ims[0])
	return err == nil && !r.LastModified.After(t)
}

// etagMatches applies If-None-Match's weak comparison to a list of tags
// (comma-separated; W/ prefixes ignored; * matches anything).
func etagMatches(list, tag, gzipTag string) bool {
	if list == tag || list == gzipTag { // a reader sends back the one it got
		return true
	}
	for list != "" {
		var c string
		c, list, _ = strings.Cut(list, ",")
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" || c == tag || c == gzipTag {
			return true
		}
	}
	return false
}

// AcceptsGzip reports whether a request's Accept-Encoding accepts gzip.
func AcceptsGzip(h http.Header) bool { return acceptsGzip(h.Values("Accept-Encoding")) }

// acceptsGzip reads Accept-Encoding: gzip (or *) with a non-zero quality.
func acceptsGzip(values []string) bool {
	gzip, star := -1.0, -1.0
	for _, v := range values {
		for v != "" {
			var part string
			part, v, _ = strings.Cut(v, ",")
			name, params, _ := strings.Cut(part, ";")
			name = strings.TrimSpace(name)
			var q *float64
			switch {
			case name == "gzip" || strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip"):
				q = &gzip
			case name == "*":
				q = &star
			default:
				continue
			}
			*q = 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					*q = f
				}
			}
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}
