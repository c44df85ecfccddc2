package telegram

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// HandleUpdate answers one update. Handlers are idempotent: an update
// handled twice (after a crash) changes nothing more.
func (b *Bot) HandleUpdate(ctx context.Context, u tgbotapi.Update) error {
	switch {
	case u.Message != nil:
		updatesHandled.WithLabelValues("message").Inc()
		return b.handleMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		updatesHandled.WithLabelValues("callback").Inc()
		return b.handleCallback(ctx, u.CallbackQuery)
	case u.MyChatMember != nil:
		updatesHandled.WithLabelValues("member").Inc()
		switch u.MyChatMember.NewChatMember.Status {
		case "kicked", "left":
			return b.store.DeactivateTelegramChat(ctx, u.MyChatMember.Chat.ID, "bot removed from chat")
		}
	default:
		updatesHandled.WithLabelValues("other").Inc()
	}
	return nil
}

// chatContext is what a handler knows about the chat it answers.
type chatContext struct {
	id    int64
	group bool
	lang  string
}

func (b *Bot) handleMessage(ctx context.Context, m *tgbotapi.Message) error {
	if m.Chat == nil {
		return nil
	}
	if m.MigrateToChatID != 0 {
		return b.store.MigrateTelegramChat(ctx, m.Chat.ID, m.MigrateToChatID)
	}
	cmd, isCmd := ParseCommand(m.Text, b.api.Self.UserName)
	group := m.Chat.Type != "private"
	if !isCmd && (group || m.Text == "") {
		return nil // groups: only commands are for the bot
	}
	c := chatContext{id: m.Chat.ID, group: group, lang: b.cfg.Site.Language}
	if cmd.Name == "stop" {
		if err := b.store.DeleteTelegramChat(ctx, c.id); err != nil {
			return err
		}
		if m.From != nil {
			c.lang = chooseLanguage(m.From.LanguageCode, b.cfg.Site.Language)
		}
		return b.reply(ctx, c, tr(c.lang, "stopped"), nil)
	}
	if err := b.rememberChat(ctx, m, &c); err != nil {
		return err
	}
	if !isCmd {
		if slug, ok := b.tagger.Lookup(m.Text); ok {
			return b.reply(ctx, c, tr(c.lang, "did_you_mean", b.name(slug, c.lang), slug), nil)
		}
		return b.reply(ctx, c, tr(c.lang, "unknown_text"), nil)
	}
	switch cmd.Name {
	case "start":
		return b.cmdStart(ctx, c, cmd.Args)
	case "partners":
		return b.cmdPartners(ctx, c)
	case "follow":
		return b.cmdFollow(ctx, c, cmd, true)
	case "unfollow":
		return b.cmdFollow(ctx, c, cmd, false)
	case "list":
		return b.cmdList(ctx, c)
	case "latest":
		return b.cmdLatest(ctx, c, cmd.Args)
	case "language":
		return b.cmdLanguage(ctx, c, cmd.Args)
	case "help":
		return b.reply(ctx, c, b.helpText(c.lang), nil)
	}
	if group && !strings.Contains(strings.ToLower(m.Text), "@"+strings.ToLower(b.api.Self.UserName)) {
		return nil // in a group, an unknown command may be another bot's
	}
	return b.reply(ctx, c, tr(c.lang, "unknown_cmd")+"\n\n"+b.helpText(c.lang), nil)
}

// rememberChat stores the chat (reactivating it) and learns its language.
func (b *Bot) rememberChat(ctx context.Context, m *tgbotapi.Message, c *chatContext) error {
	lang := b.cfg.Site.Language
	if m.From != nil && !c.group {
		lang = m.From.LanguageCode
	}
	title := m.Chat.Title
	if title == "" {
		title = m.Chat.UserName
	}
	err := b.store.UpsertTelegramChat(ctx, store.TelegramChat{ID: c.id, Kind: m.Chat.Type, Title: title,
		Language: chooseLanguage(lang, b.cfg.Site.Language)})
	if err != nil {
		return err
	}
	chat, err := b.store.TelegramChat(ctx, c.id)
	if err != nil {
		return err
	}
	c.lang = chooseLanguage(chat.Language, b.cfg.Site.Language)
	return nil
}

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
			return b.reply(ctx, c, tr(c.lang, "followed", b.name(slug, c.lang))+"\n\n"+tr(c.lang, "partners"), &kb)
		}
	}
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	kb := b.partnersKeyboard(c.lang, follows)
	return b.reply(ctx, c, tr(c.lang, "welcome", html.EscapeString(b.cfg.Site.Title)), &kb)
}

