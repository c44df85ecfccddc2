package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The states of an email subscriber.
const (
	SubscriberPending   = "pending"   // asked, confirmation mail sent, nothing else
	SubscriberConfirmed = "confirmed" // followed the confirmation link
)

// EmailSubscriber is a citizen who subscribed to a digest on the web page.
type EmailSubscriber struct {
	ID          int64
	Email       string
	Language    string
	Schedule    string // a key of email.subscriber_schedules
	Status      string
	Partners    []string
	CreatedAt   time.Time
	ConfirmedAt time.Time
	Consent     string // what was consented to, when and how
	// ConsentIP is the keyed hash of the address the confirmation came
	// from ("" when email.consent_ip is off).
	ConsentIP    string
	PausedAt     time.Time // zero while receiving
	Bounces      int       // hard bounces counted
	SuppressedAt time.Time // zero unless max_bounces suppressed the address
}

// subscriberColumns are the columns scanSubscriber reads, in its order.
const subscriberColumns = `id, email, language, schedule, status, created_at, confirmed_at, consent,
	consent_ip, paused_at, bounces, suppressed_at`

// scanSubscriber reads one row of subscriberColumns.
func scanSubscriber(row interface{ Scan(...any) error }) (EmailSubscriber, error) {
	var sub EmailSubscriber
	var created, confirmed, paused, suppressed int64
	err := row.Scan(&sub.ID, &sub.Email, &sub.Language, &sub.Schedule, &sub.Status, &created, &confirmed,
		&sub.Consent, &sub.ConsentIP, &paused, &sub.Bounces, &suppressed)
	sub.CreatedAt, sub.ConfirmedAt = Time(created), Time(confirmed)
	if paused != 0 {
		sub.PausedAt = Time(paused)
	}
	if suppressed != 0 {
		sub.SuppressedAt = Time(suppressed)
	}
	return sub, err
}

// Recipient is the subscriber's key in the delivery ledger.
func (s EmailSubscriber) Recipient() string { return SubscriberRecipient(s.ID) }

// SubscriberRecipient is the ledger recipient of subscriber id.
func SubscriberRecipient(id int64) string { return "subscriber:" + strconv.FormatInt(id, 10) }

// ConfirmResendAfter is how long a pending address waits before a new request
// sends it another confirmation mail (no mail bombing through the form).
const ConfirmResendAfter = 15 * time.Minute

