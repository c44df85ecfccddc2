package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
	"github.com/partnerfeed/partnerfeed/internal/version"
)

// runTag tags one document (stdout: the slugs; --explain: evidence on
// stderr), or with --set pins an article's partners in the database, and
// with --unset removes that pin.
func runTag(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("tag", stderr)
	explain := fs.Bool("explain", false, "print the evidence and scores on stderr")
	set := fs.String("set", "", "pin the partners of the article with this canonical URL: --set URL slug,slug (\"\" or none: no partner)")
	unset := fs.String("unset", "", "remove the pin of the article with this canonical URL; the tagger decides again")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: partnerfeed tag [--config F] [--explain] [FILE|URL|-]\n       partnerfeed tag [--config F] --set URL slug,slug\n       partnerfeed tag [--config F] --unset URL")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	if *set != "" {
		if fs.NArg() != 1 || *unset != "" {
			fs.Usage()
			return exitUsage
		}
		return runTagSet(cfg, *set, fs.Arg(0), stdout, stderr)
	}
	if *unset != "" {
		if fs.NArg() != 0 {
			fs.Usage()
			return exitUsage
		}
		return runTagUnset(cfg, *unset, stdout, stderr)
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitUsage
	}
	src := "-"
	if fs.NArg() == 1 {
		src = fs.Arg(0)
	}
	ctx, cancel := context.WithTimeout(context.Background(), cfg.Fetch.Timeout)
	defer cancel()
	data, contentType, err := readDocument(ctx, cfg, src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	doc, err := tag.Parse(data, contentType)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	tg := tag.New(cfg.Partners)
	for _, r := range tg.Tag(doc) {
		fmt.Fprintln(stdout, r.Partner)
	}
	if *explain {
		fmt.Fprintf(stderr, "Title: %s\n\n", doc.Title)
		tag.WriteExplain(stderr, tg.Explain(doc))
	}
	return exitOK
}

// readDocument reads a file, stdin ("-") or a URL, decoded to UTF-8.
func readDocument(ctx context.Context, cfg config.Config, src string) ([]byte, string, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return fetchDocument(ctx, cfg, src)
	}
	var data []byte
	var err error
	if src == "-" {
		data, err = io.ReadAll(io.LimitReader(os.Stdin, cfg.Fetch.MaxBodyBytes))
	} else {
		data, err = os.ReadFile(src)
	}
	if err != nil {
		return nil, "", fmt.Errorf("tag: read %s: %w", src, err)
	}
	// Decoded like a fetched page: BOM, XML declaration, meta, else cp1252.
	data, err = fetch.ToUTF8(data, "")
	if err != nil {
		return nil, "", fmt.Errorf("tag: decode %s: %w", src, err)
	}
	return data, "", nil
}

// fetchDocument fetches a URL with the polite client every source request uses.
func fetchDocument(ctx context.Context, cfg config.Config, url string) ([]byte, string, error) {
	resp, err := fetch.New(cfg.Fetch, version.String(), fetch.Options{}).Get(ctx, url, fetch.Validators{})
	if err != nil {
		return nil, "", fmt.Errorf("tag: %w", err)
	}
	return resp.Body, resp.ContentType, nil
}

// runTagSet pins an article's partners. A recent article that gains a
// partner is pushed to that partner's followers (by the running daemon).
func runTagSet(cfg config.Config, url, list string, stdout, stderr io.Writer) int {
	var slugs []string
	if list != "" && list != "none" && list != "-" {
		for _, s := range strings.Split(list, ",") {
			s = strings.TrimSpace(s)
			if _, ok := cfg.Partner(s); !ok {
				fmt.Fprintf(stderr, "partnerfeed tag: unknown partner %q\n", s)
				return exitUsage
			}
			slugs = append(slugs, s)
		}
	}
	missing := false
	err := editTags(cfg, stderr, func(ctx context.Context, tx *store.Store) (store.Article, []string, error) {
		url = articleKey(ctx, tx, cfg, url)
		a, added, err := tx.SetTagOverride(ctx, url, slugs)
		if errors.Is(err, store.ErrNotFound) {
			missing = true // the override is kept for when the article arrives
			return a, nil, nil
		}
		return a, added, err
	})
	switch {
	case err == nil && missing:
		fmt.Fprintf(stdout, "%s: no stored article yet; its partners will be %s when it is ingested\n", url, describe(slugs))
	case err != nil:
		fmt.Fprintln(stderr, err)
		return exitFailure
	default:
		fmt.Fprintf(stdout, "%s: partners pinned to %s\n", url, describe(slugs))
	}
	return exitOK
}

// runTagUnset removes an editor's pin: the article gets the tagger's
// partners again, and a recent article that gains a partner is pushed to
// that partner's followers, as with --set.
func runTagUnset(cfg config.Config, url string, stdout, stderr io.Writer) int {
	tg := tag.New(cfg.Partners)
	stored := false
	var now []string
	err := editTags(cfg, stderr, func(ctx context.Context, tx *store.Store) (store.Article, []string, error) {
		url = articleKey(ctx, tx, cfg, url)
		return tx.RemoveTagOverride(ctx, url, func(a store.Article) []store.Tag {
			stored = true
			tags := tagging.Tags(tg.Tag(tagging.Document(a)))
			for _, t := range tags {
				now = append(now, t.Partner)
			}
			return tags
		})
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		fmt.Fprintf(stdout, "%s: no partners are pinned\n", url)
	case err != nil:
		fmt.Fprintln(stderr, err)
		return exitFailure
	case !stored:
		fmt.Fprintf(stdout, "%s: pin removed; no stored article yet, the tagger decides when it is ingested\n", url)
	default:
		fmt.Fprintf(stdout, "%s: pin removed; partners now %s (tagger)\n", url, describe(now))
	}
	return exitOK
}

// editTags opens the database and runs edit in one transaction with the
// notify job for the partners the article gained, so the running daemon
// pushes it (if it is news) or nothing happens at all.
func editTags(cfg config.Config, stderr io.Writer, edit func(ctx context.Context, tx *store.Store) (store.Article, []string, error)) error {
	ctx := context.Background()
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	client, err := jobs.NewClient(st, nil, slog.New(slog.NewTextHandler(stderr, nil)))
	if err != nil {
		return err
	}
	return tagging.Edit(ctx, st, jobs.NewInserter(client), func(tx *store.Store) (store.Article, []string, error) { return edit(ctx, tx) })
}

// articleKey is the key of the article raw names, as `tag --set` and
// `--unset` use it: the stored article raw leads to (directly or as an
// alias), else the key ingest will store it under (canonical URL, mirror
// hosts spelt as the source's host), so that a pin waits for the article.
func articleKey(ctx context.Context, tx *store.Store, cfg config.Config, raw string) string {
	key, err := ingest.ArticleKey(cfg.Sources, raw)
	if err != nil {
		key = raw
	}
	for _, k := range []string{key, raw} {
		if found, err := tx.ArticleURLFor(ctx, k); err == nil {
			return found
		}
	}
	return key
}

func describe(slugs []string) string {
	if len(slugs) == 0 {
		return "none"
	}
	return strings.Join(slugs, ", ")
}
