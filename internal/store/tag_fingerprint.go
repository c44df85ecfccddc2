package store

import (
	"context"
	"errors"
	"fmt"
)

// SettingTagFingerprint is the settings key holding the fingerprint of the
// tagger rules and partner configuration (tag.Fingerprint) that the stored
// tags were computed with; serve re-tags every article when it differs.
const SettingTagFingerprint = "tag.fingerprint"

// ClaimTagFingerprint records fp as the fingerprint of the stored tags when
// no article is stored yet: every article stored from then on by a tagger
// with fp is tagged with it. With articles stored it changes nothing (their
// tags may come from other rules). It reports whether fp is the recorded one.
func (s *Store) ClaimTagFingerprint(ctx context.Context, fp string) (bool, error) {
	_, err := s.q.ExecContext(ctx, `INSERT INTO settings (key, value)
		SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM articles)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, SettingTagFingerprint, fp)
	if err != nil {
		return false, fmt.Errorf("store: claim tag fingerprint: %w", err)
	}
	v, err := s.Setting(ctx, SettingTagFingerprint)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return false, err
	}
	return v == fp, nil
}
