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
}

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
}
