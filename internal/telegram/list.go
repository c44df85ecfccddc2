package telegram

import (
	"context"
	"html"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// maxListedFeeds bounds the cities /list gives feed links for (a message
// should stay readable and well within Telegram's limits); the OPML file
// stands for the rest.
const maxListedFeeds = 20

// feedLabels name the feed formats in /list.
var feedLabels = map[feed.Format]string{feed.RSS: "RSS", feed.Atom: "Atom", feed.JSON: "JSON Feed"}

// cmdList answers /list: the followed cities, and each one's page and feeds
// on the site, so that the news can also be read in a feed reader.
func (b *Bot) cmdList(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	partners := b.partners(follows)
	note, err := b.muteNote(ctx, c)
	if err != nil {
		return err
	}
	if note != "" {
		note += "\n\n"
	}
	if len(partners) == 0 {
		return b.reply(ctx, c, note+i18n.T(c.lang, "bot.list_empty"), nil)
	}
	names := make([]string, len(partners))
	for i, p := range partners {
		names[i] = html.EscapeString(p.Name(c.lang))
	}
	var sb strings.Builder
	sb.WriteString(note + i18n.T(c.lang, "bot.list", strings.Join(names, ", ")))
	sb.WriteString("\n\n" + i18n.T(c.lang, "bot.list_feeds"))
	site := feed.NewSite(b.cfg)
	for i, p := range partners {
		if i == maxListedFeeds {
			sb.WriteString("\n• " + i18n.T(c.lang, "bot.list_opml", html.EscapeString(site.BaseURL+"/feeds.opml")))
			break
		}
		sb.WriteString("\n• <a href=\"" + html.EscapeString(site.BaseURL+"/partners/"+p.Slug) + "\">" + names[i] + "</a>:")
		for k, f := range feed.Formats {
			if k > 0 {
				sb.WriteString(" ·")
			}
			sb.WriteString(" <a href=\"" + html.EscapeString(site.URL(p.Slug, f)) + "\">" + feedLabels[f] + "</a>")
		}
	}
	return b.reply(ctx, c, sb.String(), nil)
}
