package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/probe"
)

// probeFixtures serves Krefeld (Domino: offsets, date lines, teaser boxes)
// and Musterstadt (TYPO3-like: ?page=N, JSON-LD and <time> dates) and writes
// a config naming both, whose database would be dir/pf.db.
func probeFixtures(t *testing.T) (a *archivetest.Archive, kURL, mURL, cfgPath string) {
	t.Helper()
	a = archivetest.New(false)
	ks, ms := httptest.NewServer(a.Krefeld()), httptest.NewServer(a.Musterstadt())
	t.Cleanup(func() { a.Close(); ks.Close(); ms.Close() })
	cfgPath = fixtureConfig(t, fmt.Sprintf(`  - {name: krefeld, kind: html, url: "%s%s", schedule: "@hourly"}
  - {name: musterstadt, kind: html, url: "%s%s", schedule: "@hourly"}`,
		ks.URL, archivetest.KrefeldListing, ms.URL, archivetest.MusterstadtListing), "127.0.0.1:1")
	return a, ks.URL, ms.URL, cfgPath
}

func probeJSON(t *testing.T, args ...string) (probe.Findings, int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(append([]string{"probe", "--json"}, args...), &out, &errb)
	var f probe.Findings
	if err := json.Unmarshal(out.Bytes(), &f); err != nil {
		t.Fatalf("probe %v: exit %d, output not JSON: %v\n%s\n%s", args, code, err, out.String(), errb.String())
	}
	return f, code, errb.String()
}

// releaseOf is the fixture release a link leads to.
func releaseOf(t *testing.T, rels []archivetest.Release, link string) archivetest.Release {
	t.Helper()
	for _, r := range rels {
		if strings.Contains(link, "/"+r.Slug) {
			return r
		}
	}
	t.Fatalf("link %s leads to no fixture release", link)
	return archivetest.Release{}
}

// releaseTime is when the fixture says the release was published.
func releaseTime(t *testing.T, r archivetest.Release) time.Time {
	t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if when, err := time.Parse(time.RFC3339, r.Date); err == nil {
		return when
	}
	layout, value := "02.01.2006", r.Date
	if r.Time != "" {
		layout, value = layout+" 15:04:05", value+" "+r.Time
	}
	when, err := time.ParseInLocation(layout, value, berlin)
	if err != nil {
		t.Fatalf("release %s: date %q: %v", r.Slug, r.Date, err)
	}
	return when
}

