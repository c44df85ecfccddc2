package ingest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// feed reads an RSS, Atom or JSON feed: only url, or with page_param its
// pages 1, 2, … up to backfill_pages. With full_text each item's page is
// fetched and extracted (feeds usually carry teasers only); otherwise the
// item itself is the article. Items are keyed by their canonical link.
func (r *run) feed(ctx context.Context) {
	last := 1
	if r.src.PageParam != "" {
		last = max(r.src.BackfillPages, 1)
	}
	var prev []string
	for n := 1; n <= last; n++ {
		pageURL, err := feedPageURL(r.src.URL, r.src.PageParam, n)
		if err != nil {
			r.rep.Err = err
			return
		}
		keys, more := r.feedPage(ctx, pageURL, n == 1, prev)
		if !more {
			return
		}
		prev = keys
	}
}

// feedPage reads one page of the feed and ingests its items. It returns the
// page's item keys and whether the next page is worth reading: not after an
// unchanged (304), empty or unreadable page, nor after one that repeats the
// previous page (past the end, some sites repeat the last page); on a regular
// pass not after a page that held nothing new either.
func (r *run) feedPage(ctx context.Context, pageURL string, first bool, prev []string) ([]string, bool) {
	failed := func(err error) ([]string, bool) {
		if first {
			r.rep.Err = err
		} else {
			r.rep.fail(pageURL, err)
		}
		return nil, false
	}
	var v fetch.Validators
	if !r.backfill {
		v.ETag, v.LastModified, _ = r.in.Store.HTTPValidators(ctx, pageURL)
	}
	resp, err := r.in.Fetch.Get(ctx, pageURL, v)
	if err != nil {
		fetchFailures.WithLabelValues(r.src.Name).Inc()
		r.log.Warn("Feed fetch failed", slog.String("url", pageURL), slog.Any("error", err))
		return failed(err)
	}
	r.rep.Pages++
	if resp.NotModified {
		r.rep.NotModified++
		r.links++
		return nil, false
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		extractFailures.WithLabelValues(r.src.Name).Inc()
		r.log.Error("Feed unreadable", slog.String("url", pageURL), slog.Any("error", err))
		return failed(fmt.Errorf("ingest: feed %s: %w", pageURL, err))
	}
	var keys []string
	for _, it := range f.Items {
		if key, err := r.site.key(itemLink(it)); err == nil {
			keys = append(keys, key)
		}
	}
	if len(f.Items) == 0 || slices.Equal(keys, prev) {
		return nil, false
	}
	allKnown := true
	for _, it := range f.Items {
		if ctx.Err() != nil {
			r.rep.Err = ctx.Err()
			return nil, false
		}
		link := itemLink(it)
		if link == "" {
			r.rep.fail(it.Title, fmt.Errorf("ingest: feed item without link"))
			continue
		}
		r.links++
		allKnown = r.known(ctx, link) && allKnown
		h := hint{Title: strings.TrimSpace(it.Title), Lead: extract.PlainText(it.Description)}
		if t := it.PublishedParsed; t != nil {
			h.Published = t.In(r.in.Cfg.Location)
		} else if t := it.UpdatedParsed; t != nil {
			h.Published = t.In(r.in.Cfg.Location)
		}
		if r.src.FullTextOn() && r.mayFetch(link) {
			h.fallback = func() { r.item(ctx, link, it, h) }
			r.article(ctx, link, h)
		} else {
			r.item(ctx, link, it, h)
		}
	}
	if err := r.in.Store.SaveHTTPValidators(ctx, pageURL, resp.Validators.ETag, resp.Validators.LastModified); err != nil {
		r.log.Warn("Saving validators failed", slog.String("url", pageURL), slog.Any("error", err))
	}
	return keys, r.backfill || !allKnown
}

// itemLink is the item's link, or its guid when that is a URL.
func itemLink(it *gofeed.Item) string {
	link := strings.TrimSpace(it.Link)
	if link == "" && (strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://")) {
		link = it.GUID
	}
	return link
}

// item stores a feed item as the article itself (full_text: false).
func (r *run) item(ctx context.Context, link string, it *gofeed.Item, h hint) {
	key, err := r.site.key(link)
	if err != nil {
		r.rep.fail(link, err)
		return
	}
	content := it.Content
	if content == "" {
		content = it.Description
	}
	bodyHTML, bodyText := extract.Fragment(link, content)
	if h.Title == "" || h.Published.IsZero() {
		r.rep.fail(link, fmt.Errorf("ingest: feed item without title or date"))
		return
	}
	a := store.Article{Source: r.src.Name, URL: key, Title: h.Title, Lead: h.Lead, BodyHTML: bodyHTML,
		BodyText: bodyText, Language: r.in.Cfg.Site.Language, PublishedAt: h.Published}
	if it.Image != nil && it.Image.URL != "" {
		a.Images = append(a.Images, store.Image{URL: it.Image.URL, Caption: it.Image.Title})
	}
	res, err := r.save(ctx, &a, nil)
	if err != nil {
		r.rep.fail(link, err)
		return
	}
	r.count(res)
}
