// Package archivetest serves fixture press archives on HTTP: a Krefeld-shaped
// HCL Domino archive (with fault pages), a smaller site in another CMS's shape
// and its RSS feed, and the CMS corpus (Corpus: archives in the markup of
// TYPO3, Drupal, WordPress, GSB, Contao, Sitepark, Joomla and partner-city
// sites, see testdata/README.md). Tests serve them with httptest;
// `partnerfeed demo` serves them from the binary (the files are embedded).
package archivetest

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
)

//go:embed testdata
var files embed.FS

// Archive is the fixture server state shared by its sites: request counts and
// the faults switched on at run time.
type Archive struct {
	// Faults switches the fault pages on (404, 500, hanging, 30 MB, redirect
	// loop); without it they are not listed (the demo).
	Faults bool

	mu          sync.Mutex
	requests    map[string]int
	notModified int
	broken      map[string]int    // path -> status to answer instead
	retitled    map[string]string // slug -> new title
	closing     chan struct{}
}

// New returns an archive; faults says whether fault pages are listed.
func New(faults bool) *Archive {
	return &Archive{Faults: faults, requests: map[string]int{}, broken: map[string]int{},
		retitled: map[string]string{}, closing: make(chan struct{})}
}

// Close releases hanging responses.
func (a *Archive) Close() {
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-a.closing:
	default:
		close(a.closing)
	}
}

// Stats are what the archive has served so far.
type Stats struct {
	Requests    int // all requests
	NotModified int // answered 304
	ByPath      map[string]int
}

// Stats returns a copy of the counters.
func (a *Archive) Stats() Stats {
	a.mu.Lock()
	defer a.mu.Unlock()
	s := Stats{NotModified: a.notModified, ByPath: map[string]int{}}
	for p, n := range a.requests {
		s.ByPath[p] = n
		s.Requests += n
	}
	return s
}

// Break makes path answer status from now on (0 heals it).
func (a *Archive) Break(path string, status int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.broken[path] = status
}

// Retitle changes a release's title, as an editor would.
func (a *Archive) Retitle(slug, title string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.retitled[slug] = title
}

func (a *Archive) title(r Release) string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t, ok := a.retitled[r.Slug]; ok {
		return t
	}
	return r.Title
}

// count records a request and reports the status a broken path must answer.
func (a *Archive) count(r *http.Request) (broken int, hits int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p := r.URL.Path
	a.requests[p]++
	return a.broken[p], a.requests[p]
}

// serve writes body with an ETag and Last-Modified, answering 304 to a
// matching conditional request.
func (a *Archive) serve(w http.ResponseWriter, r *http.Request, contentType string, body []byte) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Thu, 24 Nov 2022 10:00:00 GMT")
	w.Header().Set("Content-Type", contentType)
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		a.mu.Lock()
		a.notModified++
		a.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

// pixel is a 1×1 GIF served for every fixture image.
var pixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

func servePixel(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "image/gif")
	w.Write(pixel)
}
