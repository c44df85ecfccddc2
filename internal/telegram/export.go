package telegram

import (
	"context"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// exportFileName names the file /export sends.
const exportFileName = "feeds.opml"

// cmdExport answers /export: the Atom feeds of the followed cities as an
// OPML file, for importing into a feed reader.
func (b *Bot) cmdExport(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	partners := b.partners(follows)
	if len(partners) == 0 {
		return b.reply(ctx, c, i18n.T(c.lang, "bot.export_empty"), nil)
	}
	data, err := exportOPML(b.cfg, partners, c.lang)
	if err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(c.id, tgbotapi.FileBytes{Name: exportFileName, Bytes: data})
	doc.Caption, doc.ParseMode = i18n.T(c.lang, "bot.export_caption", len(partners)), tgbotapi.ModeHTML
	err = b.send(ctx, c, doc)
	if err == nil || ctx.Err() != nil {
		return err
	}
	// The update is not handled again, so the user learns here that the
	// file did not come, rather than waiting for it.
	b.log.Warn("Sending the OPML export failed", slog.Int64("chat_id", c.id), slog.Any("error", err))
	return b.reply(ctx, c, i18n.T(c.lang, "bot.export_failed"), nil)
}

// exportOPML renders the Atom feeds of partners as OPML 2.0, titled in lang.
func exportOPML(cfg config.Config, partners []config.Partner, lang string) ([]byte, error) {
	site := feed.NewSite(cfg)
	doc := feed.OPML{Title: i18n.T(lang, "bot.export_title", cfg.Site.TitleIn(lang)), OwnerID: site.BaseURL + "/"}
	for _, p := range partners {
		name := p.Name(lang)
		doc.Outlines = append(doc.Outlines, feed.Outline{Text: name, Title: name, Type: "rss",
			XMLURL: site.URL(p.Slug, feed.Atom), HTMLURL: site.BaseURL + "/partners/" + p.Slug, Language: site.Language})
	}
	return doc.Encode()
}