func TestProbeFixtureShapes(t *testing.T) {
	a, _, _, cfg := probeFixtures(t)
	dir := filepath.Dir(cfg)
	t.Run("krefeld", func(t *testing.T) {
		f, code, stderr := probeJSON(t, "--config", cfg, "--source", "krefeld", "--pages", "2")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if len(f.Pages) != 2 || f.Pages[0].How != "start" || f.Pages[1].How != "a next-page link (its text or label)" ||
			!strings.Contains(f.Pages[1].URL, "&s91=6") || len(f.Pages[0].Links) != 5 || len(f.Pages[1].Links) != 5 {
			t.Fatalf("pages: %+v", f.Pages)
		}
		checkProbeArticles(t, f, a.Krefeld().Releases(), func(r archivetest.Release) string {
			if r.Old {
				return `date line "Zuletzt geändert: ` + r.Date
			}
			return `date line "Veröffentlicht am: ` + r.Date + `"`
		})
		boxes := 0
		for _, art := range f.Articles {
			r := releaseOf(t, a.Krefeld().Releases(), art.Link)
			if len(r.Boxes) == 0 {
				continue
			}
			boxes++
			if len(art.Removed) == 0 || art.Removed[0].Kind != "teaser box" || !strings.HasPrefix(art.Removed[0].Text, "Weitere Beiträge") ||
				strings.Contains(art.Body, "Weitere Beiträge") {
				t.Errorf("%s: teaser box not marked as removed: %+v\nbody: %s", art.Link, art.Removed, art.Body)
			}
		}
		if boxes == 0 || f.Figures.TemplateBlocks != markedTemplate(f) {
			t.Errorf("%d articles with teaser boxes; %d template blocks marked, figures %+v", boxes, markedTemplate(f), f.Figures)
		}
		if f.Figures.PagesRead != 2 || f.Figures.ArticlesFound != 10 || f.Figures.ArticlesNew != 10 || f.Figures.ArticlesFailed != 0 {
			t.Errorf("figures: %+v", f.Figures)
		}
	})
	t.Run("musterstadt", func(t *testing.T) {
		f, code, stderr := probeJSON(t, "--config", cfg, "--source", "musterstadt")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var hows []string
		for _, p := range f.Pages {
			hows = append(hows, p.How)
		}
		if got := strings.Join(hows, ", "); got != "start, a next-page link (its text or label), a next-page link (its text or label)" || len(f.Articles) != len(a.Musterstadt().Releases()) {
			t.Fatalf("pages found by %s, %d articles", got, len(f.Articles))
		}
		checkProbeArticles(t, f, a.Musterstadt().Releases(), func(r archivetest.Release) string {
			if r.DateMode == "jsonld" {
				return "JSON-LD datePublished"
			}
			return "<time>"
		})
	})
	t.Run("venlo", func(t *testing.T) {
		// A corpus shape (Dutch partner-city CMS) with a share bar and a
		// template the pass learns: both marked as removed.
		site := a.Shape("venlo").Site()
		srv := httptest.NewServer(site.Handler)
		defer srv.Close()
		f, code, stderr := probeJSON(t, "--config", cfg, srv.URL+site.Listing)
		if code != exitOK || len(f.Pages) < 2 || f.Pages[1].How != "a next-page link (its text or label)" {
			t.Fatalf("exit %d %s; pages %+v", code, stderr, f.Pages)
		}
		if len(f.Articles) != len(site.Expected) || f.Figures.TemplateBlocks == 0 || f.Figures.TemplateBlocks != markedTemplate(f) {
			t.Fatalf("%d articles (want %d), %d template blocks marked, figures %+v", len(f.Articles), len(site.Expected), markedTemplate(f), f.Figures)
		}
		for _, art := range f.Articles {
			r := releaseOf(t, site.Expected, art.Link)
			if art.Title != r.Title || art.Published.IsZero() || art.DateSignal == "" {
				t.Errorf("%s: %q %v %q, want %q", art.Link, art.Title, art.Published, art.DateSignal, r.Title)
			}
			share := false
			for _, b := range art.Removed {
				share = share || strings.HasPrefix(b.Kind, "boilerplate") && strings.Contains(b.Text, "Deel")
			}
			if !share || strings.Contains(art.Body, "Deel dit bericht") {
				t.Errorf("%s: no share bar marked as removed: %+v", art.Link, art.Removed)
			}
		}
	})
	// Nothing was written: no database file next to the config, nothing else.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "config.yaml" {
		t.Fatalf("probe wrote into the config folder: %v", entries)
	}
}

// markedTemplate counts the blocks the probe marked as template.
func markedTemplate(f probe.Findings) int {
	n := 0
	for _, a := range f.Articles {
		for _, b := range a.Removed {
			if b.Kind == "template" {
				n++
			}
		}
	}
	return n
}

// checkProbeArticles checks each article the probe found against its
// fixture release: title, date to the minute, the date's signal, images,
// and the venlo tag with its evidence where the release is about Venlo.
func checkProbeArticles(t *testing.T, f probe.Findings, rels []archivetest.Release, signal func(archivetest.Release) string) {
	t.Helper()
	var links []string
	for _, p := range f.Pages {
		links = append(links, p.Links...)
	}
	if len(f.Articles) != len(links) || len(f.Articles) == 0 {
		t.Fatalf("%d links, %d articles", len(links), len(f.Articles))
	}
	for i, art := range f.Articles {
		r := releaseOf(t, rels, art.Link)
		if art.Link != links[i] || art.Title != r.Title {
			t.Errorf("article %d: %s %q, want %s %q", i, art.Link, art.Title, links[i], r.Title)
		}
		if want := releaseTime(t, r); !art.Published.Equal(want) {
			t.Errorf("%s: date %v, want %v", r.Slug, art.Published, want)
		}
		if want := signal(r); !strings.HasPrefix(art.DateSignal, want) {
			t.Errorf("%s: date signal %q, want %q", r.Slug, art.DateSignal, want)
		}
		if im := r.FirstImage(); im != nil && (len(art.Images) == 0 || !strings.HasSuffix(art.Images[0].URL, im.File) ||
			art.Images[0].Caption != im.Caption) {
			t.Errorf("%s: images %+v, want %+v", r.Slug, art.Images, im)
		}
		venlo := strings.Contains(r.Title, "Venlo")
		tagged := len(art.Tags) == 1 && art.Tags[0].Partner == "venlo" && art.Tags[0].Tagged && len(art.Tags[0].Matches) > 0 &&
			art.Tags[0].Matches[0].Where == "title" && art.Tags[0].Matches[0].Alias == "Venlo"
		if venlo != tagged || !venlo && len(art.Tags) != 0 {
			t.Errorf("%s (%q): tags %+v", r.Slug, r.Title, art.Tags)
		}
	}
}

