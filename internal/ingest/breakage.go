package ingest

import (
	"errors"
	"log/slog"
)

// ErrNoLinks means a source's listing held no article links at all: its
// layout probably changed.
var ErrNoLinks = errors.New("ingest: listing holds no article links")

// checkBreakage logs, naming the source, a run that looks like the site
// changed its layout: no links at all, or most articles failing extraction.
func (r *run) checkBreakage() {
	if r.rep.Err == nil && r.links == 0 {
		r.rep.Err = ErrNoLinks
		r.log.Error("Source yields no article links: its layout may have changed; check the source url and selectors.article_link",
			slog.String("url", r.src.URL))
		return
	}
	if r.read >= 3 && r.extractFailed*2 > r.read {
		r.log.Error("Most articles of the source fail extraction: its layout may have changed; check selectors title, published and body",
			slog.Int("failed", r.extractFailed), slog.Int("read", r.read))
	}
}
