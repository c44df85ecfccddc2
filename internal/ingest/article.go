package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// hint is what a listing or feed item already says about an article; the
// page's own data wins.
type hint struct {
	Title     string
	Published time.Time
	Lead      string
	// fallback stores what the feed item itself holds, when the linked page
	// was read but yields no article (nothing is lost; the next pass retries).
	fallback func()
}

// article fetches, extracts and stores one article page. Whatever fails is
// counted and logged with the URL and reason; nothing stored is touched then.
func (r *run) article(ctx context.Context, link string, h hint) {
	linkKey, err := r.site.key(link)
	if err != nil {
		r.rep.fail(link, err)
		return
	}
	var v fetch.Validators
	stored, err := r.db.ArticleURLFor(ctx, linkKey)
	if err == nil {
		// Only a stored article may be answered with 304: else a page that
		// failed once would never be read again.
		v.ETag, v.LastModified, _ = r.db.HTTPValidators(ctx, stored)
	}
	resp, err := r.in.Fetch.Get(ctx, link, v)
	if err != nil {
		fetchFailures.WithLabelValues(r.src.Name).Inc()
		r.log.Warn("Article fetch failed", slog.String("url", link), slog.Any("error", err))
		r.obs.Skipped(link, err.Error())
		r.rep.fail(link, err)
		return
	}
	if resp.NotModified {
		r.rep.NotModified++
		r.count(store.Unchanged)
		return
	}
	r.read++
	page := fetched{link: link, linkKey: linkKey, stored: stored, resp: resp, h: h}
	if r.notRelease(resp.URL, link, resp.Body) {
		if h.fallback != nil {
			h.fallback()
		}
		return
	}
	if !r.tmpl.Mature() {
		r.learnFirst(ctx, page)
		return
	}
	r.extractAndSave(ctx, page, true)
}

// fetched is an article page read and not yet extracted.
type fetched struct {
	link, linkKey string
	stored        string // the key it is stored under, "" when new
	resp          *fetch.Response
	h             hint
}

// extractAndSave extracts a fetched page (learning its blocks into the
// source's template when learn is set) and stores the article.
func (r *run) extractAndSave(ctx context.Context, p fetched, learn bool) {
	link, h, resp := p.link, p.h, p.resp
	ex, err := r.extract(resp)
	if learn {
		r.tmpl.Learn(ex.Blocks)
	}
	if errors.Is(err, extract.ErrNoDate) && !h.Published.IsZero() {
		ex.Published, err = h.Published, nil
	}
	if err != nil {
		extractFailures.WithLabelValues(r.src.Name).Inc()
		r.extractFailed++
		r.log.Warn("Article extraction failed", slog.String("url", resp.URL), slog.Any("error", err))
		r.obs.Skipped(link, err.Error())
		if h.fallback != nil {
			h.fallback()
			return
		}
		r.rep.fail(link, err)
		return
	}
	r.rep.TemplateBlocks += ex.TemplateBlocks
	if ex.Lead == "" {
		ex.Lead = h.Lead
	}
	ex.Published = sameDayMoreExact(ex.Published, h.Published, r.in.Cfg.Location)
	// The page's own canonical URL is the key, unless the article is stored
	// already (under the link's key, from before): it keeps its id and GUID.
	key := p.stored
	if key == "" {
		key = r.site.pageKey(p.linkKey, ex.CanonicalLink)
	}
	a := r.toArticle(key, ex)
	res, err := r.saveObserved(ctx, Observed{Link: link, Key: key, Article: ex}, &a, ex.Captions())
	if err != nil {
		r.log.Error("Storing article failed", slog.String("url", key), slog.Any("error", err))
		r.rep.fail(link, err)
		return
	}
	if err := r.db.SaveHTTPValidators(ctx, key, resp.Validators.ETag, resp.Validators.LastModified); err != nil {
		r.log.Warn("Saving validators failed", slog.String("url", key), slog.Any("error", err))
	}
	if err := r.db.SaveArticleAlias(ctx, p.linkKey, key); err != nil {
		r.log.Warn("Saving alias failed", slog.String("url", p.linkKey), slog.Any("error", err))
	}
	r.count(res)
}

