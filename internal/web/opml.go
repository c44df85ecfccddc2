package web

import (
	"github.com/partnerfeed/partnerfeed/internal/feed"
)

var formatNames = map[feed.Format]string{feed.RSS: "RSS 2.0", feed.Atom: "Atom 1.0", feed.JSON: "JSON Feed 1.1"}

// renderOPML lists every feed as OPML 2.0, one folder per format, so a
// reader imports the format it prefers.
func renderOPML(site feed.Site, channels []feed.Channel) ([]byte, error) {
	doc := feed.OPML{Title: site.Title, OwnerID: site.BaseURL + "/"}
	for _, f := range feed.Formats {
		folder := feed.Outline{Text: formatNames[f]}
		for _, ch := range channels {
			folder.Children = append(folder.Children, feed.Outline{Text: ch.Title, Type: "rss",
				XMLURL: site.URL(ch.Slug, f), HTMLURL: ch.HTMLURL, Language: site.Language})
		}
		doc.Outlines = append(doc.Outlines, folder)
	}
	return doc.Encode()
}
