package ingest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// feed reads an RSS, Atom or JSON feed. With full_text each item's page is
// fetched and extracted (feeds usually carry teasers only); otherwise the
// item itself is the article. Items are keyed by their canonical link.
func (r *run) feed(ctx context.Context) {
	var v fetch.Validators
	if !r.backfill {
		v.ETag, v.LastModified, _ = r.in.Store.HTTPValidators(ctx, r.src.URL)
	}
	resp, err := r.in.Fetch.Get(ctx, r.src.URL, v)
	if err != nil {
		fetchFailures.WithLabelValues(r.src.Name).Inc()
		r.log.Warn("Feed fetch failed", slog.String("url", r.src.URL), slog.Any("error", err))
		r.rep.Err = err
		return
	}
	r.rep.Pages++
	if resp.NotModified {
		r.rep.NotModified++
		r.links++
		return
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(resp.Body))
	if err != nil {
		extractFailures.WithLabelValues(r.src.Name).Inc()
		r.rep.Err = fmt.Errorf("ingest: feed %s: %w", r.src.URL, err)
		r.log.Error("Feed unreadable", slog.String("url", r.src.URL), slog.Any("error", err))
		return
	}
	for _, it := range f.Items {
		if ctx.Err() != nil {
			r.rep.Err = ctx.Err()
			return
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && (strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://")) {
			link = it.GUID
		}
		if link == "" {
			r.rep.fail(it.Title, fmt.Errorf("ingest: feed item without link"))
			continue
		}
		r.links++
		h := hint{Title: strings.TrimSpace(it.Title), Lead: extract.PlainText(it.Description)}
		if t := it.PublishedParsed; t != nil {
			h.Published = t.In(r.in.Cfg.Location)
		} else if t := it.UpdatedParsed; t != nil {
			h.Published = t.In(r.in.Cfg.Location)
		}
		if r.src.FullTextOn() {
			h.fallback = func() { r.item(ctx, link, it, h) }
			r.article(ctx, link, h)
		} else {
			r.item(ctx, link, it, h)
		}
	}
	if err := r.in.Store.SaveHTTPValidators(ctx, r.src.URL, resp.Validators.ETag, resp.Validators.LastModified); err != nil {
		r.log.Warn("Saving validators failed", slog.String("url", r.src.URL), slog.Any("error", err))
	}
}

// item stores a feed item as the article itself (full_text: false).
func (r *run) item(ctx context.Context, link string, it *gofeed.Item, h hint) {
	key, err := extract.CanonicalURL(nil, link)
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
