package feed

import (
	"container/list"
	"context"
	"errors"
	"sort"
	"strconv"
	"sync"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// ErrNoArchivePage is returned for an archive page that does not exist (yet).
var ErrNoArchivePage = errors.New("feed: no such archive page")

// archiveCacheSize bounds the archive pages kept rendered: a large archive
// is rendered on demand, a page at a time, and only the recently asked
// pages stay in memory.
const archiveCacheSize = 32

// archiveCache is a small LRU of rendered archive pages. Its generation
// grows whenever the data changes, so that a page rendered from older data
// is never stored after the change.
type archiveCache struct {
	mu    sync.Mutex
	max   int
	gen   uint64
	order *list.List // of *archiveEntry, most recently used first
	byKey map[string]*list.Element
}

type archiveEntry struct {
	key string
	r   *Rendered
}

func newArchiveCache(max int) archiveCache {
	return archiveCache{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

func (a *archiveCache) get(key string) (*Rendered, uint64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if el, ok := a.byKey[key]; ok {
		a.order.MoveToFront(el)
		return el.Value.(*archiveEntry).r, a.gen, true
	}
	return nil, a.gen, false
}

func (a *archiveCache) put(key string, r *Rendered, gen uint64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if gen != a.gen {
		return
	}
	if el, ok := a.byKey[key]; ok {
		a.order.MoveToFront(el)
		return
	}
	a.byKey[key] = a.order.PushFront(&archiveEntry{key: key, r: r})
	for a.order.Len() > a.max {
		last := a.order.Back()
		a.order.Remove(last)
		delete(a.byKey, last.Value.(*archiveEntry).key)
	}
}

func (a *archiveCache) clear() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gen++
	a.order.Init()
	clear(a.byKey)
}

// len is the number of pages held.
func (a *archiveCache) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.order.Len()
}

// Count returns the number of articles of a channel as of the last render
// (0 for an unknown channel).
func (c *Cache) Count(slug string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.totals[slug]
}

// ArchivePages returns the number of full archive pages of a channel as of
// the last render (0 for an unknown channel).
func (c *Cache) ArchivePages(slug string) int { return c.site.ArchivePages(c.Count(slug)) }

// NewsPage returns page n (from 1) of a channel's articles, newest first,
// MaxItems a page: page 1 is what the current feed holds. Unlike archive
// pages, these pages shift as articles arrive; they are for people.
func (c *Cache) NewsPage(ctx context.Context, slug string, n int) ([]store.Article, error) {
	if _, found := c.channel(slug); !found || n < 1 {
		return nil, ErrNoArchivePage
	}
	opt := channelOptions(slug)
	opt.Limit, opt.Offset = c.site.MaxItems, (n-1)*c.site.MaxItems
	return c.store.ListArticles(ctx, opt)
}

// Archive returns archive page n of a channel in format f, rendered on
// demand and kept in a small cache. It returns ErrNoArchivePage for an
// unknown channel or a page that is not full yet.
func (c *Cache) Archive(ctx context.Context, slug string, n int, f Format) (*Rendered, error) {
	c.mu.RLock()
	pages := c.site.ArchivePages(c.totals[slug])
	key := slug + "/" + strconv.Itoa(n) + "." + string(f)
	r, gen, ok := c.archive.get(key)
	c.mu.RUnlock()
	if ok {
		return r, nil
	}
	ch, found := c.channel(slug)
	if !found || n < 1 || n > pages {
		return nil, ErrNoArchivePage
	}
	arts, err := c.archiveArticles(ctx, slug, n)
	if err != nil {
		return nil, err
	}
	r, err = c.renderOne(ch, arts, f, Paging{Page: n, Pages: pages})
	if err != nil {
		return nil, err
	}
	c.archive.put(key, r, gen)
	return r, nil
}

func (c *Cache) archiveArticles(ctx context.Context, slug string, n int) ([]store.Article, error) {
	opt := channelOptions(slug)
	opt.Limit, opt.Offset = c.site.MaxItems, (n-1)*c.site.MaxItems
	arts, err := c.store.ListArticlesStored(ctx, opt)
	if err != nil {
		return nil, err
	}
	// Within a page, newest first as in the current feed.
	sort.SliceStable(arts, func(i, j int) bool {
		if !arts[i].PublishedAt.Equal(arts[j].PublishedAt) {
			return arts[i].PublishedAt.After(arts[j].PublishedAt)
		}
		return arts[i].ID > arts[j].ID
	})
	return arts, nil
}

func (c *Cache) channel(slug string) (Channel, bool) {
	for _, ch := range c.channels {
		if ch.Slug == slug {
			return ch, true
		}
	}
	return Channel{}, false
}
