package ingest

import (
	"context"
	"log/slog"
	"slices"

	"github.com/partnerfeed/partnerfeed/internal/fetch"
)

// html crawls an HTML archive: listing pages in order, each article on them.
// An incremental pass stops at the first listing page that is unchanged
// (304) or holds only known articles; a backfill walks backfill_pages pages.
func (r *run) html(ctx context.Context) {
	next := r.src.URL
	visited := map[string]bool{}
	r.listings = map[string]bool{}
	var prevLinks []string
	var prev PageShape
	by := "" // how the page was reached (Listing.NextBy of the page before)
	for page := 0; page < max(r.src.BackfillPages, 1) && next != "" && !visited[next]; page++ {
		visited[next] = true
		pageURL := next
		var v fetch.Validators
		if !r.backfill {
			v.ETag, v.LastModified, _ = r.db.HTTPValidators(ctx, pageURL)
		}
		resp, err := r.in.Fetch.Get(ctx, pageURL, v)
		if err != nil {
			fetchFailures.WithLabelValues(r.src.Name).Inc()
			r.log.Warn("Listing fetch failed", slog.String("url", pageURL), slog.Any("error", err))
			if page == 0 {
				r.rep.Err = err
				return
			}
			r.rep.fail(pageURL, err)
			return
		}
		r.rep.Pages++
		r.obs.ListingPage(pageURL, reachedBy(by))
		if resp.NotModified {
			r.rep.NotModified++
			r.links++ // the page is unchanged, so are its links
			return
		}
		l, err := ParseListing(resp.URL, listingPage(resp.Body), r.src.Selectors, r.src.MirrorHosts...)
		if err != nil || slices.Equal(l.Links, prevLinks) {
			// Past-the-end pages of some sites repeat the last page.
			r.obs.Skipped(pageURL, notListing(err, l.Links))
			return
		}
		if page > 0 && !r.sameListing(prev, by, l, pageURL) || page == 0 && r.startIsRelease(l, pageURL, resp.Body) {
			return
		}
		prev, prevLinks = l.Shape, l.Links
		r.listings[pageURL] = true
		r.links += len(l.Links)
		r.rep.Found += len(l.Links)
		r.obs.ArticleLinks(pageURL, l.Links)
		allKnown := true
		for _, link := range l.Links {
			if ctx.Err() != nil {
				r.rep.Err = ctx.Err()
				return
			}
			allKnown = r.known(ctx, link) && allKnown
			r.article(ctx, link, hint{})
		}
		if err := r.db.SaveHTTPValidators(ctx, pageURL, resp.Validators.ETag, resp.Validators.LastModified); err != nil {
			r.log.Warn("Saving validators failed", slog.String("url", pageURL), slog.Any("error", err))
		}
		if allKnown && !r.backfill {
			return
		}
		reached := by
		next, by = l.Next, l.NextBy
		if next == "" && reached == NextByLoadMore && len(l.Links) > 0 {
			// A load-more endpoint that names no next call: its page's
			// script raises the offset (or page) by what it gave.
			next, by = raiseOffset(pageURL, len(l.Links)), NextByLoadMore
		}
	}
}

// sameListing reports whether l, reached by a next-page link, is a page
// of the same listing as the page before: a listing (not a release) whose
// teasers have the same shape (unless a load-more endpoint, which answers
// with teasers of its own markup, gave it). Anything else is counted and logged, and the
// crawl of the listing stops there.
func (r *run) sameListing(prev PageShape, prevBy string, l Listing, pageURL string) bool {
	why := ""
	switch {
	case r.src.Selectors != nil && r.src.Selectors.NextPage != "":
		return true // the operator said where the next page is
	case l.Shape.Kind != KindListing:
		why = "a release, not a listing"
	case prevBy != NextByLoadMore && prev.Teasers >= 2 && l.Shape.Teasers >= 2 && prev.Shape != l.Shape.Shape:
		why = "a listing of another shape"
	default:
		return true
	}
	r.rep.NotReleases++
	r.obs.Skipped(pageURL, "next page is not a page of the listing ("+why+"); crawl stopped")
	r.log.Warn("Next page is not a page of the listing; stopped", slog.String("url", pageURL),
		slog.String("reason", why), slog.Int("main_text", l.Shape.MainText), slog.Int("teasers", l.Shape.Teasers))
	return false
}

// known reports whether the article a link leads to is stored already
// (under the link's key, or under the canonical URL its page named before).
func (r *run) known(ctx context.Context, link string) bool {
	key, err := r.site.key(link)
	if err != nil {
		return true // never fetched: nothing new can come of it
	}
	_, err = r.db.ArticleURLFor(ctx, key)
	return err == nil
}
