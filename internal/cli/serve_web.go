package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// feedPollInterval is how often the feeds look for data written by another
// process (`partnerfeed ingest`); in-process writers call a.feeds.Invalidate.
const feedPollInterval = 3 * time.Second

// setupWeb renders the feeds once, serves them and the public pages, and keeps
// the feeds current in the background.
func (a *app) setupWeb(ctx context.Context) error {
	site := feed.NewSite(a.cfg)
	a.feeds = feed.NewCache(a.store, site, web.Channels(a.cfg), a.log)
	if err := a.feeds.Refresh(ctx); err != nil {
		return fmt.Errorf("web: first feed render: %w", err)
	}
	h, err := web.New(a.cfg, a.feeds, a.log)
	if err != nil {
		return err
	}
	a.pages = h
	if site.Hub != "" {
		a.setupWebSub()
	}
	a.background = append(a.background, func(ctx context.Context) error {
		if a.feeds.Pings != nil {
			// Changes made while no replica ran (or missed by a crash) are
			// pinged now; what the hub already knows is skipped by the worker.
			if err := a.feeds.Announce(ctx, a.feeds.Topics()); err != nil {
				a.log.Warn("Queueing WebSub pings failed", slog.Any("error", err))
			}
		}
		return a.feeds.Run(ctx, feedPollInterval)
	})
	return nil
}

// feedsFirst puts the feed requests in front of the server's handler chain
// (web.Handler.FeedsFirst): readers polling a feed cost what the standard
// library costs, the mux and the middleware serve everything else.
func (a *app) feedsFirst(chain http.Handler) http.Handler {
	if a.pages == nil {
		return chain
	}
	return a.pages.FeedsFirst(chain)
}

// setupWebSub pings the hub through durable jobs: once per change whichever
// replica saw it, retried when the hub fails.
func (a *app) setupWebSub() {
	river.AddWorker(a.jobs.Workers, &feed.PingWorker{Store: a.store, Pinger: a.feeds.Pinger})
	a.feeds.Pings = a.jobs.Inserter
}
