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

// TelegramChat is a chat that talked to the bot: a user, a group or a channel.
type TelegramChat struct {
	ID        int64
	Kind      string // private | group | supergroup | channel
	Title     string
	Language  string // "" until chosen or guessed
	Active    bool   // false once Telegram said the chat is gone or blocked the bot
	CreatedAt time.Time
	UpdatedAt time.Time
}

// UpsertTelegramChat records a chat that wrote to the bot, and reactivates it.
// A language already stored is kept; c.Language only fills an empty one.
func (s *Store) UpsertTelegramChat(ctx context.Context, c TelegramChat) error {
	now := Now()
	_, err := s.q.ExecContext(ctx, `INSERT INTO telegram_chats
		(chat_id, kind, title, language, active, created_at, updated_at)
		VALUES ($1,$2,$3,$4,1,$5,$5)
		ON CONFLICT (chat_id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
		language = CASE WHEN telegram_chats.language = '' THEN excluded.language ELSE telegram_chats.language END,
		active = 1, updated_at = excluded.updated_at`,
		c.ID, c.Kind, c.Title, c.Language, now)
	if err != nil {
		return fmt.Errorf("store: upsert telegram chat %d: %w", c.ID, err)
	}
	return nil
}

// TelegramChat returns one chat, or ErrNotFound.
func (s *Store) TelegramChat(ctx context.Context, id int64) (TelegramChat, error) {
	var c TelegramChat
	var active int
	var created, updated int64
	err := s.q.QueryRowContext(ctx, `SELECT chat_id, kind, title, language, active, created_at, updated_at
		FROM telegram_chats WHERE chat_id = $1`, id).
		Scan(&c.ID, &c.Kind, &c.Title, &c.Language, &active, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return TelegramChat{}, ErrNotFound
	}
	if err != nil {
		return TelegramChat{}, fmt.Errorf("store: get telegram chat %d: %w", id, err)
	}
	c.Active, c.CreatedAt, c.UpdatedAt = active == 1, Time(created), Time(updated)
	return c, nil
}

// SetTelegramChatLanguage stores the language a chat chose.
func (s *Store) SetTelegramChatLanguage(ctx context.Context, id int64, lang string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE telegram_chats SET language = $1, updated_at = $2 WHERE chat_id = $3`,
		lang, Now(), id)
	if err != nil {
		return fmt.Errorf("store: set telegram chat language: %w", err)
	}
	return nil
}

// FollowPartner makes a chat follow a partner; it reports whether it was new.
func (s *Store) FollowPartner(ctx context.Context, chatID int64, partner string) (bool, error) {
	res, err := s.q.ExecContext(ctx, `INSERT INTO telegram_follows (chat_id, partner, created_at)
		VALUES ($1,$2,$3) ON CONFLICT (chat_id, partner) DO NOTHING`, chatID, partner, Now())
	if err != nil {
		return false, fmt.Errorf("store: follow %s: %w", partner, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// UnfollowPartner stops a chat following a partner; it reports whether it did.
func (s *Store) UnfollowPartner(ctx context.Context, chatID int64, partner string) (bool, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM telegram_follows WHERE chat_id = $1 AND partner = $2`,
		chatID, partner)
	if err != nil {
		return false, fmt.Errorf("store: unfollow %s: %w", partner, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// TelegramFollows returns the partners a chat follows, sorted.
func (s *Store) TelegramFollows(ctx context.Context, chatID int64) ([]string, error) {
	return queryList[string](ctx, s.q, "follows",
		`SELECT partner FROM telegram_follows WHERE chat_id = $1 ORDER BY partner`, chatID)
}

// DeleteTelegramChat forgets a chat: its row, its follows, and its pending
// deliveries (marked skipped; sent ones stay as the record of what was sent).
func (s *Store) DeleteTelegramChat(ctx context.Context, id int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM telegram_chats WHERE chat_id = $1`, id); err != nil {
			return fmt.Errorf("store: delete telegram chat: %w", err)
		}
		return tx.SkipPendingDeliveries(ctx, "telegram", strconv.FormatInt(id, 10), "chat stopped")
	})
}

// DeactivateTelegramChat marks a chat that blocked the bot or vanished; it gets
// nothing more until it writes to the bot again.
func (s *Store) DeactivateTelegramChat(ctx context.Context, id int64, reason string) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE telegram_chats SET active = 0, updated_at = $1 WHERE chat_id = $2`,
			Now(), id); err != nil {
			return fmt.Errorf("store: deactivate telegram chat: %w", err)
		}
		return tx.SkipPendingDeliveries(ctx, "telegram", strconv.FormatInt(id, 10), reason)
	})
}

