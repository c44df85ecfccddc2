package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// FediKey returns a Fediverse actor's key pair (PEM), creating it with gen
// the first time. The first stored pair wins, also when two processes
// create one at once: a key is never replaced.
func (s *Store) FediKey(ctx context.Context, actor string, gen func() (private, public string, err error)) (private, public string, err error) {
	err = s.q.QueryRowContext(ctx, `SELECT private_pem, public_pem FROM fedi_keys WHERE actor = $1`, actor).Scan(&private, &public)
	if err == nil {
		return private, public, nil
	}
	if private, public, err = gen(); err != nil {
		return "", "", fmt.Errorf("store: fediverse key of %s: %w", actor, err)
	}
	if _, err := s.q.ExecContext(ctx, `INSERT INTO fedi_keys (actor, private_pem, public_pem, created_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (actor) DO NOTHING`, actor, private, public, Now()); err != nil {
		return "", "", fmt.Errorf("store: fediverse key of %s: %w", actor, err)
	}
	err = s.q.QueryRowContext(ctx, `SELECT private_pem, public_pem FROM fedi_keys WHERE actor = $1`, actor).Scan(&private, &public)
	if err != nil {
		return "", "", fmt.Errorf("store: fediverse key of %s: %w", actor, err)
	}
	return private, public, nil
}

// FediRemoteKey returns a cached remote public key (PEM) and its actor.
func (s *Store) FediRemoteKey(ctx context.Context, keyID string) (actor, pem string, err error) {
	err = s.q.QueryRowContext(ctx, `SELECT actor, public_pem FROM fedi_remote_keys WHERE key_id = $1`, keyID).Scan(&actor, &pem)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", ErrNotFound
	}
	if err != nil {
		return "", "", fmt.Errorf("store: fediverse remote key: %w", err)
	}
	return actor, pem, nil
}

// PutFediRemoteKey caches (or replaces) a remote public key.
func (s *Store) PutFediRemoteKey(ctx context.Context, keyID, actor, pem string) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO fedi_remote_keys (key_id, actor, public_pem, fetched_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key_id) DO UPDATE SET actor = excluded.actor, public_pem = excluded.public_pem, fetched_at = excluded.fetched_at`,
		keyID, actor, pem, Now())
	if err != nil {
		return fmt.Errorf("store: cache fediverse key: %w", err)
	}
	return nil
}
