package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SourceTemplate returns a source's stored site template (the text
// extract.Template marshals to); "" when none was stored yet.
func (s *Store) SourceTemplate(ctx context.Context, source string) (string, error) {
	var t string
	err := s.q.QueryRowContext(ctx, `SELECT template FROM source_templates WHERE source = $1`, source).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: template of %s: %w", source, err)
	}
	return t, nil
}

// SaveSourceTemplate stores a source's site template, replacing the one before.
func (s *Store) SaveSourceTemplate(ctx context.Context, source, template string, at time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO source_templates (source, template, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (source) DO UPDATE SET template = excluded.template, updated_at = excluded.updated_at`,
		source, template, Millis(at))
	if err != nil {
		return fmt.Errorf("store: save template of %s: %w", source, err)
	}
	return nil
}
