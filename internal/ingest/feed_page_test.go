package ingest

import (
	"net/url"
	"strconv"
	"testing"
)

func TestFeedPageURL(t *testing.T) {
	tests := []struct {
		url, param string
		n          int
		want       string
	}{
		{"https://www.berlin.de/presse/feed?institutions%5B%5D=Senatskanzlei", "page", 1, "https://www.berlin.de/presse/feed?institutions%5B%5D=Senatskanzlei"},
		{"https://www.berlin.de/presse/feed?institutions%5B%5D=Senatskanzlei", "page", 2, "https://www.berlin.de/presse/feed?institutions%5B%5D=Senatskanzlei&page=2"},
		{"https://a.example/feed.xml", "page", 3, "https://a.example/feed.xml?page=3"},
		{"https://a.example/feed?page=1&x=y&page=9", "page", 4, "https://a.example/feed?page=4&x=y"},
		{"https://a.example/feed?seite=1", "seite", 12, "https://a.example/feed?seite=12"},
	}
	for _, tt := range tests {
		got, err := feedPageURL(tt.url, tt.param, tt.n)
		if err != nil || got != tt.want {
			t.Errorf("feedPageURL(%q, %q, %d) = %q, %v; want %q", tt.url, tt.param, tt.n, got, err, tt.want)
		}
	}
}

func FuzzFeedPageURL(f *testing.F) {
	f.Add("https://www.berlin.de/presse/feed?institutions%5B%5D=Senatskanzlei", "page", 2)
	f.Add("https://a.example/feed?page=1&page=2", "page", 5)
	f.Fuzz(func(t *testing.T, feedURL, param string, n int) {
		if param == "" || n < 2 {
			return
		}
		got, err := feedPageURL(feedURL, param, n)
		if err != nil {
			return
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("%q gave unparsable %q: %v", feedURL, got, err)
		}
		if q, err := url.ParseQuery(u.RawQuery); err == nil && q.Get(param) != strconv.Itoa(n) {
			t.Fatalf("%q: page %d of %q is %q (%s=%q)", feedURL, n, param, got, param, q.Get(param))
		}
	})
}
