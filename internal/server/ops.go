package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Ops are the operations endpoints: /healthz (the process answers),
// /readyz (the database answers and is migrated) and /metrics (Prometheus:
// the default registry, where every part registers its metrics with
// promauto, and Gatherer's metrics, gathered at each scrape).
type Ops struct {
	Store *store.Store
	Log   *slog.Logger
	// MetricsToken, when set, is the Bearer token /metrics asks for.
	MetricsToken string
	// Gatherer, when set, adds metrics read at each scrape (the sources'
	// health, read from the store).
	Gatherer prometheus.Gatherer
}

// Healthz answers 200 while the process answers.
func (o *Ops) Healthz(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") }

// Metrics serves the Prometheus metrics, behind the token when one is set.
func (o *Ops) Metrics() http.Handler {
	h := promhttp.Handler()
	if o.Gatherer != nil {
		h = promhttp.HandlerFor(prometheus.Gatherers{prometheus.DefaultGatherer, o.Gatherer}, promhttp.HandlerOpts{})
	}
	return requireBearer(o.MetricsToken, h)
}

// Ready answers 200 when the database is reachable and migrated, else 503.
func (o *Ops) Ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := o.Store.Ping(ctx); err != nil {
		o.Log.Warn("Not ready: database unreachable", slog.Any("error", err))
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	current, err := o.Store.MigrationsCurrent(ctx)
	if err != nil || !current {
		o.Log.Warn("Not ready: migrations pending", slog.Any("error", err))
		http.Error(w, "database migrations pending", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ready\n")
}

// requireBearer lets a request through only with "Authorization: Bearer
// token" (any request when token is empty; the scheme in any case, RFC 9110
// 11.1). The comparison takes the same time whatever the guess.
func requireBearer(token string, h http.Handler) http.Handler {
	if token == "" {
		return h
	}
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		got := sha256.Sum256([]byte(cred))
		if !strings.EqualFold(scheme, "Bearer") {
			got = sha256.Sum256(nil)
		}
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}
