package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Delivery statuses of the ledger: a row is recorded pending, claimed (sending)
// right before the message goes out, and completed (sent, failed or skipped).
const (
	DeliveryPending = "pending"
	DeliverySending = "sending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
	DeliverySkipped = "skipped"
)

// Delivery is one row of the delivery ledger: one article to one recipient
// over one channel.
type Delivery struct {
	ID        int64
	ArticleID int64
	Channel   string
	Recipient string
	Status    string
	Attempts  int
	LastError string
}

// DeliveryOutcome completes (or returns to pending) one claimed delivery.
// Attempt names the claim it comes from (the Attempts of the claimed row):
// the outcome applies only while the row is still in that claim, so a sender
// that stalled past the stale limit cannot overwrite a row that was released
// and claimed again meanwhile.
type DeliveryOutcome struct {
	ID      int64
	Attempt int    // the claim's Delivery.Attempts
	Status  string // sent | failed | skipped | pending (try again later)
	Error   string
	// MessageID is the message a sent delivery became (Telegram), 0 when
	// unknown.
	MessageID int64
}

// RecordDeliveries records pending rows for the recipients (duplicates are
// ignored) and returns how many were new.
func (s *Store) RecordDeliveries(ctx context.Context, articleID int64, channel string, recipients []string) (int64, error) {
	var total int64
	now := Now()
	const chunk = 200
	for start := 0; start < len(recipients); start += chunk {
		part := recipients[start:min(start+chunk, len(recipients))]
		var b strings.Builder
		args := []any{articleID, channel, now}
		b.WriteString(`INSERT INTO deliveries (article_id, channel, recipient, status, created_at) VALUES `)
		for i, r := range part {
			if i > 0 {
				b.WriteString(",")
			}
			args = append(args, r)
			fmt.Fprintf(&b, "($1,$2,$%d,'pending',$3)", len(args))
		}
		b.WriteString(` ON CONFLICT (article_id, channel, recipient) DO NOTHING`)
		res, err := s.q.ExecContext(ctx, b.String(), args...)
		if err != nil {
			return total, fmt.Errorf("store: record deliveries: %w", err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// PendingDeliveryIDs returns the ids of an article's pending rows on a channel, ascending.
func (s *Store) PendingDeliveryIDs(ctx context.Context, articleID int64, channel string) ([]int64, error) {
	return queryList[int64](ctx, s.q, "pending deliveries", `SELECT id FROM deliveries
		WHERE article_id = $1 AND channel = $2 AND status = 'pending' ORDER BY id`, articleID, channel)
}

// PendingDeliveryArticles returns the articles that have pending rows on a channel.
func (s *Store) PendingDeliveryArticles(ctx context.Context, channel string) ([]int64, error) {
	return queryList[int64](ctx, s.q, "pending delivery articles", `SELECT DISTINCT article_id FROM deliveries
		WHERE channel = $1 AND status = 'pending' ORDER BY article_id`, channel)
}

// ClaimDeliveries moves up to limit pending rows of an article with ids in
// [fromID, toID] to sending, and returns them. Call it right before sending:
// a crash leaves exactly the claimed rows in sending. claimer (the replica's
// River client ID) is recorded, so that the rows of a replica that dies are
// released as soon as it is known dead (ReleaseDeliveriesOf).
func (s *Store) ClaimDeliveries(ctx context.Context, articleID int64, channel string, fromID, toID int64, limit int, claimer string) ([]Delivery, error) {
	rows, err := s.q.QueryContext(ctx, `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_at = $1, claimed_by = $7
		WHERE status = 'pending' AND id IN (SELECT id FROM deliveries
			WHERE article_id = $2 AND channel = $3 AND status = 'pending' AND id >= $4 AND id <= $5
			ORDER BY id LIMIT $6`+s.Dialect.skipLocked()+`)
		RETURNING id, article_id, channel, recipient, status, attempts, last_error`,
		Now(), articleID, channel, fromID, toID, limit, claimer)
	if err != nil {
		return nil, fmt.Errorf("store: claim deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		if err := rows.Scan(&d.ID, &d.ArticleID, &d.Channel, &d.Recipient, &d.Status, &d.Attempts, &d.LastError); err != nil {
			return nil, fmt.Errorf("store: scan delivery: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FinishDeliveries stores the outcomes of claimed rows in one transaction
// (one statement for all sent rows, one per other outcome). An outcome
// changes its row only while the row is still in sending under the claim the
// outcome names (its Attempt); a late outcome of an earlier claim changes
// nothing.
func (s *Store) FinishDeliveries(ctx context.Context, outcomes []DeliveryOutcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	return s.InTx(ctx, func(tx *Store) error {
		now := Now()
		var sent, claims, messages []string
		counted := map[string]map[string]int64{} // channel → result → rows changed
		for _, o := range outcomes {
			if o.Status == DeliverySent && o.Error == "" {
				id := strconv.FormatInt(o.ID, 10)
				sent = append(sent, id)
				claims = append(claims, " WHEN "+id+" THEN "+strconv.Itoa(o.Attempt))
				messages = append(messages, " WHEN "+id+" THEN "+strconv.FormatInt(o.MessageID, 10))
				continue
			}
			sentAt := int64(0)
			if o.Status == DeliverySent {
				sentAt = now
			}
			if err := tx.countChanged(ctx, counted, o.Status, `UPDATE deliveries SET status = $1, last_error = $2,
				sent_at = $3, claimed_at = 0 WHERE id = $4 AND status = 'sending' AND attempts = $5 RETURNING channel`,
				o.Status, o.Error, sentAt, o.ID, o.Attempt); err != nil {
				return fmt.Errorf("store: finish delivery %d: %w", o.ID, err)
			}
		}
		if len(sent) > 0 {
			// Integers only: safe to inline.
			if err := tx.countChanged(ctx, counted, DeliverySent, `UPDATE deliveries SET status = 'sent', last_error = '',
				sent_at = $1, claimed_at = 0, message_id = CASE id`+strings.Join(messages, "")+` END
				WHERE status = 'sending' AND id IN (`+strings.Join(sent, ",")+`)
				AND attempts = CASE id`+strings.Join(claims, "")+` END RETURNING channel`, now); err != nil {
				return fmt.Errorf("store: finish deliveries: %w", err)
			}
		}
		for channel, byResult := range counted {
			tx.countOutcomes(channel, byResult)
		}
		return nil
	})
}

// countChanged runs an UPDATE … RETURNING channel and adds the rows it
// changed to counted[channel][result].
func (s *Store) countChanged(ctx context.Context, counted map[string]map[string]int64, result, query string, args ...any) error {
	channels, err := queryList[string](ctx, s.q, "finished deliveries", query, args...)
	if err != nil {
		return err
	}
	for _, ch := range channels {
		if counted[ch] == nil {
			counted[ch] = map[string]int64{}
		}
		counted[ch][result]++
	}
	return nil
}

// ReleaseStaleDeliveries returns rows left in sending since before claimedBefore
// (their sender crashed) to pending. It reports how many rows it released and
// their articles: each row may have been delivered already, so each is a
// possible duplicate when resent.
func (s *Store) ReleaseStaleDeliveries(ctx context.Context, channel string, claimedBefore time.Time) (int, []int64, error) {
	return s.releaseDeliveries(ctx, releaseToPending+`
		WHERE channel = $1 AND status = 'sending' AND claimed_at < $2 RETURNING article_id`,
		channel, Millis(claimedBefore))
}

// releaseToPending starts the UPDATE that returns interrupted rows in
// sending to pending (each a possible duplicate when resent).
const releaseToPending = `UPDATE deliveries SET status = 'pending', claimed_at = 0, claimed_by = '',
		last_error = 'interrupted while sending; resent, possibly a duplicate'`

// releaseDeliveries runs an UPDATE … RETURNING article_id that returns rows
// to pending, and counts the rows and their distinct articles.
func (s *Store) releaseDeliveries(ctx context.Context, query string, args ...any) (int, []int64, error) {
	rows, err := s.q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, nil, fmt.Errorf("store: release deliveries: %w", err)
	}
	defer rows.Close()
	n := 0
	seen := map[int64]bool{}
	var articles []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, nil, fmt.Errorf("store: scan delivery: %w", err)
		}
		n++
		if !seen[id] {
			seen[id] = true
			articles = append(articles, id)
		}
	}
	return n, articles, rows.Err()
}

// SkipPendingDeliveries marks a recipient's pending rows skipped with a reason.
func (s *Store) SkipPendingDeliveries(ctx context.Context, channel, recipient, reason string) error {
	res, err := s.q.ExecContext(ctx, `UPDATE deliveries SET status = 'skipped', last_error = $1
		WHERE channel = $2 AND recipient = $3 AND status = 'pending'`, reason, channel, recipient)
	if err != nil {
		return fmt.Errorf("store: skip deliveries: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil {
		s.countOutcomes(channel, map[string]int64{DeliverySkipped: n})
	}
	return nil
}

// MoveDeliveries gives a recipient's unsent rows to a new recipient (a chat
// that changed its id), unless the new one already has a row for the article.
func (s *Store) MoveDeliveries(ctx context.Context, channel, from, to string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE deliveries SET recipient = $1
		WHERE channel = $2 AND recipient = $3 AND status IN ('pending', 'sending')
		AND NOT EXISTS (SELECT 1 FROM deliveries d2 WHERE d2.article_id = deliveries.article_id
			AND d2.channel = $2 AND d2.recipient = $1)`, to, channel, from)
	if err != nil {
		return fmt.Errorf("store: move deliveries: %w", err)
	}
	return nil
}

// DeliveryCounts returns how many rows of an article on a channel are in each status.
func (s *Store) DeliveryCounts(ctx context.Context, articleID int64, channel string) (map[string]int, error) {
	return countByStatus(ctx, s.q, `SELECT status, COUNT(*) FROM deliveries
		WHERE article_id = $1 AND channel = $2 GROUP BY status`, articleID, channel)
}

// RecentDeliveryTimes returns, oldest first and at most limit of them, when
// the channel's messages since since went out: sent_at for sent rows, and
// now for rows still in sending (they may have gone out just now). A
// restarted sender primes its rate limiter with them.
func (s *Store) RecentDeliveryTimes(ctx context.Context, channel string, since time.Time, limit int) ([]time.Time, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT t FROM (
			SELECT sent_at AS t FROM deliveries WHERE channel = $1 AND status = 'sent' AND sent_at >= $2
			UNION ALL
			SELECT CAST($3 AS BIGINT) AS t FROM deliveries WHERE channel = $1 AND status = 'sending'
		) recent ORDER BY t DESC LIMIT $4`, channel, Millis(since), Now(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: recent deliveries: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return nil, fmt.Errorf("store: scan delivery time: %w", err)
		}
		out = append(out, time.UnixMilli(ms))
	}
	slices.Reverse(out)
	return out, rows.Err()
}

// DeliveryRecipients returns the recipients of an article's rows with ids in [fromID, toID].
func (s *Store) DeliveryRecipients(ctx context.Context, articleID int64, channel string, fromID, toID int64) ([]string, error) {
	return queryList[string](ctx, s.q, "delivery recipients", `SELECT recipient FROM deliveries
		WHERE article_id = $1 AND channel = $2 AND id >= $3 AND id <= $4`, articleID, channel, fromID, toID)
}

// UnfinishedDeliveryCounts returns how many rows of a channel are pending,
// sending or failed (not sent ones: they only grow).
func (s *Store) UnfinishedDeliveryCounts(ctx context.Context, channel string) (map[string]int, error) {
	return countByStatus(ctx, s.q, `SELECT status, COUNT(*) FROM deliveries
		WHERE channel = $1 AND status IN ('pending', 'sending', 'failed') GROUP BY status`, channel)
}