func TestProbeFindsNothing(t *testing.T) {
	a, kURL, mURL, cfg := probeFixtures(t)
	k := a.Krefeld()
	// A release without links, and one whose teaser boxes link other releases.
	var single, boxed archivetest.Release
	for _, r := range k.Releases() {
		if len(r.Boxes) == 0 && r.Fault == "" && !r.Old && single.Slug == "" {
			single = r
		}
		if len(r.Boxes) > 0 && r.Fault == "" && !r.Old && boxed.Slug == "" {
			boxed = r
		}
	}
	cases := []struct {
		name, url, stdout, stderr string
	}{
		{"one article", kURL + k.Path(single), "0 article links", `no listing found: the page looks like one article ("` + single.Title + `"; 0 article links on 1 page)`},
		{"one article with teaser boxes", kURL + k.Path(boxed), "the page looks like one release, not a listing",
			`no listing found: the page looks like one article ("` + boxed.Title + `"; 0 article links on 1 page)`},
		{"not there", mURL + "/aktuelles/archiv/", "", "HTTP 404"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := Run([]string{"probe", "--config", cfg, c.url}, &out, &errb); code != exitFailure {
				t.Fatalf("exit %d, want 1\n%s\n%s", code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), c.stdout) || !strings.Contains(errb.String(), "partnerfeed probe: ") ||
				!strings.Contains(errb.String(), c.stderr) {
				t.Fatalf("stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
			}
		})
	}
	// A bare feed URL is probed as a feed source.
	f, code, stderr := probeJSON(t, "--config", cfg, mURL+archivetest.MusterstadtFeed)
	if code != exitOK || f.Kind != "feed" || len(f.Pages) != 1 || f.Pages[0].How != "start (feed)" ||
		len(f.Articles) != len(a.Musterstadt().Releases()) {
		t.Fatalf("feed: exit %d %s\n%+v", code, stderr, f)
	}
}

func TestProbeUsage(t *testing.T) {
	_, kURL, _, cfg := probeFixtures(t)
	for _, args := range [][]string{
		{},
		{"--config", cfg},
		{"--config", cfg, "--source", "krefeld", kURL},
		{"--config", cfg, kURL, kURL},
		{"--config", cfg, "--source", "nowhere"},
		{"--config", cfg, "ftp://example.org/presse/"},
		{"--config", cfg, "--pages", "-1", kURL},
		{"--config", cfg, "--bogus", kURL},
		{"--config", filepath.Join(t.TempDir(), "missing.yaml"), kURL},
	} {
		var out, errb bytes.Buffer
		if code := Run(append([]string{"probe"}, args...), &out, &errb); code != exitUsage || errb.Len() == 0 {
			t.Errorf("probe %v: exit %d, want 2; stderr %q", args, code, errb.String())
		}
	}
}

// TestProbeZeroConfig: without a config file (the default path absent) a
// bare URL is probed with the defaults (one request per second: a single
// page keeps it short), and nothing is created where the default database
// would be.
func TestProbeZeroConfig(t *testing.T) {
	a, _, mURL, _ := probeFixtures(t)
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("PARTNERFEED_CONFIG", "")
	m := a.Musterstadt()
	f, code, stderr := probeJSON(t, mURL+m.Path(m.Releases()[0]))
	if code != exitFailure || f.Kind != "html" || len(f.Pages) != 1 || !strings.Contains(stderr, "no listing found") {
		t.Fatalf("exit %d: %s\n%+v", code, stderr, f)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("probe created %v", entries)
	}
}

// TestProbeSaysHowPagesWereFound: on corpus shapes paginated in other ways,
// probe names the signal that found each further listing page.
func TestProbeSaysHowPagesWereFound(t *testing.T) {
	a := archivetest.New(false)
	_, _, _, cfg := probeFixtures(t)
	for shape, want := range map[string]string{
		"drupal":   "rel=next",
		"contao":   "the next numbered page link",
		"joomla":   "the next offset link",
		"sitepark": "a load-more endpoint",
	} {
		t.Run(shape, func(t *testing.T) {
			site := a.Shape(shape).Site()
			srv := httptest.NewServer(site.Handler)
			defer srv.Close()
			f, code, stderr := probeJSON(t, "--config", cfg, srv.URL+site.Listing)
			if len(f.Pages) < 2 {
				t.Fatalf("exit %d %s: pages %+v", code, stderr, f.Pages)
			}
			found := false
			for _, p := range f.Pages[1:] {
				found = found || p.How == want
			}
			if code != exitOK || f.Pages[0].How != "start" || !found || len(f.Articles) != len(site.Expected) {
				t.Fatalf("exit %d %s: %d articles (want %d), pages %+v", code, stderr, len(f.Articles), len(site.Expected), f.Pages)
			}
		})
	}
}
