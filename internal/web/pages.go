package web

import (
	"bytes"
	"compress/gzip"
	"html/template"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

type option struct {
	Value, Label string
	Selected     bool
}

type formView struct {
	Partners  []partnerView
	Schedules []option
	Languages []option
}

type indexPage struct {
	page
	Partners []partnerView
	AllFeeds []feedLink
	Form     *formView
}

type partnerPage struct {
	page
	Partner  partnerView
	Articles []articleView
	Pager    pager
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
	p := indexPage{page: h.newPage(lang, explicit, "/", h.site.Title)}
	p.AllFeeds = h.feedLinks(feed.AllSlug, translate(lang, "all_news"))
	p.Alternates = p.AllFeeds
	for _, pc := range h.cfg.Partners {
		p.Partners = append(p.Partners, h.partnerView(pc, lang, p.query))
	}
	if e := h.cfg.Email; e != nil {
		f := &formView{Partners: p.Partners}
		keys := make([]string, 0, len(e.SubscriberSchedules))
		for k := range e.SubscriberSchedules {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			label := k
			if i18n.Has("web.schedule_" + k) {
				label = translate(lang, "schedule_"+k)
			}
			f.Schedules = append(f.Schedules, option{Value: k, Label: label, Selected: i == 0})
		}
		for _, l := range i18n.Languages() {
			f.Languages = append(f.Languages, option{Value: l, Label: i18n.Name(l), Selected: l == lang})
		}
		p.Form = f
	}
	h.render(w, r, http.StatusOK, "index", p)
}

// Partner serves a partner city's page ({slug}, ?page=N for older news).
func (h *Handler) Partner(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	pc, ok := h.cfg.Partner(slug)
	n, okPage := pageNumber(r.URL.Query())
	pages := h.newsPages(slug)
	if !ok || !okPage || n > pages {
		h.notFound(w, r, strings.TrimPrefix(r.URL.RequestURI(), "/partners/"))
		return
	}
	lang, explicit := pageLanguage(r, h.site.Language)
	path := "/partners/" + slug
	base := h.newPage(lang, explicit, path, "")
	view := h.partnerView(pc, lang, base.query)
	p := partnerPage{page: base, Partner: view, Pager: newPager(base, path, n, pages)}
	p.Title = translate(lang, "news_about", view.Name) + " – " + h.site.Title
	if n > 1 {
		p.Title = translate(lang, "news_about", view.Name) + " – " + translate(lang, "page_of", n, pages) + " – " + h.site.Title
		p.Langs = pagedLangs(p.Langs, path, n)
	}
	p.Alternates = append(view.Feeds, h.feedLinks(feed.AllSlug, translate(lang, "all_news"))[1])
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
	p := notFoundPage{page: h.newPage(lang, explicit, "/", translate(lang, "not_found")+" – "+h.site.Title), Name: shorten(name, 200)}
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
