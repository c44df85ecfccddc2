package testutil

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Metrics are the metric families of one scrape of /metrics, parsed by
// Prometheus' own text parser.
type Metrics map[string]*dto.MetricFamily

// Scrape sends GET /metrics to h (a route table, or the metrics handler
// itself) and parses the answer; anything but 200 and valid text format
// fails the test.
func Scrape(t testing.TB, h http.Handler) Metrics {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", rec.Code, rec.Body)
	}
	return parse(t, rec.Body)
}

// parse reads the text format.
func parse(t testing.TB, r io.Reader) Metrics {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(r)
	if err != nil {
		t.Fatalf("/metrics: not the text format: %v", err)
	}
	return fams
}

// Value returns the value of the series of name whose labels are the given
// name, value pairs (a counter's, gauge's or untyped value), and whether
// that series exists.
func (m Metrics) Value(name string, labels ...string) (float64, bool) {
	fam := m[name]
	if fam == nil {
		return 0, false
	}
	for _, s := range fam.GetMetric() {
		if hasLabels(s, labels) {
			switch {
			case s.Counter != nil:
				return s.Counter.GetValue(), true
			case s.Gauge != nil:
				return s.Gauge.GetValue(), true
			case s.Untyped != nil:
				return s.Untyped.GetValue(), true
			}
		}
	}
	return 0, false
}

// hasLabels reports whether the series carries every name, value pair.
func hasLabels(s *dto.Metric, pairs []string) bool {
	have := map[string]string{}
	for _, l := range s.GetLabel() {
		have[l.GetName()] = l.GetValue()
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if v, ok := have[pairs[i]]; !ok || v != pairs[i+1] {
			return false
		}
	}
	return true
}

// ScrapeURL fetches the metrics at url (a running daemon's /metrics) and
// parses them as Scrape does.
func ScrapeURL(t testing.TB, url string) Metrics {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, res.Status)
	}
	return parse(t, res.Body)
}
