package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// MutedReason is the last_error of the ledger rows skipped because their
// chat was muted.
const MutedReason = "muted"

// mutedForever is muted_until of a chat muted until /unmute.
const mutedForever = -1

// MuteTelegramChat mutes a chat until the time given (the zero time: until
// it is unmuted) and skips its pending deliveries: a muted chat gets no
// articles, neither now nor after the mute ends.
func (s *Store) MuteTelegramChat(ctx context.Context, id int64, until time.Time) error {
	ms := int64(mutedForever)
	if !until.IsZero() {
		ms = until.UnixMilli()
	}
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE telegram_chats SET muted_until = $1, updated_at = $2 WHERE chat_id = $3`,
			ms, Now(), id); err != nil {
			return fmt.Errorf("store: mute telegram chat %d: %w", id, err)
		}
		return tx.SkipPendingDeliveries(ctx, "telegram", strconv.FormatInt(id, 10), MutedReason)
	})
}

// UnmuteTelegramChat ends a chat's mute; it reports whether the chat was muted.
func (s *Store) UnmuteTelegramChat(ctx context.Context, id int64) (bool, error) {
	res, err := s.q.ExecContext(ctx, `UPDATE telegram_chats SET muted_until = 0, updated_at = $1
		WHERE chat_id = $2 AND (muted_until = $3 OR muted_until > $1)`, Now(), id, mutedForever)
	if err != nil {
		return false, fmt.Errorf("store: unmute telegram chat %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// TelegramChatMute reports whether a chat is muted now, and until when (the
// zero time: until it is unmuted). An unknown chat is not muted.
func (s *Store) TelegramChatMute(ctx context.Context, id int64) (bool, time.Time, error) {
	var ms int64
	err := s.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(muted_until), 0) FROM telegram_chats WHERE chat_id = $1`, id).Scan(&ms)
	switch {
	case err != nil:
		return false, time.Time{}, fmt.Errorf("store: telegram chat mute %d: %w", id, err)
	case ms == mutedForever:
		return true, time.Time{}, nil
	case ms > Now():
		return true, Time(ms), nil
	}
	return false, time.Time{}, nil
}
