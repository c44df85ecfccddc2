package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// jsonFeed is a JSON Feed 1.1 document (gorilla/feeds writes only 1.0).
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Authors     []jsonAuthor `json:"authors"`
	Language    string       `json:"language,omitempty"`
	Hubs        []jsonHub    `json:"hubs,omitempty"`
	NextURL     string       `json:"next_url,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonHub struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

type jsonItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified"`
	Authors       []jsonAuthor     `json:"authors"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL      string `json:"url"`
	MimeType string `json:"mime_type"`
	Title    string `json:"title,omitempty"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

// renderJSON writes the model as a JSON Feed 1.1 document.
func renderJSON(m model) ([]byte, error) {
	author := jsonAuthor{Name: m.Feed.Author.Name, URL: m.Site.BaseURL + "/"}
	f := jsonFeed{
		Version:     "https://jsonfeed.org/version/1.1",
		Title:       m.Feed.Title,
		HomePageURL: m.Channel.HTMLURL,
		FeedURL:     m.Site.URL(m.Channel.Slug, JSON),
		Description: m.Feed.Description,
		Authors:     []jsonAuthor{author},
		Language:    LanguageTag(m.Site.Language),
		Items:       []jsonItem{},
	}
	if m.Site.Hub != "" && m.Paging.Page == 0 {
		f.Hubs = []jsonHub{{Type: "WebSub", URL: m.Site.Hub}}
	}
	// JSON Feed pages towards older items with next_url (the archive pages).
	f.NextURL = m.Paging.prevURL(m.Site, m.Channel.Slug, JSON)
	for _, it := range m.Items {
		ji := jsonItem{
			ID:            it.Id,
			URL:           it.Link.Href,
			Title:         it.Title,
			ContentHTML:   it.Content,
			Summary:       it.Description,
			DatePublished: it.Created.Format(time.RFC3339),
			DateModified:  it.Updated.Format(time.RFC3339),
			Authors:       []jsonAuthor{author},
			Language:      it.Language,
		}
		for _, c := range it.Categories {
			ji.Tags = append(ji.Tags, c.Name)
		}
		for i, im := range it.Images {
			if i == 0 {
				ji.Image = im.URL
			}
			ji.Attachments = append(ji.Attachments, jsonAttachment{URL: im.URL, MimeType: im.Type, Title: im.Title, Size: im.Length})
		}
		f.Items = append(f.Items, ji)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("feed: encode json: %w", err)
	}
	return buf.Bytes(), nil
}
