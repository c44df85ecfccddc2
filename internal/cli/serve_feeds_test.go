package cli

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// TestFeedsFirstKeepsTheChain: the feed requests that serve answers before
// its handler chain get the response the whole chain (body limits, route
// table, whatever middleware is added there later) gives them, headers
// included; the chain sees none of them.
func TestFeedsFirstKeepsTheChain(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	cfg := config.Config{Site: config.Site{BaseURL: "http://127.0.0.1:8080"},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}}}
	config.ApplyDefaults(&cfg)
	cfg.Location = time.UTC
	art := store.Article{Source: "t", URL: "https://city.example.org/a", Title: "Markt in Venlo",
		BodyHTML: "<p>" + strings.Repeat("Markt in Venlo. ", 3000) + "</p>", PublishedAt: time.Now()}
	if _, err := st.UpsertArticle(ctx, &art); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReplaceTags(ctx, art.ID, []store.Tag{{Partner: "venlo"}}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	a := &app{cfg: cfg, store: st, log: log, mux: http.NewServeMux()}
	if err := a.setupWeb(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.mountRoutes(); err != nil {
		t.Fatal(err)
	}
	chain := newHTTPServer(cfg.HTTP, a.mux, log).Handler
	var passed atomic.Int32
	front := a.feedsFirst(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		passed.Add(1)
		chain.ServeHTTP(w, r)
	}))
	whole := httptest.NewServer(chain)
	defer whole.Close()
	first := httptest.NewServer(front)
	defer first.Close()
	rf, ok := a.feeds.Get("venlo.atom")
	if !ok || len(rf.Body) < 32<<10 {
		t.Fatal("no venlo.atom large enough to be sent from a memory file")
	}
	for _, tc := range []struct {
		method, path string
		hdr          []string
	}{
		{"GET", "/feeds/venlo.atom", nil},
		{"GET", "/feeds/venlo.atom", []string{"Accept-Encoding", "gzip"}},
		{"GET", "/feeds/all.rss", []string{"Accept-Encoding", "gzip, deflate, br"}},
		{"GET", "/feeds/venlo.json", []string{"Accept-Encoding", "gzip;q=0"}},
		{"HEAD", "/feeds/venlo.atom", nil},
		{"GET", "/feeds/venlo.atom", []string{"Accept-Encoding", "gzip", "If-None-Match", rf.GzipETag}},
		{"GET", "/feeds/venlo.atom", []string{"If-None-Match", `"other", W/` + rf.ETag}},
		{"GET", "/feeds/venlo.atom", []string{"If-Modified-Since", rf.LastModified.UTC().Format(http.TimeFormat)}},
		{"GET", "/feeds/venlo.atom", []string{"If-None-Match", `"other"`}},
	} {
		name := tc.method + " " + tc.path + " " + strings.Join(tc.hdr, " ")
		want := fetchAll(t, tc.method, whole.URL+tc.path, tc.hdr)
		got := fetchAll(t, tc.method, first.URL+tc.path, tc.hdr)
		if got != want {
			t.Errorf("%s: answered first\n%.600s\nthrough the chain\n%.600s", name, got, want)
		}
	}
	if n := passed.Load(); n != 0 {
		t.Errorf("%d feed requests went through the chain", n)
	}
	if fetchAll(t, "GET", first.URL+"/feeds/nowhere.atom", nil); passed.Load() != 1 {
		t.Error("an unknown feed did not reach the route table")
	}
}

// fetchAll returns a response as testutil.ResponseText writes it.
func fetchAll(t *testing.T, method, url string, hdr []string) string {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return testutil.ResponseText(t, req)
}
