package admin

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

type partnerChoice struct {
	Slug, Name string
	Checked    bool
}

type articleData struct {
	ID                         int64
	Title, URL, Date, Source   string
	Hidden                     bool
	HiddenReason, HiddenAt     string
	Pinned                     bool
	Partners                   string
	Choices                    []partnerChoice
	Explain                    string
	FeedItem, Telegram, Digest string
	Notice                     string
	Translations               []translationView
	Languages                  []option
}

// articleID reads the {id} of the route; ok is false (and 404 answered)
// when it is not a stored article.
func (h *Handler) article(w http.ResponseWriter, r *http.Request) (store.Article, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.NotFound(w, r)
		return store.Article{}, false
	}
	a, err := h.Store.Article(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		h.NotFound(w, r)
		return store.Article{}, false
	}
	if err != nil {
		h.internal(w, r, err)
		return store.Article{}, false
	}
	return a, true
}

// Article shows one article: its state, its partners with the tagger's
// evidence (as `tag --explain` prints it), the forms to pin partners and
// to hide it, and previews of it as a feed item, a Telegram message and a
// digest entry, made by the real renderers.
func (h *Handler) Article(w http.ResponseWriter, r *http.Request) {
	a, ok := h.article(w, r)
	if !ok {
		return
	}
	lang := h.Pages.Language(r)
	_, pinned, err := h.Store.TagOverride(r.Context(), a.URL)
	if err != nil {
		h.internal(w, r, err)
		return
	}
	d := articleData{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Pinned: pinned,
		Hidden: !a.HiddenAt.IsZero(), HiddenReason: a.HiddenReason, Partners: h.partnerNames(a, lang)}
	if at := published(a); !at.IsZero() {
		d.Date = h.date(lang, at)
	}
	if d.Hidden {
		d.HiddenAt = h.date(lang, a.HiddenAt) + " " + a.HiddenAt.In(h.Config.Location).Format("15:04")
	}
	if n := r.URL.Query().Get("done"); n != "" && isNotice(n) {
		d.Notice = t(lang, "done_"+n)
	}
	tagged := map[string]bool{}
	for _, tg := range a.Tags {
		tagged[tg.Partner] = true
	}
	for _, p := range h.Config.Partners {
		d.Choices = append(d.Choices, partnerChoice{Slug: p.Slug, Name: p.Name(lang), Checked: tagged[p.Slug]})
	}
	d.Translations = translationViews(a)
	for _, l := range i18n.Languages() {
		d.Languages = append(d.Languages, option{Value: l, Label: i18n.Name(l), Selected: l == lang})
	}
	var buf bytes.Buffer
	tag.WriteExplain(&buf, h.tagger.Explain(tagging.Document(a)))
	d.Explain = buf.String()
	d.FeedItem = h.feedPreview(a)
	d.Telegram = telegram.RenderArticle(a, h.partnersOf(a), lang, h.Config.Location).Text
	d.Digest = h.digestPreview(a, lang)
	h.render(w, r, http.StatusOK, "article", view{Data: d})
}

// isNotice reports whether n names a notice the article page shows.
func isNotice(n string) bool {
	switch n {
	case "pinned", "unpinned", "hidden", "shown", "translated", "untranslated":
		return true
	}
	return false
}

// partnersOf are the configured partners the article is tagged with.
func (h *Handler) partnersOf(a store.Article) []config.Partner {
	var out []config.Partner
	for _, tg := range a.Tags {
		if p, ok := h.Config.Partner(tg.Partner); ok {
			out = append(out, p)
		}
	}
	return out
}

// feedPreview is the article's RSS item as the feeds publish it.
func (h *Handler) feedPreview(a store.Article) string {
	b, err := feed.Render(feed.NewSite(h.Config), web.Channels(h.Config)[0], []store.Article{a}, feed.RSS)
	if err != nil {
		return err.Error()
	}
	s := string(b)
	if i, j := strings.Index(s, "<item>"), strings.LastIndex(s, "</item>"); i >= 0 && j > i {
		s = s[i : j+len("</item>")]
	}
	return s
}

// digestPreview is the text part of a digest holding only the article, in
// lang ("" when email is off).
func (h *Handler) digestPreview(a store.Article, lang string) string {
	if h.Digest == nil {
		return ""
	}
	var slugs []string
	for _, tg := range a.Tags {
		slugs = append(slugs, tg.Partner)
	}
	m, err := h.Digest.Render(digest.Recipient{Key: "preview", Partners: slugs, Language: lang}, h.now().Truncate(time.Minute),
		[]store.Article{a}, "preview@example.invalid")
	if err != nil {
		return err.Error()
	}
	return m.Text
}
