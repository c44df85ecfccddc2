package ingest

import (
	"context"
	"errors"
	"log/slog"
)

// ErrNoLinks means a source's listing held no article links at all: its
// layout probably changed.
var ErrNoLinks = errors.New("ingest: listing holds no article links")

// checkBreakage logs, naming the source, one ERROR line for a pass that
// yields nothing or loses most of its pages: the source could not be read,
// its listing held no links (its layout may have changed), most articles
// failed extraction, no linked page gave an article, or most failed. Each failed
// attempt has its own WARN line already; this is the one line to alert on.
func (r *run) checkBreakage() {
	rep := r.rep
	got := rep.New + rep.Updated + rep.Unchanged
	switch {
	case errors.Is(rep.Err, context.Canceled):
		// Shutting down is not a broken source.
	case rep.Err != nil:
		r.log.Error("Source not read: it yields nothing", slog.String("url", r.src.URL), slog.Any("error", rep.Err))
	case r.links == 0:
		rep.Err = ErrNoLinks
		r.log.Error("Source yields no article links: its layout may have changed; check the source url and selectors.article_link",
			slog.String("url", r.src.URL))
	case r.read >= 3 && r.extractFailed*2 > r.read:
		r.log.Error("Most articles of the source fail extraction: its layout may have changed; check selectors title, published and body",
			slog.Int("failed", r.extractFailed), slog.Int("read", r.read))
	case got == 0 && rep.Failed+rep.NotReleases > 0:
		r.log.Error("Source yields no article: every linked page failed or is no release",
			slog.Int("failed", rep.Failed), slog.Int("not_releases", rep.NotReleases))
	case rep.Failed > got:
		r.log.Error("Most article pages of the source fail: it yields little",
			slog.Int("failed", rep.Failed), slog.Int("ok", got))
	}
}
