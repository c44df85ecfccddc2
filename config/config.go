// Package config holds the config.yaml schema of partnerfeed: the types, loading,
// defaults and validation. A Config is a value: load it once and pass it down.
package config

import (
	"strings"
	"time"
)

// Config is the whole config.yaml after loading, expansion and defaults.
type Config struct {
	Site     Site      `yaml:"site"`
	HTTP     HTTP      `yaml:"http"`
	Log      Log       `yaml:"log"`
	Storage  Storage   `yaml:"storage"`
	Fetch    Fetch     `yaml:"fetch"`
	Feeds    Feeds     `yaml:"feeds"`
	WebSub   WebSub    `yaml:"websub"`
	Notify   Notify    `yaml:"notify"`
	Sources  []Source  `yaml:"sources"`
	Partners []Partner `yaml:"partners"`
	// Telegram is nil when the section is absent or the bot is switched off.
	Telegram *Telegram `yaml:"telegram"`
	// Email is nil when the section is absent or email is switched off.
	Email *Email `yaml:"email"`
	// ActivityPub makes every partner (and "all") a Fediverse account.
	ActivityPub ActivityPub `yaml:"activitypub"`

	// Path is the file the config was loaded from ("" when built in code).
	Path string `yaml:"-"`
	// Location is Site.Timezone loaded; never nil after Load.
	Location *time.Location `yaml:"-"`
	// Warnings collects what Load switched off or found doubtful.
	Warnings []string `yaml:"-"`
}

// Site describes the city running the service.
type Site struct {
	Title string `yaml:"title"`
	// Titles is the site's name per language (language code → title);
	// a language without one uses Title (see TitleIn).
	Titles map[string]string `yaml:"titles"`
	// City is the city's name per language (language code → name), for
	// sentences such as "news from Krefeld about Dunkerque" (see CityIn).
	City       map[string]string `yaml:"city"`
	BaseURL    string            `yaml:"base_url"`
	Language   string            `yaml:"language"`
	Timezone   string            `yaml:"timezone"`
	Secret     Secret            `yaml:"secret"`
	ImprintURL string            `yaml:"imprint_url"`
	PrivacyURL string            `yaml:"privacy_url"`
}

// HTTP configures the HTTP server.
type HTTP struct {
	Listen       string `yaml:"listen"`
	MetricsToken Secret `yaml:"metrics_token"`
	// The server's limits against slow or greedy clients; zero means the
	// default (DefaultReadHeaderTimeout …).
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout"`
	ReadTimeout       time.Duration `yaml:"read_timeout"`
	WriteTimeout      time.Duration `yaml:"write_timeout"`
	IdleTimeout       time.Duration `yaml:"idle_timeout"`
	MaxHeaderBytes    int           `yaml:"max_header_bytes"`
	// MaxConnections caps the connections open at once; more wait in the
	// kernel's queue. It is lowered to fit the process's open-file limit.
	MaxConnections int `yaml:"max_connections"`
	// MaxConnectionsPerIP caps the connections of one client address (not of
	// a trusted proxy); more are closed at once.
	MaxConnectionsPerIP int `yaml:"max_connections_per_ip"`
	// MaxBodyBytes caps a request body (the forms); MaxWebhookBytes the
	// Telegram webhook's.
	MaxBodyBytes    int64 `yaml:"max_body_bytes"`
	MaxWebhookBytes int64 `yaml:"max_webhook_bytes"`
	// TrustedProxies are the CIDRs (or addresses) of reverse proxies whose
	// X-Forwarded-For or Forwarded header names the client; empty: none.
	TrustedProxies []string `yaml:"trusted_proxies"`
}

// Log configures logging.
type Log struct {
	Format string `yaml:"format"` // text (default) | json
	Level  string `yaml:"level"`  // debug | info (default) | warn | error
}

// Storage selects the database.
type Storage struct {
	Driver string `yaml:"driver"` // sqlite (default) | postgres
	DSN    Secret `yaml:"dsn"`
}

// Fetch configures the polite HTTP client used for every source request.
type Fetch struct {
	UserAgent    string        `yaml:"user_agent"`
	ContactURL   string        `yaml:"contact_url"`
	RatePerHost  float64       `yaml:"rate_per_host"`
	Timeout      time.Duration `yaml:"timeout"`
	MaxBodyBytes int64         `yaml:"max_body_bytes"`
	// MaxArticleBytes caps the stored text and HTML of one article; a longer
	// article is cut at an element boundary (default 256 KiB).
	MaxArticleBytes int `yaml:"max_article_bytes"`
}

