package config

import (
	"fmt"
	"strings"
)

// ActivityPub configures the Fediverse accounts: one actor per partner and
// one ("all") for every partner, on the host of site.base_url.
type ActivityPub struct {
	// Enabled switches the accounts, their routes and the deliveries on.
	Enabled bool `yaml:"enabled"`
	// AllowPrivateNetworks lets key fetches and deliveries reach loopback
	// and private addresses (tests only; refused otherwise).
	AllowPrivateNetworks bool `yaml:"allow_private_networks"`
	// BlockedDomains are servers whose requests get 403 and who get
	// nothing; a domain blocks its subdomains too.
	BlockedDomains []string `yaml:"blocked_domains"`
	// RatePerHost caps the deliveries per second to one inbox host (0:
	// the default, DefaultFediverseRate).
	RatePerHost float64 `yaml:"rate_per_host"`
	// Icons are the accounts' pictures by slug ("all" included): the
	// partner's flag or an image of the city, as an absolute PNG, JPEG,
	// GIF or WebP URL. An account without one has the server's default.
	Icons map[string]string `yaml:"icons"`
}

// DefaultFediverseRate is activitypub.rate_per_host's default.
const DefaultFediverseRate = 20

// Blocked reports whether host (a name, without port) is a blocked domain
// or under one.
func (a ActivityPub) Blocked(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, d := range a.BlockedDomains {
		d = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(d)), ".")
		if d != "" && (host == d || strings.HasSuffix(host, "."+d)) {
			return true
		}
	}
	return false
}

// validateActivityPub checks the activitypub section.
func (l *loader) validateActivityPub(c *Config) {
	for i, d := range c.ActivityPub.BlockedDomains {
		if d == "" || strings.ContainsAny(d, "/:@ ") {
			l.errorf(fmt.Sprintf("activitypub.blocked_domains[%d]", i), "want a domain name such as spam.example, got %q", d)
		}
	}
	for _, slug := range sortedKeys(c.ActivityPub.Icons) {
		p := "activitypub.icons." + slug
		if slug != "all" {
			l.checkPartnerRef(c, p, slug)
		}
		l.checkURL(p, c.ActivityPub.Icons[slug])
	}
	if c.ActivityPub.RatePerHost < 0 {
		l.errorf("activitypub.rate_per_host", "must not be negative (0 or absent: the default, %d)", DefaultFediverseRate)
	}
}
