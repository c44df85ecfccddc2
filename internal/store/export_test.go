package store

import "context"

// ScrubStoredTokens runs the token-scrubbing migration again (tests store
// rows as an earlier version did, then scrub them).
func (s *Store) ScrubStoredTokens(ctx context.Context) error {
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := s.scrubStoredTokens(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
