package store

import (
	"context"
	"fmt"
	"time"
)

// SetEmailSubscriberPreferences changes a subscriber's partners, schedule
// and language. Articles waiting for its next issue that are about none of
// the new partners are dropped from it: the next digest follows the change.
func (s *Store) SetEmailSubscriberPreferences(ctx context.Context, id int64, partners []string, schedule, language string) error {
	if len(partners) == 0 {
		return fmt.Errorf("store: subscriber preferences: no partner")
	}
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET schedule=$1, language=$2 WHERE id=$3`,
			schedule, language, id); err != nil {
			return fmt.Errorf("store: subscriber preferences: %w", err)
		}
		if err := tx.setSubscriberPartners(ctx, id, partners); err != nil {
			return err
		}
		args := []any{EmailChannel, SubscriberRecipient(id)}
		_, err := tx.q.ExecContext(ctx, `DELETE FROM deliveries WHERE channel = $1 AND recipient = $2
			AND status = 'pending' AND issue_id = 0 AND NOT EXISTS (SELECT 1 FROM article_tags t
			WHERE t.article_id = deliveries.article_id AND t.partner IN (`+placeholders(len(args), len(partners))+`))`,
			append(args, argList(partners)...)...)
		if err != nil {
			return fmt.Errorf("store: subscriber preferences: %w", err)
		}
		return nil
	})
}

// SetEmailSubscriberPaused pauses a subscriber's digests (or resumes them).
// What arrived during the pause is not sent after it: resuming drops the
// articles that were queued for it meanwhile.
func (s *Store) SetEmailSubscriberPaused(ctx context.Context, id int64, paused bool, t time.Time) error {
	return s.InTx(ctx, func(tx *Store) error {
		if paused {
			_, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET paused_at=$1 WHERE id=$2 AND paused_at = 0`, Millis(t), id)
			if err != nil {
				return fmt.Errorf("store: pause subscriber: %w", err)
			}
			return nil
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM deliveries WHERE channel = $1 AND recipient = $2
			AND status = 'pending' AND issue_id = 0 AND created_at >= (SELECT paused_at FROM email_subscribers WHERE id = $3)
			AND (SELECT paused_at FROM email_subscribers WHERE id = $3) > 0`, EmailChannel, SubscriberRecipient(id), id); err != nil {
			return fmt.Errorf("store: resume subscriber: %w", err)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET paused_at=0 WHERE id=$1`, id); err != nil {
			return fmt.Errorf("store: resume subscriber: %w", err)
		}
		return nil
	})
}

// SetEmailConsentIP records the keyed hash of the address a subscription
// was confirmed from, once (a second confirmation keeps the first proof).
func (s *Store) SetEmailConsentIP(ctx context.Context, id int64, hash string) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE email_subscribers SET consent_ip=$1 WHERE id=$2 AND consent_ip = ''`,
		hash, id); err != nil {
		return fmt.Errorf("store: consent address: %w", err)
	}
	return nil
}

// ClaimPreferenceLink decides whether the request made at requested may
// mail the subscriber again (its preference link, or its confirmation
// once more): at most one such mail per ConfirmResendAfter. The same
// request asking again (a retried job) gets the same answer.
func (s *Store) ClaimPreferenceLink(ctx context.Context, id int64, requested time.Time) (bool, error) {
	ms := Millis(requested)
	if _, err := s.q.ExecContext(ctx, `UPDATE email_subscribers SET link_sent_at=$1 WHERE id=$2
		AND link_sent_at <= $3`, ms, id, ms-ConfirmResendAfter.Milliseconds()); err != nil {
		return false, fmt.Errorf("store: claim preference link: %w", err)
	}
	var sent int64
	if err := s.q.QueryRowContext(ctx, `SELECT link_sent_at FROM email_subscribers WHERE id=$1`, id).Scan(&sent); err != nil {
		return false, fmt.Errorf("store: claim preference link: %w", err)
	}
	return sent == ms, nil
}
