package subscribe

import (
	"log/slog"
	"net/http"
	"slices"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Subscribe handles the form: fields email, partners (several slugs),
// schedule, language, and the honeypot website (must stay empty).
func (h *Handler) Subscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	err := r.ParseForm()
	lang := h.language(r.PostForm.Get("language"))
	if !h.limit.allow(h.clients.Client(r)) {
		w.Header().Set("Retry-After", "60")
		h.render(w, r, http.StatusTooManyRequests, lang, "limited_title", i18n.T(lang, "subscribe.limited_body"), nil)
		return
	}
	if err != nil {
		h.render(w, r, http.StatusBadRequest, lang, "invalid_title", i18n.T(lang, "subscribe.invalid_body"), nil)
		return
	}
	if r.PostForm.Get("website") != "" { // a bot filled the hidden field: answer as usual, do nothing
		h.render(w, r, http.StatusOK, lang, "check_title", i18n.T(lang, "subscribe.check_body"), nil)
		return
	}
	sub, ok := h.parse(r, lang)
	if !ok {
		h.render(w, r, http.StatusBadRequest, lang, "invalid_title", i18n.T(lang, "subscribe.invalid_body"), nil)
		return
	}
	err = h.Store.InTx(r.Context(), func(tx *store.Store) error {
		saved, needsConfirm, err := tx.RequestEmailSubscription(r.Context(), sub)
		if err != nil || !needsConfirm {
			return err
		}
		_, err = h.Jobs.InsertTx(r.Context(), tx.Tx, digest.ConfirmArgs{SubscriberID: saved.ID, Requested: store.Now()}, nil)
		return err
	})
	if err != nil {
		h.Log.Error("Subscription failed", slog.Any("error", err))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	// The same answer whether the address was new, pending or confirmed.
	h.render(w, r, http.StatusOK, lang, "check_title", i18n.T(lang, "subscribe.check_body"), nil)
}

// parse validates the form into a subscription request.
func (h *Handler) parse(r *http.Request, lang string) (store.EmailSubscriber, bool) {
	addr, err := mail.ParseAddress(r.PostForm.Get("email"))
	if err != nil {
		return store.EmailSubscriber{}, false
	}
	var partners []string
	for _, p := range r.PostForm["partners"] {
		if _, ok := h.Cfg.Partner(p); ok && !slices.Contains(partners, p) {
			partners = append(partners, p)
		}
	}
	schedule := r.PostForm.Get("schedule")
	if _, ok := h.Cfg.Email.SubscriberSchedules[schedule]; !ok {
		if len(h.Cfg.Email.SubscriberSchedules) != 1 || schedule != "" {
			return store.EmailSubscriber{}, false
		}
		for k := range h.Cfg.Email.SubscriberSchedules {
			schedule = k
		}
	}
	if len(partners) == 0 || len(partners) != len(r.PostForm["partners"]) {
		return store.EmailSubscriber{}, false
	}
	return store.EmailSubscriber{Email: addr, Language: lang, Schedule: schedule, Partners: partners}, true
}

// language is the form's language when supported, else the site's.
func (h *Handler) language(l string) string {
	if i18n.Supported(l) {
		return l
	}
	return i18n.Pick("", h.Cfg.Site.Language)
}
