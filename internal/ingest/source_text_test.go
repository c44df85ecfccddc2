package ingest_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
)

// TestBodiesMatchTheWrittenReleases checks every stored body against the
// release text as written by hand in the fixtures (releases.txt), not against
// goldens made by the extractor: the body text must be exactly the release's
// paragraphs, subtitle, subheadings and gallery headings, with image lines
// (kept as images) and the cut-off end of the truncated page left out.
func TestBodiesMatchTheWrittenReleases(t *testing.T) {
	e := newEnv(t, true)
	e.run(t, "krefeld", false)
	e.run(t, "musterstadt", false)
	marker := regexp.MustCompile(`^(## |> )`)
	space := regexp.MustCompile(`\s+`)
	norm := func(s string) string {
		return strings.TrimSpace(space.ReplaceAllString(strings.ReplaceAll(s, "\u00ad", ""), " "))
	}
	check := func(base string, path func(archivetest.Release) string, rels []archivetest.Release) {
		for _, r := range rels {
			if r.Fault != "" && r.Fault != "flaky" && r.Fault != "truncated" {
				continue // never stored: the fault pages
			}
			a, err := e.st.ArticleByURL(context.Background(), base+path(r))
			if err != nil {
				t.Errorf("%s: not stored: %v", r.Slug, err)
				continue
			}
			var want []string
			for _, l := range r.Lines {
				switch l = strings.TrimSpace(l); {
				case l == "" || strings.HasPrefix(l, "img:"):
					continue
				case strings.HasPrefix(l, "gallery:"): // the gallery's heading stays, its images go
					l = strings.TrimSpace(strings.TrimPrefix(l, "gallery:"))
				}
				want = append(want, norm(marker.ReplaceAllString(l, "")))
			}
			var got []string
			for _, p := range strings.Split(a.BodyText, "\n\n") {
				if p = norm(p); p != "" {
					got = append(got, p)
				}
			}
			if r.Fault == "truncated" && len(got) > 0 && len(got) <= len(want) {
				// The page ends mid-sentence: what is stored is a prefix of the text.
				last := len(got) - 1
				if !strings.HasPrefix(want[last], got[last]) || len(got[last]) == len(want[last]) && len(got) == len(want) {
					t.Errorf("%s: truncated page: %q is not a proper prefix of the text", r.Slug, got[last])
				}
				want = append(want[:last:last], got[last])
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s: body\n%q\nwant the written paragraphs\n%q", r.Slug, got, want)
			}
		}
	}
	check(e.kURL, e.krefeld.Path, e.krefeld.Releases())
	check(e.mURL, e.musterstadt.Path, e.musterstadt.Releases())
}
