// Package subscribe serves the self-service email subscription: GET|POST
// /subscribe (the form, double opt-in; a known address is mailed its
// preference link or its confirmation again), GET /confirm/{token} (a page
// with one button, which POSTs to the same URL to confirm), GET|POST
// /subscription/{token} (the subscriber's preference page: cities,
// frequency, language, pause, unsubscribe, data download and erasure) and
// GET|POST /unsubscribe/{token} with RFC 8058 one-click. Cross-site posts
// are refused, requests are rate limited per client, and no answer reveals
// whether an address is known.
package subscribe

import (
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/clientip"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// Handler holds the subscription handlers' dependencies.
type Handler struct {
	Cfg    config.Config
	Store  *store.Store
	Digest *digest.Service
	Log    *slog.Logger
	// Jobs inserts the confirmation-mail job in the request's transaction,
	// so that the request and its mail commit together.
	Jobs *jobs.Inserter
	// Pages renders the answers in the layout of the public pages.
	Pages   *web.Handler
	limit   *limiter
	cop     *http.CrossOriginProtection
	clients clientip.Resolver // who the client is behind trusted proxies
}

// New returns the handlers; each client IP may post 5 subscriptions at once,
// then one every 30 seconds.
func New(cfg config.Config, st *store.Store, d *digest.Service, log *slog.Logger,
	q *jobs.Inserter, pages *web.Handler) *Handler {
	clients, err := clientip.New(cfg.HTTP.TrustedProxies)
	if err != nil { // config.Load refuses such a list; trust no proxy then
		log.Error("Trusted proxies ignored", slog.Any("error", err))
	}
	h := &Handler{Cfg: cfg, Store: st, Digest: d, Log: log, Jobs: q, Pages: pages,
		limit: newLimiter(rate.Every(30*time.Second), 5), cop: http.NewCrossOriginProtection(), clients: clients}
	h.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := h.Cfg.Site.Language
		h.render(w, r, http.StatusForbidden, lang, "cross_site_title", i18n.T(lang, "subscribe.cross_site_body"), nil)
	}))
	return h
}

// SelfService reports whether citizens may subscribe themselves (some
// subscriber schedule is configured): only then are /subscribe and
// /confirm/{token} served.
func (h *Handler) SelfService() bool { return len(h.Cfg.Email.SubscriberSchedules) > 0 }

// CrossOrigin refuses cross-site requests to a POST handler (Sec-Fetch-Site
// / Origin), which a mail client's one-click POST never sends.
func (h *Handler) CrossOrigin(next http.HandlerFunc) http.Handler { return h.cop.Handler(next) }
