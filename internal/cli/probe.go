package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"strings"
	"syscall"

	"github.com/mmcdole/gofeed"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/probe"
	"github.com/partnerfeed/partnerfeed/internal/version"
)

const probeUsage = "usage: partnerfeed probe [--config F] [--pages N] [--json] (--source NAME | URL)"

// runProbe shows what a crawl of a source would find, writing nothing
// (internal/probe; no database is opened). Exit 0 when it found articles, 1 when none (saying what it saw), 2
// on bad usage.
func runProbe(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("probe", stderr)
	name := fs.String("source", "", "probe this configured source")
	pages := fs.Int("pages", 0, "read at most this many listing (or feed) pages (default: the source's backfill_pages)")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	fs.Usage = func() { fmt.Fprintln(fs.Output(), probeUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if (*name == "") == (fs.NArg() != 1) || fs.NArg() > 1 || *pages < 0 {
		fs.Usage()
		return exitUsage
	}
	cfg, ok := extractConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	client := fetch.New(cfg.Fetch, version.String(), fetch.Options{Log: log})
	src, err := probeSource(ctx, cfg, client, *name, fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "partnerfeed probe:", err)
		if errors.Is(err, errProbeUsage) {
			return exitUsage
		}
		return exitFailure
	}
	if *pages > 0 {
		src.BackfillPages = *pages
	}
	var text io.Writer = stdout
	if *asJSON {
		text = io.Discard
	}
	findings, verdict := probe.Run(ctx, cfg, src, client, log, text)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(findings); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFailure
		}
	}
	if verdict != "" {
		fmt.Fprintln(stderr, "partnerfeed probe:", verdict)
		return exitFailure
	}
	return exitOK
}

var errProbeUsage = errors.New("bad usage")

// probeSource is the configured source named, or a zero-config source for
// a bare URL: a feed when the URL serves one, else an HTML archive.
func probeSource(ctx context.Context, cfg config.Config, client *fetch.Client, name, target string) (config.Source, error) {
	if name != "" {
		for _, s := range cfg.Sources {
			if s.Name == name {
				return s, nil
			}
		}
		return config.Source{}, fmt.Errorf("%w: %s", errProbeUsage, noSuch("source", name, sourceNames(cfg)))
	}
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		return config.Source{}, fmt.Errorf("%w: %q is not an http(s) URL", errProbeUsage, target)
	}
	src := config.Source{Name: "probe", Kind: "html", URL: target, BackfillPages: config.DefaultBackfill}
	resp, err := client.Get(ctx, target, fetch.Validators{})
	if err != nil {
		return src, err
	}
	if gofeed.DetectFeedType(bytes.NewReader(resp.Body)) != gofeed.FeedTypeUnknown {
		src.Kind = "feed"
	}
	return src, nil
}
