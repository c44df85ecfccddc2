package archivetest

import (
	"encoding/json"
	"html/template"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestShapesServeEveryRelease walks each shape's listing pages (or its
// "mehr laden" endpoint) and checks that every release is linked once and
// its page holds its text.
func TestShapesServeEveryRelease(t *testing.T) {
	a := New(false)
	defer a.Close()
	for _, s := range a.Shapes() {
		t.Run(s.spec.name, func(t *testing.T) {
			srv := httptest.NewServer(s)
			defer srv.Close()
			if n := len(s.expected); n < 8 || n > 15 {
				t.Errorf("%d releases, want 8-15", n)
			}
			if p := s.pages(); p < 2 || p > 4 {
				t.Errorf("%d listing pages, want 2-4", p)
			}
			var listings strings.Builder
			for i := 0; i < s.pages(); i++ {
				href := s.spec.pageHref(i)
				if i > 0 && s.spec.moreHref != nil {
					href = s.spec.moreHref(i)
				}
				code, body := get(t, srv.URL+href)
				if code != 200 {
					t.Fatalf("listing page %d (%s): %d", i+1, href, code)
				}
				if s.spec.moreHref != nil && i > 0 {
					var m struct {
						HTML  string
						Items []struct{ URL string }
					}
					if err := json.Unmarshal([]byte(body), &m); err != nil {
						t.Fatalf("mehr laden %s: %v", href, err)
					}
					body = m.HTML
					for _, it := range m.Items {
						body += ` href="` + it.URL + `"`
					}
				}
				listings.WriteString(body)
			}
			for p := range s.spec.extra {
				if code, _ := get(t, srv.URL+p); code != 200 {
					t.Errorf("extra page %s: %d", p, code)
				}
			}
			pages := ""
			for _, r := range s.expected {
				// Contao writes links relative to its <base href>.
				p := s.spec.articlePath(r)
				if !strings.Contains(listings.String(), `href="`+p) && !strings.Contains(listings.String(), `href="`+p[1:]) {
					t.Errorf("%s not linked from the listing", r.Slug)
				}
				code, body := get(t, srv.URL+s.spec.articlePath(r))
				if code != 200 {
					t.Fatalf("%s: %d", r.Slug, code)
				}
				pages += body
				for _, l := range r.Lines {
					if !strings.HasPrefix(l, "img: ") && !strings.Contains(body, htmlEscape(strings.TrimLeft(l, "#> "))) {
						t.Errorf("%s: line %q not on the page", r.Slug, l)
					}
				}
			}
			// A template phrase no article page shows would check nothing.
			for _, p := range s.spec.phrases {
				if !strings.Contains(pages, htmlEscape(p)) {
					t.Errorf("template phrase %q is on no article page", p)
				}
			}
		})
	}
}

func htmlEscape(s string) string { return template.HTMLEscapeString(s) }

// TestCorpusFrozenMatchesReadme checks that the corpus has at least nine
// shapes, that at least three (not the Domino one) are frozen, and that
// testdata/README.md names exactly the frozen ones.
func TestCorpusFrozenMatchesReadme(t *testing.T) {
	a := New(false)
	defer a.Close()
	readme, err := os.ReadFile("testdata/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, frozenPart, _ := strings.Cut(string(readme), "## Frozen evaluation part")
	frozenPart, _, _ = strings.Cut(frozenPart, "\n## ")
	sites := a.Corpus()
	if len(sites) < 9 {
		t.Errorf("%d shapes, want at least 9", len(sites))
	}
	frozen := 0
	for _, s := range sites {
		listed := strings.Contains(frozenPart, "| `shapes/"+s.Name+"/` |")
		if s.Frozen != listed {
			t.Errorf("%s: frozen %v, but listed as frozen in the README: %v", s.Name, s.Frozen, listed)
		}
		if s.Frozen {
			frozen++
		}
	}
	if frozen < 3 || sites[0].Frozen {
		t.Errorf("%d frozen shapes (Domino frozen: %v), want at least 3 besides it", frozen, sites[0].Frozen)
	}
}

// TestDominoPhrasesShown checks that the Domino shape's template phrases
// are on its pages (a phrase no page shows would check nothing).
func TestDominoPhrasesShown(t *testing.T) {
	a := New(false)
	defer a.Close()
	site := a.Krefeld().Site()
	srv := httptest.NewServer(site.Handler)
	defer srv.Close()
	var pages strings.Builder
	for _, r := range site.Expected {
		_, body := get(t, srv.URL+site.Path(r))
		pages.WriteString(body)
	}
	for _, p := range site.Phrases {
		if !strings.Contains(pages.String(), htmlEscape(p)) {
			t.Errorf("template phrase %q is on no page", p)
		}
	}
}
