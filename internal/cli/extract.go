package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/version"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
)

// runExtract prints what extraction makes of one page: for writing
// selectors and debugging. Without a config file it uses the defaults.
func runExtract(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("extract", stderr)
	source := fs.String("source", "", "use this source's selectors and date layout")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	cfg, ok := extractConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	opts := extract.Options{Location: cfg.Location}
	if *source != "" {
		found := false
		for _, s := range cfg.Sources {
			if s.Name == *source {
				opts.Selectors, opts.DateLayout, found = s.Selectors, s.DateLayout, true
			}
		}
		if !found {
			fmt.Fprintln(stderr, "partnerfeed extract:", noSuch("source", *source, sourceNames(cfg)))
			return exitUsage
		}
	}
	target := fs.Arg(0)
	pageURL, body, err := readPage(context.Background(), cfg, target, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	a, err := extract.Extract(pageURL, body, opts)
	printArticle(stdout, a, cfg.Location)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	return exitOK
}

// extractConfig loads the config; a missing default config file means defaults.
func extractConfig(path string, stderr io.Writer) (config.Config, bool) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && path == config.DefaultPath {
		var cfg config.Config
		config.ApplyDefaults(&cfg)
		cfg.Location = time.UTC
		return cfg, true
	}
	return loadConfig(path, stderr)
}

// readPage fetches a URL with the polite client, or reads a file (decoded
// like a fetched page; its URL is a file: URL).
func readPage(ctx context.Context, cfg config.Config, target string, stderr io.Writer) (string, []byte, error) {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		log := slog.New(slog.NewTextHandler(stderr, nil))
		resp, err := fetch.New(cfg.Fetch, version.String(), fetch.Options{Log: log}).Get(ctx, target, fetch.Validators{})
		if err != nil {
			return "", nil, err
		}
		return resp.URL, resp.Body, nil
	}
	raw, err := os.ReadFile(target)
	if err != nil {
		return "", nil, fmt.Errorf("extract: %w", err)
	}
	body, err := fetch.ToUTF8(raw, "")
	if err != nil {
		return "", nil, err
	}
	return "http://localhost/" + strings.TrimLeft(target, "/"), body, nil
}

func printArticle(w io.Writer, a extract.Article, loc *time.Location) {
	pub := "(none)"
	if !a.Published.IsZero() {
		pub = a.Published.In(loc).Format(time.RFC3339)
	}
	fmt.Fprintf(w, "URL:       %s\nTitle:     %s\nPublished: %s\nLanguage:  %s\nLead:      %s\n", a.URL, a.Title, pub, a.Language, a.Lead)
	fmt.Fprintf(w, "Images:    %d\n", len(a.Images))
	for _, im := range a.Images {
		fmt.Fprintf(w, "  - %s\n    caption: %s\n    credit:  %s\n", im.URL, im.Caption, im.Credit)
	}
	fmt.Fprintf(w, "Body:\n%s\n", a.BodyText)
}