// RequestEmailSubscription records a subscription request. A new address, or
// a pending one whose last confirmation mail is older than ConfirmResendAfter,
// gets the new choices and needsConfirm true; a confirmed address is left as
// it is (needsConfirm false), so that a stranger cannot change someone else's
// subscription.
func (s *Store) RequestEmailSubscription(ctx context.Context, sub EmailSubscriber) (out EmailSubscriber, needsConfirm bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		old, err := tx.emailSubscriberWhere(ctx, `email = $1`, sub.Email)
		switch {
		case err == nil && (old.Status == SubscriberConfirmed || time.Since(old.CreatedAt) < ConfirmResendAfter):
			out = old
			return nil
		case err == nil:
			sub.ID = old.ID
			_, err = tx.q.ExecContext(ctx, `UPDATE email_subscribers SET language=$1, schedule=$2,
				created_at=$3 WHERE id=$4`, sub.Language, sub.Schedule, Now(), sub.ID)
		case errors.Is(err, ErrNotFound):
			err = tx.q.QueryRowContext(ctx, `INSERT INTO email_subscribers
				(email, language, schedule, status, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
				sub.Email, sub.Language, sub.Schedule, SubscriberPending, Now()).Scan(&sub.ID)
		}
		if err != nil {
			return fmt.Errorf("store: request subscription: %w", err)
		}
		if err := tx.setSubscriberPartners(ctx, sub.ID, sub.Partners); err != nil {
			return err
		}
		out, needsConfirm = sub, true
		out.Status = SubscriberPending
		return nil
	})
	return out, needsConfirm, err
}

func (s *Store) setSubscriberPartners(ctx context.Context, id int64, partners []string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM email_subscriber_partners WHERE subscriber_id = $1`, id); err != nil {
		return fmt.Errorf("store: clear subscriber partners: %w", err)
	}
	for _, p := range partners {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO email_subscriber_partners (subscriber_id, partner)
			VALUES ($1,$2) ON CONFLICT DO NOTHING`, id, p); err != nil {
			return fmt.Errorf("store: add subscriber partner: %w", err)
		}
	}
	return nil
}

// EmailSubscriber returns one subscriber with its partners.
func (s *Store) EmailSubscriber(ctx context.Context, id int64) (EmailSubscriber, error) {
	return s.emailSubscriberWhere(ctx, `id = $1`, id)
}

func (s *Store) emailSubscriberWhere(ctx context.Context, where string, arg any) (EmailSubscriber, error) {
	sub, err := scanSubscriber(s.q.QueryRowContext(ctx, `SELECT `+subscriberColumns+` FROM email_subscribers WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return EmailSubscriber{}, ErrNotFound
	}
	if err != nil {
		return EmailSubscriber{}, fmt.Errorf("store: get subscriber: %w", err)
	}
	list := []EmailSubscriber{sub}
	if err := s.fillSubscriberPartners(ctx, list); err != nil {
		return EmailSubscriber{}, err
	}
	return list[0], nil
}

// EmailSubscribers returns the subscribers with the ids (missing ones are left out).
func (s *Store) EmailSubscribers(ctx context.Context, ids []int64) ([]EmailSubscriber, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	return s.emailSubscribersWhere(ctx, `id IN (`+emailIntList(ids)+`)`)
}

// emailSubscribersWhere lists the subscribers matching where, by id, with their partners.
func (s *Store) emailSubscribersWhere(ctx context.Context, where string, args ...any) ([]EmailSubscriber, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+subscriberColumns+` FROM email_subscribers WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list subscribers: %w", err)
	}
	var list []EmailSubscriber
	for rows.Next() {
		sub, err := scanSubscriber(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan subscriber: %w", err)
		}
		list = append(list, sub)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list subscribers: %w", err)
	}
	return list, s.fillSubscriberPartners(ctx, list)
}

func (s *Store) fillSubscriberPartners(ctx context.Context, list []EmailSubscriber) error {
	if len(list) == 0 {
		return nil
	}
	idx := make(map[int64]int, len(list))
	ids := make([]int64, len(list))
	for i, sub := range list {
		idx[sub.ID], ids[i] = i, sub.ID
	}
	rows, err := s.q.QueryContext(ctx, `SELECT subscriber_id, partner FROM email_subscriber_partners
		WHERE subscriber_id IN (`+emailIntList(ids)+`) ORDER BY subscriber_id, partner`)
	if err != nil {
		return fmt.Errorf("store: list subscriber partners: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return fmt.Errorf("store: scan subscriber partner: %w", err)
		}
		list[idx[id]].Partners = append(list[idx[id]].Partners, p)
	}
	return rows.Err()
}

// ConfirmEmailSubscriber confirms a pending subscriber and records the consent.
// first is false when it was confirmed already (the link was followed twice).
func (s *Store) ConfirmEmailSubscriber(ctx context.Context, id int64, consent string) (sub EmailSubscriber, first bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET status=$1, confirmed_at=$2,
			consent=$3 WHERE id=$4 AND status=$5`, SubscriberConfirmed, Now(), consent, id, SubscriberPending)
		if err != nil {
			return fmt.Errorf("store: confirm subscriber: %w", err)
		}
		n, _ := res.RowsAffected()
		first = n == 1
		sub, err = tx.EmailSubscriber(ctx, id)
		return err
	})
	return sub, first, err
}

// DeleteEmailSubscriber deletes a subscriber, its partners and its ledger rows:
// nothing of the address remains.
func (s *Store) DeleteEmailSubscriber(ctx context.Context, id int64) error {
	rcpt := SubscriberRecipient(id)
	return s.InTx(ctx, func(tx *Store) error {
		for _, q := range []struct {
			sql string
			arg any
		}{
			{`DELETE FROM deliveries WHERE channel = 'email' AND recipient = $1`, rcpt},
			{`DELETE FROM digest_sends WHERE issue_id IN (SELECT id FROM digest_issues WHERE recipient = $1)`, rcpt},
			{`DELETE FROM digest_issues WHERE recipient = $1`, rcpt},
			{`DELETE FROM settings WHERE key = $1`, seededKey(rcpt)},
			{`DELETE FROM email_subscriber_partners WHERE subscriber_id = $1`, id},
			{`DELETE FROM email_subscribers WHERE id = $1`, id},
		} {
			if _, err := tx.q.ExecContext(ctx, q.sql, q.arg); err != nil {
				return fmt.Errorf("store: delete subscriber: %w", err)
			}
		}
		return nil
	})
}

// ConfirmedSubscriberIDs lists the confirmed subscribers on a schedule.
func (s *Store) ConfirmedSubscriberIDs(ctx context.Context, schedule string) ([]int64, error) {
	return queryList[int64](ctx, s.q, "confirmed subscribers", `SELECT id FROM email_subscribers
		WHERE status = $1 AND schedule = $2 ORDER BY id`, SubscriberConfirmed, schedule)
}

// DeleteUnconfirmedEmailSubscribers deletes pending subscribers asked before t
// (their confirmation link has expired): unconfirmed addresses are not kept.
func (s *Store) DeleteUnconfirmedEmailSubscribers(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM email_subscribers WHERE status = $1 AND created_at < $2`,
		SubscriberPending, Millis(before))
	if err != nil {
		return 0, fmt.Errorf("store: delete unconfirmed subscribers: %w", err)
	}
	return res.RowsAffected()
}

// emailIntList renders integers for an IN (…) list; integers only, so safe to inline.
func emailIntList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}
