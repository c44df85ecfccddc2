package ingest_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/fetch"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// TestCorpus ingests every fixture shape of the CMS corpus zero-config (kind
// html, only the listing URL, site.timezone Europe/Berlin) and checks: every
// release found, no non-release stored, dates right to the minute, no
// template phrase in a body, every paragraph, subheading and caption of
// the release in its body, in order. It prints a table per shape, the
// frozen evaluation shapes (testdata/README.md in archivetest) apart.
func TestCorpus(t *testing.T) {
	a := archivetest.New(false)
	defer a.Close()
	var results []shapeResult
	for _, site := range a.Corpus() {
		t.Run(site.Name, func(t *testing.T) {
			res := ingestAndCheck(t, site)
			results = append(results, res)
			if !res.ok() {
				t.Errorf("%s (%s) fails the corpus check:\n%s", site.Name, site.CMS, res.details())
			}
		})
	}
	t.Logf("corpus (tuning part):\n%s", corpusTable(results, false))
	t.Logf("corpus (frozen evaluation part):\n%s", corpusTable(results, true))
}

// ingestAndCheck serves site on loopback, runs one zero-config ingest
// pass on a fresh store and checks what was stored.
func ingestAndCheck(t *testing.T, site archivetest.Site) shapeResult {
	t.Helper()
	srv := httptest.NewServer(site.Handler)
	defer srv.Close()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{
		Site:     config.Site{BaseURL: "http://127.0.0.1:1", Timezone: "Europe/Berlin"},
		Fetch:    config.Fetch{RatePerHost: 1000, Timeout: 10 * time.Second},
		Sources:  []config.Source{{Name: site.Name, Kind: "html", URL: srv.URL + site.Listing}},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}},
	}
	config.ApplyDefaults(&cfg)
	cfg.Location = loc
	st := storetest.OpenDefault(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	in := &ingest.Ingester{Cfg: cfg, Store: st, Log: log,
		Fetch: fetch.New(cfg.Fetch, "test", fetch.Options{MaxAttempts: 2, BaseBackoff: 10 * time.Millisecond, Log: log})}
	reps, err := in.RunAll(context.Background(), site.Name, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := st.ListArticlesStored(context.Background(), store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CORPUS_DUMP"); dir != "" {
		dumpStored(t, filepath.Join(dir, site.Name), srv.URL, stored)
	}
	res := checkSite(site, srv.URL, stored, loc)
	res.Err = reps[0].Err
	return res
}

// dumpStored writes what was stored of a shape, one file per article, for
// looking at a failure (CORPUS_DUMP=dir go test -run TestCorpus).
func dumpStored(t *testing.T, dir, base string, stored []store.Article) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, a := range stored {
		text := fmt.Sprintf("URL: %s\nTitle: %s\nPublished: %s\n", a.URL, a.Title, a.PublishedAt.Format(time.RFC3339)) + golden(a, base)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// corpusTable renders the results of the frozen or the tuning shapes.
func corpusTable(results []shapeResult, frozen bool) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "shape\tfound/expected\tnon-releases stored\tdate errors\ttemplate blocks\tmissing paragraphs\tresult")
	for _, r := range results {
		if r.Frozen != frozen {
			continue
		}
		verdict := "ok"
		if !r.ok() {
			verdict = "FAIL"
		}
		if r.Err != nil {
			verdict = "FAIL (source not read)"
		}
		fmt.Fprintf(w, "%s\t%d/%d\t%d\t%d\t%d\t%d\t%s\n", r.Name, r.Found, r.Expected, len(r.NonReleases),
			len(r.DateErrors), len(r.TemplateBlocks), len(r.MissingParas), verdict)
	}
	w.Flush()
	return b.String()
}

// perfect is what a faultless crawler would store of a site: every
// release with its date and its text (captions in the body).
func perfect(site archivetest.Site, base string) []store.Article {
	var out []store.Article
	for _, r := range site.Expected {
		t, _ := time.Parse(time.RFC3339, r.Date)
		if t.IsZero() {
			t, _ = time.ParseInLocation("02.01.2006", r.Date, berlinZone())
		}
		var body []string
		for _, l := range r.Lines {
			if im, ok := strings.CutPrefix(l, "img: "); ok {
				l = strings.ReplaceAll(im, " | ", " ")
			}
			body = append(body, strings.TrimPrefix(strings.TrimPrefix(l, "## "), "> "))
		}
		out = append(out, store.Article{URL: base + site.Path(r), Title: r.Title, PublishedAt: t,
			BodyText: strings.Join(body, "\n\n")})
	}
	return out
}

func berlinZone() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}

