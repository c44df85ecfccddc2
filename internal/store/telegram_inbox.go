package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// TelegramUpdate is an incoming Telegram update in the inbox: accepted from
// Telegram, not handled yet.
type TelegramUpdate struct {
	ID         int
	ChatID     int64  // the chat it belongs to (0: none), to keep a chat's order
	Payload    string // the update as Telegram sent it (JSON)
	ReceivedAt time.Time
}

// AcceptTelegramUpdates puts updates into the inbox and moves the stored
// getUpdates offset past them, in one transaction: once it returns, the bot
// may confirm them to Telegram. Updates below the stored offset (accepted
// before) are skipped; it returns the ones it accepted now.
func (s *Store) AcceptTelegramUpdates(ctx context.Context, updates []TelegramUpdate) ([]TelegramUpdate, error) {
	var accepted []TelegramUpdate
	err := s.InTx(ctx, func(tx *Store) error {
		offset, err := tx.TelegramUpdateOffset(ctx)
		if err != nil {
			return err
		}
		next := offset
		for _, u := range updates {
			if u.ID < offset {
				continue
			}
			next = max(next, u.ID+1)
			rows, err := tx.q.QueryContext(ctx, `INSERT INTO telegram_inbox (update_id, chat_id, payload, received_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
				u.ID, u.ChatID, u.Payload, Millis(u.ReceivedAt))
			if err != nil {
				return fmt.Errorf("store: accept telegram update %d: %w", u.ID, err)
			}
			inserted := rows.Next()
			if err := rows.Close(); err != nil {
				return fmt.Errorf("store: accept telegram update %d: %w", u.ID, err)
			}
			if inserted {
				accepted = append(accepted, u)
			}
		}
		if next == offset {
			return nil
		}
		// Only forward: another replica's webhook request may have moved it further.
		_, err = tx.q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value
			WHERE CAST(settings.value AS BIGINT) < CAST(excluded.value AS BIGINT)`, telegramOffsetKey, strconv.Itoa(next))
		if err != nil {
			return fmt.Errorf("store: set telegram offset: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return accepted, nil
}

// TelegramInbox returns the accepted updates not handled yet, oldest first.
func (s *Store) TelegramInbox(ctx context.Context) ([]TelegramUpdate, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT update_id, chat_id, payload, received_at
		FROM telegram_inbox ORDER BY update_id`)
	if err != nil {
		return nil, fmt.Errorf("store: telegram inbox: %w", err)
	}
	defer rows.Close()
	var out []TelegramUpdate
	for rows.Next() {
		var u TelegramUpdate
		var at int64
		if err := rows.Scan(&u.ID, &u.ChatID, &u.Payload, &at); err != nil {
			return nil, fmt.Errorf("store: telegram inbox: %w", err)
		}
		u.ReceivedAt = Time(at)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: telegram inbox: %w", err)
	}
	return out, nil
}

// FinishTelegramUpdate removes a handled update from the inbox.
func (s *Store) FinishTelegramUpdate(ctx context.Context, id int) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM telegram_inbox WHERE update_id = $1`, id); err != nil {
		return fmt.Errorf("store: finish telegram update %d: %w", id, err)
	}
	return nil
}
