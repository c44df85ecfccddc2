package feed

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"
)

// Rendered is one response body kept in memory, plain and gzipped, with the
// header values computed once so that serving it allocates almost nothing.
type Rendered struct {
	Body         []byte
	Gzip         []byte
	ETag         string // strong ETag of Body
	GzipETag     string // strong ETag of Gzip
	LastModified time.Time

	plain, gz header
	// Bodies large enough for sendfile to pay off live in memfds too.
	plainFile, gzFile *memBody
	lastMod           []string
	common            []headerValue // every 200's
	cacheControl      []string
}

type headerValue struct {
	key string // canonical
	val []string
}

// sendfileMin is the body size from which sendfile beats a plain write: at
// 50 KB (a medium feed, a large one gzipped) the memfd path (a write, a seek,
// a sendfile) measured 0.90-0.97x the bare handler's single write; at 160 KB
// and more it wins (scripts/bench-feeds).
const sendfileMin = 128 << 10

// varyValue is every response's Vary: the body depends on Accept-Encoding.
var varyValue = []string{"Accept-Encoding"}

type header struct {
	etag, length []string
}

// NewRendered prepares body for serving with the given content type and
// Cache-Control. links become HTTP Link header values. lastModified may be
// zero (no Last-Modified header then).
func NewRendered(body []byte, contentType, cacheControl string, lastModified time.Time, links ...string) *Rendered {
	return newRendered(true, body, contentType, cacheControl, lastModified, links...)
}

// newRendered is NewRendered; withFiles false keeps large bodies out of
// memfds (for short-lived bodies such as archive pages: no file
// descriptors held until the garbage collector frees them).
func newRendered(withFiles bool, body []byte, contentType, cacheControl string, lastModified time.Time, links ...string) *Rendered {
	r := &Rendered{Body: body, LastModified: lastModified.Truncate(time.Second)}
	var zbuf bytes.Buffer
	// A gzip header without name or time: the same body gives the same bytes.
	zw, _ := gzip.NewWriterLevel(&zbuf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	r.Gzip = zbuf.Bytes()
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:12])
	r.ETag = `"` + tag + `"`
	r.GzipETag = `"` + tag + `-gzip"`
	r.plain = header{[]string{r.ETag}, []string{strconv.Itoa(len(r.Body))}}
	r.gz = header{[]string{r.GzipETag}, []string{strconv.Itoa(len(r.Gzip))}}
	r.cacheControl = []string{cacheControl}
	r.common = []headerValue{
		{"Content-Type", []string{contentType}},
		{"Cache-Control", r.cacheControl},
		{"Vary", varyValue},
	}
	if len(links) > 0 {
		r.common = append(r.common, headerValue{"Link", links})
	}
	if withFiles && len(r.Body) >= sendfileMin {
		r.plainFile = newMemBody("body", r.Body)
	}
	if withFiles && len(r.Gzip) >= sendfileMin {
		r.gzFile = newMemBody("gzip", r.Gzip)
	}
	if !r.LastModified.IsZero() {
		r.lastMod = []string{r.LastModified.UTC().Format(http.TimeFormat)}
	}
	return r
}