func (b *Bot) cmdPartners(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	kb := b.partnersKeyboard(c.lang, follows)
	return b.reply(ctx, c, tr(c.lang, "partners"), &kb)
}

func (b *Bot) cmdFollow(ctx context.Context, c chatContext, cmd Command, follow bool) error {
	if cmd.Args == "" {
		example := PartnerName(b.cfg.Partners[0], c.lang)
		return b.reply(ctx, c, tr(c.lang, "which_city", cmd.Name, html.EscapeString(example)), nil)
	}
	slug, ok := b.tagger.Lookup(cmd.Args)
	if !ok {
		return b.reply(ctx, c, tr(c.lang, "unknown_city", html.EscapeString(shorten(clean(cmd.Args), 64))), nil)
	}
	var changed bool
	var err error
	key := "already"
	if follow {
		changed, err = b.store.FollowPartner(ctx, c.id, slug)
		if changed {
			key = "followed"
		}
	} else {
		changed, err = b.store.UnfollowPartner(ctx, c.id, slug)
		key = "not_following"
		if changed {
			key = "unfollowed"
		}
	}
	if err != nil {
		return err
	}
	return b.reply(ctx, c, tr(c.lang, key, b.name(slug, c.lang)), nil)
}

func (b *Bot) cmdList(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	if len(follows) == 0 {
		return b.reply(ctx, c, tr(c.lang, "list_empty"), nil)
	}
	names := make([]string, len(follows))
	for i, f := range follows {
		names[i] = b.name(f, c.lang)
	}
	return b.reply(ctx, c, tr(c.lang, "list", strings.Join(names, ", ")), nil)
}

