package feed

import (
	"encoding/xml"
	"time"

	"github.com/gorilla/feeds"
)

// The RSS 2.0 document as published: gorilla's RssFeed corrected and completed.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	NSFH      string     `xml:"xmlns:fh,attr,omitempty"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string     `xml:"title"`
	Link          string     `xml:"link"`
	Description   string     `xml:"description"`
	AtomLinks     []rssLink  `xml:"atom:link"`
	Archive       *struct{}  `xml:"fh:archive"`
	Language      string     `xml:"language,omitempty"`
	PubDate       string     `xml:"pubDate"`
	LastBuildDate string     `xml:"lastBuildDate"`
	Creator       string     `xml:"dc:creator"`
	Items         []*rssItem `xml:"item"`
}

// rssLink is an atom:link inside RSS (self and hub, per RSS Best Practices).
type rssLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rssItem keeps description before content:encoded, as RSS Best Practices asks.
type rssItem struct {
	Title       string              `xml:"title"`
	Link        string              `xml:"link"`
	Description string              `xml:"description"`
	Content     *feeds.RssContent   `xml:"content:encoded"`
	Creator     string              `xml:"dc:creator"`
	Categories  []rssCategory       `xml:"category"`
	Enclosure   *feeds.RssEnclosure `xml:"enclosure"`
	GUID        *feeds.RssGuid      `xml:"guid"`
	PubDate     string              `xml:"pubDate"`
}

type rssCategory struct {
	Domain string `xml:"domain,attr"`
	Name   string `xml:",chardata"`
}

// renderRSS writes the model as an RSS 2.0 document.
func renderRSS(m model) ([]byte, error) {
	g := (&feeds.Rss{Feed: m.Feed}).RssFeed()
	date := m.Updated.Format(time.RFC1123Z)
	ch := rssChannel{
		Title:         g.Title,
		Link:          g.Link,
		Description:   g.Description,
		AtomLinks:     []rssLink{{Href: m.Paging.selfURL(m.Site, m.Channel.Slug, RSS), Rel: "self", Type: "application/rss+xml"}},
		Language:      LanguageTag(m.Site.Language),
		PubDate:       date,
		LastBuildDate: date, // from the data, never the clock
		Creator:       m.Feed.Author.Name,
	}
	if m.Site.Hub != "" && m.Paging.Page == 0 {
		ch.AtomLinks = append(ch.AtomLinks, rssLink{Href: m.Site.Hub, Rel: "hub"})
	}
	ch.AtomLinks = append(ch.AtomLinks, pagingLinks(m, RSS)...)
	nsFH := ""
	if m.Paging.Page > 0 {
		nsFH, ch.Archive = fhNamespace, &struct{}{}
	}
	for i, gi := range g.Items {
		ch.Items = append(ch.Items, rssItemOf(m, m.Items[i], gi))
	}
	return marshalXML(rssDoc{
		Version:   "2.0",
		NSContent: "http://purl.org/rss/1.0/modules/content/",
		NSAtom:    "http://www.w3.org/2005/Atom",
		NSDC:      "http://purl.org/dc/elements/1.1/",
		NSFH:      nsFH,
		Channel:   ch,
	})
}

func rssItemOf(m model, it item, gi *feeds.RssItem) *rssItem {
	r := &rssItem{
		Title:       gi.Title,
		Link:        gi.Link,
		Description: gi.Description,
		Content:     gi.Content,
		Creator:     it.Author.Name, // RSS <author> needs an email address
		// gorilla drops enclosures without a length and omits isPermaLink.
		GUID:    &feeds.RssGuid{Id: it.Id, IsPermaLink: it.IsPermaLink},
		PubDate: it.Created.Format(time.RFC1123Z),
	}
	if it.Enclosure != nil {
		r.Enclosure = &feeds.RssEnclosure{Url: it.Enclosure.Url, Type: it.Enclosure.Type, Length: it.Enclosure.Length}
	}
	for _, c := range it.Categories {
		r.Categories = append(r.Categories, rssCategory{Domain: m.Site.BaseURL + "/partners/", Name: c.Name})
	}
	return r
}
