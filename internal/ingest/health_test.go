package ingest_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// sourceMetrics scrapes a fresh registry holding only the source health
// collector (as a restarted serve would): metric name -> source -> value.
func sourceMetrics(t *testing.T, e *env) map[string]map[string]float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(ingest.NewHealth(e.st, e.cfg.Sources, slog.New(slog.NewTextHandler(io.Discard, nil))))
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]float64{}
	for _, f := range families {
		out[f.GetName()] = map[string]float64{}
		for _, m := range f.GetMetric() {
			out[f.GetName()][m.GetLabel()[0].GetValue()] = m.GetGauge().GetValue()
		}
	}
	return out
}

// errorLines counts the ERROR log lines naming the source.
func errorLines(e *env, source string) int {
	n := 0
	for _, line := range strings.Split(e.logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") && strings.Contains(line, "source="+source+" ") {
			n++
		}
	}
	return n
}

func TestSourceHealthMetrics(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	const (
		success = "partnerfeed_source_last_success_timestamp_seconds"
		lastRun = "partnerfeed_source_last_run_timestamp_seconds"
		pages   = "partnerfeed_source_pages_read"
		found   = "partnerfeed_source_articles_found"
		fresh   = "partnerfeed_source_articles_new"
		failed  = "partnerfeed_source_articles_failed"
		blocks  = "partnerfeed_source_template_blocks_removed"
	)
	// The healthy source: a corpus shape whose template the pass learns.
	venlo := e.archive.Shape("venlo").Site()
	vs := httptest.NewServer(venlo.Handler)
	t.Cleanup(vs.Close)
	e.cfg.Sources = append(e.cfg.Sources, config.Source{Name: "venlo", Kind: "html", URL: vs.URL + venlo.Listing, BackfillPages: 20})
	e.in.Cfg = e.cfg
	if m := sourceMetrics(t, e); len(m) != 0 {
		t.Fatalf("before any pass: %v", m)
	}
	// A healthy source and one whose listing answers 500.
	e.archive.Break(archivetest.MusterstadtListing, http.StatusInternalServerError)
	e.run(t, "venlo", false)
	reps, _ := e.in.RunAll(ctx, "musterstadt", ingest.Options{})
	if reps[0].Err == nil {
		t.Fatalf("broken listing read: %+v", reps[0])
	}
	m := sourceMetrics(t, e)
	all := float64(len(venlo.Expected))
	if m[success]["venlo"] == 0 || m[pages]["venlo"] != 3 || m[found]["venlo"] != all || m[fresh]["venlo"] != all ||
		m[failed]["venlo"] != 0 || m[blocks]["venlo"] == 0 {
		t.Errorf("venlo after its first pass: %v", m)
	}
	if _, ok := m[success]["musterstadt"]; ok || m[lastRun]["musterstadt"] == 0 || m[pages]["musterstadt"] != 0 {
		t.Errorf("musterstadt never read: %v", m)
	}
	if n, k := errorLines(e, "musterstadt"), errorLines(e, "venlo"); n != 1 || k != 0 {
		t.Fatalf("ERROR lines: musterstadt %d (want 1), venlo %d (want 0)\n%s", n, k, e.logs.String())
	}
	if w := strings.Count(e.logs.String(), `level=WARN msg="Listing fetch failed"`); w != 1 {
		t.Errorf("%d WARN lines for the failed listing, want 1", w)
	}
	// The next pass finds nothing new on the first page and stops: the
	// gauges hold that pass's figures, not a sum; its last success moves on.
	before := m[success]["venlo"]
	e.run(t, "venlo", false)
	m = sourceMetrics(t, e)
	if m[success]["venlo"] < before || m[pages]["venlo"] != 1 || m[fresh]["venlo"] != 0 || m[found]["venlo"] >= all {
		t.Errorf("venlo after a pass with nothing new: %v", m)
	}
	// Musterstadt's listing heals, but every release page fails: the source
	// yields nothing, one ERROR line more; its last success is set.
	e.archive.Break(archivetest.MusterstadtListing, 0)
	for _, r := range e.musterstadt.Releases() {
		e.archive.Break(e.musterstadt.Path(r), http.StatusInternalServerError)
	}
	e.in.RunAll(ctx, "musterstadt", ingest.Options{})
	m = sourceMetrics(t, e)
	if m[success]["musterstadt"] == 0 || m[pages]["musterstadt"] != 3 || m[found]["musterstadt"] != 8 ||
		m[failed]["musterstadt"] != 8 || m[fresh]["musterstadt"] != 0 {
		t.Errorf("musterstadt with failing release pages: %v", m)
	}
	if n := errorLines(e, "musterstadt"); n != 2 || !strings.Contains(e.logs.String(), `msg="Source yields no article`) {
		t.Fatalf("ERROR lines for musterstadt: %d, want 2\n%s", n, e.logs.String())
	}
	// Three of eight heal: most pages still fail, one ERROR line more.
	for _, r := range e.musterstadt.Releases()[:3] {
		e.archive.Break(e.musterstadt.Path(r), 0)
	}
	e.run(t, "musterstadt", true)
	if m = sourceMetrics(t, e); m[fresh]["musterstadt"] != 3 || m[failed]["musterstadt"] != 5 || errorLines(e, "musterstadt") != 3 ||
		!strings.Contains(e.logs.String(), `msg="Most article pages of the source fail`) {
		t.Fatalf("musterstadt with 5 of 8 failing: %v\n%s", m, e.logs.String())
	}
	// Healed: a good pass, no further ERROR line.
	for _, r := range e.musterstadt.Releases() {
		e.archive.Break(e.musterstadt.Path(r), 0)
	}
	e.run(t, "musterstadt", true)
	if m = sourceMetrics(t, e); m[fresh]["musterstadt"] != 5 || m[failed]["musterstadt"] != 0 || errorLines(e, "musterstadt") != 3 {
		t.Errorf("musterstadt healed: %v", m)
	}
}
