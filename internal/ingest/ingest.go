// Package ingest runs the pipeline for each source: crawl an HTML archive or
// read a feed, fetch and extract each article, tag it, and store it together
// with its notification job in one transaction.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Tagger decides which partners a document is news about (*tag.Tagger).
type Tagger interface {
	Tag(d tag.Document) []tag.Result
}

// Ingester runs ingest passes. Its fields are its dependencies.
type Ingester struct {
	Cfg    config.Config
	Store  *store.Store
	Fetch  *fetch.Client
	Tagger Tagger
	Jobs   *jobs.Inserter
	Log    *slog.Logger
	// Observer, when set, watches each pass (partnerfeed probe). Without
	// a Store, a pass keeps nothing: it does what a source's first ingest
	// would do, and writes nowhere.
	Observer Observer
	// Fingerprint identifies Tagger's rules and partners (tag.Fingerprint).
	// When set, a pass on a database without articles records it as the
	// fingerprint of the stored tags, so that serve does not re-tag what
	// this pass tagged (store.ClaimTagFingerprint).
	Fingerprint string
}

// Options tune one pass.
type Options struct {
	// Backfill walks up to backfill_pages listing pages even when they hold
	// only known articles.
	Backfill bool
	// Wait makes a pass of a source that another pass is ingesting wait for
	// it to end; without it, Run reports a *BusyError (ErrBusy) at once.
	Wait bool
}

// ErrUnknownSource is returned for a --source that is not configured.
var ErrUnknownSource = errors.New("ingest: unknown source")

// RunAll runs one pass over every source (or only the one named) and returns
// a report per source.
func (in *Ingester) RunAll(ctx context.Context, only string, o Options) ([]Report, error) {
	var out []Report
	for _, src := range in.Cfg.Sources {
		if only != "" && src.Name != only {
			continue
		}
		out = append(out, in.Run(ctx, src, o))
	}
	if only != "" && len(out) == 0 {
		return nil, fmt.Errorf("%w %q", ErrUnknownSource, only)
	}
	return out, nil
}

// Run runs one pass over one source, holding the source's lease (one pass
// per source at a time; see Options.Wait). A source that cannot be read at
// all sets Report.Err; single failed articles are listed in Report.Failures.
func (in *Ingester) Run(ctx context.Context, src config.Source, o Options) Report {
	rep := Report{Source: src.Name}
	outer := ctx // for recording the outcome, even of a pass whose lease was lost
	if in.Store != nil {
		// One pass per source at a time, across processes and replicas.
		held, release, err := in.hold(ctx, src.Name, o.Wait)
		if err != nil {
			rep.Err = err
			return rep
		}
		defer release()
		ctx = held
	}
	if in.Fingerprint != "" && in.Tagger != nil && in.Store != nil {
		if _, err := in.Store.ClaimTagFingerprint(ctx, in.Fingerprint); err != nil {
			in.Log.Warn("Recording the tag fingerprint failed", slog.Any("error", err))
		}
	}
	state, err := in.sourceState(ctx, src.Name)
	if err != nil {
		rep.Err = err
		return rep
	}
	run := &run{in: in, src: src, site: newSite(src), rep: &rep, notify: state.Backfilled,
		backfill: o.Backfill || !state.Backfilled, log: in.Log.With(slog.String("source", src.Name)),
		db: in.keeper(), obs: in.observer()}
	started := time.Now()
	run.loadTemplate(ctx)
	switch src.Kind {
	case "feed":
		run.feed(ctx)
	default:
		run.html(ctx)
	}
	run.flushPending(ctx)
	run.saveTemplate(ctx)
	run.checkBreakage()
	if cause := context.Cause(ctx); errors.Is(cause, errLeaseLost) && rep.Err == nil {
		rep.Err = cause
	}
	if err := in.record(outer, src.Name, started, rep, run.backfill); err != nil && rep.Err == nil {
		rep.Err = err
	}
	run.log.Log(outer, summaryLevel(rep), "Ingest finished", slog.Int("pages", rep.Pages), slog.Int("not_modified", rep.NotModified),
		slog.Int("found", rep.Found), slog.Int("new", rep.New), slog.Int("updated", rep.Updated),
		slog.Int("unchanged", rep.Unchanged), slog.Int("failed", rep.Failed), slog.Int("not_releases", rep.NotReleases),
		slog.Int("template_blocks", rep.TemplateBlocks), slog.Bool("backfill", run.backfill), slog.Any("error", rep.Err))
	return rep
}

// summaryLevel is the level of a pass's summary line: WARN when the source
// could not be read or single articles failed, INFO when all went well. A
// failed pass has its one ERROR line already (checkBreakage), the line to
// alert on; the summary does not double it.
func summaryLevel(rep Report) slog.Level {
	if rep.Err != nil || rep.Failed > 0 {
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// run is the state of one pass over one source.
type run struct {
	in            *Ingester
	src           config.Source
	site          site
	rep           *Report
	notify        bool // the source was backfilled before: new articles may be pushed
	backfill      bool
	log           *slog.Logger
	links         int // article links seen
	read          int // article pages read (not 304)
	extractFailed int // of those, pages that yielded no article
	// listings are the listing pages of this pass: never stored as articles.
	listings map[string]bool
	// tmpl is the source's template, learned from its article pages;
	// tmplBefore its stored form at the start of the pass; pending the
	// pages held back while it is young.
	tmpl       *extract.Template
	tmplBefore []byte
	pending    []fetched
	db         keeper
	obs        Observer
}
