package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// telegramOffsetKey is the settings key of the next getUpdates offset.
const telegramOffsetKey = "telegram.update_offset"

// TelegramUpdateOffset returns the next update id the bot should ask for (0 at first).
func (s *Store) TelegramUpdateOffset(ctx context.Context) (int, error) {
	var v string
	err := s.q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, telegramOffsetKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: telegram offset: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("store: telegram offset %q: %w", v, err)
	}
	return n, nil
}

// SetTelegramUpdateOffset stores the next update id the bot should ask for.
func (s *Store) SetTelegramUpdateOffset(ctx context.Context, offset int) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, telegramOffsetKey, strconv.Itoa(offset))
	if err != nil {
		return fmt.Errorf("store: set telegram offset: %w", err)
	}
	return nil
}
