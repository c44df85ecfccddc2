package telegram

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/translation"
)

func (b *Bot) cmdStart(ctx context.Context, c chatContext, arg string) error {
	if arg != "" {
		if slug, ok := b.tagger.Lookup(arg); ok {
			if _, err := b.store.FollowPartner(ctx, c.id, slug); err != nil {
				return err
			}
			follows, err := b.store.TelegramFollows(ctx, c.id)
			if err != nil {
				return err
			}
			kb := b.partnersKeyboard(c.lang, follows)
			return b.reply(ctx, c, i18n.T(c.lang, "bot.followed", b.name(slug, c.lang))+"\n\n"+i18n.T(c.lang, "bot.partners"), &kb)
		}
	}
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	kb := b.partnersKeyboard(c.lang, follows)
	return b.reply(ctx, c, i18n.T(c.lang, "bot.welcome", html.EscapeString(b.cfg.Site.Title)), &kb)
}

func (b *Bot) cmdPartners(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	kb := b.partnersKeyboard(c.lang, follows)
	return b.reply(ctx, c, i18n.T(c.lang, "bot.partners"), &kb)
}

func (b *Bot) cmdLatest(ctx context.Context, c chatContext, arg string) error {
	var list []store.Article
	var err error
	header := i18n.T(c.lang, "bot.latest_all")
	if arg != "" {
		slug, ok := b.tagger.Lookup(arg)
		if !ok {
			return b.reply(ctx, c, i18n.T(c.lang, "bot.unknown_city", html.EscapeString(shorten(clean(arg), 64))), nil)
		}
		header = i18n.T(c.lang, "bot.latest", b.name(slug, c.lang))
		list, err = b.store.ListArticles(ctx, store.ListOptions{Partner: slug, Limit: 5})
	} else {
		list, err = b.latestFollowed(ctx, c.id)
	}
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return b.reply(ctx, c, header+"\n\n"+i18n.T(c.lang, "bot.no_news"), nil)
	}
	var sb strings.Builder
	sb.WriteString(header + "\n")
	for _, a := range list {
		txt := translation.For(a, c.lang)
		fmt.Fprintf(&sb, "\n• <a href=\"%s\">%s</a>", html.EscapeString(clean(a.URL)), html.EscapeString(shorten(clean(txt.Title), 200)))
		if !a.PublishedAt.IsZero() {
			sb.WriteString(" (" + i18n.Date(c.lang, a.PublishedAt.In(b.cfg.Location)) + ")")
		}
		if txt.Note != "" {
			sb.WriteString(" · " + html.EscapeString(txt.Note))
		}
	}
	return b.reply(ctx, c, sb.String(), nil)
}

// latestFollowed returns the last five articles about what the chat follows
// (about any partner when it follows none).
func (b *Bot) latestFollowed(ctx context.Context, chatID int64) ([]store.Article, error) {
	follows, err := b.store.TelegramFollows(ctx, chatID)
	if err != nil {
		return nil, err
	}
	if len(follows) == 1 {
		return b.store.ListArticles(ctx, store.ListOptions{Partner: follows[0], Limit: 5})
	}
	all, err := b.store.ListArticles(ctx, store.ListOptions{Tagged: true, Limit: 200})
	if err != nil || len(follows) == 0 {
		return all[:min(5, len(all))], err
	}
	want := map[string]bool{}
	for _, f := range follows {
		want[f] = true
	}
	var out []store.Article
	for _, a := range all {
		for _, t := range a.Tags {
			if want[t.Partner] {
				out = append(out, a)
				break
			}
		}
		if len(out) == 5 {
			break
		}
	}
	return out, nil
}

func (b *Bot) cmdLanguage(ctx context.Context, c chatContext, arg string) error {
	if l := strings.ToLower(strings.TrimSpace(arg)); i18n.Supported(l) {
		if err := b.store.SetTelegramChatLanguage(ctx, c.id, l); err != nil {
			return err
		}
		return b.reply(ctx, c, i18n.T(l, "bot.lang_set"), nil)
	}
	kb := languageKeyboard(c.lang)
	return b.reply(ctx, c, i18n.T(c.lang, "bot.choose_lang"), &kb)
}
