package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/dbcopy"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

func runMigrate(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("migrate", stderr)
	to := fs.String("to", "", "copy the (SQLite) database into this empty PostgreSQL database (postgres://…)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if *to != "" {
		return migrateTo(ctx, cfg, *to, stdout, stderr)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer st.Close()
	fmt.Fprintln(stdout, "database is up to date")
	return exitOK
}

// migrateTo copies the configured SQLite database into the empty PostgreSQL
// database at dsn (both migrated first) and prints the rows per table.
func migrateTo(ctx context.Context, cfg config.Config, dsn string, stdout, stderr io.Writer) int {
	if cfg.Storage.Driver != "" && cfg.Storage.Driver != "sqlite" {
		fmt.Fprintf(stderr, "partnerfeed migrate --to: the configured database is %s; --to copies an SQLite database\n", cfg.Storage.Driver)
		return exitUsage
	}
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		fmt.Fprintln(stderr, "partnerfeed migrate --to: the target must be a postgres:// URL")
		return exitUsage
	}
	log := newLogger(cfg.Log, stderr)
	src, err := openStore(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer src.Close()
	if live, err := src.LiveReplicas(ctx, time.Now().Add(-jobs.DeadAfter)); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	} else if len(live) > 0 {
		fmt.Fprintf(stderr, "partnerfeed migrate --to: serve is running on this database (%s); stop it first\n", strings.Join(live, ", "))
		return exitFailure
	}
	dst, err := store.Open(ctx, "postgres", dsn)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	defer dst.Close()
	if err := dst.Migrate(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	res, err := dbcopy.Copy(ctx, src, dst, log)
	if errors.Is(err, dbcopy.ErrNotEmpty) {
		fmt.Fprintf(stderr, "partnerfeed migrate --to: refused: %v\n", err)
		return exitFailure
	}
	if err != nil {
		fmt.Fprintf(stderr, "partnerfeed migrate --to: nothing was copied: %v\n", err)
		return exitFailure
	}
	width := len("total")
	for _, c := range res.Tables {
		width = max(width, len(c.Table))
	}
	var total int64
	for _, c := range res.Tables {
		fmt.Fprintf(stdout, "%-*s %9d\n", width, c.Table, c.Rows)
		total += c.Rows
	}
	fmt.Fprintf(stdout, "%-*s %9d\n", width, "total", total)
	fmt.Fprintf(stdout, "%d jobs queued again\n", res.Jobs)
	fmt.Fprintln(stdout, "copied; now set storage.driver: postgres and storage.dsn to the new database, and start serve")
	log.Info("Copied the database to PostgreSQL", slog.Int("tables", len(res.Tables)), slog.Int64("rows", total))
	return exitOK
}

// openStore opens the configured database and migrates it.
func openStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.Storage.Driver, cfg.Storage.DSN.Value())
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}
