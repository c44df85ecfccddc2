package telegram_test

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// opml is what a feed reader reads of an OPML 2.0 subscription list.
type opml struct {
	XMLName  xml.Name `xml:"opml"`
	Version  string   `xml:"version,attr"`
	Title    string   `xml:"head>title"`
	Outlines []struct {
		Text    string `xml:"text,attr"`
		Type    string `xml:"type,attr"`
		XMLURL  string `xml:"xmlUrl,attr"`
		HTMLURL string `xml:"htmlUrl,attr"`
	} `xml:"body>outline"`
}

func TestExportSendsOPML(t *testing.T) {
	h := newHarnessConfig(t, fastLimits, func(cfg *config.Config) { cfg.Site.BaseURL = "https://partner.example.org/news/" })
	h.say(911, "/follow Dunkerque Leiden")
	h.say(911, "/language fr")
	got := h.say(911, "/export")
	if got.Method != "sendDocument" || got.Document == nil {
		t.Fatalf("/export answered %s %q, want a document", got.Method, got.Text)
	}
	if got.Document.FileName != "feeds.opml" || !strings.Contains(got.Text, "2") {
		t.Errorf("document %q, caption %q", got.Document.FileName, got.Text)
	}
	var doc opml
	if err := xml.Unmarshal(got.Document.Data, &doc); err != nil {
		t.Fatalf("OPML does not parse: %v\n%s", err, got.Document.Data)
	}
	if doc.Version != "2.0" || !strings.Contains(doc.Title, "Krefeld <Partner> & \"Friends\"") {
		t.Errorf("OPML head: version %q, title %q", doc.Version, doc.Title)
	}
	var texts, urls, pages []string
	for _, o := range doc.Outlines {
		texts, urls, pages = append(texts, o.Text), append(urls, o.XMLURL), append(pages, o.HTMLURL)
		if o.Type != "rss" {
			t.Errorf("outline %q has type %q", o.Text, o.Type)
		}
	}
	// French names where the partner has one, in config order.
	if want := []string{"Dunkerque", "Leyde"}; !slices.Equal(texts, want) {
		t.Errorf("outline titles %v, want %v", texts, want)
	}
	if want := []string{"https://partner.example.org/news/feeds/duenkirchen.atom",
		"https://partner.example.org/news/feeds/leiden.atom"}; !slices.Equal(urls, want) {
		t.Errorf("feed URLs %v, want %v", urls, want)
	}
	if pages[0] != "https://partner.example.org/news/partners/duenkirchen" {
		t.Errorf("page URL %q", pages[0])
	}
}

func TestExportWithoutFollowsAnswersText(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	got := h.say(912, "/export")
	if got.Method != "sendMessage" || !strings.Contains(got.Text, "/partners") {
		t.Fatalf("/export with nothing followed: %s %q", got.Method, got.Text)
	}
	if r := h.fake.Rejections(); len(r) > 0 {
		t.Fatalf("rejected: %v", r)
	}
}
