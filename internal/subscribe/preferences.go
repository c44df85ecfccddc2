package subscribe

import (
	"errors"
	"net/http"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// pageLanguage is the language of a page that answers a visitor.
func (h *Handler) pageLanguage(r *http.Request) string { return h.Pages.PageLanguage(r) }

// manageTarget checks a preference token and loads its subscriber; ok
// false means the answer was written already. A token whose subscriber is
// gone, or whose address changed hands, is a bad link.
func (h *Handler) manageTarget(w http.ResponseWriter, r *http.Request) (store.EmailSubscriber, bool) {
	lang := h.language("")
	id, owns, err := h.Digest.ManageTarget(r.PathValue("token"), time.Now())
	if err == nil {
		var sub store.EmailSubscriber
		sub, err = h.Store.EmailSubscriber(r.Context(), id)
		if err == nil && owns(sub.Email) {
			return sub, true
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			h.fail(w, r, err)
			return store.EmailSubscriber{}, false
		}
	}
	h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
	return store.EmailSubscriber{}, false
}

// Preferences serves a subscriber's preference page (GET
// /subscription/{token}): its cities, frequency and language, and the
// buttons to pause, unsubscribe, download or erase its data.
func (h *Handler) Preferences(w http.ResponseWriter, r *http.Request) {
	sub, ok := h.manageTarget(w, r)
	if !ok {
		return
	}
	h.preferences(w, r, http.StatusOK, sub, nil, "")
}

// preferences renders the page of sub, with the form's problems (if any)
// and a notice on what the last action did.
func (h *Handler) preferences(w http.ResponseWriter, r *http.Request, status int, sub store.EmailSubscriber, problems map[string]string, notice string) {
	lang := h.language(sub.Language)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	st := i18n.T(lang, "subs.status_active", sub.Email, h.names(sub.Partners, lang))
	switch {
	case !sub.SuppressedAt.IsZero():
		st = i18n.T(lang, "subs.status_suppressed", sub.Email)
	case !sub.PausedAt.IsZero():
		st = i18n.T(lang, "subs.status_paused", sub.Email, i18n.LongDate(lang, sub.PausedAt.In(h.Cfg.Location)))
	case sub.Status == store.SubscriberPending:
		st = i18n.T(lang, "subs.status_pending", sub.Email)
	}
	h.Pages.RenderPreferences(w, r, status, lang, web.SubscribeForm{Action: r.URL.Path, Email: sub.Email,
		Partners: sub.Partners, Schedule: sub.Schedule, Language: sub.Language, Errors: problems},
		web.Preferences{Status: st, Notice: notice, Paused: !sub.PausedAt.IsZero(), DataURL: r.URL.Path + "/data"})
}

// ChangePreferences is the preference page's POST: action save (the form's
// cities, frequency, language), pause, resume, unsubscribe or erase.
func (h *Handler) ChangePreferences(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		lang := h.language("")
		h.render(w, r, http.StatusBadRequest, lang, "invalid_title", i18n.T(lang, "subscribe.invalid_body"), nil)
		return
	}
	sub, ok := h.manageTarget(w, r)
	if !ok {
		return
	}
	ctx, lang := r.Context(), h.language(sub.Language)
	var err error
	switch r.PostForm.Get("action") {
	case "pause", "resume":
		pause := r.PostForm.Get("action") == "pause"
		if err = h.Store.SetEmailSubscriberPaused(ctx, sub.ID, pause, time.Now()); err == nil {
			h.reload(w, r, sub.ID, i18n.T(lang, map[bool]string{true: "subs.paused", false: "subs.resumed"}[pause]))
			return
		}
	case "unsubscribe", "erase":
		if err = h.Store.DeleteEmailSubscriber(ctx, sub.ID); err == nil {
			key := map[bool]string{true: "erased", false: "unsubscribed"}[r.PostForm.Get("action") == "erase"]
			h.render(w, r, http.StatusOK, lang, "unsubbed_title", i18n.T(lang, "subs."+key, sub.Email), nil)
			return
		}
	default: // save
		lang = h.language(r.PostForm.Get("language"))
		partners, okP := h.partners(r.PostForm["partners"])
		schedule, okS := h.schedule(r.PostForm.Get("schedule"))
		if !okP || !okS {
			problems := map[string]string{}
			if !okP {
				problems["partners"] = i18n.T(lang, "subs.error_partners")
			}
			if !okS {
				problems["schedule"] = i18n.T(lang, "subs.error_schedule")
			}
			sub.Partners, sub.Schedule, sub.Language = r.PostForm["partners"], r.PostForm.Get("schedule"), lang
			h.preferences(w, r, http.StatusBadRequest, sub, problems, "")
			return
		}
		if err = h.Store.SetEmailSubscriberPreferences(ctx, sub.ID, partners, schedule, lang); err == nil {
			h.reload(w, r, sub.ID, i18n.T(lang, "subs.saved"))
			return
		}
	}
	h.fail(w, r, err)
}

// reload renders the page of subscriber id as it is now, with notice.
func (h *Handler) reload(w http.ResponseWriter, r *http.Request, id int64, notice string) {
	sub, err := h.Store.EmailSubscriber(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.preferences(w, r, http.StatusOK, sub, nil, notice)
}
