package web_test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

func parse(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attrs(sel *goquery.Selection, attr string) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, s.AttrOr(attr, "")) })
	return out
}

func TestIndexPage(t *testing.T) {
	f := newFixture(t, testConfig())
	resp, body := f.get(t, "/")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	doc := parse(t, body)
	if got := attrs(doc.Find(`link[rel=alternate]`), "href"); strings.Join(got, " ") !=
		f.srv.URL+"/feeds/all.rss "+f.srv.URL+"/feeds/all.atom "+f.srv.URL+"/feeds/all.json" {
		t.Errorf("autodiscovery links: %v", got)
	}
	if got := attrs(doc.Find(`link[rel=alternate]`), "type"); strings.Join(got, " ") !=
		"application/rss+xml application/atom+xml application/feed+json" {
		t.Errorf("autodiscovery types: %v", got)
	}
	if n := doc.Find("li.partner").Length(); n != 3 {
		t.Errorf("%d partners listed", n)
	}
	venlo := doc.Find("#partner-venlo")
	if !strings.Contains(venlo.Find(".latest a").Text(), "<script>alert(1)</script> & Co 🎉 Venlo") ||
		venlo.Find(".country").Text() != "Niederlande" || venlo.Find(".flag").Text() != "🇳🇱" {
		t.Errorf("venlo card: %q", venlo.Text())
	}
	if strings.Contains(body, "<script>") {
		t.Error("a scraped title reached the page unescaped")
	}
	if got := venlo.Find("a.telegram").AttrOr("href", ""); got != "https://t.me/musterstadt_bot?start=venlo" {
		t.Errorf("telegram deep link %q", got)
	}
	if doc.Find(`footer a[href="https://city.example.org/impressum/"]`).Length() != 1 ||
		doc.Find(`footer a[href="https://city.example.org/datenschutz/"]`).Length() != 1 {
		t.Error("imprint or privacy link missing")
	}
	checkForm(t, doc.Find(`form[method=post][action="/subscribe"]`))
}

// checkForm holds the form to the contract shared with the email part.
func checkForm(t *testing.T, form *goquery.Selection) {
	t.Helper()
	if form.Length() != 1 {
		t.Fatal("no subscription form")
	}
	email := form.Find(`input[name=email]`)
	if email.AttrOr("type", "") != "email" || !email.Is("[required]") {
		t.Error("email field must be type=email and required")
	}
	if got := attrs(form.Find(`input[type=checkbox][name=partners]`), "value"); strings.Join(got, ",") != "venlo,duenkirchen,kropyvnytskyi" {
		t.Errorf("partner checkboxes %v", got)
	}
	if got := attrs(form.Find(`input[type=radio][name=schedule]`), "value"); strings.Join(got, ",") != "daily,weekly" {
		t.Errorf("schedule radios %v", got)
	}
	langs := attrs(form.Find(`select[name=language] option`), "value")
	sort.Strings(langs)
	if strings.Join(langs, ",") != strings.Join(i18n.Languages(), ",") || !slices.Contains(langs, "tr") {
		t.Errorf("language options %v", langs)
	}
	hp := form.Find(`input[name=website]`)
	if hp.AttrOr("type", "") != "text" || hp.AttrOr("tabindex", "") != "-1" || hp.Closest(`[aria-hidden=true]`).Length() != 1 {
		t.Error("honeypot must be a text field hidden from people and assistive technology")
	}
	if form.Find(`button[type=submit]`).Length() != 1 {
		t.Error("no submit button")
	}
	// Every visible control has a label.
	form.Find("input, select").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if id == "" || form.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("control %s has no label", s.AttrOr("name", "?"))
		}
	})
}

func TestOptionalParts(t *testing.T) {
	cfg := testConfig()
	cfg.Email = nil
	cfg.Telegram.BotUsername = ""
	f := newFixture(t, cfg)
	_, body := f.get(t, "/")
	doc := parse(t, body)
	if doc.Find("form").Length() != 0 || doc.Find("a.telegram").Length() != 0 {
		t.Error("form or Telegram links shown although email is off and the bot name unknown")
	}
}

