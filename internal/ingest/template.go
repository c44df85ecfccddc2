package ingest

import (
	"context"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/extract"
)

// maxPending bounds the pages held back while a source's template is young.
const maxPending = 8

// loadTemplate reads the source's learned template from the store; a
// source without one (or with an unreadable one) starts empty.
func (r *run) loadTemplate(ctx context.Context) {
	r.tmpl = extract.NewTemplate()
	stored, err := r.db.SourceTemplate(ctx, r.src.Name)
	if err != nil {
		r.log.Warn("Reading the source's template failed", slog.Any("error", err))
	}
	if stored != "" {
		if err := r.tmpl.UnmarshalText([]byte(stored)); err != nil {
			r.log.Warn("Stored template unreadable; learning anew", slog.Any("error", err))
			r.tmpl = extract.NewTemplate()
		}
	}
	r.tmplBefore, _ = r.tmpl.MarshalText()
}

// learnFirst learns a page's blocks while the template is young and holds
// the page back: a source's first pages would keep their template blocks
// otherwise. Once the template is mature (or too many pages wait), the
// pages held back are extracted again and stored.
func (r *run) learnFirst(ctx context.Context, p fetched) {
	ex, _ := r.extract(p.resp)
	r.tmpl.Learn(ex.Blocks)
	r.pending = append(r.pending, p)
	if r.tmpl.Mature() || len(r.pending) >= maxPending {
		r.flushPending(ctx)
	}
}

// flushPending stores the pages held back (at the latest at the end of the pass).
func (r *run) flushPending(ctx context.Context) {
	pending := r.pending
	r.pending = nil
	for _, p := range pending {
		r.extractAndSave(ctx, p, false)
	}
}

// saveTemplate stores the template when the pass changed it.
func (r *run) saveTemplate(ctx context.Context) {
	now, err := r.tmpl.MarshalText()
	if err != nil || string(now) == string(r.tmplBefore) {
		return
	}
	if err := r.db.SaveSourceTemplate(ctx, r.src.Name, string(now), time.Now()); err != nil {
		r.log.Warn("Saving the source's template failed", slog.Any("error", err))
	}
}
