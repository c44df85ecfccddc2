package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// The Atom document as published: gorilla's AtomFeed corrected and completed.
type atomFeed struct {
	XMLName  xml.Name          `xml:"feed"`
	Xmlns    string            `xml:"xmlns,attr"`
	NSFH     string            `xml:"xmlns:fh,attr,omitempty"`
	Lang     string            `xml:"xml:lang,attr,omitempty"`
	ID       string            `xml:"id"`
	Title    atomText          `xml:"title"`
	Subtitle *atomText         `xml:"subtitle"`
	Updated  string            `xml:"updated"`
	Author   *feeds.AtomAuthor `xml:"author"`
	Links    []feeds.AtomLink  `xml:"link"`
	Archive  *struct{}         `xml:"fh:archive"`
	Entries  []atomEntry       `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	XMLName    xml.Name           `xml:"entry"`
	Lang       string             `xml:"xml:lang,attr,omitempty"`
	ID         string             `xml:"id"`
	Title      atomText           `xml:"title"`
	Published  string             `xml:"published"`
	Updated    string             `xml:"updated"`
	Links      []feeds.AtomLink   `xml:"link"`
	Categories []atomCategory     `xml:"category"`
	Summary    *feeds.AtomSummary `xml:"summary"`
	Content    *feeds.AtomContent `xml:"content"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr"`
	Label  string `xml:"label,attr"`
}

// renderAtom writes the model as an Atom 1.0 document.
func renderAtom(m model) ([]byte, error) {
	g := (&feeds.Atom{Feed: m.Feed}).AtomFeed()
	self := m.Paging.selfURL(m.Site, m.Channel.Slug, Atom)
	f := atomFeed{
		Xmlns: g.Xmlns,
		Lang:  LanguageTag(m.Site.Language),
		// One id per feed (gorilla uses the site link for every feed); its
		// archive pages are documents of the same feed.
		ID:      m.Site.URL(m.Channel.Slug, Atom),
		Title:   atomText{Type: "text", Text: g.Title},
		Updated: m.Updated.Format(time.RFC3339), // never empty
		Author:  g.Author,
		Links: []feeds.AtomLink{
			{Href: m.Channel.HTMLURL, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: "application/atom+xml"},
		},
	}
	if g.Subtitle != "" {
		f.Subtitle = &atomText{Type: "text", Text: g.Subtitle}
	}
	if m.Site.Hub != "" && m.Paging.Page == 0 {
		f.Links = append(f.Links, feeds.AtomLink{Href: m.Site.Hub, Rel: "hub"})
	}
	if m.Paging.Page > 0 {
		f.NSFH, f.Archive = fhNamespace, &struct{}{}
	}
	for _, l := range pagingLinks(m, Atom) {
		f.Links = append(f.Links, feeds.AtomLink{Href: l.Href, Rel: l.Rel, Type: l.Type})
	}
	for i, ge := range g.Entries {
		f.Entries = append(f.Entries, atomEntryOf(m, m.Items[i], ge))
	}
	return marshalXML(f)
}

func atomEntryOf(m model, it item, ge *feeds.AtomEntry) atomEntry {
	e := atomEntry{
		Lang:      it.Language,
		ID:        it.AtomID, // gorilla would take the RSS guid, not always an IRI
		Title:     atomText{Type: "text", Text: ge.Title},
		Published: it.Created.Format(time.RFC3339),
		Updated:   ge.Updated,
		Content:   ge.Content,
		Summary:   ge.Summary,
	}
	if e.Summary != nil {
		e.Summary.Type = "text" // the summary is plain text, not HTML
	}
	e.Links = append(e.Links, feeds.AtomLink{Href: it.Link.Href, Rel: "alternate", Type: "text/html"})
	for _, im := range it.Images {
		e.Links = append(e.Links, feeds.AtomLink{Href: im.URL, Rel: "enclosure", Type: im.Type, Length: lengthAttr(im.Length)})
	}
	for _, c := range it.Categories {
		e.Categories = append(e.Categories, atomCategory{Term: c.Slug,
			Scheme: m.Site.BaseURL + "/partners/", Label: c.Name})
	}
	return e
}

// marshalXML encodes v as a UTF-8 XML document.
func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, fmt.Errorf("feed: encode xml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// lengthAttr is an enclosure's length attribute: omitted (Atom and JSON Feed
// allow that) when unknown, never "0".
func lengthAttr(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
