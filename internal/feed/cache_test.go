package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

func TestCacheSeesAnotherProcessWrite(t *testing.T) {
	s, path := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	before, _ := c.Get("venlo.atom")
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if same, _ := c.Get("venlo.atom"); same != before {
		t.Fatal("an unchanged store caused a re-render")
	}

	// A second handle on the same file stands for `partnerfeed ingest`.
	other := openStore(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error)
	go func() { done <- c.Run(ctx, 20*time.Millisecond) }()
	addArticle(t, other, store.Article{URL: "https://city.example.org/de/inhalt/neu/",
		Title: "Neues aus Venlo", BodyHTML: "<p>Neu.</p>", PublishedAt: time.Now()}, "venlo")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if r, _ := c.Get("venlo.atom"); strings.Contains(string(r.Body), "Neues aus Venlo") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the cache never saw the other process's article")
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	if arts := c.Articles("venlo"); len(arts) == 0 || arts[0].Title != "Neues aus Venlo" {
		t.Errorf("Articles did not follow: %v", arts)
	}
	if r, _ := c.Get("duenkirchen.atom"); !strings.Contains(string(r.Body), "Dünkirchen") {
		t.Error("other feeds lost their content")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestInvalidateForcesRender(t *testing.T) {
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, "")
	before, _ := c.Get("venlo.rss")
	c.Invalidate()
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, _ := c.Get("venlo.rss")
	if after == before || after.ETag != before.ETag {
		t.Fatal("Invalidate did not re-render, or the same data gave other bytes")
	}
}

// hubFake records WebSub publish pings like a hub (202 Accepted).
type hubFake struct {
	mu     sync.Mutex
	topics []string
}

func (h *hubFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.Method != http.MethodPost || r.PostForm.Get("hub.mode") != "publish" {
		http.Error(w, "bad publish", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.topics = append(h.topics, r.PostForm["hub.url"]...)
	h.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func (h *hubFake) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.topics
	h.topics = nil
	sort.Strings(out)
	return out
}

func TestWebSubPingAfterChange(t *testing.T) {
	hub := &hubFake{}
	srv := httptest.NewServer(hub)
	defer srv.Close()
	s, _ := newStore(t)
	populate(t, s)
	c, _ := newCache(t, s, srv.URL+"/hub")
	if got := hub.take(); len(got) != 0 {
		t.Fatalf("pinged at start: %v", got)
	}
	if r, _ := c.Get("venlo.atom"); !strings.Contains(string(r.Body), `href="`+srv.URL+`/hub" rel="hub"`) {
		t.Fatal("the Atom feed does not advertise the hub")
	}
	addArticle(t, s, store.Article{URL: "https://city.example.org/de/inhalt/dk/",
		Title: "Neues aus Dunkerque", BodyHTML: "<p>Neu.</p>", PublishedAt: time.Now()}, "duenkirchen")
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{}
	for _, slug := range []string{"all", "duenkirchen"} {
		for _, f := range []string{"atom", "json", "rss"} {
			want = append(want, "https://news.example.org/feeds/"+slug+"."+f)
		}
	}
	sort.Strings(want)
	if got := hub.take(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("pinged %v, want %v", got, want)
	}
	if err := c.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := hub.take(); len(got) != 0 {
		t.Fatalf("pinged without a change: %v", got)
	}
}
