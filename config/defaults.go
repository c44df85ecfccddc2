package config

import (
	"sort"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/version"
)

// The documented defaults (see DESIGN.md and README.md).
const (
	DefaultTitle        = "partnerfeed"
	DefaultLanguage     = "de"
	DefaultTimezone     = "UTC"
	DefaultListen       = "127.0.0.1:8080"
	DefaultDriver       = "sqlite"
	DefaultDSN          = "data/partnerfeed.db"
	DefaultRatePerHost  = 1.0
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodyBytes = 10 << 20
	DefaultMaxItems     = 50
	DefaultMaxAge       = 168 * time.Hour
	DefaultBackfill     = 20
	DefaultAPIEndpoint  = "https://api.telegram.org/bot%s/%s"
	DefaultSMTPPort     = 587
	DefaultMaxBounces   = 3

	DefaultReadHeaderTimeout   = 10 * time.Second
	DefaultReadTimeout         = 30 * time.Second
	DefaultWriteTimeout        = 5 * time.Minute // a 10 MB feed at 40 KB/s
	DefaultIdleTimeout         = 2 * time.Minute
	DefaultMaxHeaderBytes      = 64 << 10
	DefaultMaxConnections      = 1024
	DefaultMaxConnectionsPerIP = 64
	DefaultHTTPMaxBodyBytes    = 64 << 10
	DefaultMaxWebhookBytes     = 1 << 20
	DefaultMaxArticleBytes     = 256 << 10
)

// The Telegram defaults: the Bot API's documented limits and the sending
// and polling settings (README, "telegram").
const (
	DefaultTelegramRate       = 30.0 // messages per second, whole bot
	DefaultTelegramChatRate   = 1.0  // messages per second, one chat
	DefaultTelegramGroupRate  = 20.0 // messages per minute, one group
	DefaultTelegramConcurrent = 8
	DefaultTelegramBatch      = 500
	DefaultTelegramWorkers    = 8
	DefaultTelegramTimeout    = 30 * time.Second // send_timeout and poll_timeout
)

// ApplyDefaults fills every key left empty with its documented default.
func ApplyDefaults(c *Config) {
	def(&c.Site.Title, DefaultTitle)
	def(&c.Site.Language, DefaultLanguage)
	def(&c.Site.Timezone, DefaultTimezone)
	def(&c.HTTP.Listen, DefaultListen)
	c.HTTP.ApplyDefaults()
	def(&c.Log.Format, "text")
	def(&c.Log.Level, "info")
	def(&c.Storage.Driver, DefaultDriver)
	if c.Storage.DSN == "" && c.Storage.Driver == DefaultDriver {
		c.Storage.DSN = DefaultDSN
	}
	def(&c.Fetch.ContactURL, c.Site.BaseURL)
	def(&c.Fetch.UserAgent, "partnerfeed/"+version.String()+" (+"+c.Fetch.ContactURL+")")
	if c.Fetch.RatePerHost == 0 {
		c.Fetch.RatePerHost = DefaultRatePerHost
	}
	if c.Fetch.Timeout == 0 {
		c.Fetch.Timeout = DefaultTimeout
	}
	if c.Fetch.MaxBodyBytes == 0 {
		c.Fetch.MaxBodyBytes = DefaultMaxBodyBytes
	}
	defNumber(&c.Fetch.MaxArticleBytes, DefaultMaxArticleBytes)
	if c.Feeds.MaxItems == 0 {
		c.Feeds.MaxItems = DefaultMaxItems
	}
	if c.Notify.MaxAge == 0 {
		c.Notify.MaxAge = DefaultMaxAge
	}
	for i := range c.Sources {
		if c.Sources[i].BackfillPages == 0 {
			c.Sources[i].BackfillPages = DefaultBackfill
		}
	}
	for i := range c.Partners {
		if len(c.Partners[i].Aliases) == 0 {
			c.Partners[i].Aliases = nameForms(c.Partners[i].Names)
		}
		c.Partners[i].siteLanguage = c.Site.Language
	}
	if t := c.Telegram; t != nil {
		def(&t.APIEndpoint, DefaultAPIEndpoint)
		def(&t.Mode, "polling")
		defNumber(&t.RatePerSecond, DefaultTelegramRate)
		defNumber(&t.ChatRatePerSecond, DefaultTelegramChatRate)
		defNumber(&t.GroupRatePerMinute, DefaultTelegramGroupRate)
		defNumber(&t.SendConcurrency, DefaultTelegramConcurrent)
		defNumber(&t.BatchSize, DefaultTelegramBatch)
		defNumber(&t.UpdateWorkers, DefaultTelegramWorkers)
		defNumber(&t.SendTimeout, DefaultTelegramTimeout)
		defNumber(&t.PollTimeout, DefaultTelegramTimeout)
	}
	if e := c.Email; e != nil {
		if e.SMTP.Port == 0 {
			e.SMTP.Port = DefaultSMTPPort
		}
		def(&e.SMTP.TLS, "starttls")
		defNumber(&e.MaxBounces, DefaultMaxBounces)
		for i := range e.Digests {
			def(&e.Digests[i].Language, c.Site.Language)
		}
	}
}

// ApplyDefaults fills the HTTP server's limits left zero (also for configs
// built in code, which Load did not see).
func (h *HTTP) ApplyDefaults() {
	defNumber(&h.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	defNumber(&h.ReadTimeout, DefaultReadTimeout)
	defNumber(&h.WriteTimeout, DefaultWriteTimeout)
	defNumber(&h.IdleTimeout, DefaultIdleTimeout)
	defNumber(&h.MaxHeaderBytes, DefaultMaxHeaderBytes)
	defNumber(&h.MaxConnections, DefaultMaxConnections)
	defNumber(&h.MaxConnectionsPerIP, DefaultMaxConnectionsPerIP)
	defNumber(&h.MaxBodyBytes, DefaultHTTPMaxBodyBytes)
	defNumber(&h.MaxWebhookBytes, DefaultMaxWebhookBytes)
}

func def(s *string, v string) {
	if *s == "" {
		*s = v
	}
}

// defNumber sets a number left at zero (absent) to its default; a negative
// one stays, for validation to report.
func defNumber[T int | int64 | float64 | time.Duration](n *T, v T) {
	if *n == 0 {
		*n = v
	}
}

// nameForms returns the distinct names, ordered by language tag so that the
// result does not depend on map order.
func nameForms(names map[string]string) []string {
	tags := make([]string, 0, len(names))
	for t := range names {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		if n := names[t]; n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
