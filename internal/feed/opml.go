package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// OPML is an OPML 2.0 subscription list (the site's /feeds.opml, the bot's
// /export).
type OPML struct {
	XMLName  xml.Name  `xml:"opml"`
	Version  string    `xml:"version,attr"`
	Title    string    `xml:"head>title"`
	OwnerID  string    `xml:"head>ownerId,omitempty"`
	Outlines []Outline `xml:"body>outline"`
}

// Outline is one feed, or a folder of feeds (Children). OPML 2.0 types
// every subscription "rss", whatever its format.
type Outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Language string    `xml:"language,attr,omitempty"`
	Children []Outline `xml:"outline"`
}

// Encode renders the list as an indented XML document (version 2.0).
func (o OPML) Encode() ([]byte, error) {
	o.Version = "2.0"
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(o); err != nil {
		return nil, fmt.Errorf("feed: encode opml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
