package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSetupWebServesFeedsAndPages(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st := storetest.Open(t)
	cfg := configtest.Build(config.Config{Site: config.Site{BaseURL: "http://127.0.0.1:8080"},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}}})
	a := &app{cfg: cfg, store: st, log: slog.New(slog.NewTextHandler(io.Discard, nil)), mux: http.NewServeMux()}
	if err := a.setupWeb(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.mountRoutes(); err != nil {
		t.Fatal(err)
	}
	if len(a.background) != 1 {
		t.Fatalf("%d background loops, want the feed poller", len(a.background))
	}
	go a.background[0](ctx)

	art := store.Article{Source: "t", URL: "https://city.example.org/a", Title: "Markt in Venlo", PublishedAt: time.Now()}
	if _, err := st.UpsertArticle(ctx, &art); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ReplaceTags(ctx, art.ID, []store.Tag{{Partner: "venlo"}}); err != nil {
		t.Fatal(err)
	}
	a.feeds.Invalidate()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := httptest.NewRecorder()
		a.mux.ServeHTTP(rec, httptest.NewRequest("GET", "/feeds/venlo.rss", nil))
		if rec.Code == 200 && strings.Contains(rec.Body.String(), "Markt in Venlo") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed never showed the new article: %d %s", rec.Code, rec.Body.String())
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	for path, code := range map[string]int{"/": 200, "/partners/venlo": 200, "/feeds.opml": 200,
		"/feeds/all.json": 200, "/partners/nowhere": 404} {
		rec := httptest.NewRecorder()
		a.mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != code {
			t.Errorf("%s: %d, want %d", path, rec.Code, code)
		}
	}
}
