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
