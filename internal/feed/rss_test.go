package feed_test

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rssDoc reads the parts of RSS 2.0 that RSS Best Practices rules are about.
type rssDoc struct {
	Version string `xml:"version,attr"`
	Channel struct {
		// AtomLinks comes first: a plain "link" field would take atom:link too.
		AtomLinks []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title       string `xml:"title"`
		Link        string `xml:"link"`
		Description string `xml:"description"`
		Language    string `xml:"language"`
		PubDate     string `xml:"pubDate"`
		LastBuild   string `xml:"lastBuildDate"`
		Items       []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
			Creator     string `xml:"http://purl.org/dc/elements/1.1/ creator"`
			PubDate     string `xml:"pubDate"`
			Categories  []struct {
				Domain string `xml:"domain,attr"`
				Name   string `xml:",chardata"`
			} `xml:"category"`
			GUID struct {
				IsPermaLink *string `xml:"isPermaLink,attr"`
				Value       string  `xml:",chardata"`
			} `xml:"guid"`
			Enclosures []struct {
				URL    string `xml:"url,attr"`
				Length string `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
		} `xml:"item"`
	} `xml:"channel"`
}

func absolute(t *testing.T, what, u string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil || !p.IsAbs() || p.Host == "" {
		t.Errorf("%s not absolute: %q", what, u)
	}
}

func rfc822(t *testing.T, what, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC1123Z, s)
	if err != nil {
		t.Errorf("%s not an RFC 822 date: %q", what, s)
	}
	return d
}

func TestRSSBestPractices(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "https://hub.example.net/")
	for _, slug := range []string{"all", "venlo", "duenkirchen"} {
		checkRSSRules(t, slug, body(t, c, slug+".rss"), "https://news.example.org/feeds/"+slug+".rss", 1)
	}
}

// checkRSSRules applies the RSS Best Practices rules to a document whose
// self link must be self, with hubs hub links.
func checkRSSRules(t *testing.T, slug string, b []byte, self string, hubs int) {
	t.Helper()
	var d rssDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", slug, err)
	}
	ch := d.Channel
	if d.Version != "2.0" || ch.Title == "" || ch.Description == "" || ch.Language != "de" {
		t.Errorf("%s: channel basics: %q %q %q %q", slug, d.Version, ch.Title, ch.Description, ch.Language)
	}
	absolute(t, "channel link", ch.Link)
	rfc822(t, "pubDate", ch.PubDate)
	rfc822(t, "lastBuildDate", ch.LastBuild)
	var selfs, hub int
	for _, l := range ch.AtomLinks {
		absolute(t, "atom:link", l.Href)
		if l.Rel == "self" && l.Href == self && l.Type == "application/rss+xml" {
			selfs++
		}
		if l.Rel == "hub" {
			hub++
		}
	}
	if selfs != 1 || hub != hubs {
		t.Errorf("%s: %d self and %d hub atom:links", slug, selfs, hub)
	}
	if len(ch.Items) == 0 {
		t.Fatalf("%s: no items", slug)
	}
	guids := map[string]bool{}
	for _, it := range ch.Items {
		absolute(t, "item link", it.Link)
		if it.Title == "" || it.Description == "" || it.Content == "" || it.Creator == "" {
			t.Errorf("%s: item %q lacks title, description, content or creator", slug, it.Link)
		}
		d := rfc822(t, "item pubDate", it.PubDate)
		if _, off := d.Zone(); off != 3600 {
			t.Errorf("%s: pubDate %q not in the site's time zone", slug, it.PubDate)
		}
		if it.GUID.Value == "" || guids[it.GUID.Value] || it.GUID.IsPermaLink == nil {
			t.Errorf("%s: guid %q duplicate or without isPermaLink", slug, it.GUID.Value)
		} else if perma := *it.GUID.IsPermaLink == "true"; perma != (it.GUID.Value == it.Link) {
			t.Errorf("%s: guid %q isPermaLink=%s for link %q", slug, it.GUID.Value, *it.GUID.IsPermaLink, it.Link)
		}
		guids[it.GUID.Value] = true
		if len(it.Enclosures) > 1 {
			t.Errorf("%s: %d enclosures in one item", slug, len(it.Enclosures))
		}
		for _, e := range it.Enclosures {
			absolute(t, "enclosure", e.URL)
			if n, err := strconv.ParseInt(e.Length, 10, 64); err != nil || n <= 0 || !strings.HasPrefix(e.Type, "image/") {
				t.Errorf("%s: enclosure %+v", slug, e)
			}
		}
		if len(it.Categories) == 0 {
			t.Errorf("%s: item %q without partner category", slug, it.Link)
		}
		for _, cat := range it.Categories {
			absolute(t, "category domain", cat.Domain)
		}
		if strings.Contains(it.Content, `src="/`) || strings.Contains(it.Content, `href="/`) {
			t.Errorf("%s: relative URL left in content: %s", slug, it.Content)
		}
	}
	checkDescriptionBeforeContent(t, slug, b)
}

// checkDescriptionBeforeContent walks the tokens: in each item, description
// must come before content:encoded.
func checkDescriptionBeforeContent(t *testing.T, slug string, b []byte) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	seenDesc, items := false, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case se.Name.Local == "item":
			seenDesc = false
			items++
		case se.Name.Local == "description" && items > 0:
			seenDesc = true
		case se.Name.Local == "encoded":
			if !seenDesc {
				t.Errorf("%s: content:encoded before description in item %d", slug, items)
			}
		}
	}
}
