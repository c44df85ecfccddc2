package feed_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// entryUpdated is an Atom entry's id and updated time.
var entryUpdated = regexp.MustCompile(`(?s)<entry>.*?<id>([^<]+)</id>.*?<updated>([^<]+)</updated>`)

// TestUpdatedIsWhenTheSourceChanged: an article's Atom <updated> and JSON
// Feed date_modified are its publication time while it never changed (a
// 2023 release ingested today is not "updated today"), and the time
// partnerfeed found it changed once it did.
func TestUpdatedIsWhenTheSourceChanged(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	published := time.Date(2023, 3, 1, 9, 30, 0, 0, berlin)
	a := addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/venlo-2023/",
		Title: "Venlo 2023", Lead: "Alt.", BodyHTML: "<p>Alt.</p>", PublishedAt: published}, "venlo")
	check := func(want time.Time) {
		t.Helper()
		c, _ := newCache(t, s, "")
		wantText := want.In(berlin).Format(time.RFC3339)
		m := entryUpdated.FindStringSubmatch(string(body(t, c, "venlo.atom")))
		if m == nil || m[2] != wantText {
			t.Errorf("Atom entry updated %q, want %s", m, wantText)
		}
		var jf struct {
			Items []struct {
				DateModified string `json:"date_modified"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body(t, c, "venlo.json"), &jf); err != nil || len(jf.Items) != 1 {
			t.Fatalf("JSON Feed: %v %+v", err, jf)
		}
		if jf.Items[0].DateModified != wantText {
			t.Errorf("JSON Feed date_modified %q, want %s", jf.Items[0].DateModified, wantText)
		}
	}
	check(published)
	a.Title = "Venlo 2023 (korrigiert)"
	if res, err := s.UpsertArticle(ctx, &a); err != nil || res != store.Updated {
		t.Fatalf("update: %v %v", res, err)
	}
	changed, err := s.ArticleByURL(ctx, a.URL)
	if err != nil {
		t.Fatal(err)
	}
	check(changed.UpdatedAt.Truncate(time.Second))
}

// TestEnclosureLengths: an enclosure's length is the image's own (from its
// server, stored with it); where it is unknown RSS has no enclosure, Atom
// and JSON Feed an enclosure without a length; never length="0".
func TestEnclosureLengths(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	rss := string(body(t, c, "all.rss"))
	atom := string(body(t, c, "all.atom"))
	for name, doc := range map[string]string{"RSS": rss, "Atom": atom} {
		if strings.Contains(doc, `length="0"`) {
			t.Errorf("%s has length=\"0\"", name)
		}
	}
	if !strings.Contains(rss, `<enclosure url="https://city.example.org/bilder/delegation.jpg" length="48213" type="image/jpeg">`) {
		t.Errorf("RSS lacks the enclosure with its length:\n%s", rss)
	}
	if strings.Count(rss, "<enclosure") != 1 || strings.Contains(rss, "venlo.png") {
		t.Errorf("RSS has an enclosure of unknown length:\n%s", rss)
	}
	if !strings.Contains(atom, `href="https://city.example.org/bilder/delegation.jpg" rel="enclosure" type="image/jpeg" length="48213"`) ||
		!strings.Contains(atom, `href="https://cdn.example.org/venlo.png" rel="enclosure" type="image/png"></link>`) {
		t.Errorf("Atom enclosures:\n%s", atom)
	}
	if j := string(body(t, c, "all.json")); !strings.Contains(j, `"size_in_bytes": 48213`) || strings.Count(j, "size_in_bytes") != 1 {
		t.Errorf("JSON Feed attachments:\n%s", j)
	}
}
