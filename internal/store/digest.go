package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// EmailChannel is the delivery-ledger channel of email digests.
const EmailChannel = "email"

// DigestRecipient is the ledger recipient of a configured digest.
func DigestRecipient(name string) string { return "digest:" + name }

// AddEmailDeliveries records a pending email ledger row of the article for
// each recipient (rows already there are kept as they are).
func (s *Store) AddEmailDeliveries(ctx context.Context, articleID int64, recipients []string) error {
	now := Now()
	for _, r := range recipients {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO deliveries (article_id, channel, recipient, created_at)
			VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`, articleID, EmailChannel, r, now); err != nil {
			return fmt.Errorf("store: add email delivery: %w", err)
		}
	}
	return nil
}

// AddSubscriberDeliveries is AddFollowerDeliveries for every confirmed
// subscriber, whenever it confirmed.
func (s *Store) AddSubscriberDeliveries(ctx context.Context, articleID int64, partners []string) error {
	return s.AddFollowerDeliveries(ctx, articleID, partners, time.UnixMilli(math.MaxInt64))
}

// AddFollowerDeliveries records a pending ledger row of the article for every
// subscriber following one of the partners who confirmed at or before
// followedBy (the delivery rule's bound, notify.Rule.FollowedBy; what was
// first seen before is the welcome issue's).
func (s *Store) AddFollowerDeliveries(ctx context.Context, articleID int64, partners []string, followedBy time.Time) error {
	if len(partners) == 0 {
		return nil
	}
	args := []any{articleID, EmailChannel, Now(), SubscriberConfirmed, followedBy.UnixMilli()}
	_, err := s.q.ExecContext(ctx, `INSERT INTO deliveries (article_id, channel, recipient, created_at)
		SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), 'subscriber:' || s.id, CAST($3 AS BIGINT) FROM email_subscribers s
		WHERE s.status = $4 AND s.confirmed_at <= $5 AND EXISTS (SELECT 1 FROM email_subscriber_partners p
			WHERE p.subscriber_id = s.id AND p.partner IN (`+placeholders(len(args), len(partners))+`))
		ON CONFLICT DO NOTHING`, append(args, argList(partners)...)...)
	if err != nil {
		return fmt.Errorf("store: add subscriber deliveries: %w", err)
	}
	return nil
}

// SeedEmailRecipient records that a recipient was first seen at t and gives
// it pending rows for the articles tagged with its partners that welcome
// selects (the delivery rule's welcome issue, notify.Rule.Welcome), so that
// its first digest is not empty. It does so once per recipient; seeded
// reports whether this call did it.
func (s *Store) SeedEmailRecipient(ctx context.Context, recipient string, partners []string, t time.Time, welcome Cond) (seeded bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, seededKey(recipient), strconv.FormatInt(Millis(t), 10))
		if err != nil {
			return fmt.Errorf("store: seed recipient: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 || len(partners) == 0 {
			return nil
		}
		seeded = true
		args := []any{EmailChannel, recipient, Now()}
		where, wargs := welcome(len(args) + 1)
		args = append(args, wargs...)
		_, err = tx.q.ExecContext(ctx, `INSERT INTO deliveries (article_id, channel, recipient, created_at)
			SELECT a.id, CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS BIGINT) FROM articles a WHERE `+where+`
			AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner IN (`+
			placeholders(len(args), len(partners))+`)) ON CONFLICT DO NOTHING`, append(args, argList(partners)...)...)
		if err != nil {
			return fmt.Errorf("store: seed recipient: %w", err)
		}
		return nil
	})
	return seeded, err
}

// WelcomeArticles returns the articles tagged with one of partners that
// welcome selects (what SeedEmailRecipient would give a new recipient),
// newest first; it writes nothing.
func (s *Store) WelcomeArticles(ctx context.Context, partners []string, welcome Cond) ([]Article, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	where, args := welcome(1)
	rows, err := s.q.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a WHERE `+where+`
		AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner IN (`+
		placeholders(len(args), len(partners))+`)) ORDER BY a.published_at DESC, a.id DESC`,
		append(args, argList(partners)...)...)
	if err != nil {
		return nil, fmt.Errorf("store: list welcome articles: %w", err)
	}
	return s.collectArticles(ctx, rows)
}

// EmailRecipientSeenAt is when SeedEmailRecipient first saw the recipient
// (the zero time if it never did).
func (s *Store) EmailRecipientSeenAt(ctx context.Context, recipient string) (time.Time, error) {
	var v string
	err := s.q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, seededKey(recipient)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: recipient seen: %w", err)
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: recipient seen: %w", err)
	}
	return Time(ms), nil
}

// EmailRecipientSeeded reports whether SeedEmailRecipient ran for the recipient.
func (s *Store) EmailRecipientSeeded(ctx context.Context, recipient string) (bool, error) {
	t, err := s.EmailRecipientSeenAt(ctx, recipient)
	return !t.IsZero(), err
}

func seededKey(recipient string) string { return "email_seeded:" + recipient }

// PendingEmailArticles returns the articles waiting for the recipient's next
// issue (not yet assigned to one), newest first.
func (s *Store) PendingEmailArticles(ctx context.Context, recipient string) ([]Article, error) {
	return s.emailLedgerArticles(ctx, `d.recipient = $2 AND d.status = 'pending' AND d.issue_id + 0 = 0`, recipient)
}

func (s *Store) emailLedgerArticles(ctx context.Context, where string, arg any) ([]Article, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles a
		JOIN deliveries d ON d.article_id = a.id WHERE d.channel = $1 AND `+shown+` AND `+where+`
		ORDER BY a.published_at DESC, a.id DESC`, EmailChannel, arg)
	if err != nil {
		return nil, fmt.Errorf("store: list digest articles: %w", err)
	}
	return s.collectArticles(ctx, rows)
}

// collectArticles scans and closes rows of articleColumns and fills in
// their images and tags.
func (s *Store) collectArticles(ctx context.Context, rows *sql.Rows) ([]Article, error) {
	var list []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan digest article: %w", err)
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list digest articles: %w", err)
	}
	return list, s.fillDetails(ctx, list)
}

// SetDigestPaused pauses (or resumes) one address of a configured digest.
func (s *Store) SetDigestPaused(ctx context.Context, digest, address string, paused bool) error {
	var err error
	if paused {
		_, err = s.q.ExecContext(ctx, `INSERT INTO digest_pauses (digest, address, created_at)
			VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`, digest, address, Now())
	} else {
		_, err = s.q.ExecContext(ctx, `DELETE FROM digest_pauses WHERE digest = $1 AND address = $2`, digest, address)
	}
	if err != nil {
		return fmt.Errorf("store: pause digest address: %w", err)
	}
	return nil
}

// DigestPaused returns the paused addresses of a configured digest.
func (s *Store) DigestPaused(ctx context.Context, digest string) (map[string]bool, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT address FROM digest_pauses WHERE digest = $1`, digest)
	if err != nil {
		return nil, fmt.Errorf("store: list paused addresses: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("store: scan paused address: %w", err)
		}
		out[a] = true
	}
	return out, rows.Err()
}

// placeholders returns "$k+1,…,$k+n".
func placeholders(k, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", k+i+1)
	}
	return strings.Join(p, ",")
}

// argList makes query arguments of strings (for an IN list of placeholders).
func argList(l []string) []any {
	out := make([]any, len(l))
	for i, s := range l {
		out[i] = s
	}
	return out
}
