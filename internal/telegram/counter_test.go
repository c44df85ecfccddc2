package telegram_test

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// counter reads a counter without labels from the default registry (the
// package's tests do not run in parallel, so differences are theirs).
func counter(t *testing.T, name string) float64 {
	t.Helper()
	families, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == name && len(f.GetMetric()) == 1 {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no counter %s", name)
	return 0
}
