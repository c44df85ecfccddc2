package telegram

import (
	"context"
	"html"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// allWords mean every partner in "/follow all" and "/unfollow all", in every
// language the bot speaks (unless a partner is called so).
var allWords = i18n.Words("bot.all_words")

// connectors join names in a list ("Venlo und Leiden"); they name no city.
var connectors = i18n.Words("bot.connectors")

// oneOf reports whether w is one of words, lower-cased by the rules of the
// chat's language (Turkish "TAMAMI" is "tamamı") or by the general ones (a
// Turkish chat typing "HEPSI" on another keyboard means "hepsi").
func oneOf(words map[string]bool, lang, w string) bool {
	return words[i18n.Lower(lang, w)] || words[strings.ToLower(w)]
}

// Bounds of a /follow or /unfollow answer, which must fit one message.
const (
	maxListedNames   = 40 // partner names per line
	maxListedUnknown = 10 // unknown words reported
)

// cmdFollow follows (or unfollows) every partner named in the command:
// "/follow Venlo Leiden", "/follow all". Unknown words are reported by name;
// the names that were found still apply.
func (b *Bot) cmdFollow(ctx context.Context, c chatContext, cmd Command, follow bool) error {
	if cmd.Args == "" {
		if !follow {
			return b.unfollowMenu(ctx, c)
		}
		example := b.cfg.Partners[0].Name(c.lang)
		return b.reply(ctx, c, i18n.T(c.lang, "bot.which_city", cmd.Name, html.EscapeString(example)), nil)
	}
	slugs, unknown := b.tagger.LookupAll(cmd.Args)
	if len(slugs) == 0 && oneOf(allWords, c.lang, strings.TrimSpace(cmd.Args)) {
		return b.followAll(ctx, c, follow)
	}
	unknown = withoutConnectors(c.lang, unknown)
	if len(slugs) == 0 && len(unknown) == 0 {
		unknown = []string{cmd.Args} // only "and", "und"…: report what was typed
	}
	var changed, unchanged []string
	err := b.store.InTx(ctx, func(tx *store.Store) error {
		for _, slug := range slugs {
			did, err := setFollow(ctx, tx, c.id, slug, follow)
			if err != nil {
				return err
			}
			if did {
				changed = append(changed, slug)
			} else {
				unchanged = append(unchanged, slug)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	changedKey, unchangedKey := "followed", "already"
	if !follow {
		changedKey, unchangedKey = "unfollowed", "not_following"
	}
	var lines []string
	for _, part := range []struct {
		key   string
		slugs []string
	}{{changedKey, changed}, {unchangedKey, unchanged}} {
		switch len(part.slugs) {
		case 0:
		case 1:
			lines = append(lines, i18n.T(c.lang, "bot."+part.key, b.name(part.slugs[0], c.lang)))
		default:
			lines = append(lines, i18n.T(c.lang, "bot."+part.key+"_many", b.nameList(part.slugs, c.lang)))
		}
	}
	if len(unknown) > 0 {
		lines = append(lines, b.unknownText(c.lang, unknown))
	}
	return b.reply(ctx, c, strings.Join(lines, "\n"), nil)
}

// followAll follows or unfollows every partner ("/follow all", "/unfollow all").
func (b *Bot) followAll(ctx context.Context, c chatContext, follow bool) error {
	n := 0
	err := b.store.InTx(ctx, func(tx *store.Store) error {
		var slugs []string
		if follow {
			for _, p := range b.cfg.Partners {
				slugs = append(slugs, p.Slug)
			}
		} else {
			var err error
			if slugs, err = tx.TelegramFollows(ctx, c.id); err != nil {
				return err
			}
		}
		for _, slug := range slugs {
			did, err := setFollow(ctx, tx, c.id, slug, follow)
			if err != nil {
				return err
			}
			if did {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case follow:
		return b.reply(ctx, c, i18n.T(c.lang, "bot.followed_all", len(b.cfg.Partners)), nil)
	case n == 0:
		return b.reply(ctx, c, i18n.T(c.lang, "bot.list_empty"), nil)
	}
	return b.reply(ctx, c, i18n.T(c.lang, "bot.unfollowed_all"), nil)
}

// setFollow follows or unfollows one partner and reports whether that changed anything.
func setFollow(ctx context.Context, st *store.Store, chatID int64, slug string, follow bool) (bool, error) {
	if follow {
		return st.FollowPartner(ctx, chatID, slug)
	}
	return st.UnfollowPartner(ctx, chatID, slug)
}

// nameList is the partners' escaped names in bold, comma separated; a very
// long list ends with "…".
func (b *Bot) nameList(slugs []string, lang string) string {
	names := make([]string, 0, min(len(slugs), maxListedNames)+1)
	for i, slug := range slugs {
		if i == maxListedNames {
			names = append(names, "…")
			break
		}
		names = append(names, "<b>"+b.name(slug, lang)+"</b>")
	}
	return strings.Join(names, ", ")
}

// unknownText reports words that name no partner city.
func (b *Bot) unknownText(lang string, words []string) string {
	if len(words) == 1 {
		return i18n.T(lang, "bot.unknown_city", html.EscapeString(shorten(clean(words[0]), 64)))
	}
	quoted := make([]string, 0, min(len(words), maxListedUnknown)+1)
	for i, w := range words {
		if i == maxListedUnknown {
			quoted = append(quoted, "…")
			break
		}
		quoted = append(quoted, i18n.T(lang, "bot.quoted", html.EscapeString(shorten(clean(w), 64))))
	}
	return i18n.T(lang, "bot.unknown_cities", strings.Join(quoted, ", "))
}

// withoutConnectors drops the words that join names in a list ("Venlo und
// Leiden"), lower-cased by the rules of the chat's language (Turkish "VE").
func withoutConnectors(lang string, words []string) []string {
	out := words[:0]
	for _, w := range words {
		if !oneOf(connectors, lang, w) {
			out = append(out, w)
		}
	}
	return out
}
