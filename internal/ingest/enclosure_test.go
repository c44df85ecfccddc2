package ingest_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// An article's first image gets its length from the image server's
// Content-Length, asked once with HEAD: a second pass, a backfill and a
// changed article ask no more.
func TestEnclosureLengthAskedOnce(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	e.run(t, "krefeld", false)
	arts, err := e.st.ListArticles(ctx, store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	images := map[string]bool{} // paths of first images
	for _, a := range arts {
		if len(a.Images) == 0 {
			continue
		}
		if a.Images[0].Length != 43 { // the fixture's 1×1 GIF
			t.Errorf("%s: first image %s has length %d, want 43", a.URL, a.Images[0].URL, a.Images[0].Length)
		}
		for _, im := range a.Images[1:] {
			if im.Length != 0 {
				t.Errorf("%s: a further image was asked for: %+v", a.URL, im)
			}
		}
		u, err := url.Parse(a.Images[0].URL)
		if err != nil {
			t.Fatal(err)
		}
		images[u.Path] = true
	}
	if len(images) < 3 {
		t.Fatalf("only %d articles with images: the test shows nothing", len(images))
	}
	asked := func() int {
		n := 0
		for p, hits := range e.archive.Stats().ByPath {
			if images[p] {
				n += hits
			}
		}
		return n
	}
	first := asked()
	if first > len(images) {
		t.Errorf("%d requests for %d images in the first pass", first, len(images))
	}
	e.run(t, "krefeld", false)
	e.run(t, "krefeld", true)
	for _, a := range arts[:3] {
		e.archive.Retitle(lastSegment(a.URL), "Geändert: "+a.Title)
	}
	if rep := e.run(t, "krefeld", true); rep.Updated == 0 {
		t.Fatalf("retitled articles not updated: %+v", rep)
	}
	if n := asked(); n != first {
		t.Errorf("the images were asked for again: %d requests, %d after the first pass", n, first)
	}
	for _, a := range arts[:3] {
		got, err := e.st.ArticleByURL(ctx, a.URL)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Images) > 0 && got.Images[0].Length != 43 {
			t.Errorf("%s: a change lost the image's length: %+v", a.URL, got.Images[0])
		}
	}
}

func lastSegment(u string) string {
	u = strings.TrimSuffix(u, "/")
	return u[strings.LastIndex(u, "/")+1:]
}
