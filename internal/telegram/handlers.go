package telegram

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
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
	if isCmd && changesChat(cmd) {
		if r := b.mayChange(ctx, m.Chat, m.From, m.SenderChat); r != allowed {
			lang, err := b.chatLanguage(ctx, c.id)
			if err != nil {
				return err
			}
			c.lang = lang
			return b.reply(ctx, c, refusal(c.lang, r), nil)
		}
	}
	if cmd.Name == "stop" {
		if err := b.store.DeleteTelegramChat(ctx, c.id); err != nil {
			return err
		}
		if m.From != nil {
			c.lang = i18n.Pick(m.From.LanguageCode, b.cfg.Site.Language)
		}
		return b.reply(ctx, c, i18n.T(c.lang, "bot.stopped"), nil)
	}
	if err := b.rememberChat(ctx, m, &c); err != nil {
		return err
	}
	if !isCmd {
		if slug, ok := b.tagger.Lookup(m.Text); ok {
			return b.reply(ctx, c, i18n.T(c.lang, "bot.did_you_mean", b.name(slug, c.lang), slug), nil)
		}
		return b.reply(ctx, c, i18n.T(c.lang, "bot.unknown_text"), nil)
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
	case "export":
		return b.cmdExport(ctx, c)
	case "mute":
		return b.cmdMute(ctx, c, cmd.Args)
	case "unmute":
		return b.cmdUnmute(ctx, c)
	case "latest":
		return b.cmdLatest(ctx, c, cmd.Args)
	case "language":
		return b.cmdLanguage(ctx, c, cmd.Args)
	case "help":
		return b.reply(ctx, c, b.helpText(c), nil)
	}
	if group && !strings.Contains(strings.ToLower(m.Text), "@"+strings.ToLower(b.api.Self.UserName)) {
		return nil // in a group, an unknown command may be another bot's
	}
	return b.reply(ctx, c, i18n.T(c.lang, "bot.unknown_cmd")+"\n\n"+b.helpText(c), nil)
}

// changesChat reports whether a command changes what a chat follows or how
// the bot talks to it: in a group only its administrators may send it.
func changesChat(cmd Command) bool {
	switch cmd.Name {
	case "follow", "unfollow", "stop", "language", "mute", "unmute":
		return true
	case "start":
		return cmd.Args != ""
	}
	return false
}

// chatLanguage is the stored language of a chat, or the site's for a chat
// the bot does not know.
func (b *Bot) chatLanguage(ctx context.Context, id int64) (string, error) {
	chat, err := b.store.TelegramChat(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return i18n.Pick(b.cfg.Site.Language, b.cfg.Site.Language), nil
	case err != nil:
		return "", err
	}
	return i18n.Pick(chat.Language, b.cfg.Site.Language), nil
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
		Language: i18n.Pick(lang, b.cfg.Site.Language)})
	if err != nil {
		return err
	}
	chat, err := b.store.TelegramChat(ctx, c.id)
	if err != nil {
		return err
	}
	c.lang = i18n.Pick(chat.Language, b.cfg.Site.Language)
	return nil
}

func (b *Bot) helpText(c chatContext) string {
	text := i18n.T(c.lang, "bot.help", html.EscapeString(b.cfg.Site.CityIn(c.lang)))
	if c.group {
		text += "\n\n" + i18n.T(c.lang, "bot.help_group")
	}
	return text
}

// name is a partner's escaped name.
func (b *Bot) name(slug, lang string) string {
	if p, ok := b.cfg.Partner(slug); ok {
		return html.EscapeString(p.Name(lang))
	}
	return html.EscapeString(slug)
}

// reply sends an HTML message to a chat, within the limits.
func (b *Bot) reply(ctx context.Context, c chatContext, text string, kb *tgbotapi.InlineKeyboardMarkup) error {
	msg := tgbotapi.NewMessage(c.id, text)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	return b.send(ctx, c, msg)
}

// send sends an answer (a message, a document) to a chat, within the limits;
// a chat that blocked the bot or vanished is deactivated.
func (b *Bot) send(ctx context.Context, c chatContext, msg tgbotapi.Chattable) error {
	done, err := b.pace.Wait(ctx, strconv.FormatInt(c.id, 10), c.group)
	if err != nil {
		return err
	}
	defer done()
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	_, err = b.api.Send(sctx, msg)
	if err != nil {
		if f, _, _ := classify(err); f == gone {
			chatsDeactivated.Inc()
			return errors.Join(err, b.store.DeactivateTelegramChat(ctx, c.id, err.Error()))
		}
		return fmt.Errorf("telegram: reply to %d: %w", c.id, err)
	}
	return nil
}
