package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// TelegramTake is the outcome of taking one chat in TakeTelegramSends.
type TelegramTake struct {
	ChatOK bool // the chat was free and is now held (until the lease end)
	SlotOK bool // a slot of the bot window was free too and is held
	Slot   int
}

// TelegramFinish ends one send taken with TakeTelegramSends: its slot
// completed at At, and its chat may get its next message at Next.
type TelegramFinish struct {
	Chat string
	Slot int
	At   time.Time
	Next time.Time
}

// TakeTelegramSends is TakeTelegramChat, then (if the chat was free)
// TakeTelegramSlot, for many chats at once: one statement on PostgreSQL.
// A chat named twice is taken at most once. The result is in the order of
// chats. Busy rows are skipped, never waited for (SKIP LOCKED), so replicas
// taking at the same time cannot deadlock. holder (the replica) is recorded
// with what it holds, for ReleaseTelegramHolds.
func (s *Store) TakeTelegramSends(ctx context.Context, chats []string, now, leaseEnd time.Time, window time.Duration, holder string) ([]TelegramTake, error) {
	out := make([]TelegramTake, len(chats))
	if len(chats) == 0 {
		return out, nil
	}
	if s.Dialect != Postgres {
		err := s.InTx(ctx, func(tx *Store) error {
			for i, chat := range chats {
				ok, err := tx.TakeTelegramChat(ctx, chat, now, leaseEnd, holder)
				if err != nil || !ok {
					continue
				}
				out[i].ChatOK = true
				if out[i].Slot, out[i].SlotOK, _, err = tx.TakeTelegramSlot(ctx, now, leaseEnd, window, holder); err != nil {
					return err
				}
			}
			return nil
		})
		return out, err
	}
	uniq := slices.Clone(chats)
	slices.Sort(uniq) // rows are locked in one order by every replica
	uniq = slices.Compact(uniq)
	ms, w := now.UnixMilli(), window.Milliseconds()
	args := []any{leaseEnd.UnixMilli(), ms, ms - 2*w, ms - w, len(uniq), holder}
	values := make([]string, len(uniq))
	for i, c := range uniq {
		args = append(args, c)
		values[i] = fmt.Sprintf("($%d)", len(args))
	}
	rows, err := s.q.QueryContext(ctx, `WITH req (chat) AS (VALUES `+strings.Join(values, ",")+`),
		ins AS (INSERT INTO telegram_chat_pace (chat, next_at, busy_until, busy_by)
			SELECT chat, 0, $1, $6 FROM req ORDER BY chat
			ON CONFLICT (chat) DO NOTHING
			RETURNING chat),
		upd AS (UPDATE telegram_chat_pace SET busy_until = $1, busy_by = $6
			WHERE chat IN (SELECT chat FROM telegram_chat_pace
				WHERE chat IN (SELECT chat FROM req) AND busy_until <= $2 AND next_at <= $2
				ORDER BY chat FOR UPDATE SKIP LOCKED)
			RETURNING chat),
		c AS (SELECT chat, row_number() OVER (ORDER BY chat) AS n
			FROM (SELECT chat FROM ins UNION ALL SELECT chat FROM upd) AS taken),
		free AS (SELECT slot, row_number() OVER (ORDER BY done_at, slot) AS n
			FROM (SELECT slot, done_at FROM telegram_bot_slots
				WHERE done_at <= CASE WHEN COALESCE((SELECT slow_until FROM telegram_bot_pace WHERE id = 1), 0) > CAST($2 AS BIGINT)
					THEN CAST($3 AS BIGINT) ELSE CAST($4 AS BIGINT) END
				ORDER BY done_at LIMIT $5 FOR UPDATE SKIP LOCKED) AS f),
		s AS (UPDATE telegram_bot_slots SET done_at = $1, held_by = $6
			FROM free JOIN c ON c.n = free.n
			WHERE telegram_bot_slots.slot = free.slot
			RETURNING telegram_bot_slots.slot, c.chat)
		SELECT c.chat, s.slot FROM c LEFT JOIN s ON s.chat = c.chat`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: take telegram sends: %w", err)
	}
	defer rows.Close()
	taken := map[string]TelegramTake{}
	for rows.Next() {
		var chat string
		var slot sql.NullInt64
		if err := rows.Scan(&chat, &slot); err != nil {
			return nil, fmt.Errorf("store: scan telegram send: %w", err)
		}
		taken[chat] = TelegramTake{ChatOK: true, SlotOK: slot.Valid, Slot: int(slot.Int64)}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: take telegram sends: %w", err)
	}
	for i, c := range chats {
		out[i] = taken[c]
		delete(taken, c) // a chat named twice is held once
	}
	return out, nil
}

// FinishTelegramSends is CompleteTelegramSlot and ReleaseTelegramChat for
// many sends at once: one statement on PostgreSQL.
func (s *Store) FinishTelegramSends(ctx context.Context, done []TelegramFinish) error {
	if len(done) == 0 {
		return nil
	}
	if s.Dialect != Postgres {
		return s.InTx(ctx, func(tx *Store) error {
			for _, d := range done {
				if err := tx.CompleteTelegramSlot(ctx, d.Slot, d.At); err != nil {
					return err
				}
				if err := tx.ReleaseTelegramChat(ctx, d.Chat, d.Next); err != nil {
					return err
				}
			}
			return nil
		})
	}
	var args []any
	values := make([]string, len(done))
	for i, d := range done {
		args = append(args, d.Chat, d.Slot, d.At.UnixMilli(), d.Next.UnixMilli())
		n := len(args)
		values[i] = fmt.Sprintf("($%d, CAST($%d AS INTEGER), CAST($%d AS BIGINT), CAST($%d AS BIGINT))", n-3, n-2, n-1, n)
	}
	_, err := s.q.ExecContext(ctx, `WITH v (chat, slot, at, nxt) AS (VALUES `+strings.Join(values, ",")+`),
		done AS (UPDATE telegram_bot_slots SET done_at = v.at FROM v WHERE telegram_bot_slots.slot = v.slot)
		UPDATE telegram_chat_pace SET busy_until = 0,
			next_at = CASE WHEN telegram_chat_pace.next_at > v.nxt THEN telegram_chat_pace.next_at ELSE v.nxt END
		FROM v WHERE telegram_chat_pace.chat = v.chat`, args...)
	if err != nil {
		return fmt.Errorf("store: finish telegram sends: %w", err)
	}
	return nil
}

// ReleaseTelegramHolds frees the chats and slots that the given (dead)
// replicas held: a chat may get its next message at once, a slot counts as
// used now (its request may just have reached Telegram).
func (s *Store) ReleaseTelegramHolds(ctx context.Context, holders []string, now time.Time) error {
	if len(holders) == 0 {
		return nil
	}
	args := append([]any{now.UnixMilli()}, argList(holders)...)
	list := placeholders(1, len(holders))
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE telegram_chat_pace SET busy_until = 0, busy_by = ''
			WHERE busy_until > $1 AND busy_by IN (`+list+`)`, args...); err != nil {
			return fmt.Errorf("store: release telegram chats: %w", err)
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE telegram_bot_slots SET done_at = $1, held_by = ''
			WHERE done_at > $1 AND held_by IN (`+list+`)`, args...); err != nil {
			return fmt.Errorf("store: release telegram slots: %w", err)
		}
		return nil
	})
}
