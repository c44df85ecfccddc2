package ingest

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Observer watches a pass over a source: it is what `partnerfeed probe`
// shows, so that what an operator sees is what ingest does. Its methods are
// called in crawl order, on the pass's goroutine.
type Observer interface {
	// ListingPage: a listing (or feed) page was read; how says how it was
	// found: "start" (the source's URL), a Listing.NextBy signal (NextByRel,
	// NextByText, NextByNumber, NextByOffset, NextByLoadMore,
	// NextBySelector), or for feeds "start (feed)" and "page_param NAME".
	ListingPage(url, how string)
	// ArticleLinks: the article links found on that page, in page order.
	ArticleLinks(page string, links []string)
	// Article: an article as the pass made it, stored or (probe) not.
	Article(a Observed)
	// Skipped: a link or page that gave no article, and why.
	Skipped(url, reason string)
}

// Observed is one article as a pass made it.
type Observed struct {
	Link    string // the link it was reached by
	Key     string // the key it is (or would be) stored under
	Article extract.Article
	Tags    []tag.Result
}

// noObserver is the Observer of a pass nobody watches.
type noObserver struct{}

func (noObserver) ListingPage(string, string)    {}
func (noObserver) ArticleLinks(string, []string) {}
func (noObserver) Article(Observed)              {}
func (noObserver) Skipped(string, string)        {}

// observer is the Ingester's Observer, or one that ignores everything.
func (in *Ingester) observer() Observer {
	if in.Observer == nil {
		return noObserver{}
	}
	return in.Observer
}

// saveObserved shows the article with its tags to the observer, then
// stores it (save). A pass without a Store stores nothing and counts every
// article as new, as a source's first ingest would.
func (r *run) saveObserved(ctx context.Context, o Observed, a *store.Article, captions []string) (store.UpsertResult, error) {
	if r.in.Observer != nil && r.in.Tagger != nil {
		// Tagged here and again by save when a Store is there too: only
		// tests watch a pass that stores.
		o.Tags = r.in.Tagger.Tag(tag.Document{Title: a.Title, Lead: a.Lead, Body: a.BodyText, Captions: captions})
	}
	r.obs.Article(o)
	if r.in.Store == nil {
		return store.Inserted, nil
	}
	return r.save(ctx, a, captions)
}

// notListing says why a fetched listing page gave no links to follow.
func notListing(err error, links []string) string {
	switch {
	case err != nil:
		return "not a readable listing: " + err.Error()
	case len(links) == 0:
		return "0 article links on the page"
	}
	return "repeats the previous listing page (past the end)"
}

// reachedBy says how a listing page was found: "start" for the source's
// URL, else the Listing.NextBy signal of the page before.
func reachedBy(by string) string {
	if by == "" {
		return "start"
	}
	return by
}

// feedHow says how a feed page was found: the source's URL, or its page_param.
func feedHow(first bool, param string) string {
	if first {
		return "start (feed)"
	}
	return "page_param " + param
}

// feedImages are a feed item's images as extraction names them.
func feedImages(ims []store.Image) []extract.Image {
	var out []extract.Image
	for _, im := range ims {
		out = append(out, extract.Image{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	return out
}
