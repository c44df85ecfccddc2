package telegram

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/feed"
)

// exportFileName names the file /export sends.
const exportFileName = "feeds.opml"

// exportDoc is the OPML 2.0 subscription list /export sends.
type exportDoc struct {
	XMLName xml.Name        `xml:"opml"`
	Version string          `xml:"version,attr"`
	Title   string          `xml:"head>title"`
	OwnerID string          `xml:"head>ownerId"`
	Feeds   []exportOutline `xml:"body>outline"`
}

// exportOutline is one feed; OPML 2.0 types every subscription "rss",
// whatever its format.
type exportOutline struct {
	Text     string `xml:"text,attr"`
	Title    string `xml:"title,attr"`
	Type     string `xml:"type,attr"`
	XMLURL   string `xml:"xmlUrl,attr"`
	HTMLURL  string `xml:"htmlUrl,attr"`
	Language string `xml:"language,attr,omitempty"`
}

// cmdExport answers /export: the Atom feeds of the followed cities as an
// OPML file, for importing into a feed reader.
func (b *Bot) cmdExport(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	partners := b.partners(follows)
	if len(partners) == 0 {
		return b.reply(ctx, c, tr(c.lang, "export_empty"), nil)
	}
	data, err := exportOPML(b.cfg, partners, c.lang)
	if err != nil {
		return err
	}
	doc := tgbotapi.NewDocument(c.id, tgbotapi.FileBytes{Name: exportFileName, Bytes: data})
	doc.Caption, doc.ParseMode = tr(c.lang, "export_caption", len(partners)), tgbotapi.ModeHTML
	return b.send(ctx, c, doc)
}

// exportOPML renders the Atom feeds of partners as OPML 2.0, titled in lang.
func exportOPML(cfg config.Config, partners []config.Partner, lang string) ([]byte, error) {
	site := feed.NewSite(cfg)
	doc := exportDoc{Version: "2.0", Title: tr(lang, "export_title", site.Title), OwnerID: site.BaseURL + "/"}
	for _, p := range partners {
		name := p.Name(lang)
		doc.Feeds = append(doc.Feeds, exportOutline{Text: name, Title: name, Type: "rss",
			XMLURL: site.URL(p.Slug, feed.Atom), HTMLURL: site.BaseURL + "/partners/" + p.Slug, Language: site.Language})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("telegram: encode opml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
