package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// opsServer serves the ops routes on a store that is not migrated yet.
func opsServer(t *testing.T, metricsToken string) (*httptest.Server, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", filepath.Join(t.TempDir(), "ops.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mux := http.NewServeMux()
	Mount(mux, Handlers{Ops: &Ops{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MetricsToken: metricsToken}})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, st
}

func get(t *testing.T, url, auth string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header
}

func TestReadyzNeedsMigrations(t *testing.T) {
	srv, st := opsServer(t, "")
	if code, _, _ := get(t, srv.URL+"/healthz", ""); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	if code, body, _ := get(t, srv.URL+"/readyz", ""); code != 503 || !strings.Contains(body, "migrations") {
		t.Errorf("readyz before migrating: %d %q, want 503", code, body)
	}
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, srv.URL+"/readyz", ""); code != 200 {
		t.Errorf("readyz after migrating: %d, want 200", code)
	}
	st.Close()
	if code, body, _ := get(t, srv.URL+"/readyz", ""); code != 503 || !strings.Contains(body, "unreachable") {
		t.Errorf("readyz with the database closed: %d %q, want 503", code, body)
	}
}

func TestMetricsToken(t *testing.T) {
	open, _ := opsServer(t, "")
	code, body, h := get(t, open.URL+"/metrics", "")
	if code != 200 || !strings.Contains(body, "# TYPE go_goroutines gauge") || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Errorf("open /metrics: %d %s", code, h.Get("Content-Type"))
	}
	locked, _ := opsServer(t, "s3cret-token")
	for _, c := range []struct {
		auth string
		want int
	}{
		{"", 401}, {"Bearer wrong", 401}, {"s3cret-token", 401}, {"Bearer s3cret-token-and-more", 401},
		{"Bearer s3cret-token", 200}, {"bearer s3cret-token", 200}, {"BEARER s3cret-token", 200},
		{"Basic s3cret-token", 401}, {"Bearers3cret-token", 401},
	} {
		code, body, h := get(t, locked.URL+"/metrics", c.auth)
		if code != c.want {
			t.Errorf("Authorization %q: %d, want %d", c.auth, code, c.want)
		}
		if code == 401 && (h.Get("WWW-Authenticate") == "" || strings.Contains(body, "s3cret")) {
			t.Errorf("401 without challenge or with the token: %q", body)
		}
	}
}
