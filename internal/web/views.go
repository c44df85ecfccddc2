package web

import (
	"net/url"
	"strings"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/translation"
)

// page is what every page template gets: language, links and texts.
type page struct {
	Lang       string
	Title      string
	SiteTitle  string
	CSS        string
	Home       string
	Path       string
	Alternates []feedLink
	Langs      []langLink
	ImprintURL string
	PrivacyURL string
	NoIndex    bool   // a page for one visitor: robots noindex
	query      string // "?lang=xx" when the visitor chose the language
}

type langLink struct {
	Code, Name, Href string
	Current          bool
}

type feedLink struct {
	Label, Title, Type, Href string
}

// T translates a message key into the page's language.
func (p page) T(key string, args ...any) string { return translate(p.Lang, key, args...) }

// Link keeps the chosen language on internal links.
func (p page) Link(path string) string { return path + p.query }

type partnerView struct {
	Slug, Name, Country, Flag, Href, Telegram string
	Latest                                    *articleView
	Feeds                                     []feedLink
}

type articleView struct {
	Title, URL, Date, DateISO, Summary, Lang string
	// Note says whose translation this is, or the original's language, in
	// NoteLang (the page's language); "" when the article is in it.
	Note, NoteLang string
	Image          *imageView
	Partners       []string
}

type imageView struct{ URL, Alt, Credit string }

// newPage fills the parts every page shares.
func (h *Handler) newPage(lang string, explicit bool, path, title string) page {
	p := page{Lang: lang, Title: title, SiteTitle: h.site.Title, CSS: h.cssURL, Path: path,
		ImprintURL: h.cfg.Site.ImprintURL, PrivacyURL: h.cfg.Site.PrivacyURL}
	if explicit {
		p.query = "?lang=" + lang
	}
	p.Home = p.Link("/")
	for _, code := range i18n.Languages() {
		p.Langs = append(p.Langs, langLink{Code: code, Name: i18n.Name(code),
			Href: path + "?lang=" + code, Current: code == lang})
	}
	return p
}

// feedLinks are a channel's feeds in every format, with absolute URLs.
func (h *Handler) feedLinks(slug, title string) []feedLink {
	var out []feedLink
	for _, f := range feed.Formats {
		out = append(out, feedLink{Label: formatNames[f], Title: title + " (" + formatNames[f] + ")",
			Type: strings.SplitN(f.ContentType(), ";", 2)[0], Href: h.site.URL(slug, f)})
	}
	return out
}

func (h *Handler) partnerView(p config.Partner, lang string, query string) partnerView {
	name := p.Name(lang)
	v := partnerView{Slug: p.Slug, Name: name, Country: countryName(lang, p.Country), Flag: flag(p.Country),
		Href: "/partners/" + p.Slug + query, Feeds: h.feedLinks(p.Slug, name)}
	if t := h.cfg.Telegram; t != nil && t.BotUsername != "" {
		v.Telegram = "https://t.me/" + url.PathEscape(strings.TrimPrefix(t.BotUsername, "@")) + "?start=" + url.QueryEscape(p.Slug)
	}
	if arts := h.feeds.Articles(p.Slug); len(arts) > 0 {
		a := h.articleView(arts[0], lang)
		v.Latest = &a
	}
	return v
}

// articleView prepares an article for a page; html/template escapes every
// scraped string when it is written out.
func (h *Handler) articleView(a store.Article, lang string) articleView {
	t := a.PublishedAt
	if t.IsZero() {
		t = a.FirstSeenAt
	}
	t = t.In(h.site.Location)
	txt := translation.For(a, lang)
	v := articleView{Title: strings.Join(strings.Fields(txt.Title), " "), URL: a.URL, Summary: feed.Summary(a),
		Date: i18n.Date(lang, t), DateISO: t.Format("2006-01-02"), Lang: feed.LanguageTag(a.Language),
		Note: txt.Note, NoteLang: lang}
	if txt.Translated {
		v.Summary, v.Lang = txt.Summary, lang
	}
	if !strings.HasPrefix(v.URL, "http://") && !strings.HasPrefix(v.URL, "https://") {
		v.URL = "" // never link a javascript: or relative URL
	}
	for i, u := range feed.ImageURLs(a) {
		if u != "" {
			im := a.Images[i]
			v.Image = &imageView{URL: u, Alt: strings.TrimSpace(im.Caption), Credit: strings.TrimSpace(im.Credit)}
			break
		}
	}
	for _, tg := range a.Tags {
		if p, ok := h.cfg.Partner(tg.Partner); ok {
			v.Partners = append(v.Partners, p.Name(lang))
		}
	}
	return v
}
