package ingest_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

var update = flag.Bool("update", false, "rewrite the body goldens (review them before committing)")

// golden renders what was stored of an article, with the fixture server's
// address replaced so that the file is stable.
func golden(a store.Article, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Lead: %s\nImages:\n", a.Lead)
	for _, im := range a.Images {
		fmt.Fprintf(&b, "- %s | %s | %s\n", im.URL, im.Caption, im.Credit)
	}
	fmt.Fprintf(&b, "--- body_html\n%s\n--- body_text\n%s\n", a.BodyHTML, a.BodyText)
	return strings.ReplaceAll(b.String(), base, "http://fixture.test")
}

func TestIngestStoresEveryRelease(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	k := e.run(t, "krefeld", false)
	if k.New != 45 || k.Failed != 5 || k.Pages != 10 {
		t.Errorf("krefeld first pass: %+v", k)
	}
	m := e.run(t, "musterstadt", false)
	if m.New != 8 || m.Failed != 0 || m.Pages != 3 {
		t.Errorf("musterstadt first pass: %+v", m)
	}
	for _, want := range expected {
		t.Run(want.slug, func(t *testing.T) {
			base, path := e.kURL, ""
			for _, r := range e.krefeld.Releases() {
				if r.Slug == want.slug {
					path = e.krefeld.Path(r)
				}
			}
			if want.site == "musterstadt" {
				base = e.mURL
				for _, r := range e.musterstadt.Releases() {
					if r.Slug == want.slug {
						path = e.musterstadt.Path(r)
					}
				}
			}
			a, err := e.st.ArticleByURL(ctx, base+path)
			if err != nil {
				t.Fatalf("%s not stored: %v", base+path, err)
			}
			if a.Title != want.title {
				t.Errorf("title %q, want %q", a.Title, want.title)
			}
			if got := a.PublishedAt.In(e.cfg.Location).Format("2006-01-02 15:04:05"); got != want.published {
				t.Errorf("published %s, want %s", got, want.published)
			}
			file := filepath.Join("testdata", "golden", want.site, want.slug+".txt")
			got := golden(a, base)
			if *update {
				os.MkdirAll(filepath.Dir(file), 0o755)
				os.WriteFile(file, []byte(got), 0o644)
			}
			wantBody, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(wantBody) {
				t.Errorf("body differs from %s:\n%s", file, got)
			}
		})
	}
	seed, err := e.st.ArticleByURL(ctx, e.kURL+"/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(seed.BodyText, "Weitere Beiträge") || strings.Contains(seed.BodyHTML, "Weitere Beiträge") ||
		!strings.HasSuffix(seed.BodyText, "werden in Schulen beider Städte im Unterricht eingesetzt.") ||
		strings.Contains(seed.BodyText, "Inhaltsbereich") || strings.Contains(seed.BodyText, "Partnerstädte:") {
		t.Errorf("seed body has boilerplate or is cut:\n%s", seed.BodyText)
	}
	if len(seed.Images) != 3 || seed.Images[0].Credit != "Stadt Krefeld, Presse und Kommunikation" ||
		strings.Count(seed.BodyHTML, "Eine Delegation aus Dünkirchen war in Krefeld zu Besuch.") != 2 { // alt + caption, once
		t.Errorf("seed images: %+v\n%s", seed.Images, seed.BodyHTML)
	}
}

func TestSecondPassIsConditional(t *testing.T) {
	e := newEnv(t, false)
	first := e.run(t, "krefeld", false)
	firstM := e.run(t, "musterstadt", false)
	before := e.archive.Stats()
	second := e.run(t, "krefeld", false)
	secondM := e.run(t, "musterstadt", false)
	if second.New+second.Updated+secondM.New+secondM.Updated != 0 {
		t.Fatalf("second pass stored something: %+v %+v", second, secondM)
	}
	after := e.archive.Stats()
	if after.NotModified-before.NotModified < 2 || second.NotModified < 1 || secondM.NotModified < 1 {
		t.Fatalf("no 304s: %+v → %+v; %+v", before, after, second)
	}
	if after.Requests-before.Requests > 4 { // robots.txt is cached, a page per site suffices
		t.Fatalf("second pass made %d requests", after.Requests-before.Requests)
	}
	// A backfill pass re-reads every listing page; every article answers 304.
	back := e.run(t, "krefeld", true)
	if back.New+back.Updated != 0 || back.Unchanged != first.New || back.NotModified < first.New {
		t.Fatalf("backfill pass: %+v (first %+v, %+v)", back, first, firstM)
	}
}

func TestFaultsAreHandled(t *testing.T) {
	e := newEnv(t, true)
	ctx := context.Background()
	rep := e.run(t, "krefeld", false)
	reasons := map[string]string{
		"/de/inhalt/fehlt/":        "HTTP 404",
		"/de/inhalt/serverfehler/": "HTTP 500",
		"/de/inhalt/haengt/":       "Client.Timeout",
		"/de/inhalt/riesig/":       "max_body_bytes",
		"/de/inhalt/umleitung/":    "too many redirects",
	}
	for path, reason := range reasons {
		found := false
		for _, f := range rep.Failures {
			if strings.HasPrefix(f.URL, e.kURL+path) && strings.Contains(f.Reason, reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no failure with %q in %+v", path, reason, rep.Failures)
		}
		if !strings.Contains(e.logs.String(), e.kURL+path) {
			t.Errorf("%s not logged", path)
		}
	}
	stats := e.archive.Stats()
	if stats.ByPath["/de/inhalt/serverfehler/"] != 3 || stats.ByPath["/de/inhalt/haengt/"] != 3 {
		t.Errorf("500 and timeouts must be retried: %v", stats.ByPath)
	}
	if stats.ByPath["/de/inhalt/fehlt/"] != 1 {
		t.Errorf("404 must not be retried: %v", stats.ByPath)
	}
	if stats.ByPath["/de/inhalt/zoo-krefeld-nachwuchs/"] != 2 {
		t.Errorf("the flaky page must be read on its retry: %v", stats.ByPath)
	}
	// Pages that break later lose nothing already stored.
	url := e.kURL + "/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/"
	before, err := e.st.ArticleByURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	e.archive.Break("/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/&s94=11", 500)
	e.archive.Break("/de/inhalt/stadtbaeume-leiden-unter-trockenheit/", 404)
	again := e.run(t, "krefeld", true)
	if again.Failed != 7 || again.New+again.Updated != 0 {
		t.Errorf("pass with broken pages: %+v", again)
	}
	after, err := e.st.ArticleByURL(ctx, url)
	if err != nil || after.BodyHTML != before.BodyHTML || after.Title != before.Title || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("a failed fetch changed the stored article: %v", err)
	}
	if _, err := e.st.ArticleByURL(ctx, e.kURL+"/de/inhalt/stadtbaeume-leiden-unter-trockenheit/"); err != nil {
		t.Errorf("a 404 deleted the article: %v", err)
	}
	// A listing that cannot be read fails the source, and stores nothing.
	e.archive.Break(archivetest.KrefeldListing, 503)
	reps, _ := e.in.RunAll(ctx, "krefeld", ingestOptions(false))
	if reps[0].Err == nil {
		t.Errorf("unreadable listing did not fail the source")
	}
}
