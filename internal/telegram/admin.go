package telegram

import (
	"context"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// adminTTL is how long a getChatMember answer is trusted: a busy group does
// not cost a request per command, and a demoted administrator loses the
// right within a minute.
const adminTTL = time.Minute

// maxAdminEntries bounds the cache; expired entries are dropped beyond it.
const maxAdminEntries = 10000

// adminCache remembers, per chat and user, whether the user administers the chat.
type adminCache struct {
	mu      sync.Mutex
	now     func() time.Time
	ttl     time.Duration
	entries map[adminKey]adminEntry
}

type adminKey struct{ chat, user int64 }

type adminEntry struct {
	admin bool
	until time.Time
}

func newAdminCache(ttl time.Duration, now func() time.Time) *adminCache {
	return &adminCache{now: now, ttl: ttl, entries: map[adminKey]adminEntry{}}
}

// get returns the remembered answer, if it is still fresh.
func (c *adminCache) get(chat, user int64) (admin, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[adminKey{chat, user}]
	if !ok || !c.now().Before(e.until) {
		return false, false
	}
	return e.admin, true
}

// put remembers an answer for the cache's TTL.
func (c *adminCache) put(chat, user int64, admin bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.entries) >= maxAdminEntries {
		for k, e := range c.entries {
			if !now.Before(e.until) {
				delete(c.entries, k)
			}
		}
	}
	if len(c.entries) < maxAdminEntries {
		c.entries[adminKey{chat, user}] = adminEntry{admin: admin, until: now.Add(c.ttl)}
	}
}

// rights is the outcome of asking whether a sender may change a chat's subscriptions.
type rights int

const (
	allowed   rights = iota
	refused          // not an administrator of the group
	unchecked        // Telegram could not be asked: nothing is granted
)

// mayChange tells whether the sender of a message or a tap may change what
// a chat follows: anyone in a private chat; in a group or supergroup its
// administrators (status creator or administrator), including an anonymous
// administrator, who writes as the group itself (senderChat is the chat).
func (b *Bot) mayChange(ctx context.Context, chat *tgbotapi.Chat, from *tgbotapi.User, senderChat *tgbotapi.Chat) rights {
	if chat == nil || chat.Type == "private" {
		return allowed
	}
	if senderChat != nil {
		if senderChat.ID == chat.ID {
			return allowed
		}
		return refused // a channel writing in its discussion group
	}
	if from == nil {
		return refused
	}
	if admin, ok := b.admins.get(chat.ID, from.ID); ok {
		return grant(admin)
	}
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	m, err := b.api.ChatMember(sctx, chat.ID, from.ID)
	if err != nil {
		b.log.Warn("Telegram getChatMember failed", slog.Int64("chat_id", chat.ID), slog.Any("error", err))
		return unchecked
	}
	admin := m.IsCreator() || m.IsAdministrator()
	b.admins.put(chat.ID, from.ID, admin)
	return grant(admin)
}

func grant(admin bool) rights {
	if admin {
		return allowed
	}
	return refused
}

// refusal is the text a sender without rights gets.
func refusal(lang string, r rights) string {
	if r == unchecked {
		return i18n.T(lang, "bot.admin_check_failed")
	}
	return i18n.T(lang, "bot.admins_only")
}