func (b *Bot) cmdLatest(ctx context.Context, c chatContext, arg string) error {
	var list []store.Article
	var err error
	header := tr(c.lang, "latest_all")
	if arg != "" {
		slug, ok := b.tagger.Lookup(arg)
		if !ok {
			return b.reply(ctx, c, tr(c.lang, "unknown_city", html.EscapeString(shorten(clean(arg), 64))), nil)
		}
		header = tr(c.lang, "latest", b.name(slug, c.lang))
		list, err = b.store.ListArticles(ctx, store.ListOptions{Partner: slug, Limit: 5})
	} else {
		list, err = b.latestFollowed(ctx, c.id)
	}
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return b.reply(ctx, c, header+"\n\n"+tr(c.lang, "no_news"), nil)
	}
	var sb strings.Builder
	sb.WriteString(header + "\n")
	for _, a := range list {
		fmt.Fprintf(&sb, "\n• <a href=\"%s\">%s</a>", html.EscapeString(clean(a.URL)), html.EscapeString(shorten(clean(a.Title), 200)))
		if !a.PublishedAt.IsZero() {
			sb.WriteString(" (" + a.PublishedAt.In(b.cfg.Location).Format(dateLayouts[c.lang]) + ")")
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
	if l := strings.ToLower(strings.TrimSpace(arg)); supported(l) {
		if err := b.store.SetTelegramChatLanguage(ctx, c.id, l); err != nil {
			return err
		}
		return b.reply(ctx, c, tr(l, "lang_set"), nil)
	}
	kb := languageKeyboard(c.lang)
	return b.reply(ctx, c, tr(c.lang, "choose_lang"), &kb)
}

func (b *Bot) helpText(lang string) string {
	return tr(lang, "help", html.EscapeString(b.cfg.Site.Title))
}

// name is a partner's escaped name.
func (b *Bot) name(slug, lang string) string {
	if p, ok := b.cfg.Partner(slug); ok {
		return html.EscapeString(PartnerName(p, lang))
	}
	return html.EscapeString(slug)
}

// reply sends an HTML message to a chat, within the limits.
func (b *Bot) reply(ctx context.Context, c chatContext, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	if err := b.limiter.Wait(ctx, strconv.FormatInt(c.id, 10), c.group); err != nil {
		return err
	}
	msg := tgbotapi.NewMessage(c.id, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	_, err := b.api.Send(sctx, msg)
	if err != nil {
		if f, _, _ := classify(err); f == gone {
			chatsDeactivated.Inc()
			return errors.Join(err, b.store.DeactivateTelegramChat(ctx, c.id, err.Error()))
		}
		return fmt.Errorf("telegram: reply to %d: %w", c.id, err)
	}
	return nil
}

// handleCallback answers a tap on an inline button.
func (b *Bot) handleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	if q.Message == nil || q.Message.Chat == nil {
		return b.answer(ctx, q.ID, "")
	}
	chatID := q.Message.Chat.ID
	lang := b.cfg.Site.Language
	if chat, err := b.store.TelegramChat(ctx, chatID); err == nil {
		lang = chooseLanguage(chat.Language, lang)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	} else {
		if err := b.store.UpsertTelegramChat(ctx, store.TelegramChat{ID: chatID, Kind: q.Message.Chat.Type,
			Title: q.Message.Chat.Title, Language: chooseLanguage(q.From.LanguageCode, lang)}); err != nil {
			return err
		}
	}
	switch {
	case strings.HasPrefix(q.Data, toggleData):
		return b.toggle(ctx, q, chatID, lang, strings.TrimPrefix(q.Data, toggleData))
	case strings.HasPrefix(q.Data, languageData):
		l := strings.TrimPrefix(q.Data, languageData)
		if !supported(l) {
			return b.answer(ctx, q.ID, "")
		}
		if err := b.store.SetTelegramChatLanguage(ctx, chatID, l); err != nil {
			return err
		}
		edit := tgbotapi.NewEditMessageTextAndMarkup(chatID, q.Message.MessageID, tr(l, "lang_set"), languageKeyboard(l))
		b.edit(ctx, edit)
		return b.answer(ctx, q.ID, tr(l, "lang_set"))
	}
	return b.answer(ctx, q.ID, "")
}

// toggle follows or unfollows a partner and updates the keyboard in place.
func (b *Bot) toggle(ctx context.Context, q *tgbotapi.CallbackQuery, chatID int64, lang, slug string) error {
	p, ok := b.cfg.Partner(slug)
	if !ok {
		return b.answer(ctx, q.ID, "")
	}
	removed, err := b.store.UnfollowPartner(ctx, chatID, slug)
	if err != nil {
		return err
	}
	text := tr(lang, "cb_unfollowed", PartnerName(p, lang))
	if !removed {
		if _, err := b.store.FollowPartner(ctx, chatID, slug); err != nil {
			return err
		}
		text = tr(lang, "cb_followed", PartnerName(p, lang))
	}
	follows, err := b.store.TelegramFollows(ctx, chatID)
	if err != nil {
		return err
	}
	b.edit(ctx, tgbotapi.NewEditMessageReplyMarkup(chatID, q.Message.MessageID, b.partnersKeyboard(lang, follows)))
	return b.answer(ctx, q.ID, text)
}

// edit changes a message; "message is not modified" is no failure.
func (b *Bot) edit(ctx context.Context, c tgbotapi.Chattable) {
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	if err := b.api.Request(sctx, c); err != nil && !strings.Contains(err.Error(), "not modified") {
		b.log.Warn("Telegram edit failed", slog.Any("error", err))
	}
}

// answer answers a callback query (Telegram shows a spinner until it is).
func (b *Bot) answer(ctx context.Context, id, text string) error {
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	if err := b.api.Request(sctx, tgbotapi.NewCallback(id, text)); err != nil {
		return fmt.Errorf("telegram: answer callback: %w", err)
	}
	return nil
}
