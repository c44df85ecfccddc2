// Package subscribe serves the self-service email subscription: POST
// /subscribe (double opt-in), GET /confirm/{token} (a page with one button,
// which POSTs to the same URL to confirm), and GET|POST /unsubscribe/{token}
// with RFC 8058 one-click. Cross-site posts are refused,
// requests are rate limited per client, and no answer reveals whether an
// address is known.
package subscribe

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/clientip"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Handler holds the subscription handlers' dependencies.
type Handler struct {
	Cfg    config.Config
	Store  *store.Store
	Digest *digest.Service
	Log    *slog.Logger
	// Enqueue inserts the confirmation-mail job in tx (River's InsertTx), so
	// that the request and its mail commit together.
	Enqueue func(ctx context.Context, tx *store.Store, args digest.ConfirmArgs) error
	limit   *limiter
	clients clientip.Resolver // who the client is behind trusted proxies
}

// New returns the handlers; each client IP may post 5 subscriptions at once,
// then one every 30 seconds.
func New(cfg config.Config, st *store.Store, d *digest.Service, log *slog.Logger,
	enqueue func(context.Context, *store.Store, digest.ConfirmArgs) error) *Handler {
	clients, err := clientip.New(cfg.HTTP.TrustedProxies)
	if err != nil { // config.Load refuses such a list; trust no proxy then
		log.Error("Trusted proxies ignored", slog.Any("error", err))
	}
	return &Handler{Cfg: cfg, Store: st, Digest: d, Log: log, Enqueue: enqueue,
		limit: newLimiter(rate.Every(30*time.Second), 5), clients: clients}
}

// Routes registers the routes; the POST routes refuse cross-site requests
// (Sec-Fetch-Site / Origin), which a mail client's one-click POST never sends.
func (h *Handler) Routes(mux *http.ServeMux) {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.render(w, http.StatusForbidden, h.Cfg.Site.Language, "cross_site_title", t(h.Cfg.Site.Language, "cross_site_body"), nil)
	}))
	if len(h.Cfg.Email.SubscriberSchedules) > 0 { // no schedules: self-service is off
		mux.Handle("POST /subscribe", cop.Handler(http.HandlerFunc(h.subscribe)))
		mux.HandleFunc("GET /confirm/{token}", h.confirmPage)
		mux.Handle("POST /confirm/{token}", cop.Handler(http.HandlerFunc(h.confirm)))
	}
	mux.HandleFunc("GET /unsubscribe/{token}", h.unsubscribePage)
	mux.Handle("POST /unsubscribe/{token}", cop.Handler(http.HandlerFunc(h.unsubscribe)))
}
