package subscribe

import (
	"net/http"
	"slices"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/web"
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
	sub, problems := h.parse(r, lang)
	if len(problems) > 0 {
		h.Pages.RenderSubscribe(w, r, http.StatusBadRequest, lang, web.SubscribeForm{Email: r.PostForm.Get("email"),
			Partners: r.PostForm["partners"], Schedule: r.PostForm.Get("schedule"), Language: lang, Errors: problems})
		return
	}
	// Every request does the same work, whether the address is new, pending
	// or confirmed: one look-up, one write, one job; the job decides which
	// mail (if any) the address gets.
	err = h.Store.InTx(r.Context(), func(tx *store.Store) error {
		saved, needsConfirm, err := tx.RequestEmailSubscription(r.Context(), sub)
		if err != nil {
			return err
		}
		_, err = h.Jobs.InsertTx(r.Context(), tx.Tx, digest.ConfirmArgs{SubscriberID: saved.ID, Requested: store.Now(),
			Again: !needsConfirm}, nil)
		return err
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The same answer whether the address was new, pending or confirmed.
	h.render(w, r, http.StatusOK, lang, "check_title", i18n.T(lang, "subscribe.check_body"), nil)
}

// parse validates the form into a subscription request; problems names
// each field that is wrong, with its message in lang.
func (h *Handler) parse(r *http.Request, lang string) (store.EmailSubscriber, map[string]string) {
	problems := map[string]string{}
	addr, err := mail.ParseAddress(strings.TrimSpace(r.PostForm.Get("email")))
	if err != nil {
		problems["email"] = i18n.T(lang, "subs.error_email")
	}
	partners, ok := h.partners(r.PostForm["partners"])
	if !ok {
		problems["partners"] = i18n.T(lang, "subs.error_partners")
	}
	schedule, ok := h.schedule(r.PostForm.Get("schedule"))
	if !ok {
		problems["schedule"] = i18n.T(lang, "subs.error_schedule")
	}
	return store.EmailSubscriber{Email: addr, Language: lang, Schedule: schedule, Partners: partners}, problems
}

// partners are the known, distinct slugs of the form; ok is false when
// there is none or one is unknown.
func (h *Handler) partners(slugs []string) ([]string, bool) {
	var out []string
	for _, p := range slugs {
		if _, ok := h.Cfg.Partner(p); ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, len(out) > 0 && len(out) == len(slugs)
}

// schedule is the chosen subscriber schedule; with one schedule only, the
// form may leave it out.
func (h *Handler) schedule(key string) (string, bool) {
	if _, ok := h.Cfg.Email.SubscriberSchedules[key]; ok {
		return key, true
	}
	if len(h.Cfg.Email.SubscriberSchedules) != 1 || key != "" {
		return "", false
	}
	for k := range h.Cfg.Email.SubscriberSchedules {
		key = k
	}
	return key, true
}

// Form serves GET /subscribe: the form as a page of its own (a reload or a
// bookmark of the answer page lands here); ?partner=slug pre-selects a city.
func (h *Handler) Form(w http.ResponseWriter, r *http.Request) {
	lang := h.pageLanguage(r)
	var partners []string
	for _, p := range r.URL.Query()["partner"] {
		if _, ok := h.Cfg.Partner(p); ok {
			partners = append(partners, p)
		}
	}
	h.Pages.RenderSubscribe(w, r, http.StatusOK, lang, web.SubscribeForm{Partners: partners, Language: lang})
}

// language is the form's language when supported, else the site's.
func (h *Handler) language(l string) string {
	if i18n.Supported(l) {
		return l
	}
	return i18n.Pick("", h.Cfg.Site.Language)
}
