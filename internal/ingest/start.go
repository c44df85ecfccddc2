package ingest

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/extract"
)

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
