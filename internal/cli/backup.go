package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// pgDumpRecipe is what backup prints when it cannot run pg_dump itself.
const pgDumpRecipe = `PostgreSQL is backed up with pg_dump (Debian package postgresql-client, the server's major version or newer):
  pg_dump --format=custom --file FILE "$PARTNERFEED_DSN"
and restored into a new, empty database with:
  pg_restore --exit-on-error --single-transaction --no-owner --dbname "$PARTNERFEED_DSN" FILE`

// runBackup writes a copy of the configured database to FILE: on SQLite an
// online copy (VACUUM INTO; serve may keep running), on PostgreSQL a pg_dump
// archive (custom format) when pg_dump is installed. It never migrates: a
// backup taken with a new binary before an upgrade is the old database.
func runBackup(args []string, stdout, stderr io.Writer) int {
	fs, path := newFlags("backup", stderr)
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
	out, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if _, err := os.Lstat(out); err == nil {
		fmt.Fprintf(stderr, "partnerfeed backup: %s exists; choose a new file\n", out)
		return exitFailure
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if cfg.Storage.Driver == "postgres" {
		return pgDump(ctx, cfg, out, stdout, stderr)
	}
	if err := backupSQLite(ctx, cfg, out); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFailure
	}
	info, _ := os.Stat(out)
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", cfg.Storage.DSN.Value(), out, info.Size())
	return exitOK
}

// backupSQLite copies the database to a temporary file beside out, checks
// the copy, and renames it to out (mode 0600: it holds subscribers' data).
func backupSQLite(ctx context.Context, cfg config.Config, out string) error {
	db := cfg.Storage.DSN.Value()
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("partnerfeed backup: there is no database at %s", db)
	}
	st, err := store.Open(ctx, "sqlite", db)
	if err != nil {
		return err
	}
	defer st.Close()
	tmp := out + ".partial"
	os.Remove(tmp)
	defer os.Remove(tmp)
	if err := st.BackupInto(ctx, tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("partnerfeed backup: %w", err)
	}
	if err := checkCopy(ctx, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// checkCopy opens an SQLite file and runs its integrity check.
func checkCopy(ctx context.Context, path string) error {
	st, err := store.Open(ctx, "sqlite", path)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Check(ctx)
}

// pgDump runs pg_dump into out, the password passed in the environment
// rather than on the command line; without pg_dump it prints the recipe
// and exits 2.
func pgDump(ctx context.Context, cfg config.Config, out string, stdout, stderr io.Writer) int {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		fmt.Fprintln(stderr, "partnerfeed backup: pg_dump is not installed.")
		fmt.Fprintln(stderr, pgDumpRecipe)
		return exitUsage
	}
	dsn, env, err := splitPassword(cfg.Storage.DSN.Value())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	cmd := exec.CommandContext(ctx, bin, "--format=custom", "--file", out, "--dbname", dsn)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		os.Remove(out)
		fmt.Fprintf(stderr, "partnerfeed backup: pg_dump: %v\n", err)
		return exitFailure
	}
	fmt.Fprintf(stdout, "backed up the PostgreSQL database to %s (pg_dump custom format)\n", out)
	return exitOK
}

// splitPassword returns a postgres:// URL without its password, and the
// password as PGPASSWORD for the environment of pg_dump and pg_restore.
func splitPassword(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, fmt.Errorf("partnerfeed: storage.dsn is not a postgres:// URL")
	}
	var env []string
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	return u.String(), env, nil
}
