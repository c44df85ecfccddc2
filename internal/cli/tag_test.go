package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

const seedPath = "../tag/testdata/seed.txt"

// testConfig writes the repository's config.yaml with the database in a temp dir.
func testConfig(t *testing.T) (path, dsn string) {
	t.Helper()
	b, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	dsn = filepath.Join(dir, "pf.db")
	y := strings.Replace(string(b), `dsn: "data/partnerfeed.db"`, `dsn: "`+dsn+`"`, 1)
	path = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, dsn
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestTagCommandSeed(t *testing.T) {
	cfg, _ := testConfig(t)
	code, out, errs := runCmd("tag", "--config", cfg, seedPath)
	if code != 0 || out != "duenkirchen\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runCmd("tag", "--config", cfg, "--explain", seedPath)
	if code != 0 || out != "duenkirchen\n" {
		t.Fatalf("--explain: exit %d, stdout %q", code, out)
	}
	for _, s := range []string{"TAGGED duenkirchen", "NOT TAGGED charlotte: score 1.50 below threshold",
		"NOT TAGGED venlo: named only in teaser", "NOT TAGGED leicester", "NOT TAGGED kropyvnytskyi"} {
		if !strings.Contains(errs, s) {
			t.Errorf("explanation lacks %q:\n%s", s, errs)
		}
	}
}

func TestTagCommandInputs(t *testing.T) {
	cfg, _ := testConfig(t)
	// No partner: exit 0, nothing on stdout.
	empty := filepath.Join(t.TempDir(), "none.txt")
	os.WriteFile(empty, []byte("Mediothek verlängert Öffnungszeiten\n\nDie Mediothek ist samstags länger geöffnet."), 0o600)
	if code, out, _ := runCmd("tag", "--config", cfg, empty); code != 0 || out != "" {
		t.Errorf("no partner: exit %d, stdout %q", code, out)
	}
	// An HTML page over HTTP in ISO-8859-1.
	page, _ := charmap.ISO8859_1.NewEncoder().String(`<html><body><nav>Venlo Leicester Leiden</nav>
		<h1>Besuch aus Dünkirchen</h1><p>Eine Delegation aus Dünkirchen war zum Austausch in der Stadt.</p></body></html>`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "partnerfeed/") {
			t.Errorf("user agent %q", r.UserAgent())
		}
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	if code, out, errs := runCmd("tag", "--config", cfg, srv.URL); code != 0 || out != "duenkirchen\n" {
		t.Errorf("URL: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := runCmd("tag", "--config", cfg, srv.URL+"/404", "extra"); code != 2 {
		t.Errorf("two arguments: exit %d, %s", code, errs)
	}
	if code, _, _ := runCmd("tag", "--config", cfg, filepath.Join(t.TempDir(), "missing.txt")); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
}

func TestTagSet(t *testing.T) {
	cfg, dsn := testConfig(t)
	url := "https://www.krefeld.de/de/inhalt/besuch/"
	if code, out, errs := runCmd("tag", "--config", cfg, "--set", url, "venlo,nowhere"); code != 2 {
		t.Fatalf("unknown slug: exit %d %s %s", code, out, errs)
	}
	code, out, errs := runCmd("tag", "--config", cfg, "--set", url, "venlo")
	if code != 0 || !strings.Contains(out, "no stored article yet") {
		t.Fatalf("override before ingest: exit %d %q %q", code, out, errs)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := store.Article{Source: "krefeld-presse", URL: url, Title: "Besuch aus Dünkirchen", PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := st.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: "duenkirchen", Score: 9, Evidence: "{}"}}); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd("tag", "--config", cfg, "--set", url, "duenkirchen,leiden")
	if code != 0 || !strings.Contains(out, "partners pinned to duenkirchen, leiden") {
		t.Fatalf("pin: exit %d %q %q", code, out, errs)
	}
	got, err := st.Article(ctx, a.ID)
	if err != nil || len(got.Tags) != 2 || !got.Tags[0].Pinned || got.Tags[1].Partner != "leiden" {
		t.Fatalf("tags after pin: %+v %v", got.Tags, err)
	}
	var jobs int
	var args string
	if err := st.DB.QueryRow(`SELECT count(*), max(json(args)) FROM river_job WHERE kind = 'notify_article'`).Scan(&jobs, &args); err != nil {
		t.Fatal(err)
	}
	if jobs != 1 || !strings.Contains(args, `"partners":["leiden"]`) {
		t.Errorf("notify jobs: %d %s; want one for the gained partner leiden", jobs, args)
	}
}
