package store

import (
	"context"
	"fmt"
)

// RunFigures are what one ingest pass over a source counted: the source's
// health as data (Prometheus gauges partnerfeed_source_…).
type RunFigures struct {
	PagesRead      int64 // listing or feed pages read (304s included)
	ArticlesFound  int64 // article links found on them
	ArticlesNew    int64 // articles stored for the first time
	ArticlesFailed int64 // article links that yielded no article
	TemplateBlocks int64 // blocks cut from the bodies as the source's learned template
	NotReleases    int64 // linked pages skipped as no release (listings, overviews)
}

// RecordSourceFigures keeps the figures of the source's last pass.
func (s *Store) RecordSourceFigures(ctx context.Context, source string, f RunFigures) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO source_state (source, pages_read, articles_found,
			articles_new, articles_failed, template_blocks_removed, not_releases)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (source) DO UPDATE SET pages_read = excluded.pages_read,
			articles_found = excluded.articles_found, articles_new = excluded.articles_new,
			articles_failed = excluded.articles_failed,
			template_blocks_removed = excluded.template_blocks_removed, not_releases = excluded.not_releases`,
		source, f.PagesRead, f.ArticlesFound, f.ArticlesNew, f.ArticlesFailed, f.TemplateBlocks, f.NotReleases)
	if err != nil {
		return fmt.Errorf("store: record figures of %s: %w", source, err)
	}
	return nil
}

// SourceHealth is a source's state with the figures of its last pass.
type SourceHealth struct {
	SourceState
	Last RunFigures
}

// SourcesHealth returns every source that has run, by name.
func (s *Store) SourcesHealth(ctx context.Context) ([]SourceHealth, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT source, last_run_at, last_success_at, backfilled, pages_read,
		articles_found, articles_new, articles_failed, template_blocks_removed, not_releases
		FROM source_state ORDER BY source`)
	if err != nil {
		return nil, fmt.Errorf("store: sources health: %w", err)
	}
	defer rows.Close()
	var out []SourceHealth
	for rows.Next() {
		var h SourceHealth
		var run, ok int64
		var backfilled int
		f := &h.Last
		if err := rows.Scan(&h.Source, &run, &ok, &backfilled, &f.PagesRead, &f.ArticlesFound, &f.ArticlesNew,
			&f.ArticlesFailed, &f.TemplateBlocks, &f.NotReleases); err != nil {
			return nil, fmt.Errorf("store: sources health: %w", err)
		}
		h.LastRunAt, h.LastSuccessAt, h.Backfilled = Time(run), Time(ok), backfilled == 1
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sources health: %w", err)
	}
	return out, nil
}
