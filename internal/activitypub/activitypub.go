// Package activitypub makes every partner city (and "all" partnership news)
// a Fediverse account: WebFinger, NodeInfo, actor documents, an inbox that
// takes Follow, Undo and Delete with verified HTTP Signatures, and the
// delivery of each new partnership article as a signed Create (later Update
// and Delete) to the followers' inboxes through River jobs and the delivery
// ledger. The accounts live on the host of site.base_url.
package activitypub

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// AllActor is the account of all partnership news.
const AllActor = "all"

// Channel is the delivery ledger's channel of the Fediverse.
const Channel = "fediverse"

// Service is the Fediverse part of the daemon: its handlers, its fan-out
// (notify.Fanout) and its delivery workers.
type Service struct {
	cfg   config.Config
	store *store.Store
	jobs  *jobs.Inserter
	log   *slog.Logger
	base  string // site.base_url without a trailing slash
	host  string // the accounts' host (with a port when base_url has one)
	// client fetches keys and delivers: it refuses private addresses
	// unless activitypub.allow_private_networks.
	client *http.Client
	keys   sync.Map // actor → *actorKey
	// Tuning, set by New (tests and benchmarks may change them before use).
	HostRate    rate.Limit    // requests per second per inbox host
	Concurrency int           // requests at once per send job
	Batch       int           // ledger rows per send job
	GiveUpAfter time.Duration // deliveries older than this fail, followers stay
	limiters    sync.Map      // host → *rate.Limiter
	// SyncEvery is how often Updates and Deletes are looked for (a
	// schedule such as "@every 30s").
	SyncEvery string
}

// New builds the service of cfg on st; jobs are inserted with q.
func New(cfg config.Config, st *store.Store, q *jobs.Inserter, log *slog.Logger) (*Service, error) {
	u, err := url.Parse(cfg.Site.BaseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("activitypub: site.base_url %q: want an absolute URL", cfg.Site.BaseURL)
	}
	hostRate := rate.Limit(config.DefaultFediverseRate)
	if r := cfg.ActivityPub.RatePerHost; r > 0 {
		hostRate = rate.Limit(r)
	}
	return &Service{cfg: cfg, store: st, jobs: q, log: log,
		base: strings.TrimSuffix(cfg.Site.BaseURL, "/"), host: u.Host,
		client:   NewClient(cfg.ActivityPub.AllowPrivateNetworks, 20*time.Second),
		HostRate: hostRate, Concurrency: 16, Batch: defaultBatch, GiveUpAfter: 72 * time.Hour, SyncEvery: "@every 30s"}, nil
}

// Host is the host of the accounts (@slug@host).
func (s *Service) Host() string { return s.host }

// Handle is the account name of actor as Mastodon shows it: @slug@host.
func (s *Service) Handle(actor string) string { return "@" + actor + "@" + s.host }

// actors are the accounts: every partner's slug and AllActor.
func (s *Service) actors() []string {
	out := make([]string, 0, len(s.cfg.Partners)+1)
	for _, p := range s.cfg.Partners {
		out = append(out, p.Slug)
	}
	return append(out, AllActor)
}

// isActor reports whether slug is one of the accounts.
func (s *Service) isActor(slug string) bool {
	if slug == AllActor {
		return true
	}
	_, ok := s.cfg.Partner(slug)
	return ok
}

// URLs of the documents the service serves.
func (s *Service) actorURL(actor string) string { return s.base + "/ap/actors/" + actor }
func (s *Service) keyID(actor string) string    { return s.actorURL(actor) + "#main-key" }
func (s *Service) sharedInbox() string          { return s.base + "/ap/inbox" }
func (s *Service) noteURL(actor string, id int64) string {
	return fmt.Sprintf("%s/notes/%d", s.actorURL(actor), id)
}

// limiter is the rate limit of requests to one host.
func (s *Service) limiter(host string) *rate.Limiter {
	if l, ok := s.limiters.Load(host); ok {
		return l.(*rate.Limiter)
	}
	l, _ := s.limiters.LoadOrStore(host, rate.NewLimiter(s.HostRate, max(1, int(s.HostRate))))
	return l.(*rate.Limiter)
}
