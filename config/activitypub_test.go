package config

import "testing"

// TestBlockedDomains: a blocked domain blocks itself and its subdomains,
// in any case and with a trailing dot, and nothing else.
func TestBlockedDomains(t *testing.T) {
	a := ActivityPub{BlockedDomains: []string{"spam.example", " Bad.Example. "}}
	for host, want := range map[string]bool{"spam.example": true, "a.b.spam.example": true, "SPAM.example.": true,
		"bad.example": true, "x.bad.example": true, "notspam.example": false, "spam.example.org": false, "example": false} {
		if got := a.Blocked(host); got != want {
			t.Errorf("Blocked(%q) = %v, want %v", host, got, want)
		}
	}
}
