package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// articlesPerPage is the length of a page of the article list.
const articlesPerPage = 25

// articleFilter is the list's filter as the form shows it.
type articleFilter struct {
	Partner, Source, From, To string
	Untagged, Pinned, Hidden  bool
	Page                      int
}

// parseFilter reads the filter from the query; what does not parse is
// left out (a list is never refused).
func (h *Handler) parseFilter(q url.Values) (articleFilter, store.ArticleFilter) {
	f := articleFilter{Partner: q.Get("partner"), Source: q.Get("source"), From: q.Get("from"), To: q.Get("to"),
		Untagged: q.Get("untagged") != "", Pinned: q.Get("pinned") != "", Hidden: q.Get("hidden") != ""}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	sf := store.ArticleFilter{Partner: f.Partner, Source: f.Source, Untagged: f.Untagged, Pinned: f.Pinned,
		Hidden: f.Hidden, Limit: articlesPerPage, Offset: (f.Page - 1) * articlesPerPage}
	if _, ok := h.Config.Partner(f.Partner); !ok {
		f.Partner, sf.Partner = "", ""
	}
	if t, err := time.ParseInLocation("2006-01-02", f.From, h.Config.Location); err == nil {
		sf.From = t
	} else {
		f.From = ""
	}
	if t, err := time.ParseInLocation("2006-01-02", f.To, h.Config.Location); err == nil {
		sf.To = t.AddDate(0, 0, 1) // the whole day
	} else {
		f.To = ""
	}
	return f, sf
}

// query is the filter as a query string for page (without "?").
func (f articleFilter) query(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"partner": f.Partner, "source": f.Source, "from": f.From, "to": f.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	for k, b := range map[string]bool{"untagged": f.Untagged, "pinned": f.Pinned, "hidden": f.Hidden} {
		if b {
			v.Set(k, "1")
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v.Encode()
}

type option struct {
	Value, Label string
	Selected     bool
}

type articleRow struct {
	ID                   int64
	Title, Date, DateISO string
	Source, Partners     string
	Pinned, Hidden       bool
}

type articlesData struct {
	Filter       articleFilter
	Partners     []option
	Sources      []option
	Rows         []articleRow
	Total        int
	Newer, Older string
	PageOf       string
}

// Articles lists articles, newest first, with the filters of the form
// (partner, source, dates, untagged, pinned, hidden), 25 a page.
func (h *Handler) Articles(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := h.Pages.Language(r)
	f, sf := h.parseFilter(r.URL.Query())
	list, total, err := h.Store.FilterArticles(ctx, sf)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	sources, err := h.Store.Sources(ctx)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	pinned, err := h.pinnedURLs(ctx, list)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	d := articlesData{Filter: f, Total: total}
	d.Partners = append(d.Partners, option{"", t(lang, "filter_any"), f.Partner == ""})
	for _, p := range h.Config.Partners {
		d.Partners = append(d.Partners, option{p.Slug, p.Name(lang), p.Slug == f.Partner})
	}
	d.Sources = append(d.Sources, option{"", t(lang, "filter_any"), f.Source == ""})
	for _, s := range sources {
		d.Sources = append(d.Sources, option{s, s, s == f.Source})
	}
	for _, a := range list {
		row := articleRow{ID: a.ID, Title: strings.Join(strings.Fields(a.Title), " "), Source: a.Source,
			Partners: h.partnerNames(a, lang), Pinned: pinned[a.URL], Hidden: !a.HiddenAt.IsZero()}
		if at := published(a); !at.IsZero() {
			row.Date, row.DateISO = h.date(lang, at), at.In(h.Config.Location).Format("2006-01-02")
		}
		d.Rows = append(d.Rows, row)
	}
	pages := max((total+articlesPerPage-1)/articlesPerPage, 1)
	if f.Page > 1 {
		d.Newer = "/admin/articles?" + f.query(f.Page-1)
	}
	if f.Page < pages {
		d.Older = "/admin/articles?" + f.query(f.Page+1)
	}
	d.PageOf = t(lang, "page_of", f.Page, pages)
	h.render(w, r, http.StatusOK, "articles", view{Data: d})
}

// published is when an article was published (first seen when unknown).
func published(a store.Article) time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.FirstSeenAt
}

// partnerNames are the article's partners in lang, or "–".
func (h *Handler) partnerNames(a store.Article, lang string) string {
	var names []string
	for _, tg := range a.Tags {
		if p, ok := h.Config.Partner(tg.Partner); ok {
			names = append(names, p.Name(lang))
		} else {
			names = append(names, tg.Partner)
		}
	}
	if len(names) == 0 {
		return "–"
	}
	return strings.Join(names, ", ")
}

// pinnedURLs reports which of the articles have pinned partners.
func (h *Handler) pinnedURLs(ctx context.Context, list []store.Article) (map[string]bool, error) {
	out := map[string]bool{}
	for _, a := range list {
		_, ok, err := h.Store.TagOverride(ctx, a.URL)
		if err != nil {
			return nil, err
		}
		out[a.URL] = ok
	}
	return out, nil
}
