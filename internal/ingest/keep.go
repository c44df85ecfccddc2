package ingest

import (
	"context"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// keeper is what a pass reads and keeps between passes about pages:
// *store.Store, or keepNothing when the Ingester has no Store (probe).
type keeper interface {
	ArticleURLFor(ctx context.Context, url string) (string, error)
	HTTPValidators(ctx context.Context, url string) (etag, lastModified string, err error)
	SaveHTTPValidators(ctx context.Context, url, etag, lastModified string) error
	SaveArticleAlias(ctx context.Context, alias, articleURL string) error
	SourceTemplate(ctx context.Context, source string) (string, error)
	SaveSourceTemplate(ctx context.Context, source, template string, at time.Time) error
}

// keepNothing knows no article and no validators and keeps nothing: a pass
// with it does what a source's first ingest does, and writes nothing.
type keepNothing struct{}

func (keepNothing) ArticleURLFor(context.Context, string) (string, error) {
	return "", store.ErrNotFound
}
func (keepNothing) HTTPValidators(context.Context, string) (string, string, error) {
	return "", "", nil
}
func (keepNothing) SaveHTTPValidators(context.Context, string, string, string) error { return nil }
func (keepNothing) SaveArticleAlias(context.Context, string, string) error           { return nil }

// SourceTemplate: a source probed starts with no template, as on its first ingest.
func (keepNothing) SourceTemplate(context.Context, string) (string, error) { return "", nil }
func (keepNothing) SaveSourceTemplate(context.Context, string, string, time.Time) error {
	return nil
}

// keeper is the Store, or keepNothing without one.
func (in *Ingester) keeper() keeper {
	if in.Store == nil {
		return keepNothing{}
	}
	return in.Store
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
// the metrics read (Health), and adds the pass to the source's history (the
// console's sources page); nothing without a Store.
func (in *Ingester) record(ctx context.Context, source string, started time.Time, rep Report, backfill bool) error {
	if in.Store == nil {
		return nil
	}
	if err := in.Store.RecordSourceRun(ctx, source, started, rep.Err == nil); err != nil {
		return err
	}
	if err := in.Store.RecordSourceFigures(ctx, source, rep.Figures()); err != nil {
		return err
	}
	return in.Store.RecordSourcePass(ctx, rep.pass(started, time.Now(), backfill))
}
