package store

import (
	"context"
	"fmt"
	"time"
)

// SentMessage is a message a delivery became: the ledger row, its
// recipient (a chat id or "@channel") and the message's id.
type SentMessage struct {
	DeliveryID int64
	Recipient  string
	MessageID  int64
}

// SentMessages lists the messages of an article sent on channel since t
// whose id is known (and not yet deleted).
func (s *Store) SentMessages(ctx context.Context, articleID int64, channel string, since time.Time) ([]SentMessage, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT id, recipient, message_id FROM deliveries
		WHERE article_id = $1 AND channel = $2 AND status = 'sent' AND message_id <> 0 AND sent_at >= $3
		ORDER BY id`, articleID, channel, Millis(since))
	if err != nil {
		return nil, fmt.Errorf("store: list sent messages: %w", err)
	}
	defer rows.Close()
	var out []SentMessage
	for rows.Next() {
		var m SentMessage
		if err := rows.Scan(&m.DeliveryID, &m.Recipient, &m.MessageID); err != nil {
			return nil, fmt.Errorf("store: scan sent message: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MessageDeleted records that a delivery's message was deleted (why: the
// reason, kept in last_error); the row stays sent.
func (s *Store) MessageDeleted(ctx context.Context, deliveryID int64, why string) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE deliveries SET message_id = 0, last_error = $1 WHERE id = $2`,
		why, deliveryID); err != nil {
		return fmt.Errorf("store: mark message of delivery %d deleted: %w", deliveryID, err)
	}
	return nil
}

// SkipArticleDeliveries completes an article's pending rows on channel as
// skipped with reason (a withdrawn article is sent to nobody more).
func (s *Store) SkipArticleDeliveries(ctx context.Context, articleID int64, channel, reason string) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE deliveries SET status = 'skipped', last_error = $1
		WHERE article_id = $2 AND channel = $3 AND status = 'pending'`, reason, articleID, channel); err != nil {
		return fmt.Errorf("store: skip deliveries of article %d: %w", articleID, err)
	}
	return nil
}
