package ingest

import (
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Observer watches a pass over a source: it is what `partnerfeed probe`
// shows, so that what an operator sees is what ingest does. Its methods are
// called in crawl order, on the pass's goroutine.
type Observer interface {
	// ListingPage: a listing (or feed) page was read; how says how it was
	// found ("start", "rel=next", "numbered ?page=3", "offset &s91=11", …).
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
