package ingest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/config"
)

// TestHugeArticleCut: a 2 MB source page is stored cut to
// fetch.max_article_bytes (default 256 KiB), between paragraphs, and the
// cut is logged.
func TestHugeArticleCut(t *testing.T) {
	para := "<p>" + strings.Repeat("Ein langer Absatz über die Partnerstadt Venlo. ", 20) + "</p>\n"
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>S</title><link>%[1]s/</link><description>d</description>
<item><title>Riesige Meldung</title><link>%[1]s/huge</link><description>Teaser</description><pubDate>Mon, 03 Jun 2024 09:30:00 +0200</pubDate></item>
</channel></rss>`, srv.URL)
		case "/huge":
			io.WriteString(w, `<html><body><main><h1>Riesige Meldung</h1><p>Veröffentlicht am: 03.06.2024</p>`+
				strings.Repeat(para, 2<<20/len(para))+`</main></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	e := newEnv(t, false)
	e.in.Cfg.Sources = append(e.in.Cfg.Sources, config.Source{Name: "huge", Kind: "feed", URL: srv.URL + "/feed.xml", BackfillPages: 1})
	if rep := e.run(t, "huge", true); rep.New != 1 {
		t.Fatalf("pass: %+v\n%s", rep, e.logs.String())
	}
	a, err := e.st.ArticleByURL(context.Background(), srv.URL+"/huge")
	if err != nil {
		t.Fatal(err)
	}
	max := config.DefaultMaxArticleBytes
	if len(a.BodyHTML) > max || len(a.BodyText) > max || len(a.BodyHTML) < max/2 {
		t.Errorf("stored %d bytes of HTML and %d of text, want at most %d (and most of it)", len(a.BodyHTML), len(a.BodyText), max)
	}
	if !strings.HasSuffix(strings.TrimSpace(a.BodyHTML), "</p>") || !strings.HasSuffix(a.BodyText, "Venlo.") {
		t.Errorf("not cut between paragraphs: …%q / …%q", a.BodyHTML[len(a.BodyHTML)-40:], a.BodyText[len(a.BodyText)-40:])
	}
	if !strings.Contains(e.logs.String(), "Article cut to fetch.max_article_bytes") {
		t.Errorf("the cut is not logged:\n%s", e.logs.String())
	}
}
