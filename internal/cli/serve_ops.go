package cli

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// setupOps serves the operations endpoints: /healthz (the process answers),
// /readyz (the database answers and is migrated) and /metrics (Prometheus:
// the default registry, where every part registers its metrics with
// promauto, and the sources' health read from the store at each scrape).
func (a *app) setupOps(ctx context.Context) error {
	a.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	a.mux.HandleFunc("GET /readyz", a.ready)
	health := prometheus.NewRegistry()
	if err := health.Register(ingest.NewHealth(a.store, a.cfg.Sources, a.log)); err != nil {
		return fmt.Errorf("cli: metrics: %w", err)
	}
	metrics := promhttp.HandlerFor(prometheus.Gatherers{prometheus.DefaultGatherer, health}, promhttp.HandlerOpts{})
	a.mux.Handle("GET /metrics", requireBearer(a.cfg.HTTP.MetricsToken.Value(), metrics))
	registerTestHooks(a)
	return nil
}

// ready answers 200 when the database is reachable and migrated, else 503.
func (a *app) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		a.log.Warn("Not ready: database unreachable", slog.Any("error", err))
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	current, err := a.store.MigrationsCurrent(ctx)
	if err != nil || !current {
		a.log.Warn("Not ready: migrations pending", slog.Any("error", err))
		http.Error(w, "database migrations pending", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}

// requireBearer lets a request through only with "Authorization: Bearer
// token" (any request when token is empty). The comparison takes the same
// time whatever the guess.
func requireBearer(token string, h http.Handler) http.Handler {
	if token == "" {
		return h
	}
	want := sha256.Sum256([]byte("Bearer " + token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
