package feed_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// serveCache serves a cache's files under /feeds/ on a real loopback server.
func serveCache(t *testing.T, c *feed.Cache) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{file}", func(w http.ResponseWriter, r *http.Request) {
		rf, ok := c.Get(r.PathValue("file"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		rf.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// do sends a request with headers without Go's transparent gzip.
func do(t *testing.T, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func TestServeFeeds(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "https://hub.example.net/")
	srv := serveCache(t, c)
	types := map[string]string{"rss": "application/rss+xml; charset=utf-8",
		"atom": "application/atom+xml; charset=utf-8", "json": "application/feed+json; charset=utf-8"}
	for f, ctype := range types {
		url := srv.URL + "/feeds/venlo." + f
		plain, pb := do(t, "GET", url)
		if plain.StatusCode != 200 || plain.Header.Get("Content-Type") != ctype ||
			plain.Header.Get("Cache-Control") == "" || plain.Header.Get("Vary") != "Accept-Encoding" ||
			plain.Header.Get("Content-Encoding") != "" || !bytes.Equal(pb, body(t, c, "venlo."+f)) {
			t.Fatalf("%s: plain GET: %d %v", f, plain.StatusCode, plain.Header)
		}
		etag, lm := plain.Header.Get("ETag"), plain.Header.Get("Last-Modified")
		if len(etag) < 3 || etag[0] != '"' || lm == "" {
			t.Fatalf("%s: ETag %q (must be strong), Last-Modified %q", f, etag, lm)
		}
		links := plain.Header.Values("Link")
		if len(links) != 2 || links[0] != `<https://news.example.org/feeds/venlo.`+f+`>; rel="self"` ||
			links[1] != `<https://hub.example.net/>; rel="hub"` {
			t.Errorf("%s: Link headers %q", f, links)
		}

		gz, gb := do(t, "GET", url, "Accept-Encoding", "gzip, deflate, br")
		if gz.Header.Get("Content-Encoding") != "gzip" || gz.Header.Get("ETag") == etag {
			t.Fatalf("%s: gzip GET: %v", f, gz.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gb))
		if err != nil {
			t.Fatal(err)
		}
		unzipped, _ := io.ReadAll(zr)
		if !bytes.Equal(unzipped, pb) {
			t.Fatalf("%s: gzip body decodes to other bytes", f)
		}
		if _, b := do(t, "GET", url, "Accept-Encoding", "gzip;q=0, identity"); !bytes.Equal(b, pb) {
			t.Errorf("%s: gzip;q=0 still got gzip", f)
		}

		cases := []struct {
			name string
			hdr  []string
		}{
			{"if-none-match", []string{"If-None-Match", etag}},
			{"if-none-match list", []string{"If-None-Match", `"nope", ` + etag}},
			{"weak if-none-match", []string{"If-None-Match", "W/" + etag}},
			{"gzip etag", []string{"If-None-Match", gz.Header.Get("ETag"), "Accept-Encoding", "gzip"}},
			{"plain etag from a gzip client", []string{"If-None-Match", etag, "Accept-Encoding", "gzip"}},
			{"if-modified-since", []string{"If-Modified-Since", lm}},
		}
		for _, tc := range cases {
			resp, b := do(t, "GET", url, tc.hdr...)
			if resp.StatusCode != http.StatusNotModified || len(b) != 0 || resp.Header.Get("ETag") == "" {
				t.Errorf("%s %s: %d with %d bytes", f, tc.name, resp.StatusCode, len(b))
			}
			// RFC 9110 15.4.5: ETag, Vary and Cache-Control as a 200 would
			// send them; no other representation metadata.
			want := etag
			if slices.Contains(tc.hdr, "Accept-Encoding") {
				want = gz.Header.Get("ETag")
			}
			if resp.Header.Get("ETag") != want || resp.Header.Get("Vary") != "Accept-Encoding" ||
				resp.Header.Get("Cache-Control") != plain.Header.Get("Cache-Control") {
				t.Errorf("%s %s: 304 headers %v", f, tc.name, resp.Header)
			}
			for _, k := range []string{"Content-Type", "Content-Encoding", "Content-Length", "Link", "Last-Modified"} {
				if v := resp.Header.Values(k); len(v) > 0 {
					t.Errorf("%s %s: 304 with %s %q", f, tc.name, k, v)
				}
			}
		}
		past := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)
		for _, hdr := range [][]string{{"If-None-Match", `"other"`}, {"If-Modified-Since", past},
			{"If-None-Match", `"other"`, "If-Modified-Since", lm}} {
			if resp, _ := do(t, "GET", url, hdr...); resp.StatusCode != 200 {
				t.Errorf("%s %v: %d, want 200", f, hdr, resp.StatusCode)
			}
		}
		head, hb := do(t, "HEAD", url)
		if head.StatusCode != 200 || len(hb) != 0 || head.ContentLength != int64(len(pb)) || head.Header.Get("ETag") != etag {
			t.Errorf("%s: HEAD %d %d bytes, length %d", f, head.StatusCode, len(hb), head.ContentLength)
		}
	}
}

// BenchmarkServeAtom measures serving one cached feed (the hot path).
func BenchmarkServeAtom(b *testing.B) {
	s, _ := newStore(b)
	populate(b, s)
	c, _ := newCache(b, s, "")
	r, _ := c.Get("venlo.atom")
	req := httptest.NewRequest("GET", "/feeds/venlo.atom", nil)
	b.ReportAllocs()
	for b.Loop() {
		r.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// TestServeLargeFeed covers bodies sent with sendfile from memory, plain
// and gzipped, by many clients at once.
func TestServeLargeFeed(t *testing.T) {
	s, _ := newStore(t)
	var words []string
	for i := 0; i < 60000; i++ {
		words = append(words, fmt.Sprintf("w%x", (i*7919)%100003))
	}
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/gross/", Title: "Groß",
		BodyHTML: "<p>" + strings.Join(words, " ") + "</p>", PublishedAt: time.Now()}, "venlo")
	c, _ := newCache(t, s, "")
	r, _ := c.Get("venlo.atom")
	if !feed.SendsFromMemfd(r) {
		t.Fatalf("fixture too small for sendfile: %d/%d bytes", len(r.Body), len(r.Gzip))
	}
	srv := serveCache(t, c)
	var wg sync.WaitGroup
	errs := make(chan string, 40)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, enc := range []string{"", "gzip"} {
				req, _ := http.NewRequest("GET", srv.URL+"/feeds/venlo.atom", nil)
				if enc != "" {
					req.Header.Set("Accept-Encoding", enc)
				}
				resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
				if err != nil {
					errs <- err.Error()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				want := r.Body
				if enc != "" {
					want = r.Gzip
				}
				if !bytes.Equal(b, want) || resp.ContentLength != int64(len(want)) {
					errs <- fmt.Sprintf("%q: got %d bytes, want %d", enc, len(b), len(want))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
