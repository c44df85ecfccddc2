package activitypub

import (
	"html"
	"mime"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Context is the JSON-LD context of every document the service writes.
var Context = []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
	map[string]any{"Hashtag": "as:Hashtag", "sensitive": "as:sensitive",
		"toot": "http://joinmastodon.org/ns#", "discoverable": "toot:discoverable"}}

// publicAudience is the addressing of public posts.
const publicAudience = "https://www.w3.org/ns/activitystreams#Public"

// note is the Note of an article as actor publishes it: the title as the
// first line, the lead, the link, a hashtag per partner, the article's
// language (also as contentMap) and its first image with the caption as
// alt text.
func (s *Service) note(actor string, a store.Article) map[string]any {
	lang := a.Language
	if lang == "" {
		lang = s.cfg.Site.Language
	}
	var b strings.Builder
	b.WriteString("<p><strong>" + html.EscapeString(a.Title) + "</strong></p>")
	if a.Lead != "" {
		b.WriteString("<p>" + html.EscapeString(a.Lead) + "</p>")
	}
	link := html.EscapeString(a.URL)
	b.WriteString(`<p><a href="` + link + `">` + html.EscapeString(i18n.T(i18n.Pick(lang, s.cfg.Site.Language), "fedi.read_more")) +
		`: ` + link + `</a></p>`)
	var tags []any
	var hashtags []string
	for _, t := range a.Tags {
		p, ok := s.cfg.Partner(t.Partner)
		if !ok {
			continue
		}
		name := "#" + hashtag(p.Name(lang))
		href := s.base + "/partners/" + p.Slug
		tags = append(tags, map[string]any{"type": "Hashtag", "href": href, "name": name})
		hashtags = append(hashtags, `<a href="`+html.EscapeString(href)+`" class="mention hashtag" rel="tag">`+html.EscapeString(name)+`</a>`)
	}
	if len(hashtags) > 0 {
		b.WriteString("<p>" + strings.Join(hashtags, " ") + "</p>")
	}
	content := b.String()
	n := map[string]any{
		"id": s.noteURL(actor, a.ID), "type": "Note", "attributedTo": s.actorURL(actor),
		"to": []string{publicAudience}, "cc": []string{s.actorURL(actor) + "/followers"},
		"content": content, "contentMap": map[string]string{lang: content}, "language": lang,
		"url": a.URL, "published": stamp(a.FirstSeenAt), "sensitive": false, "tag": tags,
	}
	if !a.PublishedAt.IsZero() {
		n["published"] = stamp(a.PublishedAt)
	}
	if len(a.Images) > 0 {
		im := a.Images[0]
		alt := im.Caption
		if alt == "" {
			alt = a.Title
		}
		mt := mime.TypeByExtension(strings.ToLower(path.Ext(im.URL)))
		if mt == "" {
			mt = "image/jpeg"
		}
		n["attachment"] = []any{map[string]any{"type": "Image", "mediaType": mt, "url": im.URL, "name": alt}}
	}
	return n
}

// activity wraps obj in an activity of kind by actor, with its own id.
func (s *Service) activity(actor, kind, id string, obj any) map[string]any {
	return map[string]any{"@context": Context, "id": id, "type": kind, "actor": s.actorURL(actor),
		"to": []string{publicAudience}, "cc": []string{s.actorURL(actor) + "/followers"}, "object": obj}
}

// hashtag makes a hashtag of a name: letters and digits only, each word
// capitalized ("Landkreis Oder-Spree" → "LandkreisOderSpree").
func hashtag(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if up {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			up = false
			continue
		}
		up = true
	}
	return b.String()
}

// stamp writes a time as ActivityStreams wants it (UTC, RFC 3339).
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
