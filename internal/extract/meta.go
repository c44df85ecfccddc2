package extract

import (
	"encoding/json"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// meta is what a page says about itself in JSON-LD, OpenGraph and <meta>.
type meta struct {
	headline, description, published string
	ogTitle, ogDescription, ogURL    string
	canonical, language              string
	// publishedFrom names where published came from (Article.DateSignal).
	publishedFrom string
}

func readMeta(doc *goquery.Document) meta {
	var m meta
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		readJSONLD(&m, []byte(s.Text()))
	})
	metaContent := func(sel string) string { return attr(doc.Find(sel), "content") }
	m.ogTitle = metaContent(`meta[property="og:title"]`)
	m.ogDescription = firstNonEmpty(metaContent(`meta[property="og:description"]`), metaContent(`meta[name="description"]`))
	m.ogURL = metaContent(`meta[property="og:url"]`)
	if m.published != "" {
		m.publishedFrom = "JSON-LD datePublished"
	}
	for _, attr := range publishedMeta {
		if v := metaContent("meta[" + attr + "]"); m.published == "" && v != "" {
			m.published, m.publishedFrom = v, "<meta "+attr+">"
		}
	}
	m.canonical = attr(doc.Find(`link[rel="canonical"]`), "href")
	m.language = metaContent(`meta[http-equiv="content-language"]`)
	return m
}

// publishedMeta are the <meta> attributes that carry a publication date, in order.
var publishedMeta = []string{`property="article:published_time"`, `itemprop="datePublished"`,
	`name="date"`, `name="dcterms.date"`, `name="DC.date.issued"`}

// ldArticle holds the JSON-LD fields used; other types and fields are ignored.
type ldArticle struct {
	Type          any             `json:"@type"`
	Headline      string          `json:"headline"`
	Description   string          `json:"description"`
	DatePublished string          `json:"datePublished"`
	Graph         json.RawMessage `json:"@graph"`
}

// readJSONLD takes the first article-like object of a JSON-LD block, which may
// be an object, a list or an @graph.
func readJSONLD(m *meta, raw []byte) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		list = []json.RawMessage{raw}
	}
	for _, item := range list {
		var a ldArticle
		if json.Unmarshal(item, &a) != nil {
			continue
		}
		if len(a.Graph) > 0 {
			readJSONLD(m, a.Graph)
			continue
		}
		if !articleType(a.Type) {
			continue
		}
		if m.headline == "" {
			m.headline = cleanText(a.Headline)
		}
		if m.description == "" {
			m.description = cleanText(a.Description)
		}
		if m.published == "" {
			m.published = strings.TrimSpace(a.DatePublished)
		}
	}
}

func articleType(t any) bool {
	var types []string
	switch v := t.(type) {
	case string:
		types = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				types = append(types, s)
			}
		}
	}
	for _, s := range types {
		if strings.HasSuffix(s, "Article") || s == "BlogPosting" || s == "Report" || s == "WebPage" {
			return true
		}
	}
	return false
}
