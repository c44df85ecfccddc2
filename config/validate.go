package config

import (
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// validate checks every value of c and collects all problems in l.
func (l *loader) validate(c *Config) {
	l.validateSite(c)
	l.validateServer(c)
	l.validateSources(c)
	l.validatePartners(c)
	l.validateTelegram(c)
	l.validateEmail(c)
	l.validateActivityPub(c)
}

func (l *loader) validateSite(c *Config) {
	if c.Site.BaseURL == "" {
		l.errorf("site.base_url", "required: the public URL of the service, for example https://partner.example.org")
	} else {
		l.checkURL("site.base_url", c.Site.BaseURL)
	}
	l.checkLanguage("site.language", c.Site.Language)
	l.checkSpoken("site.titles", c.Site.Titles)
	l.checkSpoken("site.city", c.Site.City)
	loc, err := time.LoadLocation(c.Site.Timezone)
	if err != nil {
		l.errorf("site.timezone", "unknown time zone %q (want an IANA name such as Europe/Berlin)", c.Site.Timezone)
		loc = time.UTC
	}
	c.Location = loc
	if s := c.Site.Secret.Value(); s != "" && len(s) < 16 {
		l.errorf("site.secret", "too short: want at least 16 characters, got %d", len(s))
	}
	l.checkOptionalURL("site.imprint_url", c.Site.ImprintURL)
	l.checkOptionalURL("site.privacy_url", c.Site.PrivacyURL)
}

func (l *loader) validateServer(c *Config) {
	if host, port, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		l.errorf("http.listen", "want host:port such as 127.0.0.1:8080, got %q", c.HTTP.Listen)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		l.errorf("http.listen", "bad port %q in %q", port, host+":"+port)
	}
	l.validateHTTPLimits(c.HTTP)
	l.oneOf("log.format", c.Log.Format, "text", "json")
	l.oneOf("log.level", c.Log.Level, "debug", "info", "warn", "error")
	l.oneOf("storage.driver", c.Storage.Driver, "sqlite", "postgres")
	if c.Storage.Driver == "postgres" {
		u, err := url.Parse(c.Storage.DSN.Value())
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			l.errorBecause("storage.dsn", "storage.driver", "driver postgres needs a postgres:// URL")
		}
	}
	if l.has("fetch.contact_url") { // else it is site.base_url, checked there
		l.checkOptionalURL("fetch.contact_url", c.Fetch.ContactURL)
	}
	l.positive("fetch.rate_per_host", c.Fetch.RatePerHost < 0, c.Fetch.RatePerHost)
	l.positive("fetch.timeout", c.Fetch.Timeout < 0, c.Fetch.Timeout)
	l.positive("fetch.max_body_bytes", c.Fetch.MaxBodyBytes < 0, c.Fetch.MaxBodyBytes)
	l.positive("fetch.max_article_bytes", c.Fetch.MaxArticleBytes < 0, c.Fetch.MaxArticleBytes)
	l.positive("feeds.max_items", c.Feeds.MaxItems < 0, c.Feeds.MaxItems)
	l.checkOptionalURL("websub.hub", c.WebSub.Hub)
	l.positive("notify.max_age", c.Notify.MaxAge < 0, c.Notify.MaxAge)
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkSlug reports a value that is not a slug ([a-z0-9-]).
func (l *loader) checkSlug(path, v string) bool {
	if v == "" {
		l.errorf(path, "required")
		return false
	}
	if !slugRE.MatchString(v) {
		l.errorf(path, "%q is not a slug: use a-z, 0-9 and single dashes", v)
		return false
	}
	return true
}

func (l *loader) checkSchedule(path, expr string) {
	if _, err := ParseSchedule(expr); err != nil {
		l.errorf(path, "bad %v", err)
	}
}

func (l *loader) checkOptionalURL(path, v string) {
	if v != "" {
		l.checkURL(path, v)
	}
}

// checkURL wants an absolute http(s) URL.
func (l *loader) checkURL(path, v string) {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		l.errorf(path, "bad URL %q: %v", v, err)
	case u.Scheme != "http" && u.Scheme != "https":
		l.errorf(path, "want an absolute http:// or https:// URL, got %q", v)
	case u.Host == "":
		l.errorf(path, "URL %q has no host", v)
	}
}

func (l *loader) checkLanguage(path, tag string) {
	if tag == "" {
		return
	}
	if _, err := language.Parse(tag); err != nil {
		l.errorf(path, "%q is not a BCP 47 language tag (de, fr, en-GB, uk…)", tag)
	}
}

// checkSpoken reports a key of a language → text map that is no language
// partnerfeed speaks (its texts would never be shown) and an empty text.
func (l *loader) checkSpoken(path string, texts map[string]string) {
	for _, code := range sortedKeys(texts) {
		if !i18n.Supported(code) {
			l.errorf(path+"."+code, "%q is no language partnerfeed speaks (%s)", code, strings.Join(i18n.Languages(), ", "))
		}
		if strings.TrimSpace(texts[code]) == "" {
			l.errorf(path+"."+code, "empty text")
		}
	}
}

func (l *loader) oneOf(path, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	l.errorf(path, "want one of %v, got %q", allowed, v)
}

// positive reports a negative value (zero means "the default").
func (l *loader) positive(path string, negative bool, v any) {
	if negative {
		l.errorf(path, "must be positive, got %v", v)
	}
}
