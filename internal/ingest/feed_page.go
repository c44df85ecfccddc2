package ingest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// feedPageURL is page n (from 1) of a feed: the configured URL itself for
// page 1, else the URL with param=n set. The rest of the URL stays as
// written (no re-encoding or reordering of its query).
func feedPageURL(feedURL, param string, n int) (string, error) {
	if n <= 1 || param == "" {
		return feedURL, nil
	}
	u, err := url.Parse(feedURL)
	if err != nil {
		return "", fmt.Errorf("ingest: bad feed URL: %w", err)
	}
	pair := url.QueryEscape(param) + "=" + strconv.Itoa(n)
	var parts []string
	replaced := false
	for _, part := range strings.Split(u.RawQuery, "&") {
		k, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(k); err == nil && k == param {
			if !replaced {
				parts, replaced = append(parts, pair), true
			}
			continue
		}
		if part != "" {
			parts = append(parts, part)
		}
	}
	if !replaced {
		parts = append(parts, pair)
	}
	u.RawQuery = strings.Join(parts, "&")
	return u.String(), nil
}
