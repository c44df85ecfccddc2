package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestNotFoundNamesPathOnce: a long requested path appears once in the 404
// page, cut to 200 characters, so the answer stays small.
func TestNotFoundNamesPathOnce(t *testing.T) {
	f := newFixture(t, testConfig())
	long := strings.Repeat("abcdefghij", 5000) // 50 KB
	for _, path := range []string{"/partners/" + long, "/feeds/" + long + ".atom"} {
		resp, body := f.get(t, path)
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if n := strings.Count(body, "abcdefghij"); n == 0 || n > 20 {
			t.Errorf("the path appears as %d runs of 10 characters, want at most 20 (200 characters, once)", n)
		}
		if len(body) > 20<<10 {
			t.Errorf("404 page of %d bytes for a %d-byte path", len(body), len(path))
		}
	}
}

// TestPagesGzipped: HTML pages are sent gzipped to clients that accept it,
// with the security headers of every page.
func TestPagesGzipped(t *testing.T) {
	f := newFixture(t, testConfig())
	for _, path := range []string{"/", "/partners/venlo", "/partners/atlantis"} {
		req, _ := http.NewRequest("GET", f.srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client does not unpack it then
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("%s: %s, Content-Encoding %q: %v", path, resp.Status, resp.Header.Get("Content-Encoding"), err)
		}
		page, err := io.ReadAll(zr)
		resp.Body.Close()
		if err != nil || !strings.Contains(string(page), "</html>") {
			t.Errorf("%s: gzipped page does not unpack: %v", path, err)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") ||
			!strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
	_, plain := f.get(t, "/", "Accept-Encoding", "identity")
	if !strings.HasPrefix(plain, "<!DOCTYPE html>") {
		t.Errorf("without gzip: %.40q", plain)
	}
}
