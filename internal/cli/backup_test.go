package cli

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// fillChat stores a chat following venlo and a confirmed email subscriber.
func fillChat(t *testing.T, st *store.Store, chat int64) {
	t.Helper()
	ctx := context.Background()
	if err := st.UpsertTelegramChat(ctx, store.TelegramChat{ID: chat, Kind: "private", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FollowPartner(ctx, chat, "venlo"); err != nil {
		t.Fatal(err)
	}
	sub, _, err := st.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: fmt.Sprintf("%d@venlo.example", chat),
		Schedule: "weekly", Partners: []string{"venlo"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.ConfirmEmailSubscriber(ctx, sub.ID, "link"); err != nil {
		t.Fatal(err)
	}
}

// chats returns the stored chat ids, ascending, as text.
func chats(t *testing.T, st *store.Store) string {
	t.Helper()
	var s string
	if err := st.DB.QueryRow(`SELECT COALESCE(string_agg(CAST(chat_id AS TEXT), ','), '') FROM (SELECT chat_id FROM telegram_chats ORDER BY chat_id) c`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// openSQLite opens (without migrating) the SQLite file at path.
func openSQLite(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBackupRestoreSQLite takes a backup while serve runs on the database,
// changes the database, is refused a restore while serve runs, restores
// after serve stopped, and finds the backup's data (not the later change)
// served again; the replaced database is kept.
func TestBackupRestoreSQLite(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	writeConfig(t, dir, upgradeConfig)
	cfg := filepath.Join(dir, "config.yaml")
	db := filepath.Join(dir, "pf.db")
	if code, _, errOut := run("migrate", "--config", cfg); code != exitOK {
		t.Fatalf("migrate: %s", errOut)
	}
	st := openSQLite(t, db)
	fillChat(t, st, 1)
	st.Close()

	d := startDaemon(t, bin, dir)
	backup := filepath.Join(t.TempDir(), "pf-backup.db")
	code, out, errOut := run("backup", "--config", cfg, backup)
	if code != exitOK || !strings.Contains(out, "backed up") {
		t.Fatalf("backup while serve runs: exit %d\n%s%s", code, out, errOut)
	}
	if info, err := os.Stat(backup); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", info, err)
	}
	if code, _, errOut := run("backup", "--config", cfg, backup); code != exitFailure || !strings.Contains(errOut, "exists") {
		t.Errorf("backup onto an existing file: exit %d %s", code, errOut)
	}
	st = openSQLite(t, db)
	fillChat(t, st, 2) // after the backup
	st.Close()
	if code, _, errOut := run("restore", "--config", cfg, backup); code != exitFailure || !strings.Contains(errOut, "stop it first") {
		t.Errorf("restore while serve runs: exit %d, want 1 and a refusal\n%s", code, errOut)
	}
	d.stop(t)

	code, out, errOut = run("restore", "--config", cfg, backup)
	if code != exitOK {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	kept, _ := filepath.Glob(db + ".before-restore-*")
	if len(kept) != 1 {
		t.Fatalf("the replaced database is not kept: %v", kept)
	}
	old := openSQLite(t, kept[0])
	if got := chats(t, old); got != "1,2" {
		t.Errorf("the kept database has chats %q, want 1,2", got)
	}
	old.Close()
	st = openSQLite(t, db)
	got := chats(t, st)
	st.Close()
	if got != "1" {
		t.Errorf("restored database has chats %q, want 1 (the backup's)", got)
	}
	d = startDaemon(t, bin, dir)
	if code, body := getBody(t, "http://"+d.addr+"/readyz"); code != http.StatusOK {
		t.Errorf("readyz after restore: %d %s", code, body)
	}
	d.stop(t)

	garbage := filepath.Join(t.TempDir(), "not-a-db")
	os.WriteFile(garbage, []byte("hello"), 0o600)
	// The backup was taken while serve ran, and the restored copy's serve
	// stopped just now: neither is taken for a live one.
	if code, _, errOut := run("restore", "--config", cfg, garbage); code != exitFailure || !strings.Contains(errOut, "not a database") {
		t.Errorf("restore of a file that is no database: exit %d, want 1 (not a database)\n%s", code, errOut)
	}
	newer := filepath.Join(t.TempDir(), "newer.db")
	if err := copyFile(backup, newer); err != nil {
		t.Fatal(err)
	}
	st = openSQLite(t, newer)
	execSQL(t, st, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)`)
	st.Close()
	if code, _, errOut := run("restore", "--config", cfg, newer); code != exitFailure || !strings.Contains(errOut, "newer than this partnerfeed") {
		t.Errorf("restore of a backup from a newer release: exit %d\n%s", code, errOut)
	}
}

// TestBackupRestorePostgres backs a PostgreSQL database up with pg_dump
// (through `backup`) and restores it into a new database (through
// `restore`, pg_restore), as the README's recipe does; a restore into a
// database holding partnerfeed's tables is refused.
func TestBackupRestorePostgres(t *testing.T) {
	testutil.RequireTool(t, "pg_dump")
	testutil.RequireTool(t, "pg_restore")
	from, ok := storetest.PostgresDSN(t)
	if !ok {
		t.Skip("no PostgreSQL")
	}
	to, _ := storetest.PostgresDSN(t)
	src := storetest.OpenBackend(t, storetest.Backend{Name: "postgres", Driver: "postgres", DSN: from})
	fillChat(t, src, 7)
	fillChat(t, src, 8)
	pgConfig := func(dsn string) string {
		dir := t.TempDir()
		writeConfig(t, dir, strings.Replace(upgradeConfig, `storage: {dsn: "pf.db"}`, fmt.Sprintf(`storage: {driver: postgres, dsn: %q}`, dsn), 1))
		return filepath.Join(dir, "config.yaml")
	}
	backup := filepath.Join(t.TempDir(), "pf.dump")
	if code, out, errOut := run("backup", "--config", pgConfig(from), backup); code != exitOK {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errOut)
	}
	toCfg := pgConfig(to)
	if code, out, errOut := run("restore", "--config", toCfg, backup); code != exitOK {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	dst := storetest.OpenBackend(t, storetest.Backend{Name: "postgres", Driver: "postgres", DSN: to})
	if got, want := chats(t, dst), chats(t, src); got != want || got != "7,8" {
		t.Errorf("restored chats %q, want %q", got, want)
	}
	var subs int
	dst.DB.QueryRow(`SELECT COUNT(*) FROM email_subscribers WHERE status = 'confirmed'`).Scan(&subs)
	if subs != 2 {
		t.Errorf("restored %d confirmed subscribers, want 2", subs)
	}
	if code, _, errOut := run("restore", "--config", toCfg, backup); code != exitFailure || !strings.Contains(errOut, "already holds") {
		t.Errorf("restore into a filled database: exit %d\n%s", code, errOut)
	}
}
