package ingest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// TestFullTextStaysOnSourceHosts: a feed item linking to another host (an
// internal address, say) is not fetched; its teaser is stored instead.
// Listed in sources[].allowed_hosts, the host is fetched.
func TestFullTextStaysOnSourceHosts(t *testing.T) {
	var internalHits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		internalHits.Add(1)
		io.WriteString(w, scopePage("Geheime Seite", "Interne Daten, die niemand speichern darf, auch nicht als Artikel eines Feeds."))
	}))
	defer internal.Close()
	var source *httptest.Server
	source = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>%[1]s/</link><description>d</description>
<item><title>Eigene Meldung</title><link>%[1]s/a1</link><description>Teaser eins</description><pubDate>Mon, 03 Jun 2024 09:30:00 +0200</pubDate></item>
<item><title>Fremde Meldung</title><link>%[2]s/secret</link><description>Teaser zwei</description><pubDate>Mon, 03 Jun 2024 10:30:00 +0200</pubDate></item>
</channel></rss>`, source.URL, internal.URL)
		case "/a1":
			io.WriteString(w, scopePage("Eigene Meldung", "Der volle Text der eigenen Meldung steht auf der Seite der Quelle und wird gelesen."))
		default:
			http.NotFound(w, r)
		}
	}))
	defer source.Close()

	for _, c := range []struct {
		name    string
		allowed []string
		hits    int64
		body    string
	}{
		{"other host", nil, 0, "Teaser zwei"},
		{"allowed host", []string{strings.TrimPrefix(internal.URL, "http://")}, 1, "Interne Daten"},
	} {
		t.Run(c.name, func(t *testing.T) {
			internalHits.Store(0)
			e := newEnv(t, false)
			e.in.Cfg.Sources = append(e.in.Cfg.Sources, config.Source{Name: "scope", Kind: "feed", URL: source.URL + "/feed.xml",
				BackfillPages: 1, AllowedHosts: c.allowed})
			rep := e.run(t, "scope", true)
			if rep.New != 2 {
				t.Fatalf("pass: %+v\n%s", rep, e.logs.String())
			}
			if got := internalHits.Load(); got != c.hits {
				t.Errorf("the other host got %d requests, want %d", got, c.hits)
			}
			a, err := e.st.ArticleByURL(context.Background(), internal.URL+"/secret")
			if err != nil || !strings.Contains(a.BodyText, c.body) {
				t.Errorf("off-site item stored as %q (%v), want %q in it", a.BodyText, err, c.body)
			}
			own, err := e.st.ArticleByURL(context.Background(), source.URL+"/a1")
			if err != nil || !strings.Contains(own.BodyText, "volle Text") {
				t.Errorf("own item: %q %v", own.BodyText, err)
			}
		})
	}
}

func scopePage(title, body string) string {
	return `<html><body><main><h1>` + title + `</h1><p>Veröffentlicht am: 03.06.2024</p><p>` + body +
		` Dazu kommen weitere Sätze, damit die Seite lang genug für einen Artikel ist.</p></main></body></html>`
}
