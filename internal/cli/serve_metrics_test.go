package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestMetricsShowSourceHealth: /metrics shows each configured source's
// health as the store keeps it, so a restarted process (or another replica)
// shows what an earlier pass recorded.
func TestMetricsShowSourceHealth(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pf.db")
	st, err := store.Open(ctx, "sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ok := time.Unix(1_760_000_000, 0)
	st.RecordSourceRun(ctx, "krefeld", ok, true)
	st.RecordSourceFigures(ctx, "krefeld", store.RunFigures{PagesRead: 2, ArticlesFound: 10, ArticlesNew: 4, TemplateBlocks: 6, NotReleases: 3})
	st.RecordSourceRun(ctx, "gone", ok, true) // no longer configured: not shown
	st.Close()

	// A new process on the same database.
	st, err = store.Open(ctx, "sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &app{store: st, mux: http.NewServeMux(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	a.cfg.Sources = []config.Source{{Name: "krefeld"}, {Name: "musterstadt"}}
	if err := a.mountRoutes(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.mux)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, body := resp.StatusCode, string(b)
	for _, want := range []string{
		`partnerfeed_source_last_success_timestamp_seconds{source="krefeld"} 1.76e+09`,
		`partnerfeed_source_pages_read{source="krefeld"} 2`,
		`partnerfeed_source_articles_found{source="krefeld"} 10`,
		`partnerfeed_source_articles_new{source="krefeld"} 4`,
		`partnerfeed_source_articles_failed{source="krefeld"} 0`,
		`partnerfeed_source_template_blocks_removed{source="krefeld"} 6`,
		`partnerfeed_source_not_releases{source="krefeld"} 3`,
		`# TYPE partnerfeed_source_pages_read gauge`,
		`go_goroutines`, // the default registry is still served
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics (%d) lacks %s", code, want)
		}
	}
	if strings.Contains(body, `partnerfeed_source_last_success_timestamp_seconds{source="gone"}`) ||
		strings.Contains(body, `partnerfeed_source_pages_read{source="musterstadt"}`) {
		t.Errorf("/metrics shows a source without state or not configured:\n%s", body)
	}
}
