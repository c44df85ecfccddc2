package probe

import (
	"context"
	"io"
	"log/slog"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Run probes src: one ingest pass as the source's first (a backfill) with
// no Store, its findings printed to w as they come. It returns the
// findings and the verdict: "" when it found articles, else a sentence
// saying what it saw.
func Run(ctx context.Context, cfg config.Config, src config.Source, client *fetch.Client, log *slog.Logger, w io.Writer) (Findings, string) {
	rec := newRecorder(w, cfg.Location)
	rec.header(src)
	in := &ingest.Ingester{Cfg: cfg, Tagger: tag.New(cfg.Partners), Fetch: client, Log: log, Observer: rec}
	rep := in.Run(ctx, src, ingest.Options{Backfill: true})
	verdict := rec.finish(ctx, rep, client, src)
	return rec.findings, verdict
}
