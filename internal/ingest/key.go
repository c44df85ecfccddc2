package ingest

import (
	"net/url"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// site is what a source says about whose pages are its own: its host (with
// or without "www.") and its mirror_hosts, which serve the same pages under
// the same paths. Article keys on a mirror are spelt with the source's host,
// so that an article reached there is stored once.
type site struct {
	scheme, host string          // the source URL's, as keys spell them
	mirrors      map[string]bool // as keys spell them
}

func newSite(src config.Source) site {
	s := site{mirrors: map[string]bool{}}
	if key, err := extract.CanonicalURL(nil, src.URL); err == nil {
		u, _ := url.Parse(key)
		s.scheme, s.host = u.Scheme, u.Host
	}
	for _, h := range src.MirrorHosts {
		if key, err := extract.CanonicalURL(nil, "http://"+h+"/"); err == nil {
			u, _ := url.Parse(key)
			s.mirrors[u.Host] = true
		} else if strings.TrimSpace(h) != "" {
			s.mirrors[strings.ToLower(h)] = true
		}
	}
	return s
}

// owns reports whether a host (any spelling) is the source's or a mirror's.
func (s site) owns(host string) bool {
	k, err := extract.CanonicalURL(nil, "http://"+host+"/")
	if err != nil {
		return false
	}
	u, _ := url.Parse(k)
	return u.Host == s.host || s.mirrors[u.Host]
}

// key is the article key of a link: its canonical URL (extract.CanonicalURL),
// on the source's host when the link is on a mirror.
func (s site) key(link string) (string, error) {
	k, err := extract.CanonicalURL(nil, link)
	if err != nil {
		return "", err
	}
	return s.unmirror(k), nil
}

func (s site) unmirror(key string) string {
	u, err := url.Parse(key)
	if err != nil || !s.mirrors[u.Host] || s.host == "" {
		return key
	}
	u.Scheme, u.Host = s.scheme, s.host
	return u.String()
}

// pageKey is the key of a fetched page: the page's own canonical link when
// it is on the source's site (its host, the bare/www variant or a mirror),
// else linkKey, the key of the link the page was reached by.
func (s site) pageKey(linkKey, canonicalLink string) string {
	if canonicalLink == "" {
		return linkKey
	}
	u, err := url.Parse(canonicalLink)
	if err != nil || !s.owns(u.Host) {
		return linkKey
	}
	return s.unmirror(canonicalLink)
}
