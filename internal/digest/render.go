package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/translation"
)

// Item is one article as the templates see it.
type Item struct {
	Title, URL, Date, Lead, ImageURL, ImageAlt, Partners string
	// Note marks the press office's translation, or names the original's
	// language ("" when the article is in the digest's language).
	Note string
}

// Data is what the digest templates get.
type Data struct {
	Lang, Subject, Heading, Intro              string
	Items                                      []Item
	UnsubscribeURL, UnsubscribeNote            string
	SiteTitle, SiteURL, ImprintURL, PrivacyURL string
	Labels                                     map[string]string
}

// Render builds the digest message of r's issue for slot, holding arts, for
// one address. The same inputs give the same message (Message-ID included).
func (s *Service) Render(r Recipient, slot time.Time, arts []store.Article, address string) (mailer.Message, error) {
	lang := i18n.Pick(r.Language, s.Cfg.Site.Language)
	loc := s.Cfg.Location
	names := s.partnerNames(r.Partners, lang)
	period := i18n.LongDate(lang, slot.In(loc))
	if r.Schedule.next != nil && r.Schedule.Weekly(slot) {
		_, week := slot.In(loc).ISOWeek()
		period = i18n.T(lang, "digest.week", week)
	}
	prefix := s.Cfg.Email.SubjectPrefix
	if prefix == "" {
		prefix = s.Cfg.Site.Title
	}
	subject := mailer.HeaderValue(i18n.T(lang, "digest.subject", prefix, names, i18n.N(lang, "digest.items", len(arts), len(arts)), period))
	unsub := s.UnsubscribeURL(r, address, slot)
	d := Data{
		Lang: lang, Subject: subject,
		Heading:        i18n.T(lang, "digest.heading", s.Cfg.Site.Title, names),
		Intro:          i18n.T(lang, "digest.intro", s.Cfg.Site.Title, names),
		UnsubscribeURL: unsub, UnsubscribeNote: i18n.T(lang, "digest.unsub_note"),
		SiteTitle: s.Cfg.Site.Title, SiteURL: s.Cfg.Site.BaseURL,
		ImprintURL: s.Cfg.Site.ImprintURL, PrivacyURL: s.Cfg.Site.PrivacyURL,
		Labels: i18n.Messages(lang, "digest."),
	}
	if r.Configured() {
		d.UnsubscribeNote = i18n.T(lang, "digest.unsub_note_cfg", s.Cfg.Site.Title)
	}
	for _, a := range arts {
		d.Items = append(d.Items, s.item(a, lang))
	}
	text, html, err := s.tmpl.render("digest", d)
	if err != nil {
		return mailer.Message{}, err
	}
	return mailer.Message{
		From: s.Cfg.Email.From, To: address, Subject: subject, Text: text, HTML: html,
		MessageID: s.messageID(r.Key, slot, address), Date: slot, Language: lang,
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + unsub + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"List-Id":               "<" + r.listID(s.host()) + ">",
			"Auto-Submitted":        "auto-generated",
		},
	}, nil
}

func (r Recipient) listID(host string) string {
	if r.Configured() {
		return r.Digest + ".digest." + host
	}
	return "digest." + host
}

func (s *Service) item(a store.Article, lang string) Item {
	txt := translation.For(a, lang)
	it := Item{Title: txt.Title, URL: a.URL, Date: i18n.LongDate(lang, a.PublishedAt.In(s.Cfg.Location)),
		Lead: shorten(a.Lead, 500), Note: txt.Note}
	if it.Lead == "" {
		it.Lead = shorten(a.BodyText, 300)
	}
	if txt.Translated {
		it.Lead = shorten(txt.Summary, 500)
	}
	for _, im := range a.Images {
		if u, err := url.Parse(im.URL); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			it.ImageURL, it.ImageAlt = im.URL, im.Caption
			break
		}
	}
	var names []string
	for _, t := range a.Tags {
		if p, ok := s.Cfg.Partner(t.Partner); ok {
			names = append(names, p.Name(lang))
		}
	}
	it.Partners = strings.Join(names, ", ")
	return it
}

func (s *Service) partnerNames(slugs []string, lang string) string {
	var names []string
	for _, slug := range slugs {
		if p, ok := s.Cfg.Partner(slug); ok {
			names = append(names, p.Name(lang))
		}
	}
	return strings.Join(names, ", ")
}

// UnsubscribeURL is the signed link of the address's unsubscribe page, valid
// for UnsubscribeTTL from the slot (so a retried issue keeps it).
func (s *Service) UnsubscribeURL(r Recipient, address string, slot time.Time) string {
	t := Token{Purpose: PurposeUnsubscribe, Recipient: r.Key, Expires: slot.Add(UnsubscribeTTL).Unix()}
	if r.Configured() {
		t.Address = address
	}
	return s.absURL("/unsubscribe/" + s.Signer.Sign(t))
}

func (s *Service) absURL(path string) string {
	return strings.TrimRight(s.Cfg.Site.BaseURL, "/") + path
}

// messageID is stable for (recipient, slot, address): a retried issue keeps it.
func (s *Service) messageID(recipient string, slot time.Time, address string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%s", recipient, slot.UnixMilli(), address)))
	return "digest." + hex.EncodeToString(h[:16]) + "@" + s.host()
}

func (s *Service) host() string {
	if u, err := url.Parse(s.Cfg.Site.BaseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "partnerfeed.invalid"
}

// shorten cuts s to at most n runes, at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
