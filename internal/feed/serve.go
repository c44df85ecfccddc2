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
func (r *Rendered) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	for _, hv := range r.common {
		h[hv.key] = hv.val
	}
	rep, body, file := r.plain, r.Body, r.plainFile
	if acceptsGzip(req.Header["Accept-Encoding"]) {
		rep, body, file = r.gz, r.Gzip, r.gzFile
		h["Content-Encoding"] = gzipValue
	}
	h["Etag"] = rep.etag
	if r.lastMod != nil {
		h["Last-Modified"] = r.lastMod
	}
	if r.notModified(req) {
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Length"] = rep.length
	w.WriteHeader(http.StatusOK)
	if req.Method != http.MethodHead && !file.writeTo(w, body) {
		w.Write(body)
	}
}

func (r *Rendered) notModified(req *http.Request) bool {
	if inm := req.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, r.ETag, r.GzipETag)
	}
	ims := req.Header.Get("If-Modified-Since")
	if ims == "" || r.LastModified.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	return err == nil && !r.LastModified.After(t)
}

// etagMatches applies If-None-Match's weak comparison to a list of tags.
func etagMatches(list string, tags ...string) bool {
	for _, c := range strings.Split(list, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" {
			return true
		}
		for _, t := range tags {
			if c == t {
				return true
			}
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
		for _, part := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			q := 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					q = f
				}
			}
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "gzip", "x-gzip":
				gzip = q
			case "*":
				star = q
			}
		}
	}
	if gzip >= 0 {
		return gzip > 0
	}
	return star > 0
}
