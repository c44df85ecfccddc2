package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

func parseAll(t *testing.T, get func(name string) []byte, slug string) map[string]*gofeed.Feed {
	t.Helper()
	out := map[string]*gofeed.Feed{}
	for _, f := range []string{"rss", "atom", "json"} {
		b := get(slug + "." + f)
		pf, err := gofeed.NewParser().Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("gofeed %s.%s: %v", slug, f, err)
		}
		out[f] = pf
	}
	return out
}

func TestRoundTripThroughGofeed(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	get := func(n string) []byte { return body(t, c, n) }
	for _, slug := range []string{"all", "venlo", "duenkirchen"} {
		checkRoundTrip(t, slug, parseAll(t, get, slug))
	}
}

// checkRoundTrip compares what gofeed reads from a document's three formats.
func checkRoundTrip(t *testing.T, slug string, feeds map[string]*gofeed.Feed) {
	t.Helper()
	rss, atom, js := feeds["rss"], feeds["atom"], feeds["json"]
	if rss.FeedType != "rss" || atom.FeedType != "atom" || js.FeedType != "json" || !strings.HasSuffix(js.FeedVersion, "1.1") {
		t.Errorf("%s: types %s %s %s/%s", slug, rss.FeedType, atom.FeedType, js.FeedType, js.FeedVersion)
	}
	if len(rss.Items) == 0 || len(rss.Items) != len(atom.Items) || len(rss.Items) != len(js.Items) {
		t.Fatalf("%s: item counts %d %d %d", slug, len(rss.Items), len(atom.Items), len(js.Items))
	}
	if rss.Language != "de" || atom.Language != "de" || js.Language != "de" {
		t.Errorf("%s: languages %q %q %q", slug, rss.Language, atom.Language, js.Language)
	}
	for i := range rss.Items {
		r, a, j := rss.Items[i], atom.Items[i], js.Items[i]
		if r.Title != a.Title || r.Title != j.Title || r.Title == "" {
			t.Errorf("%s[%d]: titles %q %q %q", slug, i, r.Title, a.Title, j.Title)
		}
		if r.Link != a.Link || r.Link != j.Link || !strings.HasPrefix(r.Link, "https://") {
			t.Errorf("%s[%d]: links %q %q %q", slug, i, r.Link, a.Link, j.Link)
		}
		if r.PublishedParsed == nil || a.PublishedParsed == nil || j.PublishedParsed == nil ||
			!r.PublishedParsed.Equal(*a.PublishedParsed) || !r.PublishedParsed.Equal(*j.PublishedParsed) {
			t.Errorf("%s[%d]: published %v %v %v", slug, i, r.PublishedParsed, a.PublishedParsed, j.PublishedParsed)
		}
		if a.UpdatedParsed == nil || j.UpdatedParsed == nil || !a.UpdatedParsed.Equal(*j.UpdatedParsed) {
			t.Errorf("%s[%d]: updated %v %v", slug, i, a.UpdatedParsed, j.UpdatedParsed)
		}
		if r.GUID != j.GUID || a.GUID == "" {
			t.Errorf("%s[%d]: ids %q %q %q", slug, i, r.GUID, a.GUID, j.GUID)
		}
		if len(r.Categories) == 0 || strings.Join(r.Categories, ",") != strings.Join(a.Categories, ",") ||
			strings.Join(r.Categories, ",") != strings.Join(j.Categories, ",") {
			t.Errorf("%s[%d]: categories %v %v %v", slug, i, r.Categories, a.Categories, j.Categories)
		}
		if r.Content == "" || a.Content == "" || j.Content == "" || r.Description == "" || a.Description == "" {
			t.Errorf("%s[%d]: content or summary missing", slug, i)
		}
		// RSS has an enclosure only where its length is known; Atom has
		// one for every image, its length where known.
		if len(r.Enclosures) > 0 && (len(a.Enclosures) == 0 || r.Enclosures[0].Length != a.Enclosures[0].Length) {
			t.Errorf("%s[%d]: enclosures %+v %+v", slug, i, r.Enclosures, a.Enclosures)
		}
		if a.Author == nil && atom.Author == nil {
			t.Errorf("%s[%d]: no author", slug, i)
		}
	}
}

// wellFormed reads every token of an XML document.
func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
	}
}

func TestHostileTitleStaysWellFormed(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	get := func(n string) []byte { return body(t, c, n) }
	for _, f := range []string{"rss", "atom"} {
		wellFormed(t, "venlo."+f, get("venlo."+f))
		if bytes.Contains(get("venlo."+f), []byte("<script>")) {
			t.Errorf("venlo.%s carries an unescaped <script>", f)
		}
	}
	if !json.Valid(get("venlo.json")) {
		t.Fatal("venlo.json is not valid JSON")
	}
	for f, pf := range parseAll(t, get, "venlo") {
		if got := pf.Items[0].Title; got != hostileTitleShown {
			t.Errorf("%s title = %q, want %q", f, got, hostileTitleShown)
		}
		if strings.ContainsAny(pf.Items[0].Content, "\x01\x0c") {
			t.Errorf("%s content kept a control character", f)
		}
	}
}

func TestEditedArticleKeepsItsID(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	ctx := context.Background()
	c, _ := newCache(t, s, "")
	get := func(n string) []byte { return body(t, c, n) }
	before := parseAll(t, get, "duenkirchen")

	a, err := s.ArticleByURL(ctx, "https://city.example.org/de/inhalt/duenkirchen-50/")
	if err != nil {
		t.Fatal(err)
	}
	a.Title = "Krefeld und Dünkirchen erneuern ihr Freundschaftsversprechen"
	a.BodyHTML += "<p>Nachtrag.</p>"
	if res, err := s.UpsertArticle(ctx, &a); err != nil || res != store.Updated {
		t.Fatalf("edit: %v %v", res, err)
	}
	if err := c.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	after := parseAll(t, get, "duenkirchen")
	for f := range before {
		b, a := before[f].Items[0], after[f].Items[0]
		if b.GUID != a.GUID || b.GUID == "" {
			t.Errorf("%s: id changed from %q to %q", f, b.GUID, a.GUID)
		}
		if a.Title == b.Title || !strings.Contains(a.Content, "Nachtrag") {
			t.Errorf("%s: the edit did not show: %q", f, a.Title)
		}
	}
}
