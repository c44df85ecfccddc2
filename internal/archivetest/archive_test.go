package archivetest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestKrefeldShape(t *testing.T) {
	a := New(true)
	defer a.Close()
	k := a.Krefeld()
	srv := httptest.NewServer(k)
	defer srv.Close()
	if n := len(k.Releases()); n != 50 {
		t.Fatalf("%d releases", n)
	}
	code, body := get(t, srv.URL+KrefeldListing+"&s91=46&s93=326")
	if code != 200 || !strings.Contains(body, "Seite mit Umleitungsschleife") || strings.Contains(body, "nächste Seite") {
		t.Fatalf("last listing page: %d\n%s", code, body)
	}
	code, body = get(t, srv.URL+"/de/inhalt/besuch-aus-frankreich-neue-impulse-fuer-partnerschaft-mit-duenkirchen/&s94=11")
	if code != 200 || !strings.Contains(body, "Veröffentlicht am: 24.11.2022") {
		t.Fatalf("seed: %d", code)
	}
	if os.Getenv("ARCHIVE_DUMP") != "" {
		os.WriteFile("/tmp/seed.html", []byte(body), 0o644)
		_, l := get(t, srv.URL+KrefeldListing)
		os.WriteFile("/tmp/listing.html", []byte(l), 0o644)
	}
}

func TestMusterstadtShape(t *testing.T) {
	a := New(false)
	m := a.Musterstadt()
	srv := httptest.NewServer(m)
	defer srv.Close()
	code, body := get(t, srv.URL+MusterstadtFeed)
	if code != 200 || strings.Contains(body, "<guid") || !strings.Contains(body, "+0200</pubDate>") {
		t.Fatalf("feed: %d\n%s", code, body)
	}
	if os.Getenv("ARCHIVE_DUMP") != "" {
		os.WriteFile("/tmp/feed.xml", []byte(body), 0o644)
		_, l := get(t, srv.URL+MusterstadtListing+"?page=2")
		os.WriteFile("/tmp/m-listing.html", []byte(l), 0o644)
		_, l = get(t, srv.URL+m.Path(m.Releases()[0]))
		os.WriteFile("/tmp/m-article.html", []byte(l), 0o644)
	}
}

func TestBerlinShape(t *testing.T) {
	a := New(false)
	b := a.Berlin()
	srv := httptest.NewServer(b)
	defer srv.Close()
	items := func(body string) int { return strings.Count(body, "<item>") }
	code, first := get(t, srv.URL+BerlinFeed)
	if code != 200 || items(first) != 10 || strings.Contains(first, "<guid") || !strings.Contains(first, "+0200</pubDate>") {
		t.Fatalf("feed: %d\n%s", code, first)
	}
	if n := len(b.Releases()); n != 23 {
		t.Fatalf("%d releases published", n)
	}
	_, third := get(t, srv.URL+BerlinFeed+"&page=3")
	_, past := get(t, srv.URL+BerlinFeed+"&page=7")
	if items(third) != 3 || past != third {
		t.Fatalf("page 3 has %d items; past the end differs:\n%s", items(third), past)
	}
	code, body := get(t, srv.URL+b.Path(b.Releases()[0]))
	if code != 200 || !strings.Contains(body, "Pressemitteilung vom 17.09.2024") {
		t.Fatalf("article: %d\n%s", code, body)
	}
	b.Publish(3)
	if _, now := get(t, srv.URL+BerlinFeed); now == first || len(b.Releases()) != 26 {
		t.Fatalf("publishing changed nothing")
	}
	b.EmptyPastEnd()
	if _, past = get(t, srv.URL+BerlinFeed+"&page=4"); items(past) != 0 {
		t.Fatalf("page past the end: %d items", items(past))
	}
}
