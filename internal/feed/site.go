// Package feed renders the published feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1)
// from stored articles and serves them from memory. gorilla/feeds builds each
// feed; its structs are then corrected as DESIGN.md ("Feeds") demands: stable
// ids, absolute URLs, self and hub links, languages, dates in the site's time
// zone, an author, categories, enclosures and only characters XML 1.0 allows.
// Output depends on the data alone, so every replica serves the same bytes.
package feed

import (
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
)

// Site is what every feed needs to know about the publishing city.
type Site struct {
	Title    string
	BaseURL  string // absolute, without a trailing slash
	Language string // BCP 47 tag of the feeds
	Location *time.Location
	Hub      string            // WebSub hub URL; "" when none
	Partners map[string]string // partner slug -> name in Language
	MaxItems int
	// Created is when the feeds were first rendered (store.FeedsCreated):
	// the updated time of a feed without items. Cache sets it.
	Created time.Time
}

// NewSite takes the feed settings out of a loaded config.
func NewSite(cfg config.Config) Site {
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	s := Site{
		Title:    cfg.Site.TitleIn(cfg.Site.Language),
		BaseURL:  strings.TrimRight(cfg.Site.BaseURL, "/"),
		Language: cfg.Site.Language,
		Location: loc,
		Hub:      cfg.WebSub.Hub,
		Partners: map[string]string{},
		MaxItems: cfg.Feeds.MaxItems,
	}
	if s.MaxItems <= 0 {
		s.MaxItems = 50
	}
	for _, p := range cfg.Partners {
		s.Partners[p.Slug] = p.Name(s.Language)
	}
	return s
}

// AllSlug is the slug of the feed with the news about every partner.
const AllSlug = "all"

// Channel describes one published feed: which articles, under which title.
type Channel struct {
	Slug        string // a partner slug, or AllSlug
	Title       string
	Description string
	HTMLURL     string // absolute URL of the matching web page
}

// Format is one of the published feed formats.
type Format string

// The published formats, named by their file extensions.
const (
	RSS  Format = "rss"
	Atom Format = "atom"
	JSON Format = "json"
)

// Formats lists every published format.
var Formats = []Format{RSS, Atom, JSON}

// ContentType is the format's media type as served.
func (f Format) ContentType() string {
	switch f {
	case RSS:
		return "application/rss+xml; charset=utf-8"
	case Atom:
		return "application/atom+xml; charset=utf-8"
	default:
		return "application/feed+json; charset=utf-8"
	}
}

// URL is the absolute URL of the channel's feed in format f.
func (s Site) URL(slug string, f Format) string {
	return s.BaseURL + "/feeds/" + slug + "." + string(f)
}
