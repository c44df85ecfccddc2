package store

import (
	"context"
	"fmt"
	"time"
)

// FediTarget is one inbox an actor delivers to: a follower's shared inbox
// (or its own), once however many followers share it.
type FediTarget struct {
	Actor string
	Inbox string
}

// AddFediFollower records that follower follows actor, delivering to inbox,
// and reports whether the follow is new. A repeated Follow updates the
// inbox and keeps the first time (what the follower gets stays the same).
func (s *Store) AddFediFollower(ctx context.Context, actor, follower, inbox string, t time.Time) (bool, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO fedi_followers (actor, follower, inbox, followed_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (actor, follower) DO NOTHING`, actor, follower, inbox, Millis(t))
	if err != nil {
		return false, fmt.Errorf("store: add fediverse follower: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return true, nil
	}
	_, err = s.q.ExecContext(ctx, `UPDATE fedi_followers SET inbox = $1 WHERE actor = $2 AND follower = $3`, inbox, actor, follower)
	if err != nil {
		return false, fmt.Errorf("store: update fediverse follower: %w", err)
	}
	return false, nil
}

// RemoveFediFollower removes follower from actor's followers ("" actor:
// from every actor's, when the follower's account is gone); it returns how
// many follows it removed.
func (s *Store) RemoveFediFollower(ctx context.Context, actor, follower string) (int64, error) {
	q, args := `DELETE FROM fedi_followers WHERE actor = $1 AND follower = $2`, []any{actor, follower}
	if actor == "" {
		q, args = `DELETE FROM fedi_followers WHERE follower = $1`, []any{follower}
	}
	res, err := s.q.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("store: remove fediverse follower: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// FediFollowerCount returns how many followers actor has.
func (s *Store) FediFollowerCount(ctx context.Context, actor string) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM fedi_followers WHERE actor = $1`, actor).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count fediverse followers: %w", err)
	}
	return n, nil
}

// FediTargets returns the inboxes of the actors' followers who followed at
// or before followedBy, one per (actor, inbox), sorted.
func (s *Store) FediTargets(ctx context.Context, actors []string, followedBy time.Time) ([]FediTarget, error) {
	if len(actors) == 0 {
		return nil, nil
	}
	rows, err := s.q.QueryContext(ctx, `SELECT DISTINCT actor, inbox FROM fedi_followers
		WHERE followed_at <= $1 AND actor IN (`+placeholders(1, len(actors))+`) ORDER BY actor, inbox`,
		append([]any{Millis(followedBy)}, argList(actors)...)...)
	if err != nil {
		return nil, fmt.Errorf("store: fediverse targets: %w", err)
	}
	defer rows.Close()
	var out []FediTarget
	for rows.Next() {
		var t FediTarget
		if err := rows.Scan(&t.Actor, &t.Inbox); err != nil {
			return nil, fmt.Errorf("store: scan fediverse target: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