// Feeds configures the published feeds.
type Feeds struct {
	MaxItems int `yaml:"max_items"`
}

// WebSub configures the optional WebSub hub.
type WebSub struct {
	Hub string `yaml:"hub"`
}

// Notify configures who gets pushed what.
type Notify struct {
	// MaxAge: an article is pushed only if published within MaxAge of being first seen.
	MaxAge time.Duration `yaml:"max_age"`
}

// Source is one press archive or feed to ingest.
type Source struct {
	Name          string     `yaml:"name"`
	Kind          string     `yaml:"kind"` // html | feed
	URL           string     `yaml:"url"`
	Schedule      string     `yaml:"schedule"`
	BackfillPages int        `yaml:"backfill_pages"`
	FullText      *bool      `yaml:"full_text"`
	DateLayout    string     `yaml:"date_layout"`
	Selectors     *Selectors `yaml:"selectors"`
	// PageParam (feed, optional) is the query parameter that selects a page of
	// the feed ("page": url&page=2, &page=3 …). Without it only url is read.
	PageParam string `yaml:"page_param"`
	// MirrorHosts (optional) are other hosts serving the source's pages under
	// the same paths ("krefeld.de" and "www.krefeld.de" are one host anyway).
	// Their links are followed, a page's canonical link may point to them, and
	// an article found on one is stored under the source's own host, once.
	MirrorHosts []string `yaml:"mirror_hosts"`
	// AllowedHosts (optional) are further hosts a feed's items may link to
	// for full-text fetches (a CDN, a city portal); the source's own host and
	// MirrorHosts are always allowed, any other host never.
	AllowedHosts []string `yaml:"allowed_hosts"`
}

// Selectors are optional per-source CSS selector overrides.
type Selectors struct {
	ArticleLink string   `yaml:"article_link"`
	NextPage    string   `yaml:"next_page"`
	Title       string   `yaml:"title"`
	Published   string   `yaml:"published"`
	Body        string   `yaml:"body"`
	Image       string   `yaml:"image"`
	Remove      []string `yaml:"remove"`
}

// Partner is one partner city.
type Partner struct {
	Slug     string            `yaml:"slug"`
	Names    map[string]string `yaml:"names"` // BCP 47 tag -> name
	Language string            `yaml:"language"`
	Country  string            `yaml:"country"`
	Aliases  []string          `yaml:"aliases"`
	Exclude  []string          `yaml:"exclude"`
	// siteLanguage is site.language (set by ApplyDefaults): the last
	// fallback of Name before any other name.
	siteLanguage string
}

// Telegram configures the bot.
type Telegram struct {
	Token         Secret            `yaml:"token"`
	APIEndpoint   string            `yaml:"api_endpoint"`
	Mode          string            `yaml:"mode"` // polling | webhook
	WebhookSecret Secret            `yaml:"webhook_secret"`
	Channels      map[string]string `yaml:"channels"` // partner slug -> @channel or chat id
	QuietHours    string            `yaml:"quiet_hours"`
	// BotUsername is the bot's @username (without @) for t.me deep links on the
	// web pages; optional: without it the pages show no Telegram links.
	BotUsername string `yaml:"bot_username"`
	// The keys below are optional; zero means the default given.
	// RatePerSecond caps messages per second for the whole bot (default 30).
	RatePerSecond float64 `yaml:"rate_per_second"`
	// ChatRatePerSecond caps messages per second to one chat (default 1).
	ChatRatePerSecond float64 `yaml:"chat_rate_per_second"`
	// GroupRatePerMinute caps messages per minute to one group (default 20).
	GroupRatePerMinute float64 `yaml:"group_rate_per_minute"`
	// SendConcurrency is how many messages may be in flight at once (default 8);
	// it also bounds the duplicates a crash can cause.
	SendConcurrency int `yaml:"send_concurrency"`
	// SendTimeout bounds one Bot API request (default 30s).
	SendTimeout time.Duration `yaml:"send_timeout"`
	// PollTimeout is the long-polling timeout of getUpdates (default 30s).
	PollTimeout time.Duration `yaml:"poll_timeout"`
	// BatchSize is how many chats one send job covers (default 500).
	BatchSize int `yaml:"batch_size"`
	// UpdateWorkers is how many incoming updates (commands, taps) are
	// handled at once, each chat's in order (default 8).
	UpdateWorkers int `yaml:"update_workers"`
}