func TestLanguageChoice(t *testing.T) {
	f := newFixture(t, testConfig())
	cases := []struct{ query, accept, want string }{
		{"", "", "de"},
		{"", "fr-FR,fr;q=0.9,en;q=0.5", "fr"},
		{"", "nl-BE", "nl"},
		{"", "uk", "uk"},
		{"", "ja, zh;q=0.8", "en"},
		{"?lang=uk", "fr", "uk"},
		{"?lang=xx", "nl", "nl"},
	}
	for _, c := range cases {
		for _, path := range []string{"/", "/partners/duenkirchen"} {
			_, body := f.get(t, path+c.query, "Accept-Language", c.accept)
			if got := parse(t, body).Find("html").AttrOr("lang", ""); got != c.want {
				t.Errorf("%s%s with %q: lang %q, want %q", path, c.query, c.accept, got, c.want)
			}
		}
	}
	_, body := f.get(t, "/?lang=fr")
	doc := parse(t, body)
	if got := doc.Find("#partner-duenkirchen h3").Text(); !strings.Contains(got, "Dunkerque") {
		t.Errorf("French page names the partner %q", got)
	}
	if got := doc.Find("#partner-duenkirchen h3 a").AttrOr("href", ""); got != "/partners/duenkirchen?lang=fr" {
		t.Errorf("a chosen language is not carried on: %q", got)
	}
}

func TestPartnerPage(t *testing.T) {
	f := newFixture(t, testConfig())
	resp, body := f.get(t, "/partners/venlo?lang=en")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	doc := parse(t, body)
	if got := attrs(doc.Find(`link[rel=alternate]`), "href"); len(got) != 4 || got[1] != f.srv.URL+"/feeds/venlo.atom" {
		t.Errorf("autodiscovery %v", got)
	}
	arts := doc.Find("article.news")
	if arts.Length() != 2 {
		t.Fatalf("%d articles", arts.Length())
	}
	first := arts.First()
	if first.Find("h3 a").Text() != "<script>alert(1)</script> & Co 🎉 Venlo" ||
		first.Find("h3 a").AttrOr("href", "") != "https://city.example.org/de/inhalt/venlo-markt/" ||
		first.Find("time").AttrOr("datetime", "") != "2022-11-20" || first.Find("time").Text() != "20 Nov 2022" {
		t.Errorf("first article: %q", first.Text())
	}
	if strings.Contains(body, "<b>in</b>") || strings.Contains(body, "<script>") {
		t.Error("scraped markup reached the page")
	}
}

func TestNotFound(t *testing.T) {
	f := newFixture(t, testConfig())
	for _, path := range []string{"/partners/atlantis", "/feeds/atlantis.atom", "/feeds/venlo.xml"} {
		resp, body := f.get(t, path)
		doc := parse(t, body)
		if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			doc.Find(`main a[href="/partners/venlo"]`).Length() != 1 {
			t.Errorf("%s: %d, partners listed: %d", path, resp.StatusCode, doc.Find("main li").Length())
		}
	}
}

// TestOPML: /feeds.opml lists every feed once, in Atom unless ?format=
// names another format, so that a reader importing it shows each article
// once; an unknown format is the 404 page.
func TestOPML(t *testing.T) {
	f := newFixture(t, testConfig())
	for _, c := range []struct{ query, ext string }{{"", ".atom"}, {"?format=atom", ".atom"}, {"?format=rss", ".rss"}, {"?format=json", ".json"}} {
		resp, body := f.get(t, "/feeds.opml"+c.query)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/x-opml") {
			t.Fatalf("%s: %d %s", c.query, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var doc struct {
			Version  string `xml:"version,attr"`
			Title    string `xml:"head>title"`
			Outlines []struct {
				Text     string     `xml:"text,attr"`
				Type     string     `xml:"type,attr"`
				XMLURL   string     `xml:"xmlUrl,attr"`
				Children []struct{} `xml:"outline"`
			} `xml:"body>outline"`
		}
		if err := xml.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Version != "2.0" || doc.Title == "" || len(doc.Outlines) != 4 {
			t.Fatalf("%s: want 4 feeds (all and three partners), one format: %+v", c.query, doc)
		}
		seen := map[string]bool{}
		for _, fd := range doc.Outlines {
			if fd.Type != "rss" || fd.Text == "" || len(fd.Children) > 0 || seen[fd.XMLURL] ||
				!strings.HasPrefix(fd.XMLURL, f.srv.URL+"/feeds/") || !strings.HasSuffix(fd.XMLURL, c.ext) {
				t.Errorf("%s: outline %+v, want one %s feed", c.query, fd, c.ext)
				continue
			}
			seen[fd.XMLURL] = true
			if r, _ := f.get(t, strings.TrimPrefix(fd.XMLURL, f.srv.URL)); r.StatusCode != 200 {
				t.Errorf("%s: %d", fd.XMLURL, r.StatusCode)
			}
		}
	}
	if resp, _ := f.get(t, "/feeds.opml?format=xml"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown format: %d, want 404", resp.StatusCode)
	}
}
