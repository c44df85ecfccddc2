package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// app is what serve hands to every part of the daemon. Each part has its own
// setup file (serve_<part>.go) that registers routes, workers, periodic jobs,
// fan-outs and background loops; serve.go only composes them.
type app struct {
	cfg     config.Config
	store   *store.Store
	log     *slog.Logger
	mux     *http.ServeMux
	jobs    *jobs.Registry
	fanouts []notify.Fanout
	// river is set after every setup ran, before background loops start.
	river *jobs.Client
	// background loops run until ctx ends (the bot's polling, for example);
	// they must not block the HTTP server or each other.
	background []func(ctx context.Context) error
}

// setups are the parts of the daemon, in order.
func (a *app) setups() []func(ctx context.Context) error {
	return []func(ctx context.Context) error{
		a.setupOps,      // serve_ops.go: /healthz, /readyz, /metrics (foundation)
		a.setupIngest,   // serve_ingest.go: scheduled ingests (ingest issue)
		a.setupTagging,  // serve_tag.go: re-tagging at start (tag issue)
		a.setupWeb,      // serve_web.go: feeds and pages (feeds issue)
		a.setupTelegram, // serve_telegram.go: the bot (Telegram issue)
		a.setupDigests,  // serve_digest.go: email digests (email issue)
	}
}

// runServe is the daemon. TODO(foundation): metrics, readiness, graceful stop.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("serve", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serve(ctx, cfg, stderr)
}

// serve runs the daemon with a loaded config until ctx ends (also used by demo).
func serve(ctx context.Context, cfg config.Config, stderr io.Writer) int {
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	a := &app{cfg: cfg, store: st, log: log, mux: http.NewServeMux(), jobs: jobs.NewRegistry()}
	for _, setup := range a.setups() {
		if err := setup(ctx); err != nil {
			log.Error("Setup failed", slog.Any("error", err))
			return exitFailure
		}
	}
	river.AddWorker(a.jobs.Workers, &notify.Worker{Store: st, Fanouts: a.fanouts})
	a.river, err = jobs.NewClient(st, a.jobs, log)
	if err != nil {
		log.Error("Jobs failed", slog.Any("error", err))
		return exitFailure
	}
	if err := a.river.Start(ctx); err != nil {
		log.Error("Jobs failed to start", slog.Any("error", err))
		return exitFailure
	}
	for _, bg := range a.background {
		go func() {
			if err := bg(ctx); err != nil && ctx.Err() == nil {
				log.Error("Background loop stopped", slog.Any("error", err))
			}
		}()
	}
	srv := &http.Server{Addr: cfg.HTTP.Listen, Handler: a.mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		a.river.Stop(sctx)
	}()
	log.Info("Listening", slog.String("addr", cfg.HTTP.Listen))
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("HTTP server failed", slog.Any("error", err))
		return exitFailure
	}
	<-a.river.Stopped()
	return exitOK
}
