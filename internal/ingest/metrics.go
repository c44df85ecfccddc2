package ingest

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Metrics on the default registry, per source: enough to notice a source
// that stopped working (failures climb). The figures of each source's last
// pass are in Health, read from the store.
var (
	fetchFailures = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_source_fetch_failures_total",
		Help: "Requests to the source that failed (after retries).",
	}, []string{"source"})
	extractFailures = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_source_extract_failures_total",
		Help: "Fetched pages of the source from which no article could be extracted.",
	}, []string{"source"})
	articlesIngested = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "partnerfeed_source_articles_total",
		Help: "Articles ingested from the source, by outcome (new, updated, unchanged).",
	}, []string{"source", "outcome"})
)
