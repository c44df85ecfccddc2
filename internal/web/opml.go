package web

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Owner   string        `xml:"head>ownerId,omitempty"`
	Outline []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Language string        `xml:"language,attr,omitempty"`
	Children []opmlOutline `xml:"outline"`
}

var formatNames = map[feed.Format]string{feed.RSS: "RSS 2.0", feed.Atom: "Atom 1.0", feed.JSON: "JSON Feed 1.1"}

// renderOPML lists every feed as OPML 2.0, one folder per format, so a
// reader imports the format it prefers.
func renderOPML(site feed.Site, channels []feed.Channel) ([]byte, error) {
	doc := opmlDoc{Version: "2.0", Title: site.Title, Owner: site.BaseURL + "/"}
	for _, f := range feed.Formats {
		folder := opmlOutline{Text: formatNames[f]}
		for _, ch := range channels {
			folder.Children = append(folder.Children, opmlOutline{Text: ch.Title, Type: "rss",
				XMLURL: site.URL(ch.Slug, f), HTMLURL: ch.HTMLURL, Language: site.Language})
		}
		doc.Outline = append(doc.Outline, folder)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("web: encode opml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
