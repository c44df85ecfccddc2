package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Channel is the ledger's channel name for Telegram deliveries.
const Channel = "telegram"

// Bot is the Telegram part of the daemon: it answers commands, fans new
// articles out (a notify.Fanout) and sends them (a River worker).
type Bot struct {
	cfg     config.Config
	set     settings
	store   *store.Store
	log     *slog.Logger
	api     *API
	limiter *Limiter
	pace    pacer // limiter, or the limits shared through PostgreSQL
	tagger  *tag.Tagger
	sem     chan struct{}  // one slot per message in flight, process-wide
	jobs    *jobs.Inserter // the daemon's, inserting once River exists
	updates *dispatcher    // incoming updates, handled by Run's workers
	// inboxMu keeps a worker from removing a handled update from the inbox
	// while queueInbox reads it and queues what it read.
	inboxMu sync.Mutex
	// inboxAdded wakes serveInbox when the webhook accepted an update.
	inboxAdded chan struct{}
	admins     *adminCache // who administers which group, briefly remembered
}

// settings are the config.Telegram values the bot uses, as config has
// defaulted and validated them.
type settings struct {
	rate, chatRate, groupRate float64
	concurrency, batch        int
	updateWorkers             int
	sendTimeout, pollTimeout  time.Duration
	quiet                     *QuietHours
}

func settingsFrom(t config.Telegram) (settings, error) {
	s := settings{rate: t.RatePerSecond, chatRate: t.ChatRatePerSecond, groupRate: t.GroupRatePerMinute,
		concurrency: t.SendConcurrency, batch: t.BatchSize, updateWorkers: t.UpdateWorkers, sendTimeout: t.SendTimeout, pollTimeout: t.PollTimeout}
	if s.concurrency <= 0 || s.updateWorkers <= 0 || s.batch <= 0 || s.rate <= 0 || s.chatRate <= 0 || s.groupRate <= 0 {
		return s, fmt.Errorf("telegram: limits and workers unset: apply config.ApplyDefaults first")
	}
	if strings.TrimSpace(t.QuietHours) != "" {
		q, err := ParseQuietHours(t.QuietHours)
		if err != nil {
			return s, err
		}
		s.quiet = &q
	}
	return s, nil
}

// New builds the bot from the config (cfg.Telegram must be set, with
// config's defaults applied and validated): it registers its send worker,
// queue and sweep with reg, inserts its jobs with reg.Inserter, holds the
// shared limits as reg's replica, and primes the rate limiter with what was
// sent just before a restart. It makes no request to Telegram: Run
// connects, in the background.
func New(ctx context.Context, cfg config.Config, st *store.Store, reg *jobs.Registry, log *slog.Logger) (*Bot, error) {
	if cfg.Telegram == nil {
		return nil, fmt.Errorf("telegram: not configured")
	}
	set, err := settingsFrom(*cfg.Telegram)
	if err != nil {
		return nil, err
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	b := &Bot{
		cfg: cfg, set: set, store: st, log: log,
		api:     NewAPI(cfg.Telegram.Token.Value(), cfg.Telegram.APIEndpoint, set.concurrency),
		limiter: NewLimiter(set.rate, set.chatRate, set.groupRate),
		tagger:  tag.New(cfg.Partners),
		sem:     make(chan struct{}, set.concurrency),
		jobs:    reg.Inserter,
	}
	b.updates = newDispatcher(set.updateWorkers, b.handleQueued)
	b.inboxAdded = make(chan struct{}, 1)
	b.admins = newAdminCache(adminTTL, time.Now)
	b.pace = b.limiter
	if st.Dialect == store.Postgres {
		// Several replicas may share a PostgreSQL database: the limits hold
		// for the bot as a whole only if they are kept there.
		shared, err := newSharedLimiter(ctx, st, log, b.limiter, 2*set.sendTimeout+10*time.Second)
		if err != nil {
			return nil, fmt.Errorf("telegram: shared limiter: %w", err)
		}
		// The replica's name goes with the limits it holds, so that they
		// are freed when it dies.
		shared.holder = reg.ReplicaID
		b.pace = shared
	}
	if err := b.prime(ctx); err != nil {
		return nil, err
	}
	b.register(reg)
	return b, nil
}

// prime tells the rate limiter what this bot sent in the last window before
// a restart (from the ledger), so that a restarted daemon does not exceed the
// bot's limit together with its predecessor.
func (b *Bot) prime(ctx context.Context) error {
	if b.pace != b.limiter {
		return nil // the shared limiter keeps its window in the database
	}
	window := b.limiter.window * 2 // covers a slowed-down window too
	sent, err := b.store.RecentDeliveryTimes(ctx, Channel, time.Now().Add(-window), len(b.limiter.recent))
	if err != nil {
		return err
	}
	b.limiter.Prime(sent)
	return nil
}

// lease is how long a row may stay in sending: longer than any delivery can
// hold it (see deliverTimeout), so a row older than that was left by a crash.
func (b *Bot) lease() time.Duration { return b.deliverTimeout() + 5*time.Second }

// deliverTimeout bounds one delivery with its retries.
func (b *Bot) deliverTimeout() time.Duration { return 3*b.set.sendTimeout + 5*time.Second }

// partners returns the configured partners among slugs, in config order.
func (b *Bot) partners(slugs []string) []config.Partner {
	var out []config.Partner
	for _, p := range b.cfg.Partners {
		for _, s := range slugs {
			if s == p.Slug {
				out = append(out, p)
				break
			}
		}
	}
	return out
}
