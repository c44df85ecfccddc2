package feed_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// needTool finds a command; without it the test skips, or fails under CI=true.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// jing validates the files against the RFC 4287 schema.
func jing(t *testing.T, files ...string) error {
	t.Helper()
	args := append([]string{"-c", filepath.Join("testdata", "atom.rnc")}, files...)
	out, err := exec.Command(needTool(t, "jing"), args...).CombinedOutput()
	if err != nil {
		return &jingError{err: err, out: string(out)}
	}
	return nil
}

type jingError struct {
	err error
	out string
}

func (e *jingError) Error() string { return e.err.Error() + ": " + e.out }

func writeFile(t *testing.T, name string, b []byte) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAtomValidatesAgainstRFC4287(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	for _, hub := range []string{"", "https://hub.example.net/"} {
		c, _ := newCache(t, s, hub)
		var files []string
		for _, slug := range []string{feed.AllSlug, "venlo", "duenkirchen"} {
			b := body(t, c, slug+".atom")
			files = append(files, writeFile(t, slug+".atom", b))
			checkAtomRules(t, slug, b, hub)
		}
		if err := jing(t, files...); err != nil {
			t.Fatalf("jing rejected our Atom feeds: %v", err)
		}
	}
	// An empty feed is valid too.
	empty, _ := newStore(t)
	c, _ := newCache(t, empty, "")
	b := body(t, c, "venlo.atom")
	checkAtomRules(t, "venlo", b, "")
	if err := jing(t, writeFile(t, "empty.atom", b)); err != nil {
		t.Fatalf("jing rejected the empty feed: %v", err)
	}
}

func TestJingRejectsBrokenAtom(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	good := body(t, c, "venlo.atom")
	broken := map[string][]byte{
		"no-feed-id":     bytes.Replace(good, []byte("<id>https://news.example.org/feeds/venlo.atom</id>"), nil, 1),
		"bad-date":       bytes.Replace(good, []byte("<updated>2"), []byte("<updated>24.11. 2"), 1),
		"unknown-in-ns":  bytes.Replace(good, []byte("<title"), []byte("<bogus/><title"), 1),
		"two-entry-ids":  bytes.Replace(good, []byte("<id>urn:uuid:"), []byte("<id>x</id><id>urn:uuid:"), 1),
		"bad-title-type": bytes.Replace(good, []byte(`<title type="text">`), []byte(`<title type="markdown">`), 1),
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			if bytes.Equal(b, good) {
				t.Fatal("the breakage did not apply")
			}
			if err := jing(t, writeFile(t, name+".atom", b)); err == nil {
				t.Fatal("jing accepted a broken feed")
			}
		})
	}
}

// atomDoc reads what the schema leaves to Schematron (RFC 4287 sections 4.1.1, 4.1.2).
type atomDoc struct {
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Authors []struct{} `xml:"http://www.w3.org/2005/Atom author"`
	Links   []atomLink `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string     `xml:"http://www.w3.org/2005/Atom id"`
		Authors []struct{} `xml:"http://www.w3.org/2005/Atom author"`
		Links   []atomLink `xml:"http://www.w3.org/2005/Atom link"`
		Content *struct{}  `xml:"http://www.w3.org/2005/Atom content"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

func checkAtomRules(t *testing.T, slug string, b []byte, hub string) {
	t.Helper()
	hubs := 0
	if hub != "" {
		hubs = 1
	}
	checkAtomDoc(t, slug, b, "https://news.example.org/feeds/"+slug+".atom", hubs)
}

// checkAtomDoc applies the rules of checkAtomRules to a document whose self
// link must be self, with hubs hub links.
func checkAtomDoc(t *testing.T, slug string, b []byte, self string, wantHubs int) {
	t.Helper()
	var d atomDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", slug, err)
	}
	if d.Lang != "de" {
		t.Errorf("%s: xml:lang = %q", slug, d.Lang)
	}
	selfs, hubs := 0, 0
	for _, l := range d.Links {
		if !strings.HasPrefix(l.Href, "https://") {
			t.Errorf("%s: link not absolute: %q", slug, l.Href)
		}
		switch l.Rel {
		case "self":
			selfs++
			if l.Href != self {
				t.Errorf("%s: self link %q", slug, l.Href)
			}
		case "hub":
			hubs++
		}
	}
	if selfs != 1 {
		t.Errorf("%s: %d self links, want 1", slug, selfs)
	}
	if hubs != wantHubs {
		t.Errorf("%s: %d hub links, want %d", slug, hubs, wantHubs)
	}
	ids := map[string]bool{}
	for i, e := range d.Entries {
		if len(d.Authors) == 0 && len(e.Authors) == 0 {
			t.Errorf("%s: entry %d has no author and the feed has none", slug, i)
		}
		alternate := false
		for _, l := range e.Links {
			alternate = alternate || ((l.Rel == "" || l.Rel == "alternate") && strings.HasPrefix(l.Href, "https://"))
		}
		if !alternate && e.Content == nil {
			t.Errorf("%s: entry %d has neither an alternate link nor content", slug, i)
		}
		if !strings.HasPrefix(e.ID, "urn:uuid:") || ids[e.ID] {
			t.Errorf("%s: entry id %q not a unique urn", slug, e.ID)
		}
		ids[e.ID] = true
	}
}

func TestFeedsIdenticalAcrossReplicas(t *testing.T) {
	s, path := newStore(t)
	populate(t, s)
	a, _ := newCache(t, s, "")
	b, _ := newCache(t, openStore(t, path), "")
	for _, name := range allFeeds() {
		ra, _ := a.Get(name)
		rb, _ := b.Get(name)
		if !bytes.Equal(ra.Body, rb.Body) || ra.ETag != rb.ETag || !bytes.Equal(ra.Gzip, rb.Gzip) {
			t.Errorf("%s differs between two caches over the same data", name)
		}
	}
	if err := a.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
}