func (r *run) extract(resp *fetch.Response) (extract.Article, error) {
	return extract.Extract(resp.URL, resp.Body, extract.Options{Location: r.in.Cfg.Location,
		Selectors: r.src.Selectors, DateLayout: r.src.DateLayout, Template: r.tmpl})
}

// notRelease reports (counting and logging it) whether a linked page is
// not one release: a listing page of this pass, or a page the classifier
// takes for a listing (an overview, a category or tag page).
func (r *run) notRelease(pageURL, link string, page []byte) bool {
	sh, err := ClassifyPage(pageURL, page)
	if !r.listings[pageURL] && !r.listings[link] && (err != nil || sh.Kind != KindListing) {
		return false
	}
	r.rep.NotReleases++
	r.obs.Skipped(link, fmt.Sprintf("not a release: a listing (%d teasers, main text %d, teaser text %d)",
		sh.Teasers, sh.MainText, sh.TeaserText))
	r.log.Info("Page is not a release; skipped", slog.String("url", pageURL), slog.Int("teasers", sh.Teasers),
		slog.Int("main_text", sh.MainText), slog.Int("teaser_text", sh.TeaserText))
	return true
}

func (r *run) toArticle(key string, ex extract.Article) store.Article {
	lang := ex.Language
	if lang == "" {
		lang = r.in.Cfg.Site.Language
	}
	a := store.Article{Source: r.src.Name, URL: key, Title: ex.Title, Lead: ex.Lead,
		BodyHTML: ex.BodyHTML, BodyText: ex.BodyText, Contact: ex.Contact, Language: lang, PublishedAt: ex.Published}
	for _, im := range ex.Images {
		a.Images = append(a.Images, store.Image{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	return a
}

func (r *run) count(res store.UpsertResult) {
	switch res {
	case store.Inserted:
		r.rep.New++
	case store.Updated:
		r.rep.Updated++
	default:
		r.rep.Unchanged++
	}
	articlesIngested.WithLabelValues(r.src.Name, res.String()).Inc()
}

// save stores the article, its tags and (when it gained a partner outside a
// backfill) its notification job in one transaction, so a crash leaves all or
// nothing. Whether the article is news to push is the notify worker's call.
func (r *run) save(ctx context.Context, a *store.Article, captions []string) (store.UpsertResult, error) {
	r.capSize(a)
	a.Backfill = !r.notify // kept from the first insert on: qualifies for nobody
	var results []tag.Result
	if r.in.Tagger != nil {
		results = r.in.Tagger.Tag(tag.Document{Title: a.Title, Lead: a.Lead, Body: a.BodyText, Captions: captions})
	}
	tags := tagging.Tags(results)
	asked := r.enclosureLength(ctx, a) // before the transaction: no network inside it
	var res store.UpsertResult
	err := r.in.Store.InTx(ctx, func(tx *store.Store) error {
		var err error
		if res, err = tx.UpsertArticle(ctx, a); err != nil || res == store.Unchanged {
			return err
		}
		q := r.in.Jobs
		if !r.notify {
			q = nil // a backfill notifies nobody
		}
		_, err = tagging.Apply(ctx, tx, q, *a, tags)
		return err
	})
	if err == nil && res == store.Unchanged && asked {
		// Stored before lengths were asked for: the stored image learns it.
		err = r.in.Store.SetImageLength(ctx, a.Images[0].URL, a.Images[0].Length)
	}
	if err == nil && res == store.Updated {
		r.log.Info("Article changed", slog.Int64("article_id", a.ID), slog.String("url", a.URL), slog.String("title", a.Title))
	}
	return res, err
}

// sameDayMoreExact keeps the page's date, unless the page gives a day only
// (midnight) and the feed item the same day with its time ("Pressemitteilung
// vom 12.06.2024" and a pubDate of 12.06.2024 11:00 +0200).
func sameDayMoreExact(page, item time.Time, loc *time.Location) time.Time {
	if item.IsZero() || loc == nil {
		return page
	}
	p, i := page.In(loc), item.In(loc)
	if p.Hour() != 0 || p.Minute() != 0 || p.Second() != 0 || p.Format(time.DateOnly) != i.Format(time.DateOnly) {
		return page
	}
	return item
}
