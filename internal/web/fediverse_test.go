package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestFediverseAccountShown: with activitypub.enabled the index (per
// partner and for all news) and the partner page name the Fediverse
// account next to the feeds, in the page's language; without it, nothing.
func TestFediverseAccountShown(t *testing.T) {
	cfg := testConfig()
	cfg.ActivityPub.Enabled = true
	f := newFixture(t, cfg)
	u, err := url.Parse(f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, sel, want string }{
		{"/?lang=en", "#partner-venlo p.fediverse", "Follow on Mastodon: @venlo@" + u.Host},
		{"/?lang=fr", "p.fediverse", "Suivre sur Mastodon\u00a0: @all@" + u.Host},
		{"/partners/duenkirchen", "p.fediverse", "Bei Mastodon folgen: @duenkirchen@" + u.Host},
	}
	for _, c := range cases {
		_, body := f.get(t, c.path)
		doc := parse(t, body)
		got := doc.Find(c.sel)
		if c.path == "/?lang=fr" {
			got = got.Last()
		}
		if strings.TrimSpace(got.Text()) != c.want {
			t.Errorf("%s: %s says %q, want %q", c.path, c.sel, got.Text(), c.want)
		}
	}
	off := newFixture(t, testConfig())
	for _, path := range []string{"/", "/partners/venlo"} {
		if _, body := off.get(t, path); strings.Contains(body, "fediverse") || strings.Contains(body, "Mastodon") {
			t.Errorf("%s names a Fediverse account although activitypub is off", path)
		}
	}
}
