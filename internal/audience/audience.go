// Package audience counts who follows which partner city, per channel and
// state, for /metrics (partnerfeed_subscribers) and the console: counts
// only, never who.
package audience

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// States are the channels and states counted, in the order the console
// shows them; each configured partner has a series for each (0 when nobody
// is in it).
var States = [][2]string{
	{"email", store.SubscriberConfirmed}, {"email", store.SubscriberPending}, {"email", store.SubscriberSuppressed},
	{"telegram", store.ChatActive}, {"telegram", store.ChatBlocked},
}

var descSubscribers = prometheus.NewDesc("partnerfeed_subscribers",
	"Subscribers following the partner, by channel (email, telegram, fediverse) and state (email confirmed, pending or suppressed; telegram active or blocked; fediverse following).",
	[]string{"channel", "partner", "state"}, nil)

// Collector is a Prometheus collector of partnerfeed_subscribers, read from
// the database (so every replica shows the same figures) and kept for TTL
// between scrapes.
type Collector struct {
	st       *store.Store
	partners []string
	ttl      time.Duration
	log      *slog.Logger

	mu     sync.Mutex
	read   time.Time
	counts []store.SubscriberCount
}

// NewCollector returns the collector for the configured partner slugs; ttl
// is how long one reading of the database serves scrapes.
func NewCollector(st *store.Store, partners []string, ttl time.Duration, log *slog.Logger) *Collector {
	return &Collector{st: st, partners: partners, ttl: ttl, log: log}
}

// Describe sends the metric's description.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { ch <- descSubscribers }

// Collect sends a series per configured partner, channel and state (those
// of States, and any other state found). When the
// database does not answer, the scrape goes on without them (logged).
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	counts, err := c.current()
	if err != nil {
		c.log.Warn("Counting subscribers failed", slog.Any("error", err))
		return
	}
	configured := map[string]bool{}
	n := map[[3]string]int64{}
	for _, p := range c.partners {
		configured[p] = true
		for _, cs := range States {
			n[[3]string{cs[0], p, cs[1]}] = 0
		}
	}
	// Other states the database knows (suppressed addresses, say) are shown too.
	for _, sc := range counts {
		if configured[sc.Partner] {
			n[[3]string{sc.Channel, sc.Partner, sc.State}] += sc.N
		}
	}
	for k, v := range n {
		ch <- prometheus.MustNewConstMetric(descSubscribers, prometheus.GaugeValue, float64(v), k[0], k[1], k[2])
	}
}

// current returns the counts, read anew once the last reading is older than the TTL.
func (c *Collector) current() ([]store.SubscriberCount, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.read.IsZero() && time.Since(c.read) < c.ttl {
		return c.counts, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.st.SubscriberCounts(ctx)
	if err != nil {
		return nil, err
	}
	c.counts, c.read = counts, time.Now()
	return counts, nil
}
