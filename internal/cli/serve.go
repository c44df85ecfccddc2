package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/admin"
	"github.com/partnerfeed/partnerfeed/internal/audience"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
	"github.com/partnerfeed/partnerfeed/internal/web"
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
	// feeds is the rendered-feed cache (serve_web.go); call feeds.Invalidate
	// after writing articles or tags in this process.
	feeds *feed.Cache
	// subscribe and webhook are the subscription pages (serve_digest.go)
	// and the bot's webhook (serve_telegram.go), when on.
	subscribe *subscribe.Handler
	webhook   http.HandlerFunc
	// pages are the public pages (serve_web.go), whose layout the
	// subscription pages share.
	pages *web.Handler
	// fedi is the Fediverse accounts (serve_fedi.go), when on.
	fedi *activitypub.Service
	// console is the press office's console (serve_admin.go).
	console *admin.Handler
	// river is set after every setup ran, before background loops start.
	river *jobs.Client
	// background loops run until ctx ends (the bot's polling, for example);
	// they must not block the HTTP server or each other.
	background []func(ctx context.Context) error
}

// setups are the parts of the daemon, in order.
func (a *app) setups() []func(ctx context.Context) error {
	return []func(ctx context.Context) error{
		a.setupIngest,    // serve_ingest.go: scheduled ingests (ingest issue)
		a.setupTagging,   // serve_tag.go: re-tagging at start (tag issue)
		a.setupWeb,       // serve_web.go: feeds and pages (feeds issue)
		a.setupTelegram,  // serve_telegram.go: the bot (Telegram issue)
		a.setupDigests,   // serve_digest.go: email digests (email issue)
		a.setupFediverse, // serve_fedi.go: ActivityPub accounts (Fediverse issue)
		a.setupConsole,   // serve_admin.go: the console at /admin/ (console issue)
	}
}

// How long a stop may take, in total well under the 10 s a supervisor
// (systemd, Kubernetes) waits after SIGTERM: HTTP and jobs stop in parallel;
// jobs still running after jobsSoftStop are cancelled and run again later.
const (
	httpStop     = 5 * time.Second
	jobsSoftStop = 5 * time.Second
	jobsHardStop = 2 * time.Second
)

// runServe is the daemon: it runs until SIGINT or SIGTERM, then stops in order.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("serve", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, ok := readConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	log := newLogger(cfg.Log, stderr)
	for _, w := range cfg.Warnings {
		log.Warn("Config: " + w)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serve(ctx, stop, cfg, log)
}

// serve runs the daemon with a loaded config until ctx ends (also used by
// demo); stop releases the signal handling, so that a second signal ends the
// process at once.
func serve(ctx context.Context, stop func(), cfg config.Config, log *slog.Logger) int {
	st, err := openStore(ctx, cfg)
	if err != nil {
		log.Error("Database failed", slog.Any("error", err))
		return exitFailure
	}
	defer st.Close()
	a := &app{cfg: cfg, store: st, log: log, mux: http.NewServeMux(), jobs: jobs.NewRegistry()}
	if err := a.start(ctx); err != nil {
		log.Error("Start failed", slog.Any("error", err))
		return exitFailure
	}
	ln, err := listenHTTP(cfg.HTTP, log)
	if err != nil {
		log.Error("Listen failed", slog.Any("error", err))
		a.stop(nil)
		return exitFailure
	}
	srv := newHTTPServer(cfg.HTTP, a.mux, log)
	srv.Handler = a.feedsFirst(srv.Handler)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("Listening", slog.String("addr", ln.Addr().String()), slog.String("database", cfg.Storage.Driver))
	select {
	case <-ctx.Done():
		stop() // a second signal ends the process at once
		log.Info("Stopping")
	case err := <-served:
		log.Error("HTTP server failed", slog.Any("error", err))
		a.stop(srv)
		return exitFailure
	}
	if !a.stop(srv) {
		return exitFailure
	}
	log.Info("Stopped")
	return exitOK
}

