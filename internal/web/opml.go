package web

import (
	"github.com/partnerfeed/partnerfeed/internal/feed"
)

var formatNames = map[feed.Format]string{feed.RSS: "RSS 2.0", feed.Atom: "Atom 1.0", feed.JSON: "JSON Feed 1.1"}

// renderOPML lists every feed in one format as OPML 2.0: a reader that
// imports it subscribes to each feed once (three formats of every feed
// would show every article three times).
func renderOPML(site feed.Site, channels []feed.Channel, f feed.Format) ([]byte, error) {
	doc := feed.OPML{Title: site.Title, OwnerID: site.BaseURL + "/"}
	for _, ch := range channels {
		doc.Outlines = append(doc.Outlines, feed.Outline{Text: ch.Title, Type: "rss",
			XMLURL: site.URL(ch.Slug, f), HTMLURL: ch.HTMLURL, Language: site.Language})
	}
	return doc.Encode()
}
