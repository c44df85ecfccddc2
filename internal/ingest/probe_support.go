package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// keeper is the Store, or keepNothing without one.
func (in *Ingester) keeper() keeper {
	if in.Store == nil {
		return keepNothing{}
	}
	return in.Store
}

func (in *Ingester) observer() Observer {
	if in.Observer == nil {
		return noObserver{}
	}
	return in.Observer
}

// sourceState is the source's stored state; without a Store, the state of a
// source never ingested (so a pass is a first ingest: a backfill).
func (in *Ingester) sourceState(ctx context.Context, source string) (store.SourceState, error) {
	if in.Store == nil {
		return store.SourceState{Source: source}, nil
	}
	return in.Store.SourceState(ctx, source)
}

// record keeps the pass's outcome and figures in the source's state, which
// the metrics read (Health); nothing without a Store.
func (in *Ingester) record(ctx context.Context, source string, started time.Time, rep Report) error {
	if in.Store == nil {
		return nil
	}
	if err := in.Store.RecordSourceRun(ctx, source, started, rep.Err == nil); err != nil {
		return err
	}
	return in.Store.RecordSourceFigures(ctx, source, rep.Figures())
}

// startIsRelease reports (to the observer and the log) whether the
// source's own URL is one release rather than a listing: the classifier
// takes it for a release, and the page extracts as one whose body links to
// none of the article links found on it (they stand in its related boxes
// or teaser boxes, which are no listing to crawl). An article_link selector
// says otherwise.
func (r *run) startIsRelease(l Listing, pageURL string, page []byte) bool {
	if l.Shape.Kind != KindArticle || r.src.Selectors != nil && r.src.Selectors.ArticleLink != "" {
		return false
	}
	ex, err := extract.Extract(pageURL, page, extract.Options{Location: r.in.Cfg.Location, DateLayout: r.src.DateLayout})
	if err != nil {
		return false
	}
	for _, link := range l.Links {
		if strings.Contains(ex.BodyHTML, `"`+link+`"`) {
			return false
		}
	}
	r.obs.Skipped(pageURL, fmt.Sprintf("the page looks like one release, not a listing (main text %d, %d teasers)",
		l.Shape.MainText, l.Shape.Teasers))
	r.log.Warn("Source URL is one release, not a listing", slog.String("url", pageURL),
		slog.Int("main_text", l.Shape.MainText), slog.Int("teasers", l.Shape.Teasers))
	return true
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

// feedHow says how a feed page was found: the source's URL, or its page_param.
func feedHow(first bool, param string) string {
	if first {
		return "start (feed)"
	}
	return "page_param " + param
}

func feedImages(ims []store.Image) []extract.Image {
	var out []extract.Image
	for _, im := range ims {
		out = append(out, extract.Image{URL: im.URL, Caption: im.Caption, Credit: im.Credit})
	}
	return out
}
