package store

import (
	"context"
	"fmt"
)

// Telegram chat states as counted: a chat that follows partners and gets
// their news, and one Telegram said blocked the bot or vanished.
const (
	ChatActive  = "active"
	ChatBlocked = "blocked"
	// FediFollowing is a Fediverse account following a partner's actor
	// (the actor "all" counts under the partner "all").
	FediFollowing = "following"
	// SubscriberSuppressed is an email address that gets no more mail
	// after email.max_bounces hard bounces.
	SubscriberSuppressed = "suppressed"
)

// emailState is an email subscriber's state as counted: suppressed after
// too many hard bounces, else pending or confirmed.
const emailState = `CASE WHEN e.suppressed_at > 0 THEN '` + SubscriberSuppressed + `' ELSE e.status END`

// SubscriberCount is how many subscribers of a channel follow a partner in
// one state: email pending, confirmed or suppressed, Telegram active or blocked, Fediverse following. Counts
// only, no personal data.
type SubscriberCount struct {
	Channel string // email | telegram | fediverse
	Partner string
	State   string
	N       int64
}

// SubscriberCounts counts the subscribers per channel, partner and state
// (a subscriber following two partners counts for each).
func (s *Store) SubscriberCounts(ctx context.Context) ([]SubscriberCount, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT 'email', p.partner, `+emailState+`, COUNT(*)
			FROM email_subscriber_partners p JOIN email_subscribers e ON e.id = p.subscriber_id
			GROUP BY p.partner, `+emailState+`
		UNION ALL
		SELECT 'telegram', f.partner, CASE WHEN c.active = 1 THEN '`+ChatActive+`' ELSE '`+ChatBlocked+`' END, COUNT(*)
			FROM telegram_follows f JOIN telegram_chats c ON c.chat_id = f.chat_id
			GROUP BY f.partner, c.active
		UNION ALL
		SELECT 'fediverse', f.actor, '`+FediFollowing+`', COUNT(*) FROM fedi_followers f GROUP BY f.actor`)
	if err != nil {
		return nil, fmt.Errorf("store: count subscribers: %w", err)
	}
	defer rows.Close()
	var out []SubscriberCount
	for rows.Next() {
		var c SubscriberCount
		if err := rows.Scan(&c.Channel, &c.Partner, &c.State, &c.N); err != nil {
			return nil, fmt.Errorf("store: scan subscriber count: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
