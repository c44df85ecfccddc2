package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
)

// fixtureConfig writes a config for the fixture sites into a temp dir.
func fixtureConfig(t *testing.T, sources string, listen string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf(`site: {base_url: "http://%[1]s", timezone: Europe/Berlin}
http: {listen: "%[1]s"}
storage: {dsn: "pf.db"}
fetch: {rate_per_host: 500, timeout: 2s}
sources:
%[2]s
partners:
  - {slug: venlo, names: {de: Venlo}}
`, listen, sources)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func fixtureServer(t *testing.T) (*archivetest.Archive, string) {
	t.Helper()
	a := archivetest.New(false)
	srv := httptest.NewServer(a.Krefeld())
	t.Cleanup(func() { a.Close(); srv.Close() })
	return a, srv.URL
}

func TestIngestCommand(t *testing.T) {
	_, url := fixtureServer(t)
	path := fixtureConfig(t, fmt.Sprintf(`  - {name: krefeld, kind: html, url: "%s%s", schedule: "@hourly"}`, url, archivetest.KrefeldListing), "127.0.0.1:1")
	var out, errOut bytes.Buffer
	if code := Run([]string{"ingest", "--config", path}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	if want := "krefeld: pages 9 (304: 0), new 45, updated 0, unchanged 0, failed 0\n"; out.String() != want {
		t.Fatalf("first pass printed %q, want %q", out.String(), want)
	}
	out.Reset()
	if code := Run([]string{"ingest", "--config", path, "--source", "krefeld"}, &out, &errOut); code != exitOK {
		t.Fatalf("second pass exit %d", code)
	}
	if want := "krefeld: pages 1 (304: 1), new 0, updated 0, unchanged 0, failed 0\n"; out.String() != want {
		t.Fatalf("second pass printed %q, want %q", out.String(), want)
	}
	if code := Run([]string{"ingest", "--config", path, "--source", "nope"}, &out, &errOut); code != exitUsage {
		t.Fatalf("unknown source: exit %d", code)
	}
}

func TestIngestCommandUnreachableSource(t *testing.T) {
	_, url := fixtureServer(t)
	path := fixtureConfig(t, fmt.Sprintf("  - {name: krefeld, kind: html, url: \"%s%s\", schedule: \"@hourly\"}\n  - {name: dead, kind: feed, url: \"%s/gone/rss.xml\", schedule: \"@hourly\"}",
		url, archivetest.KrefeldListing, url), "127.0.0.1:1")
	var out, errOut bytes.Buffer
	if code := Run([]string{"ingest", "--config", path}, &out, &errOut); code != exitFailure {
		t.Fatalf("exit %d, want 1\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "krefeld: pages 9 (304: 0), new 45") || !strings.Contains(out.String(), "dead: pages 0") ||
		!strings.Contains(out.String(), "source not read") {
		t.Fatalf("output:\n%s", out.String())
	}
}

func TestExtractCommand(t *testing.T) {
	_, url := fixtureServer(t)
	resp, err := http.Get(url + "/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/")
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	page.ReadFrom(resp.Body)
	resp.Body.Close()
	file := filepath.Join(t.TempDir(), "seed.html")
	os.WriteFile(file, page.Bytes(), 0o600)
	path := fixtureConfig(t, "  []", "127.0.0.1:1")
	var out, errOut bytes.Buffer
	if code := Run([]string{"extract", "--config", path, file}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Title:     Besuch aus Frankreich: Neue Impulse für Partnerschaft mit Dünkirchen\n",
		"Published: 2022-11-24T00:00:00+01:00\n", "Images:    3\n", "credit:  Stadt Krefeld, Presse und Kommunikation\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := Run([]string{"extract", "--config", path, url + "/de/inhalt/stadtbad-neusser-strasse-latin1/"}, &out, &errOut); code != exitOK ||
		!strings.Contains(out.String(), "Büro für Großstädtische Entwicklung") {
		t.Fatalf("extract URL (ISO-8859-1): exit %d\n%s", code, out.String())
	}
}

// TestIngestBesideServe runs the ingest command while serve works on the same
// SQLite file (its scheduler ingesting the same source at start).
func TestIngestBesideServe(t *testing.T) {
	_, url := fixtureServer(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	listen := ln.Addr().String()
	ln.Close()
	path := fixtureConfig(t, fmt.Sprintf(`  - {name: krefeld, kind: html, url: "%s%s", schedule: "@every 1h"}`, url, archivetest.KrefeldListing), listen)
	cfg, ok := loadConfig(path, os.Stderr)
	if !ok {
		t.Fatal("config")
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	serveErr := &lockedWriter{w: &bytes.Buffer{}}
	serveCode := -1
	wg.Add(1)
	go func() { defer wg.Done(); serveCode = serve(ctx, func() {}, cfg, newLogger(cfg.Log, serveErr)) }()
	waitHealthy(t, listen)
	var out, errOut bytes.Buffer
	code := Run([]string{"ingest", "--config", path, "--backfill"}, &out, &errOut)
	// The daemon's own first ingest (run at start: the source was never
	// ingested) ran on the same file meanwhile or runs now.
	ran := func() bool {
		serveErr.mu.Lock()
		defer serveErr.mu.Unlock()
		return strings.Contains(serveErr.w.String(), `msg="Ingest finished" source=krefeld`)
	}
	for i := 0; i < 200 && !ran(); i++ {
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	cancel()
	wg.Wait()
	if !ran() {
		t.Fatalf("serve did not ingest at start:\n%s", serveErr.w.String())
	}
	if code != exitOK || !strings.Contains(out.String(), "failed 0") {
		t.Fatalf("ingest beside serve: exit %d\n%s\n%s", code, out.String(), errOut.String())
	}
	if serveCode != exitOK || strings.Contains(serveErr.w.String(), "level=ERROR") {
		t.Fatalf("serve: exit %d\n%s", serveCode, serveErr.w.String())
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func waitHealthy(t *testing.T, addr string) {
	t.Helper()
	for i := 0; i < 100; i++ {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	t.Fatalf("%s never answered", addr)
}
