package cli

import (
	"context"
	"fmt"
	"time"

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
	h.Routes(a.mux)
	a.background = append(a.background, func(ctx context.Context) error {
		return a.feeds.Run(ctx, feedPollInterval)
	})
	return nil
}