// TestCorpusCheckerSeesEveryFault runs the checker on what a faultless
// crawler would store of each shape (it must pass: the fixtures' template
// phrases are not in their release texts) and on copies of that with one
// fault each (each must be reported in its own column).
func TestCorpusCheckerSeesEveryFault(t *testing.T) {
	a := archivetest.New(false)
	defer a.Close()
	const base = "http://fixture.test"
	for _, site := range a.Corpus() {
		t.Run(site.Name, func(t *testing.T) {
			good := perfect(site, base)
			if res := checkSite(site, base, good, berlinZone()); !res.ok() {
				t.Fatalf("a faultless result fails:\n%s", res.details())
			}
			if len(site.Phrases) == 0 {
				t.Fatal("the shape declares no template phrases")
			}
			faults := []struct {
				name  string
				spoil func([]store.Article) []store.Article
				col   func(shapeResult) int
			}{
				{"release lost", func(l []store.Article) []store.Article { return slices.Delete(l, 1, 2) },
					func(r shapeResult) int { return r.Expected - r.Found }},
				{"listing stored", func(l []store.Article) []store.Article {
					return append(l, store.Article{URL: base + site.Listing, Title: "Pressemitteilungen", BodyText: "x"})
				}, func(r shapeResult) int { return len(r.NonReleases) }},
				{"day off", func(l []store.Article) []store.Article {
					l[2].PublishedAt = l[2].PublishedAt.Add(-24 * time.Hour)
					return l
				}, func(r shapeResult) int { return len(r.DateErrors) }},
				{"template phrase", func(l []store.Article) []store.Article {
					l[3].BodyText += "\n\n" + site.Phrases[0]
					return l
				}, func(r shapeResult) int { return len(r.TemplateBlocks) }},
				{"paragraph lost", func(l []store.Article) []store.Article {
					paras := strings.Split(l[0].BodyText, "\n\n")
					l[0].BodyText = strings.Join(paras[1:], "\n\n")
					return l
				}, func(r shapeResult) int { return len(r.MissingParas) }},
			}
			for _, f := range faults {
				res := checkSite(site, base, f.spoil(perfect(site, base)), berlinZone())
				if res.ok() || f.col(res) != 1 {
					t.Errorf("%s: not reported once in its column: %+v", f.name, res)
				}
			}
		})
	}
}

// TestCorpusFailsOnBrokenFixture ingests a copy of a shape broken on
// purpose (a release unlisted, a paragraph dropped, a date a day off, a
// share-bar phrase inside a paragraph) and checks that the corpus check
// reports each broken release, whatever the crawler makes of the rest.
func TestCorpusFailsOnBrokenFixture(t *testing.T) {
	a := archivetest.New(false)
	defer a.Close()
	shape := a.Shape("typo3")
	site := shape.Site()
	hidden, dropped, shifted, stuffed := site.Expected[1].Slug, site.Expected[3].Slug, site.Expected[5].Slug, site.Expected[6].Slug
	broken := shape.Corrupted(func(rels []archivetest.Release) []archivetest.Release {
		var out []archivetest.Release
		for _, r := range rels {
			r.Lines = slices.Clone(r.Lines)
			switch r.Slug {
			case hidden:
				continue
			case dropped:
				r.Lines = slices.DeleteFunc(r.Lines, func(l string) bool { return l == lastParagraph(r) })
			case shifted:
				t, _ := time.Parse(time.RFC3339, r.Date)
				r.Date = t.Add(24 * time.Hour).Format(time.RFC3339)
			case stuffed:
				for i, l := range r.Lines {
					if !strings.HasPrefix(l, "img: ") && !strings.HasPrefix(l, "## ") {
						r.Lines[i] = site.Phrases[3] + " " + l
						break
					}
				}
			}
			out = append(out, r)
		}
		return out
	}).Site()
	res := ingestAndCheck(t, broken)
	t.Logf("broken copy:\n%s%s", corpusTable([]shapeResult{res}, false), res.details())
	if res.ok() {
		t.Fatal("the corpus check passes a broken fixture")
	}
	if !slices.Contains(res.Missing, hidden) {
		t.Errorf("the unlisted release %s is not reported as not stored", hidden)
	}
	for _, slug := range []string{dropped, shifted, stuffed} {
		if !res.mentions(slug) {
			t.Errorf("the broken release %s is not reported", slug)
		}
	}
}

// lastParagraph is a release's last plain paragraph.
func lastParagraph(r archivetest.Release) string {
	for i := len(r.Lines) - 1; i >= 0; i-- {
		if l := r.Lines[i]; !strings.HasPrefix(l, "img: ") && !strings.HasPrefix(l, "## ") && !strings.HasPrefix(l, "> ") {
			return l
		}
	}
	return ""
}
