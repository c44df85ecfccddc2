package ingest

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Metrics on the default registry, per source: enough to notice a source
// that stopped working (its last success gets old, failures climb).
var (
	lastSuccess = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Name: "partnerfeed_source_last_success_timestamp_seconds",
		Help: "Unix time of the last ingest pass that read the source.",
	}, []string{"source"})
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