// Email configures SMTP, self-service subscriptions and configured digests.
type Email struct {
	SMTP                SMTP              `yaml:"smtp"`
	From                string            `yaml:"from"`
	SubscriberSchedules map[string]string `yaml:"subscriber_schedules"`
	Digests             []Digest          `yaml:"digests"`
	// Templates is an optional folder whose digest.html, digest.txt,
	// confirm.html and confirm.txt replace the embedded mail templates.
	Templates string `yaml:"templates"`
	// SubjectPrefix starts every digest subject ("Krefeld – Dunkerque : …");
	// default site.title.
	SubjectPrefix string `yaml:"subject_prefix"`
	// ConsentIP keeps, as proof of consent, a keyed hash (HMAC with
	// site.secret) of the client address a subscription was confirmed from.
	ConsentIP bool `yaml:"consent_ip"`
	// MaxBounces is how many hard bounces (SMTP 5xx for the recipient at
	// send time) suppress a subscriber's address (default 3).
	MaxBounces int `yaml:"max_bounces"`
}

// SMTP is the outgoing mail server.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Username string `yaml:"username"`
	Password Secret `yaml:"password"`
	TLS      string `yaml:"tls"` // starttls (default) | tls | none
}

// Digest is one configured digest recipient group (e.g. a partner office).
type Digest struct {
	Name      string   `yaml:"name"`
	To        []string `yaml:"to"`
	Partners  []string `yaml:"partners"`
	Language  string   `yaml:"language"`
	Schedule  string   `yaml:"schedule"`
	SkipEmpty *bool    `yaml:"skip_empty"`
}

// Secret is a string that never prints itself.
type Secret string

// String hides the value.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString hides the value from %#v.
func (s Secret) GoString() string { return s.String() }

// Value returns the secret itself; call it only where the secret is used.
func (s Secret) Value() string { return string(s) }

// Partner returns the partner with the slug, and whether it exists.
func (c Config) Partner(slug string) (Partner, bool) {
	for _, p := range c.Partners {
		if p.Slug == slug {
			return p, true
		}
	}
	return Partner{}, false
}

// FullTextOn reports whether a feed source fetches linked pages (default true).
func (s Source) FullTextOn() bool { return s.FullText == nil || *s.FullText }

// SkipEmptyOn reports whether empty digests are skipped (default true).
func (d Digest) SkipEmptyOn() bool { return d.SkipEmpty == nil || *d.SkipEmpty }

// Name is the partner's name in lang: the tag itself, then its base language
// ("fr" for "fr-BE"), then the partner's own language, then the site's
// language, and only when none of these has a name (a config that names the
// city in other languages alone) the alphabetically first name given; the
// slug when none is. A reader never gets a language nobody asked for while
// the partner's or the site's language has a name.
func (p Partner) Name(lang string) string {
	for _, l := range []string{lang, p.Language, p.siteLanguage} {
		if n := nameIn(p.Names, l); n != "" {
			return n
		}
	}
	if keys := sortedKeys(p.Names); len(keys) > 0 {
		return p.Names[keys[0]]
	}
	return p.Slug
}

// TitleIn is the site's name in lang (site.titles: the tag, then its base
// language), else site.title.
func (s Site) TitleIn(lang string) string {
	if t := nameIn(s.Titles, lang); t != "" {
		return t
	}
	return s.Title
}

// CityIn is the city's name in lang for sentences that name it (site.city:
// the tag, its base language, then the site's language), else the title in
// lang when site.city names the city in no such language.
func (s Site) CityIn(lang string) string {
	for _, l := range []string{lang, s.Language} {
		if c := nameIn(s.City, l); c != "" {
			return c
		}
	}
	return s.TitleIn(lang)
}

// nameIn is names[tag], else names[base language of tag], else "".
func nameIn(names map[string]string, tag string) string {
	if tag == "" {
		return ""
	}
	if n := names[tag]; n != "" {
		return n
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	return names[strings.ToLower(base)]
}
