package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// TestFeedsFirst: in front of the route table, FeedsFirst answers exactly
// the feed requests (next never sees them) and every request, a feed's or
// not, gets the very response the route table alone gives.
func TestFeedsFirst(t *testing.T) {
	f := newFixture(t, testConfig())
	h, err := web.New(f.cfg, f.feeds, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	server.Mount(mux, server.Handlers{Pages: h})
	var passed []string
	front := h.FeedsFirst(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		passed = append(passed, r.Method+" "+r.RequestURI)
		mux.ServeHTTP(w, r)
	}))
	alone := httptest.NewServer(mux)
	defer alone.Close()
	first := httptest.NewServer(front)
	defer first.Close()
	gz, _ := f.feeds.Get("venlo.atom")

	for _, tc := range []struct {
		method, target string
		hdr            []string
		body           string
		fast           bool // FeedsFirst answers it
	}{
		{"GET", "/feeds/venlo.atom", nil, "", true},
		{"GET", "/feeds/all.rss?utm_source=reader", nil, "", true},
		{"HEAD", "/feeds/duenkirchen.json", nil, "", true},
		{"GET", "/feeds/venlo.atom", []string{"Accept-Encoding", "gzip", "If-None-Match", gz.GzipETag}, "", true},
		{"GET", "/feeds/venlo.atom", []string{"If-Modified-Since", gz.LastModified.UTC().Format(http.TimeFormat)}, "", true},
		{"GET", "/feeds/nowhere.atom", nil, "", false},
		{"GET", "/feeds/venlo%2Eatom", nil, "", false},
		{"GET", "/feeds%2Fvenlo.atom", nil, "", false},
		{"GET", "/feeds//venlo.atom", nil, "", false},
		{"GET", "/feeds/../feeds/venlo.atom", nil, "", false},
		{"GET", "/feeds/venlo/archive/1.atom", nil, "", false},
		{"POST", "/feeds/venlo.atom", nil, "x=1", false},
		{"GET", "/feeds/venlo.atom", nil, "a body", false},
		{"DELETE", "/feeds/venlo.atom", nil, "", false},
		{"GET", "/feeds.opml", nil, "", false},
		{"GET", "/", nil, "", false},
	} {
		name := tc.method + " " + tc.target + " " + strings.Join(tc.hdr, " ")
		passed = nil
		want := send(t, alone.URL, tc.method, tc.target, tc.body, tc.hdr)
		got := send(t, first.URL, tc.method, tc.target, tc.body, tc.hdr)
		if got != want {
			t.Errorf("%s: in front of the routes\n%s\nthe routes alone\n%s", name, got, want)
		}
		if fast := len(passed) == 0; fast != tc.fast {
			t.Errorf("%s: answered first %v, want %v", name, fast, tc.fast)
		}
	}
}

// send makes one request with the target as written (no cleaning).
func send(t *testing.T, base, method, target, body string, hdr []string) string {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+"/", rd)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = target
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return testutil.ResponseText(t, req)
}
