package feed

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// CacheControl is sent with every feed: readers poll every few minutes.
const CacheControl = "public, max-age=300"

// Cache holds every channel's feeds rendered and the articles behind them.
// It re-renders only when the data changed: Refresh compares the store's
// DataVersion (so writes by another process are seen too), and Invalidate
// forces the next Refresh.
type Cache struct {
	store    *store.Store
	site     Site
	channels []Channel
	log      *slog.Logger
	// Pinger is used after each change when the site has a WebSub hub.
	Pinger Pinger
	// Pings, when set, queues each change as durable ping jobs (Announce)
	// instead of pinging with Pinger.
	Pings *jobs.Inserter

	dirty atomic.Bool
	kick  chan struct{}

	refreshMu sync.Mutex // one refresh at a time
	mu        sync.RWMutex
	files     map[string]*Rendered // "<slug>.<format>"
	lists     map[string][]store.Article
	totals    map[string]int // articles per channel
	version   store.DataVersion
	built     bool
	archive   archiveCache

	// served is files for Get, read without the lock on every feed request
	// (the map is never modified once published).
	served atomic.Pointer[map[string]*Rendered]
}

// NewCache prepares an empty cache; call Refresh before serving.
func NewCache(st *store.Store, site Site, channels []Channel, log *slog.Logger) *Cache {
	return &Cache{store: st, site: site, channels: channels, log: log,
		Pinger: Pinger{Hub: site.Hub, Client: &http.Client{Timeout: 10 * time.Second}},
		kick:   make(chan struct{}, 1), archive: newArchiveCache(archiveCacheSize)}
}

// Get returns a rendered feed by file name ("venlo.atom").
func (c *Cache) Get(name string) (*Rendered, bool) {
	files := c.served.Load()
	if files == nil {
		return nil, false
	}
	r, ok := (*files)[name]
	return r, ok
}

// Articles returns the articles of a channel as last rendered, newest first.
// The slice is shared: do not modify it.
func (c *Cache) Articles(slug string) []store.Article {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lists[slug]
}

// Invalidate makes the running cache re-render soon, whatever the data version.
func (c *Cache) Invalidate() {
	c.dirty.Store(true)
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// Run refreshes every interval and on Invalidate until ctx ends.
func (c *Cache) Run(ctx context.Context, interval time.Duration) error {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-c.kick:
		}
		if err := c.Refresh(ctx); err != nil && ctx.Err() == nil {
			c.log.Error("Feed refresh failed", slog.Any("error", err))
		}
	}
}

// Refresh re-renders every feed when the data changed since the last render
// (or Invalidate was called), then pings the WebSub hub for the feeds whose
// bytes changed. It returns the file names that changed.
func (c *Cache) Refresh(ctx context.Context) error {
	c.refreshMu.Lock()
	defer c.refreshMu.Unlock()
	forced := c.dirty.Swap(false)
	// Read the version first: a write landing during the render shows up as
	// a newer version at the next poll.
	v, err := c.store.DataVersion(ctx)
	if err != nil {
		if forced {
			c.dirty.Store(true)
		}
		return err
	}
	if c.built && !forced && v == c.version {
		return nil
	}
	if c.site.Created.IsZero() {
		created, err := c.store.FeedsCreated(ctx, time.Now())
		if err != nil {
			if forced {
				c.dirty.Store(true)
			}
			return err
		}
		c.site.Created = created
	}
	files, lists, totals, err := c.render(ctx)
	if err != nil {
		c.dirty.Store(true)
		return err
	}
	var changed []string
	c.mu.Lock()
	for name, r := range files {
		if old, ok := c.files[name]; !ok || old.ETag != r.ETag {
			changed = append(changed, name)
		}
	}
	first := !c.built
	c.files, c.lists, c.totals, c.version, c.built = files, lists, totals, v, true
	c.served.Store(&files)
	c.archive.clear() // under c.mu: no page of the old data is stored after this
	c.mu.Unlock()
	if len(changed) > 0 {
		c.log.Info("Feeds rendered", slog.Int("changed", len(changed)))
	}
	if !first && len(changed) > 0 && c.site.Hub != "" {
		c.ping(ctx, changed)
	}
	return nil
}

