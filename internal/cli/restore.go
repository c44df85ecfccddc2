package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// runRestore puts a backup made by `partnerfeed backup` in place of the
// configured database. SQLite: the service must be stopped (refused while a
// serve process is alive on it); the backup is checked, the current database
// is kept beside it as <file>.before-restore-<time>, and the next start
// migrates the restored copy if it is older. PostgreSQL: pg_restore into the
// configured database, which must be new and empty.
func runRestore(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("restore", stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	cfg, ok := loadConfig(*path, stderr)
	if !ok {
		return exitUsage
	}
	backup := fs.Arg(0)
	if _, err := os.Stat(backup); err != nil {
		fmt.Fprintf(stderr, "partnerfeed restore: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if cfg.Storage.Driver == "postgres" {
		return pgRestore(ctx, cfg, backup, stdout, stderr)
	}
	kept, err := restoreSQLite(ctx, cfg.Storage.DSN.Value(), backup)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored %s from %s\n", cfg.Storage.DSN.Value(), backup)
	if kept != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s\n", kept)
	}
	return exitOK
}

// restoreSQLite copies backup beside db, checks it (integrity, a schema
// this binary knows), and renames it over db; it returns where the replaced
// database was kept ("" when there was none).
func restoreSQLite(ctx context.Context, db, backup string) (string, error) {
	old, err := os.Stat(db)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("partnerfeed restore: %w", err)
	}
	if exists {
		if err := refuseLive(ctx, db); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Dir(db), 0o750); err != nil {
		return "", fmt.Errorf("partnerfeed restore: %w", err)
	}
	tmp := db + ".restoring"
	defer os.Remove(tmp)
	if err := copyFile(backup, tmp); err != nil {
		return "", err
	}
	if err := checkRestorable(ctx, tmp); err != nil {
		return "", err
	}
	if exists {
		keepOwner(tmp, old)
	}
	kept := ""
	if exists {
		kept = db + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(db, kept); err != nil {
			return "", fmt.Errorf("partnerfeed restore: %w", err)
		}
	}
	// A stopped service leaves no WAL; stale ones belong to the old file.
	for _, ext := range []string{"-wal", "-shm"} {
		if kept == "" || os.Rename(db+ext, kept+ext) != nil {
			os.Remove(db + ext)
		}
	}
	if err := os.Rename(tmp, db); err != nil {
		return "", fmt.Errorf("partnerfeed restore: %w", err)
	}
	return kept, nil
}

// refuseLive fails when a serve process is alive on the database at db.
func refuseLive(ctx context.Context, db string) error {
	st, err := store.Open(ctx, "sqlite", db)
	if err != nil {
		return err
	}
	defer st.Close()
	live, err := st.LiveReplicas(ctx, time.Now().Add(-jobs.DeadAfter))
	if err != nil {
		return err
	}
	if len(live) > 0 {
		return fmt.Errorf("partnerfeed restore: serve is running on %s (%s); stop it first", db, strings.Join(live, ", "))
	}
	return nil
}

// checkRestorable checks an SQLite copy (intact, and not migrated by a
// newer release than this binary) and clears its replicas' heartbeats.
func checkRestorable(ctx context.Context, path string) error {
	st, err := store.Open(ctx, "sqlite", path)
	if err != nil {
		return fmt.Errorf("partnerfeed restore: the backup is damaged or not a database: %w", err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		return fmt.Errorf("partnerfeed restore: the backup is damaged: %w", err)
	}
	applied, _, err := st.SchemaVersions(ctx)
	if err != nil {
		return fmt.Errorf("partnerfeed restore: not a partnerfeed database: %w", err)
	}
	if len(applied) == 0 {
		return fmt.Errorf("partnerfeed restore: %s is not a partnerfeed database (no migrations recorded)", path)
	}
	if err := st.CheckNotNewer(ctx); err != nil {
		return fmt.Errorf("partnerfeed restore: the backup cannot be used by this binary: %w", err)
	}
	// The processes alive when the backup was taken are not alive now.
	return st.ForgetReplicas(ctx)
}

// copyFile copies src to a new file dst (mode 0600) and syncs it.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("partnerfeed restore: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("partnerfeed restore: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("partnerfeed restore: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("partnerfeed restore: %w", err)
	}
	return out.Close()
}

// keepOwner gives path the owner of the file it replaces (restore run as
// root for a service running as its own user); a failure is harmless when
// not root.
func keepOwner(path string, old fs.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		_ = os.Chown(path, int(st.Uid), int(st.Gid))
	}
}

// pgRestore runs pg_restore into the configured PostgreSQL database, which
// must not hold partnerfeed's tables yet.
func pgRestore(ctx context.Context, cfg config.Config, backup string, stdout, stderr io.Writer) int {
	bin, err := exec.LookPath("pg_restore")
	if err != nil {
		fmt.Fprintln(stderr, "partnerfeed restore: pg_restore is not installed.")
		fmt.Fprintln(stderr, pgDumpRecipe)
		return exitUsage
	}
	st, err := store.Open(ctx, "postgres", cfg.Storage.DSN.Value())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	applied, _, err := st.SchemaVersions(ctx)
	st.Close()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	if len(applied) > 0 {
		fmt.Fprintln(stderr, "partnerfeed restore: the configured PostgreSQL database already holds partnerfeed's tables; restore into a new, empty database (createdb) and point storage.dsn at it")
		return exitFailure
	}
	dsn, env, err := splitPassword(cfg.Storage.DSN.Value())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	cmd := exec.CommandContext(ctx, bin, "--exit-on-error", "--single-transaction", "--no-owner", "--dbname", dsn, backup)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(stderr, "partnerfeed restore: pg_restore: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "restored the PostgreSQL database from %s\n", backup)
	return exitOK
}
