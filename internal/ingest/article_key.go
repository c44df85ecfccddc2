package ingest

import (
	"net/url"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// ArticleKey is the key ingest stores the article behind link under: its
// canonical URL, spelt with its source's host when link is on one of the
// source's mirror_hosts (see site).
func ArticleKey(sources []config.Source, link string) (string, error) {
	k, err := extract.CanonicalURL(nil, link)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(k)
	if err != nil {
		return k, nil
	}
	for _, src := range sources {
		if s := newSite(src); s.owns(u.Host) {
			return s.unmirror(k), nil
		}
	}
	return k, nil
}
