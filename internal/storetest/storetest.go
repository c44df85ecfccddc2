// Package storetest opens throwaway, migrated stores for tests: SQLite in a
// temp folder always, and PostgreSQL when PARTNERFEED_TEST_POSTGRES names a
// server (scripts/test starts one; under CI=true it must be there).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// PostgresEnv names the environment variable with the admin URL of a test
// PostgreSQL server, for example postgres://postgres@127.0.0.1:55432/postgres.
const PostgresEnv = "PARTNERFEED_TEST_POSTGRES"

// Backend is one database a test runs on.
type Backend struct {
	Name   string // "sqlite" or "postgres"
	Driver string // storage.driver
	DSN    string // storage.dsn of a fresh, empty database
}

// Backends returns a fresh empty database on every available backend.
func Backends(t testing.TB) []Backend {
	t.Helper()
	list := []Backend{{Name: "sqlite", Driver: "sqlite", DSN: filepath.Join(t.TempDir(), "test.db")}}
	if dsn, ok := PostgresDSN(t); ok {
		list = append(list, Backend{Name: "postgres", Driver: "postgres", DSN: dsn})
	}
	return list
}

// Each runs fn once per backend, as subtests, with a migrated store.
func Each(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, OpenBackend(t, b)) })
	}
}

// Open returns a migrated SQLite store in a temp folder.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return OpenBackend(t, Backend{Name: "sqlite", Driver: "sqlite", DSN: filepath.Join(t.TempDir(), "test.db")})
}

// OpenBackend opens and migrates a store on b, closed when the test ends.
func OpenBackend(t testing.TB, b Backend) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, b.Driver, b.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// PostgresDSN creates a fresh database on the test server and returns its URL.
// Without a server it skips, or fails under CI=true.
func PostgresDSN(t testing.TB) (string, bool) {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("storetest: %s is not set under CI (scripts/test starts PostgreSQL)", PostgresEnv)
		}
		t.Logf("storetest: %s not set; PostgreSQL backend not tested", PostgresEnv)
		return "", false
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "pf_test_" + hex.EncodeToString(b)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("storetest: create database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String(), true
}

// DriverEnv names the environment variable choosing the database of the
// tests that run on one backend (OpenDefault): "sqlite" (the default) or
// "postgres". scripts/test runs the delivery packages once with each.
const DriverEnv = "PARTNERFEED_TEST_DRIVER"

// OpenDefault returns a migrated store on the backend named by
// PARTNERFEED_TEST_DRIVER: SQLite unless it says "postgres".
func OpenDefault(t testing.TB) *store.Store {
	t.Helper()
	if os.Getenv(DriverEnv) != "postgres" {
		return Open(t)
	}
	dsn, ok := PostgresDSN(t)
	if !ok {
		t.Skipf("storetest: %s=postgres without %s", DriverEnv, PostgresEnv)
	}
	return OpenBackend(t, Backend{Name: "postgres", Driver: "postgres", DSN: dsn})
}