// start runs every part's setup, mounts the routes, then starts River and
// the background loops.
func (a *app) start(ctx context.Context) error {
	for _, setup := range a.setups() {
		if err := setup(ctx); err != nil {
			return err
		}
	}
	registerTestHooks(a)
	if err := a.mountRoutes(); err != nil {
		return err
	}
	// The replica records that it is alive before it takes jobs, so that
	// the others can tell when it died (jobs.DeadReplicas).
	if err := a.store.Heartbeat(ctx, a.jobs.ReplicaID, time.Now()); err != nil {
		return err
	}
	a.background = append(a.background, func(ctx context.Context) error {
		return jobs.KeepAlive(ctx, a.store, a.jobs.ReplicaID, a.log)
	})
	river.AddWorker(a.jobs.Workers, &notify.Worker{Store: a.store, Fanouts: a.fanouts, MaxAge: a.cfg.Notify.MaxAge})
	var err error
	if a.river, err = jobs.NewClient(a.store, a.jobs, a.log); err != nil {
		return err
	}
	// River gets a context the signal does not cancel: stop decides how
	// running jobs end.
	if err := a.river.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	for _, bg := range a.background {
		go func() {
			if err := bg(ctx); err != nil && ctx.Err() == nil {
				a.log.Error("Background loop stopped", slog.Any("error", err))
			}
		}()
	}
	return nil
}

// stop stops accepting requests and jobs, in parallel and bounded; it
// reports whether everything stopped cleanly.
func (a *app) stop(srv *http.Server) bool {
	var wg sync.WaitGroup
	okHTTP, okJobs := true, true
	if srv != nil {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), httpStop)
			defer cancel()
			if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Warn("HTTP requests cut off", slog.Any("error", err))
				srv.Close()
			}
		})
	}
	wg.Go(func() { okJobs = stopJobs(a.river, a.log) })
	wg.Wait()
	return okHTTP && okJobs
}

// stopJobs lets running jobs finish for jobsSoftStop, then cancels them:
// a cancelled job is retried later (by this or another process).
func stopJobs(c *jobs.Client, log *slog.Logger) bool {
	ctx, cancel := context.WithTimeout(context.Background(), jobsSoftStop)
	defer cancel()
	if err := c.Stop(ctx); err == nil {
		return true
	}
	log.Warn("Jobs still running: cancelling them, they run again later")
	hctx, hcancel := context.WithTimeout(context.Background(), jobsHardStop)
	defer hcancel()
	if err := c.StopAndCancel(hctx); err != nil {
		log.Error("Jobs did not stop", slog.Any("error", err))
		return false
	}
	return true
}

// subscriberCountsTTL is how long one count of the subscribers serves
// /metrics: a scrape every few seconds does not count them each time.
var subscriberCountsTTL = 5 * time.Second

// mountRoutes mounts the route table (internal/server) with the parts the
// setups built.
func (a *app) mountRoutes() error {
	health := prometheus.NewRegistry()
	if err := health.Register(ingest.NewHealth(a.store, a.cfg.Sources, a.log)); err != nil {
		return fmt.Errorf("cli: metrics: %w", err)
	}
	slugs := make([]string, len(a.cfg.Partners))
	for i, p := range a.cfg.Partners {
		slugs[i] = p.Slug
	}
	if err := health.Register(audience.NewCollector(a.store, slugs, subscriberCountsTTL, a.log)); err != nil {
		return fmt.Errorf("cli: metrics: %w", err)
	}
	server.Mount(a.mux, server.Handlers{
		Ops: &server.Ops{Store: a.store, Log: a.log, MetricsToken: a.cfg.HTTP.MetricsToken.Value(),
			Gatherer: health},
		Pages: a.pages, Subscribe: a.subscribe, Console: a.console, TelegramWebhook: a.webhook, Fediverse: a.fedi})
	return nil
}
