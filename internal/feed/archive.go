package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Paging places a document in a channel's RFC 5005 archive. Archive pages
// are cut from the channel's articles in the order they were stored (oldest
// first), MaxItems per page: page 1 holds the first MaxItems, page 2 the
// next, and only full pages are published, so a page's articles never change
// as new ones arrive (only its next-archive link appears once, when the
// following page fills). The current feed (Page 0) holds the newest articles
// and links to the newest full page.
type Paging struct {
	Page  int // 0 for the current feed, else the archive page number (from 1)
	Pages int // number of full archive pages of the channel
}

// ArchiveCacheControl is sent with archive pages: their content is fixed.
const ArchiveCacheControl = "public, max-age=604800"

// ArchiveURL is the absolute URL of archive page n of a channel in format f.
func (s Site) ArchiveURL(slug string, n int, f Format) string {
	return s.BaseURL + "/feeds/" + slug + "/archive/" + strconv.Itoa(n) + "." + string(f)
}

// ArchivePages is the number of full archive pages for a channel of total articles.
func (s Site) ArchivePages(total int) int { return total / s.MaxItems }

// selfURL is the document's own URL.
func (p Paging) selfURL(s Site, slug string, f Format) string {
	if p.Page == 0 {
		return s.URL(slug, f)
	}
	return s.ArchiveURL(slug, p.Page, f)
}

// prevURL is the next older archive page, "" when none.
func (p Paging) prevURL(s Site, slug string, f Format) string {
	switch {
	case p.Page == 0 && p.Pages > 0:
		return s.ArchiveURL(slug, p.Pages, f)
	case p.Page > 1:
		return s.ArchiveURL(slug, p.Page-1, f)
	}
	return ""
}

// nextURL is the next newer archive page, "" when none (the current feed
// follows the newest archive page: that is the "current" link).
func (p Paging) nextURL(s Site, slug string, f Format) string {
	if p.Page > 0 && p.Page < p.Pages {
		return s.ArchiveURL(slug, p.Page+1, f)
	}
	return ""
}

// ErrBadArchiveName is returned by ParseArchiveName for a malformed name.
var ErrBadArchiveName = errors.New("feed: bad archive page name")

// ParseArchiveName reads an archive page's file name ("3.atom"): a page
// number from 1, written without leading zeros, and a published format.
func ParseArchiveName(name string) (int, Format, error) {
	num, ext, ok := strings.Cut(name, ".")
	if !ok || num == "" || len(num) > 9 || num[0] == '0' {
		return 0, "", fmt.Errorf("%w: %q", ErrBadArchiveName, name)
	}
	for _, r := range num {
		if r < '0' || r > '9' {
			return 0, "", fmt.Errorf("%w: %q", ErrBadArchiveName, name)
		}
	}
	n, _ := strconv.Atoi(num)
	for _, f := range Formats {
		if ext == string(f) {
			return n, f, nil
		}
	}
	return 0, "", fmt.Errorf("%w: %q", ErrBadArchiveName, name)
}

// fhNamespace is RFC 5005's Feed History namespace (fh:archive).
const fhNamespace = "http://purl.org/syndication/history/1.0"

// pagingLinks are the RFC 5005 links of a document: current, prev-archive
// and next-archive, as they apply.
func pagingLinks(m model, f Format) []rssLink {
	var out []rssLink
	slug, typ := m.Channel.Slug, mediaType(f)
	if m.Paging.Page > 0 {
		out = append(out, rssLink{Href: m.Site.URL(slug, f), Rel: "current", Type: typ})
	}
	if u := m.Paging.prevURL(m.Site, slug, f); u != "" {
		out = append(out, rssLink{Href: u, Rel: "prev-archive", Type: typ})
	}
	if u := m.Paging.nextURL(m.Site, slug, f); u != "" {
		out = append(out, rssLink{Href: u, Rel: "next-archive", Type: typ})
	}
	return out
}

// mediaType is the format's media type without parameters.
func mediaType(f Format) string {
	t, _, _ := strings.Cut(f.ContentType(), ";")
	return t
}
