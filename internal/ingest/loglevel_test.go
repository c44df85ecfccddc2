package ingest_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// logLines returns the log lines of a level and message (text handler
// format) that name the source.
func logLines(logs, level, msg, source string) []string {
	re := regexp.MustCompile(`(?m)^.*level=` + level + ` msg="` + regexp.QuoteMeta(msg) + `.*$`)
	var out []string
	for _, l := range re.FindAllString(logs, -1) {
		if source == "" || strings.Contains(l, "source="+source) {
			out = append(out, l)
		}
	}
	return out
}

// A source that is down: each failed attempt is a WARN line, the failed
// pass one ERROR line (the one to alert on), and its summary WARN, not INFO.
func TestSourceDownLogLevels(t *testing.T) {
	e := newEnv(t, false)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	e.in.Cfg.Sources[0].URL = down.URL + "/presse/"
	reps, err := e.in.RunAll(t.Context(), "krefeld", ingest.Options{})
	if err != nil || reps[0].Err == nil {
		t.Fatalf("a source answering 503 was read: %+v %v", reps, err)
	}
	logs := e.logs.String()
	// MaxAttempts is 3 (newEnv): two retries, then the failure.
	if n := len(logLines(logs, "WARN", "Fetch attempt failed; retrying", "")); n != 2 {
		t.Errorf("%d WARN lines for 2 failed attempts before the last:\n%s", n, logs)
	}
	if n := len(logLines(logs, "WARN", "Listing fetch failed", "krefeld")); n != 1 {
		t.Errorf("%d WARN lines for the failed listing:\n%s", n, logs)
	}
	if n := len(logLines(logs, "ERROR", "Source not read", "krefeld")); n != 1 {
		t.Errorf("%d ERROR lines for the failed pass:\n%s", n, logs)
	}
	if n := len(logLines(logs, "WARN", "Ingest finished", "krefeld")); n != 1 {
		t.Errorf("the failed pass's summary is not one WARN line:\n%s", logs)
	}
	if n := len(logLines(logs, "INFO", "Ingest finished", "")); n != 0 {
		t.Errorf("a failed pass's summary at INFO:\n%s", logs)
	}
	// The source's history (the console's sources page) has the failed pass.
	runs, err := e.st.SourceRuns(t.Context(), "krefeld", 10)
	if err != nil || len(runs) != 1 || runs[0].OK() || !strings.Contains(runs[0].Error, "503") || !runs[0].Backfill {
		t.Errorf("history of the failed pass: %+v (%v)", runs, err)
	}
}

// A pass that reads the source but loses single articles sums up at WARN;
// a pass without failures at INFO.
func TestIngestSummaryLevel(t *testing.T) {
	e := newEnv(t, true)
	if k := e.run(t, "krefeld", false); k.Failed == 0 {
		t.Fatalf("the fault pages did not fail: %+v", k)
	}
	if m := e.run(t, "musterstadt", false); m.Failed != 0 {
		t.Fatalf("musterstadt failed: %+v", m)
	}
	logs := e.logs.String()
	if len(logLines(logs, "WARN", "Ingest finished", "krefeld")) != 1 || len(logLines(logs, "INFO", "Ingest finished", "krefeld")) != 0 {
		t.Errorf("krefeld's summary with failed articles is not WARN:\n%s", logs)
	}
	if len(logLines(logs, "INFO", "Ingest finished", "musterstadt")) != 1 {
		t.Errorf("musterstadt's summary without failures is not INFO:\n%s", logs)
	}
	// The history keeps each pass's figures and names the failed articles.
	runs, err := e.st.SourceRuns(t.Context(), "krefeld", 10)
	if err != nil || len(runs) != 1 || !runs[0].OK() || runs[0].Failed != 5 || runs[0].New != 45 || runs[0].Pages != 10 ||
		strings.Count(runs[0].Failures, "\n") != 4 || runs[0].FinishedAt.Before(runs[0].StartedAt) {
		t.Errorf("history of krefeld's pass: %+v (%v)", runs, err)
	}
}
