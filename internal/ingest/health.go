package ingest

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Health is a Prometheus collector of each configured source's health, read
// from the store's source state at every scrape: the last success survives a
// restart, and every replica shows the figures of the last pass whichever
// process (serve, another replica, partnerfeed ingest) ran it. The figures
// are gauges holding the last pass's counts, not counters.
type Health struct {
	st      *store.Store
	sources map[string]bool
	log     *slog.Logger
}

// NewHealth returns the collector for the configured sources.
func NewHealth(st *store.Store, sources []config.Source, log *slog.Logger) *Health {
	h := &Health{st: st, sources: map[string]bool{}, log: log}
	for _, s := range sources {
		h.sources[s.Name] = true
	}
	return h
}

func healthDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("partnerfeed_source_"+name, help, []string{"source"}, nil)
}

var (
	descLastSuccess = healthDesc("last_success_timestamp_seconds", "Unix time of the last ingest pass that read the source.")
	descLastRun     = healthDesc("last_run_timestamp_seconds", "Unix time of the last ingest pass over the source, read or not.")
	descPages       = healthDesc("pages_read", "Listing or feed pages read by the last pass (304s included).")
	descFound       = healthDesc("articles_found", "Article links found by the last pass.")
	descNew         = healthDesc("articles_new", "Articles the last pass stored for the first time.")
	descFailed      = healthDesc("articles_failed", "Article links of the last pass that yielded no article.")
	descBlocks      = healthDesc("template_blocks_removed", "Blocks the last pass cut from article bodies as the source's learned template.")
	descNotReleases = healthDesc("not_releases", "Linked pages the last pass skipped as no release (listings, overviews), and next pages that were no listing.")
)

// Describe sends the metrics' descriptions.
func (h *Health) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descLastSuccess, descLastRun, descPages, descFound, descNew, descFailed, descBlocks, descNotReleases} {
		ch <- d
	}
}

// Collect reads the source states; a source that never ran has no series.
// When the store does not answer, the scrape goes on without them (logged).
func (h *Health) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	states, err := h.st.SourcesHealth(ctx)
	if err != nil {
		h.log.Warn("Reading source health failed", slog.Any("error", err))
		return
	}
	gauge := func(d *prometheus.Desc, v float64, source string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, source)
	}
	for _, s := range states {
		if !h.sources[s.Source] {
			continue
		}
		if !s.LastSuccessAt.IsZero() {
			gauge(descLastSuccess, float64(s.LastSuccessAt.UnixMilli())/1000, s.Source)
		}
		if !s.LastRunAt.IsZero() {
			gauge(descLastRun, float64(s.LastRunAt.UnixMilli())/1000, s.Source)
		}
		f := s.Last
		gauge(descPages, float64(f.PagesRead), s.Source)
		gauge(descFound, float64(f.ArticlesFound), s.Source)
		gauge(descNew, float64(f.ArticlesNew), s.Source)
		gauge(descFailed, float64(f.ArticlesFailed), s.Source)
		gauge(descBlocks, float64(f.TemplateBlocks), s.Source)
		gauge(descNotReleases, float64(f.NotReleases), s.Source)
	}
}