// MigrateTelegramChat moves a group that became a supergroup to its new id,
// with its follows and its unsent deliveries.
func (s *Store) MigrateTelegramChat(ctx context.Context, from, to int64) error {
	return s.InTx(ctx, func(tx *Store) error {
		var exists int
		err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM telegram_chats WHERE chat_id = $1`, to).Scan(&exists)
		if err != nil {
			return fmt.Errorf("store: migrate telegram chat: %w", err)
		}
		if exists == 0 {
			// ON UPDATE CASCADE moves the follows.
			_, err = tx.q.ExecContext(ctx, `UPDATE telegram_chats SET chat_id = $1, kind = 'supergroup', updated_at = $2
				WHERE chat_id = $3`, to, Now(), from)
		} else {
			_, err = tx.q.ExecContext(ctx, `INSERT INTO telegram_follows (chat_id, partner, created_at)
				SELECT $1, partner, created_at FROM telegram_follows WHERE chat_id = $2
				ON CONFLICT (chat_id, partner) DO NOTHING`, to, from)
			if err == nil {
				_, err = tx.q.ExecContext(ctx, `DELETE FROM telegram_chats WHERE chat_id = $1`, from)
			}
		}
		if err != nil {
			return fmt.Errorf("store: migrate telegram chat %d: %w", from, err)
		}
		return tx.MoveDeliveries(ctx, "telegram", strconv.FormatInt(from, 10), strconv.FormatInt(to, 10))
	})
}

// RecordTelegramFanout is RecordTelegramPush for every follower, whenever it
// started following.
func (s *Store) RecordTelegramFanout(ctx context.Context, articleID int64, partners []string) (int64, error) {
	return s.RecordTelegramPush(ctx, articleID, partners, time.UnixMilli(math.MaxInt64))
}

// RecordTelegramPush records one ledger row per active chat that follows
// any of the partners and started following one of them at or before
// followedBy (the delivery rule's bound, notify.Rule.FollowedBy), in one
// statement however many chats, and returns how many rows were new. A row is
// pending, or skipped (MutedReason) when its chat is muted now.
func (s *Store) RecordTelegramPush(ctx context.Context, articleID int64, partners []string, followedBy time.Time) (int64, error) {
	if len(partners) == 0 {
		return 0, nil
	}
	args := []any{articleID, Now(), MutedReason, followedBy.UnixMilli()}
	marks := make([]string, len(partners))
	for i, p := range partners {
		args = append(args, p)
		marks[i] = fmt.Sprintf("$%d", i+5)
	}
	const muted = `(c.muted_until = -1 OR c.muted_until > $2)`
	res, err := s.q.ExecContext(ctx, `INSERT INTO deliveries (article_id, channel, recipient, status, last_error, created_at)
		SELECT DISTINCT CAST($1 AS BIGINT), 'telegram', CAST(f.chat_id AS TEXT),
			CASE WHEN `+muted+` THEN 'skipped' ELSE 'pending' END,
			CASE WHEN `+muted+` THEN CAST($3 AS TEXT) ELSE '' END, CAST($2 AS BIGINT)
		FROM telegram_follows f JOIN telegram_chats c ON c.chat_id = f.chat_id
		WHERE c.active = 1 AND f.created_at <= $4 AND f.partner IN (`+strings.Join(marks, ",")+`)
		ON CONFLICT (article_id, channel, recipient) DO NOTHING`, args...)
	if err != nil {
		return 0, fmt.Errorf("store: record telegram fan-out: %w", err)
	}
	return res.RowsAffected()
}

// TelegramChatsByID returns the stored chats among ids, by id.
func (s *Store) TelegramChatsByID(ctx context.Context, ids []int64) (map[int64]TelegramChat, error) {
	out := make(map[int64]TelegramChat, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10) // integers only: safe to inline
	}
	rows, err := s.q.QueryContext(ctx, `SELECT chat_id, kind, title, language, active
		FROM telegram_chats WHERE chat_id IN (`+strings.Join(list, ",")+`)`)
	if err != nil {
		return nil, fmt.Errorf("store: get telegram chats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c TelegramChat
		var active int
		if err := rows.Scan(&c.ID, &c.Kind, &c.Title, &c.Language, &active); err != nil {
			return nil, fmt.Errorf("store: scan telegram chat: %w", err)
		}
		c.Active = active == 1
		out[c.ID] = c
	}
	return out, rows.Err()
}
