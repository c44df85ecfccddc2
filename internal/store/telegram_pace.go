package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// EnsureTelegramSlots makes the shared bot window hold exactly n slots
// (slots 0..n-1), keeping the times of the existing ones.
func (s *Store) EnsureTelegramSlots(ctx context.Context, n int) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM telegram_bot_slots WHERE slot >= $1`, n); err != nil {
			return fmt.Errorf("store: trim telegram slots: %w", err)
		}
		for start := 0; start < n; start += 500 {
			var b strings.Builder
			b.WriteString(`INSERT INTO telegram_bot_slots (slot, done_at) VALUES `)
			for i := start; i < min(start+500, n); i++ {
				if i > start {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "(%d, 0)", i)
			}
			b.WriteString(` ON CONFLICT (slot) DO NOTHING`)
			if _, err := tx.q.ExecContext(ctx, b.String()); err != nil {
				return fmt.Errorf("store: add telegram slots: %w", err)
			}
		}
		return nil
	})
}

// TakeTelegramSlot takes a slot of the shared bot window whose last request
// completed a window ago (twice the window while the bot is slowed down) and
// leases it until leaseEnd. It returns the slot, or ok false and the time
// the earliest slot frees up.
func (s *Store) TakeTelegramSlot(ctx context.Context, now, leaseEnd time.Time, window time.Duration, holder string) (slot int, ok bool, next time.Time, err error) {
	ms, w := now.UnixMilli(), window.Milliseconds()
	err = s.q.QueryRowContext(ctx, `UPDATE telegram_bot_slots SET done_at = $1, held_by = $5
		WHERE slot = (SELECT slot FROM telegram_bot_slots
			WHERE done_at <= CASE WHEN COALESCE((SELECT slow_until FROM telegram_bot_pace WHERE id = 1), 0) > CAST($2 AS BIGINT)
				THEN CAST($3 AS BIGINT) ELSE CAST($4 AS BIGINT) END
			ORDER BY done_at LIMIT 1`+s.Dialect.skipLocked()+`)
		RETURNING slot`, leaseEnd.UnixMilli(), ms, ms-2*w, ms-w, holder).Scan(&slot)
	if err == nil {
		return slot, true, time.Time{}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, time.Time{}, fmt.Errorf("store: take telegram slot: %w", err)
	}
	var first sql.NullInt64
	if err := s.q.QueryRowContext(ctx, `SELECT MIN(done_at) FROM telegram_bot_slots`).Scan(&first); err != nil {
		return 0, false, time.Time{}, fmt.Errorf("store: next telegram slot: %w", err)
	}
	return 0, false, time.UnixMilli(first.Int64 + w), nil
}

// CompleteTelegramSlot records when the request holding slot completed.
func (s *Store) CompleteTelegramSlot(ctx context.Context, slot int, at time.Time) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE telegram_bot_slots SET done_at = $1 WHERE slot = $2`, at.UnixMilli(), slot); err != nil {
		return fmt.Errorf("store: complete telegram slot: %w", err)
	}
	return nil
}

// SlowTelegramBot makes the shared bot window twice as long until until.
func (s *Store) SlowTelegramBot(ctx context.Context, until time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO telegram_bot_pace (id, slow_until) VALUES (1, $1)
		ON CONFLICT (id) DO UPDATE SET slow_until = CASE WHEN telegram_bot_pace.slow_until > excluded.slow_until
			THEN telegram_bot_pace.slow_until ELSE excluded.slow_until END`, until.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: slow telegram bot: %w", err)
	}
	return nil
}

// TakeTelegramChat marks chat busy until leaseEnd if no request to it is in
// flight and its gap has passed; otherwise ok is false.
func (s *Store) TakeTelegramChat(ctx context.Context, chat string, now, leaseEnd time.Time, holder string) (ok bool, err error) {
	var got string
	err = s.q.QueryRowContext(ctx, `INSERT INTO telegram_chat_pace (chat, next_at, busy_until, busy_by) VALUES ($1, 0, $2, $4)
		ON CONFLICT (chat) DO UPDATE SET busy_until = excluded.busy_until, busy_by = excluded.busy_by
		WHERE telegram_chat_pace.busy_until <= $3 AND telegram_chat_pace.next_at <= $3
		RETURNING chat`, chat, leaseEnd.UnixMilli(), now.UnixMilli(), holder).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: take telegram chat: %w", err)
	}
	return true, nil
}

// ReleaseTelegramChat ends the request to chat: its next message may start
// at next (or later, if a 429 asked for longer).
func (s *Store) ReleaseTelegramChat(ctx context.Context, chat string, next time.Time) error {
	_, err := s.q.ExecContext(ctx, `UPDATE telegram_chat_pace SET busy_until = 0,
		next_at = CASE WHEN next_at > $2 THEN next_at ELSE $2 END WHERE chat = $1`, chat, next.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: release telegram chat: %w", err)
	}
	return nil
}

// DelayTelegramChat makes chat wait until at (after a 429).
func (s *Store) DelayTelegramChat(ctx context.Context, chat string, at time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO telegram_chat_pace (chat, next_at, busy_until) VALUES ($1, $2, 0)
		ON CONFLICT (chat) DO UPDATE SET next_at = CASE WHEN telegram_chat_pace.next_at > excluded.next_at
			THEN telegram_chat_pace.next_at ELSE excluded.next_at END`, chat, at.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: delay telegram chat: %w", err)
	}
	return nil
}
