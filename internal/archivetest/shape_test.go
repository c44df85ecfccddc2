package archivetest

import (
	"encoding/json"
	"html/template"
	"net/http/httptest"
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
					var m struct{ HTML string }
					if err := json.Unmarshal([]byte(body), &m); err != nil {
						t.Fatalf("mehr laden %s: %v", href, err)
					}
					body = m.HTML
				}
				listings.WriteString(body)
			}
			for p := range s.spec.extra {
				if code, _ := get(t, srv.URL+p); code != 200 {
					t.Errorf("extra page %s: %d", p, code)
				}
			}
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
				for _, l := range r.Lines {
					if !strings.HasPrefix(l, "img: ") && !strings.Contains(body, htmlEscape(strings.TrimLeft(l, "#> "))) {
						t.Errorf("%s: line %q not on the page", r.Slug, l)
					}
				}
			}
		})
	}
}

func htmlEscape(s string) string { return template.HTMLEscapeString(s) }
