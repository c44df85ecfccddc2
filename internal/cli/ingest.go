package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"slices"
	"syscall"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/version"
)

// runIngest runs one ingest pass now and prints what it did per source. It
// may run beside serve: its articles and their notification jobs commit
// together, and the daemon works the jobs.
func runIngest(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("ingest", stderr)
	source := fs.String("source", "", "only this source")
	backfill := fs.Bool("backfill", false, "walk up to backfill_pages listing pages")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	if *source != "" && !slices.Contains(sourceNames(cfg), *source) {
		fmt.Fprintln(stderr, "partnerfeed ingest:", noSuch("source", *source, sourceNames(cfg)))
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer st.Close()
	return ingestOnce(ctx, cfg, st, log, *source, *backfill, stdout, stderr)
}

// ingestOnce runs one pass with an insert-only River client and prints the
// reports; exit 1 when a source could not be read.
func ingestOnce(ctx context.Context, cfg config.Config, st *store.Store, log *slog.Logger,
	source string, backfill bool, stdout, stderr io.Writer) int {
	client, err := jobs.NewClient(st, nil, log)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	in := newIngester(cfg, st, jobs.NewInserter(client), log)
	reps, err := in.RunAll(ctx, source, ingest.Options{Backfill: backfill, Wait: true})
	if errors.Is(err, ingest.ErrUnknownSource) {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	code := exitOK
	for _, r := range reps {
		r.Print(stdout)
		if r.Err != nil {
			code = exitFailure
		}
	}
	return code
}

// newIngester wires the ingest pipeline: the polite client, the tagger and
// the job inserter (serve passes its registry's, ingest an insert-only client's).
func newIngester(cfg config.Config, st *store.Store, jobsIn *jobs.Inserter, log *slog.Logger) *ingest.Ingester {
	return &ingest.Ingester{Cfg: cfg, Store: st, Tagger: tag.New(cfg.Partners), Jobs: jobsIn, Log: log,
		Fetch:       fetch.New(cfg.Fetch, version.String(), fetch.Options{Log: log}),
		Fingerprint: tag.Fingerprint(cfg.Partners)}
}
