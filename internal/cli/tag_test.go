package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
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

// notifyJobs returns the args of the queued notify jobs, oldest first.
func notifyJobs(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DB.Query(`SELECT json(args) FROM river_job WHERE kind = 'notify_article' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var args string
		if err := rows.Scan(&args); err != nil {
			t.Fatal(err)
		}
		out = append(out, args)
	}
	return out
}

// TestTagUnset: removing a pin gives the article the tagger's partners again
// and queues a notification for the partners it gained; removing it twice,
// or a pin of an article not stored yet, changes nothing else.
func TestTagUnset(t *testing.T) {
	cfg, dsn := testConfig(t)
	url := "https://www.krefeld.de/de/inhalt/besuch/"
	if code, _, errs := runCmd("tag", "--config", cfg, "--unset", url, "extra"); code != 2 {
		t.Fatalf("--unset with an argument: exit %d %s", code, errs)
	}
	if code, _, errs := runCmd("tag", "--config", cfg, "--set", url, "venlo", "--unset", url); code != 2 {
		t.Fatalf("--set and --unset: exit %d %s", code, errs)
	}
	ctx := context.Background()
	st := storetest.OpenBackend(t, storetest.Backend{Name: "sqlite", Driver: "sqlite", DSN: dsn})
	a := store.Article{Source: "krefeld-presse", URL: url, Title: "Besuch aus Dünkirchen",
		Lead:     "Eine Delegation aus Dünkirchen war drei Tage zum Austausch in Krefeld.",
		BodyText: "Die Gäste aus der Partnerstadt Dünkirchen besuchten Schulen und das Rathaus.", PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := st.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd("tag", "--config", cfg, "--set", url, "leiden"); code != 0 {
		t.Fatalf("pin: exit %d %q %q", code, out, errs)
	}
	code, out, errs := runCmd("tag", "--config", cfg, "--unset", url)
	if code != 0 || !strings.Contains(out, "pin removed; partners now duenkirchen") {
		t.Fatalf("unset: exit %d %q %q", code, out, errs)
	}
	got, err := st.Article(ctx, a.ID)
	if err != nil || len(got.Tags) != 1 || got.Tags[0].Partner != "duenkirchen" || got.Tags[0].Pinned || got.Tags[0].Score < 3 {
		t.Fatalf("tags after unset: %+v %v", got.Tags, err)
	}
	jobs := notifyJobs(t, st)
	if len(jobs) != 2 || !strings.Contains(jobs[1], `"partners":["duenkirchen"]`) || !strings.Contains(jobs[1], fmt.Sprintf(`"article_id":%d`, a.ID)) {
		t.Fatalf("notify jobs %v; want the pin's (leiden), then one for the gained partner duenkirchen", jobs)
	}

	if code, out, _ := runCmd("tag", "--config", cfg, "--unset", url); code != 0 || !strings.Contains(out, "no partners are pinned") {
		t.Errorf("second unset: exit %d %q", code, out)
	}
	later := "https://www.krefeld.de/de/inhalt/spaeter/"
	runCmd("tag", "--config", cfg, "--set", later, "venlo")
	if code, out, _ := runCmd("tag", "--config", cfg, "--unset", later); code != 0 || !strings.Contains(out, "no stored article yet") {
		t.Errorf("unset before the article arrived: exit %d %q", code, out)
	}
	if _, ok, err := st.TagOverride(ctx, later); err != nil || ok {
		t.Errorf("the pin of the article not stored yet is still there (%v)", err)
	}
	if jobs := notifyJobs(t, st); len(jobs) != 2 {
		t.Errorf("notify jobs %v after unsets that changed no article", jobs)
	}
}

// `tag --set` and `--unset` find the stored article however its URL is
// spelt: with "www." and a `&s94=11` suffix (ingest keys the canonical URL),
// or by an alias ingest recorded.
func TestTagSetFindsTheArticleByAnyURL(t *testing.T) {
	cfg, dsn := testConfig(t)
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	key := "https://krefeld.de/de/inhalt/besuch/" // as ingest stores it
	a := store.Article{Source: "krefeld-presse", URL: key, Title: "Besuch", PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := st.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	alias := "https://www.krefeld.de/www/docs.nsf/pm/4711"
	if err := st.SaveArticleAlias(ctx, alias, key); err != nil {
		t.Fatal(err)
	}
	pinned := func() []string {
		got, err := st.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tg := range got.Tags {
			if tg.Pinned {
				out = append(out, tg.Partner)
			}
		}
		return out
	}
	for _, c := range []struct{ url, slug string }{
		{"https://www.krefeld.de/de/inhalt/besuch/&s94=11", "venlo"},
		{alias, "leiden"},
	} {
		code, out, errs := runCmd("tag", "--config", cfg, "--set", c.url, c.slug)
		if code != 0 || strings.Contains(out, "no stored article yet") {
			t.Fatalf("--set %s: exit %d %q %q", c.url, code, out, errs)
		}
		if got := pinned(); len(got) != 1 || got[0] != c.slug {
			t.Fatalf("after --set %s %s: pinned %v", c.url, c.slug, got)
		}
	}
	if code, out, errs := runCmd("tag", "--config", cfg, "--unset", "https://WWW.krefeld.de/de/inhalt/besuch/#top"); code != 0 {
		t.Fatalf("--unset: exit %d %q %q", code, out, errs)
	}
	if got := pinned(); len(got) != 0 {
		t.Fatalf("after --unset by another spelling: still pinned %v", got)
	}
}
