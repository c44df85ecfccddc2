package feed

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Topic is a feed's URL and the ETag of its current bytes.
type Topic struct {
	URL  string
	ETag string
}

// PingArgs is a durable WebSub ping: tell the hub that Topic changed to the
// content with ETag. Replicas that saw the same change insert the same job,
// which River keeps once (unique by args); a failed ping is retried.
type PingArgs struct {
	Topic string `json:"topic"`
	ETag  string `json:"etag"`
}

// Kind is the River job kind.
func (PingArgs) Kind() string { return "websub_ping" }

// InsertOpts makes the ping unique per topic and content.
func (PingArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// PingWorker pings the hub for a topic unless the hub was already told of
// this content (the last pinged ETag per topic is kept in the settings), so
// that a change is pinged once, by one replica, also across restarts.
type PingWorker struct {
	river.WorkerDefaults[PingArgs]
	Store  *store.Store
	Pinger Pinger
}

// Work pings once per topic and content.
func (w *PingWorker) Work(ctx context.Context, job *river.Job[PingArgs]) error {
	key := "websub:" + job.Args.Topic
	last, err := w.Store.Setting(ctx, key)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if last == job.Args.ETag {
		return nil
	}
	if err := w.Pinger.Publish(ctx, job.Args.Topic); err != nil {
		return err
	}
	if err := w.Store.SetSetting(ctx, key, job.Args.ETag); err != nil {
		return fmt.Errorf("feed: websub ping of %s sent, not recorded: %w", job.Args.Topic, err)
	}
	return nil
}

// Topics returns every rendered feed with its ETag.
func (c *Cache) Topics() []Topic {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]Topic, 0, len(c.files))
	for name, r := range c.files {
		out = append(out, Topic{URL: c.topicURL(name), ETag: r.ETag})
	}
	return out
}

func (c *Cache) topicURL(name string) string { return c.site.BaseURL + "/feeds/" + name }

// Announce queues a ping job for each topic (with Pings): the PingWorker
// pings the hub, once per change whichever replica saw it.
func (c *Cache) Announce(ctx context.Context, topics []Topic) error {
	params := make([]river.InsertManyParams, len(topics))
	for i, t := range topics {
		params[i] = river.InsertManyParams{Args: PingArgs{Topic: t.URL, ETag: t.ETag}}
	}
	if _, err := c.Pings.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("feed: queue pings: %w", err)
	}
	return nil
}
