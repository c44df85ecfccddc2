package web

import (
	"bytes"
	"compress/gzip"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/feed"
)

type option struct {
	Value, Label string
	Selected     bool
}

type indexPage struct {
	page
	Partners []partnerView
	AllFeeds []feedLink
	Form     *formView

	// AllFediverse names the Fediverse account of all partners (when on).
	AllFediverse string
}

type partnerPage struct {
	page
	Heading   string // "News about X", or all partnership news
	Subscribe string // the subscription form pre-selecting the partner ("" when email is off)
	Partner   partnerView
	Articles  []articleView
	Pager     pager
}

type notFoundPage struct {
	page
	Name     string
	Partners []partnerView
}

// Index serves the index page: the partner cities with their latest news and
// feeds, and the subscription form.
func (h *Handler) Index(w http.ResponseWriter, r *http.Request) {
	lang, explicit := pageLanguage(r, h.site.Language)
	p := indexPage{page: h.newPage(lang, explicit, "/", h.cfg.Site.TitleIn(lang))}
	p.AllFeeds = h.feedLinks(feed.AllSlug, translate(lang, "all_news"))
	p.AllFediverse = h.fediverse(feed.AllSlug, lang)
	p.Alternates = p.AllFeeds
	for _, pc := range h.cfg.Partners {
		p.Partners = append(p.Partners, h.partnerView(pc, lang, p.query))
	}
	p.Form = h.formFor(lang, SubscribeForm{})
	h.render(w, r, http.StatusOK, "index", p)
}

// Partner serves a partner city's page ({slug}, ?page=N for older news).
func (h *Handler) Partner(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	pc, ok := h.cfg.Partner(slug)
	all := slug == feed.AllSlug
	ok = ok || all
	n, okPage := pageNumber(r.URL.Query())
	pages := h.newsPages(slug)
	if !ok || !okPage || n > pages {
		h.notFound(w, r, strings.TrimPrefix(r.URL.RequestURI(), "/partners/"))
		return
	}
	lang, explicit := pageLanguage(r, h.site.Language)
	path := "/partners/" + slug
	base := h.newPage(lang, explicit, path, "")
	var view partnerView
	if all {
		view = partnerView{Slug: slug, Name: translate(lang, "all_news"), Href: path + base.query,
			Feeds: h.feedLinks(slug, translate(lang, "all_news"))}
	} else {
		view = h.partnerView(pc, lang, base.query)
	}
	p := partnerPage{page: base, Partner: view, Pager: newPager(base, path, n, pages), Heading: translate(lang, "news_about", view.Name)}
	if all {
		p.Heading = view.Name
	}
	if h.cfg.Email != nil && len(h.cfg.Email.SubscriberSchedules) > 0 {
		p.Subscribe = "/subscribe?partner=" + slug
		if all {
			p.Subscribe = "/subscribe"
		}
	}
	p.Title = p.Heading + " – " + h.cfg.Site.TitleIn(lang)
	if n > 1 {
		p.Title = p.Heading + " – " + translate(lang, "page_of", n, pages) + " – " + h.cfg.Site.TitleIn(lang)
		p.Langs = pagedLangs(p.Langs, path, n)
	}
	p.Alternates = view.Feeds
	if !all {
		p.Alternates = append(view.Feeds, h.feedLinks(feed.AllSlug, translate(lang, "all_news"))[1])
	}
	arts := h.feeds.Articles(slug)
	if n > 1 {
		var err error
		if arts, err = h.feeds.NewsPage(r.Context(), slug, n); err != nil {
			h.log.Error("News page failed", slog.String("partner", slug), slog.Int("page", n), slog.Any("error", err))
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
	}
	for _, a := range arts {
		p.Articles = append(p.Articles, h.articleView(a, lang))
	}
	h.render(w, r, http.StatusOK, "partner", p)
}

// notFound answers 404 with a page that lists what does exist.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request, name string) {
	lang, explicit := pageLanguage(r, h.site.Language)
	// The page names the path once, cut short (a URL may be megabytes);
	// its language links lead to the index.
	p := notFoundPage{page: h.newPage(lang, explicit, "/", translate(lang, "not_found")+" – "+h.cfg.Site.TitleIn(lang)), Name: shorten(name, 200)}
	for _, pc := range h.cfg.Partners {
		p.Partners = append(p.Partners, h.partnerView(pc, lang, p.query))
	}
	h.render(w, r, http.StatusNotFound, "notfound", p)
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	h.write(w, r, status, name, h.pages[name], data)
}

// write executes the layout t with data and writes the page.
func (h *Handler) write(w http.ResponseWriter, r *http.Request, status int, name string, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		h.log.Error("Page failed", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	setDefault(hd, "Cache-Control", "public, max-age=60")
	hd.Set("Vary", "Accept-Language, Accept-Encoding")
	SetSecurityHeaders(hd, "'self'")
	body := buf.Bytes()
	if feed.AcceptsGzip(r.Header) {
		body = gzipped(body)
		hd.Set("Content-Encoding", "gzip")
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// setDefault sets a header the handler has not set.
func setDefault(hd http.Header, key, value string) {
	if hd.Get(key) == "" {
		hd.Set(key, value)
	}
}

// gzipped compresses a page (pages are rendered per request; the default
// level is fast enough and makes a 100 KB page about 15 KB).
func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
