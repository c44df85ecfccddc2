package feed

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/feeds"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// item is one article as published: gorilla's Item plus what it has no
// field for.
type item struct {
	*feeds.Item
	AtomID     string     // urn:uuid derived from the GUID
	Categories []category // partners the article is news about
	Images     []image    // absolute URLs
	Language   string     // the article's language tag, "" when unknown
}

type category struct{ Slug, Name string }

type image struct {
	URL, Type, Title string
	Length           int64 // bytes; 0 when unknown
}

// model is a channel's content ready for any format.
type model struct {
	Site    Site
	Channel Channel
	Feed    *feeds.Feed
	Items   []item
	Updated time.Time // newest item's updated time; Site.Created when empty
	Paging  Paging
}

// newModel builds the gorilla feed of a channel from its articles (newest first).
func newModel(s Site, ch Channel, arts []store.Article) model {
	m := model{Site: s, Channel: ch, Updated: time.Unix(0, 0).In(s.Location)}
	m.Feed = &feeds.Feed{
		Title:       oneLine(ch.Title),
		Link:        &feeds.Link{Href: ch.HTMLURL},
		Description: oneLine(ch.Description),
		Author:      &feeds.Author{Name: oneLine(s.Title)},
	}
	for _, a := range arts {
		it := newItem(s, a)
		if it.Updated.After(m.Updated) {
			m.Updated = it.Updated
		}
		m.Feed.Items = append(m.Feed.Items, it.Item)
		m.Items = append(m.Items, it)
	}
	if len(arts) == 0 && !s.Created.IsZero() {
		m.Updated = s.Created.In(s.Location).Truncate(time.Second)
	}
	m.Feed.Updated = m.Updated
	return m
}

func newItem(s Site, a store.Article) item {
	link := absoluteURL(s.BaseURL+"/", a.URL)
	published := firstTime(a.PublishedAt, a.FirstSeenAt).In(s.Location)
	updated := sourceUpdated(a, published).In(s.Location)
	guid := cleanText(a.GUID)
	permalink := "false"
	if guid == a.URL && strings.HasPrefix(link, "http") {
		permalink = "true"
	}
	it := item{
		Item: &feeds.Item{
			Title:       oneLine(a.Title),
			Link:        &feeds.Link{Href: link},
			Author:      &feeds.Author{Name: oneLine(s.Title)},
			Description: summarize(a.Lead, a.BodyText),
			Id:          guid,
			IsPermaLink: permalink,
			Created:     published,
			Updated:     updated,
			Content:     publishBody(a.BodyHTML, link),
		},
		AtomID:   "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte(a.GUID)).String(),
		Language: LanguageTag(a.Language),
	}
	for _, t := range a.Tags {
		if name, ok := s.Partners[t.Partner]; ok {
			it.Categories = append(it.Categories, category{Slug: t.Partner, Name: name})
		}
	}
	for _, im := range a.Images {
		u := absoluteURL(link, im.URL)
		if !strings.HasPrefix(u, "http") {
			continue
		}
		it.Images = append(it.Images, image{URL: cleanText(u), Type: imageType(u),
			Title: oneLine(strings.TrimSpace(im.Caption + " " + im.Credit)), Length: max(im.Length, 0)})
	}
	// RSS needs an enclosure's length: without a known one there is none.
	if len(it.Images) > 0 && it.Images[0].Length > 0 {
		it.Enclosure = &feeds.Enclosure{Url: it.Images[0].URL, Type: it.Images[0].Type,
			Length: strconv.FormatInt(it.Images[0].Length, 10)}
	}
	return it
}

// sourceUpdated is when the article last changed at its source: its
// publication while it never changed (stored once: updated_at is its
// first_seen_at), else when partnerfeed found it changed (a source states
// no time of its own). Never the time it was merely ingested.
func sourceUpdated(a store.Article, published time.Time) time.Time {
	if a.UpdatedAt.After(a.FirstSeenAt) && a.UpdatedAt.After(published) {
		return a.UpdatedAt
	}
	return published
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Unix(0, 0)
}

// imageType guesses an image's media type from its URL with a fixed table
// (not the system's mime.types, which differs between machines).
func imageType(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "image/jpeg"
	}
	switch strings.ToLower(path.Ext(p.Path)) {
	case ".png":
		return "image/png"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".svg":
		return "image/svg+xml"
	case ".avif":
		return "image/avif"
	default:
		return "image/jpeg"
	}
}

// LanguageTag returns tag when it is a well-formed language tag (RFC 3066
// syntax, as xml:lang and HTML lang need it), else "".
func LanguageTag(tag string) string {
	parts := strings.Split(tag, "-")
	for i, p := range parts {
		if len(p) < 1 || len(p) > 8 {
			return ""
		}
		for _, r := range p {
			alpha := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
			if !alpha && (i == 0 || r < '0' || r > '9') {
				return ""
			}
		}
	}
	return tag
}

// Summary is an article's plain-text summary as the feeds carry it: the lead,
// or the start of the body text.
func Summary(a store.Article) string { return summarize(a.Lead, a.BodyText) }

// ImageURLs returns the article's image URLs made absolute (http and https only).
func ImageURLs(a store.Article) []string {
	out := make([]string, len(a.Images))
	for i, im := range a.Images {
		if u := absoluteURL(a.URL, im.URL); strings.HasPrefix(u, "http") {
			out[i] = u
		}
	}
	return out
}