func (c *Cache) ping(ctx context.Context, changed []string) {
	if c.Pings != nil {
		topics := make([]Topic, len(changed))
		c.mu.RLock()
		for i, name := range changed {
			topics[i] = Topic{URL: c.topicURL(name), ETag: c.files[name].ETag}
		}
		c.mu.RUnlock()
		if err := c.Announce(ctx, topics); err != nil {
			c.log.Warn("Queueing WebSub pings failed", slog.Any("error", err))
		}
		return
	}
	topics := make([]string, len(changed))
	for i, name := range changed {
		topics[i] = c.topicURL(name)
	}
	if err := c.Pinger.Publish(ctx, topics...); err != nil {
		c.log.Warn("WebSub ping failed", slog.Any("error", err))
	}
}

// render renders every channel in every format, and counts its articles.
func (c *Cache) render(ctx context.Context) (map[string]*Rendered, map[string][]store.Article, map[string]int, error) {
	files := map[string]*Rendered{}
	lists := map[string][]store.Article{}
	totals := map[string]int{}
	for _, ch := range c.channels {
		opt := channelOptions(ch.Slug)
		total, err := c.store.CountArticles(ctx, opt)
		if err != nil {
			return nil, nil, nil, err
		}
		opt.Limit = c.site.MaxItems
		arts, err := c.store.ListArticles(ctx, opt)
		if err != nil {
			return nil, nil, nil, err
		}
		lists[ch.Slug] = arts
		totals[ch.Slug] = total
		for _, f := range Formats {
			r, err := c.renderOne(ch, arts, f, Paging{Pages: c.site.ArchivePages(total)})
			if err != nil {
				return nil, nil, nil, err
			}
			files[ch.Slug+"."+string(f)] = r
		}
	}
	return files, lists, totals, nil
}

// channelOptions selects a channel's articles.
func channelOptions(slug string) store.ListOptions {
	if slug == AllSlug {
		return store.ListOptions{Tagged: true}
	}
	return store.ListOptions{Partner: slug}
}

// renderOne renders one document of a channel, ready to serve, with its
// self, hub and RFC 5005 links in the Link header too.
func (c *Cache) renderOne(ch Channel, arts []store.Article, f Format, p Paging) (*Rendered, error) {
	body, err := RenderPage(c.site, ch, arts, f, p)
	if err != nil {
		return nil, err
	}
	links := []string{"<" + p.selfURL(c.site, ch.Slug, f) + `>; rel="self"`}
	cacheControl := ArchiveCacheControl
	if p.Page == 0 {
		cacheControl = CacheControl
		if c.site.Hub != "" {
			links = append(links, "<"+c.site.Hub+`>; rel="hub"`)
		}
	}
	for _, l := range pagingLinks(model{Site: c.site, Channel: ch, Paging: p}, f) {
		links = append(links, "<"+l.Href+`>; rel="`+l.Rel+`"`)
	}
	modified := lastModified(arts, ch.Slug)
	if modified.IsZero() {
		modified = c.site.Created // an empty feed: when it was created
	}
	return newRendered(p.Page == 0, body, f.ContentType(), cacheControl, modified, links...), nil
}

// lastModified is the newest change among the articles and their tags for
// the channel (a newly tagged old article changes the feed too).
func lastModified(arts []store.Article, slug string) time.Time {
	var t time.Time
	for _, a := range arts {
		if a.UpdatedAt.After(t) {
			t = a.UpdatedAt
		}
		for _, tg := range a.Tags {
			if (slug == AllSlug || tg.Partner == slug) && tg.TaggedAt.After(t) {
				t = tg.TaggedAt
			}
		}
	}
	return t
}
