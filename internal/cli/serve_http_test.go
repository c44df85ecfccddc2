package cli

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// TestBodyLimits: a form body over http.max_body_bytes is refused, whether
// announced (Content-Length) or not (chunked); the webhook has its own limit.
func TestBodyLimits(t *testing.T) {
	read := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		}
	})
	c := config.HTTP{MaxBodyBytes: 100, MaxWebhookBytes: 1000}
	srv := httptest.NewServer(newHTTPServer(c, read, slog.New(slog.DiscardHandler)).Handler)
	defer srv.Close()
	for _, tc := range []struct {
		path    string
		size    int
		chunked bool
		want    int
	}{
		{"/subscribe", 100, false, 200},
		{"/subscribe", 101, false, 413},
		{"/subscribe", 101, true, 413},
		{"/telegram/webhook/s", 1000, false, 200},
		{"/telegram/webhook/s", 1001, true, 413},
	} {
		var body io.Reader = strings.NewReader(strings.Repeat("a", tc.size))
		if tc.chunked {
			body = io.MultiReader(body) // unknown length: sent chunked
		}
		res, err := http.Post(srv.URL+tc.path, "text/plain", body)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s with %d bytes (chunked %v): %d, want %d", tc.path, tc.size, tc.chunked, res.StatusCode, tc.want)
		}
	}
}
