package web

import (
	"net/http"
	"slices"
	"sort"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// SubscribeForm is the email subscription form as a visitor filled it in:
// what was typed stays, and each problem is named at its field.
type SubscribeForm struct {
	Action   string   // where the form posts ("/subscribe" or a preference page)
	Email    string   // typed address; shown read-only on a preference page
	Partners []string // the chosen partner slugs
	Schedule string
	Language string
	// Errors are messages by field: "email", "partners", "schedule".
	Errors map[string]string
}

// Preferences is what a subscriber's preference page shows besides the form.
type Preferences struct {
	Status  string // a sentence on the subscription's state
	Notice  string // what the last action did ("" when none)
	Paused  bool
	DataURL string // the JSON download
}

type fieldError struct{ ID, Text string }

type formView struct {
	lang       string
	Action     string
	Email      string
	EmailFixed bool
	Partners   []choiceView
	Schedules  []option
	Languages  []option
	Errors     map[string]string
	ErrorList  []fieldError // in the order of the fields, for the summary
	Submit     string
}

type choiceView struct {
	Slug, Name string
	Checked    bool
}

type subscribePage struct {
	page
	Heading string
	Form    *formView
	Prefs   *Preferences
	Token   string
}

// formFor builds the form view of f in lang for this site's schedules,
// partners and languages.
func (h *Handler) formFor(lang string, f SubscribeForm) *formView {
	e := h.cfg.Email
	if e == nil {
		return nil
	}
	v := &formView{lang: lang, Action: f.Action, Email: f.Email, Errors: f.Errors, Submit: translate(lang, "submit")}
	if v.Action == "" {
		v.Action = "/subscribe"
	}
	for _, pc := range h.cfg.Partners {
		v.Partners = append(v.Partners, choiceView{Slug: pc.Slug, Name: pc.Name(lang), Checked: slices.Contains(f.Partners, pc.Slug)})
	}
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
		v.Schedules = append(v.Schedules, option{Value: k, Label: label, Selected: k == f.Schedule || f.Schedule == "" && i == 0})
	}
	mailLang := f.Language
	if !i18n.Supported(mailLang) {
		mailLang = lang
	}
	for _, l := range i18n.Languages() {
		v.Languages = append(v.Languages, option{Value: l, Label: i18n.Name(l), Selected: l == mailLang})
	}
	for _, field := range []string{"email", "partners", "schedule"} {
		if msg := f.Errors[field]; msg != "" {
			v.ErrorList = append(v.ErrorList, fieldError{ID: field, Text: msg})
		}
	}
	return v
}

// RenderSubscribe writes the subscription form as a page of its own (GET
// /subscribe, or the form again with its problems), in lang.
func (h *Handler) RenderSubscribe(w http.ResponseWriter, r *http.Request, status int, lang string, f SubscribeForm) {
	heading := translate(lang, "subscribe")
	if len(f.Errors) > 0 {
		heading = i18n.T(lang, "subs.form_errors_title") + ": " + heading
	}
	p := subscribePage{page: h.newPage(lang, false, "/subscribe", heading+" – "+h.cfg.Site.TitleIn(lang)), Heading: translate(lang, "subscribe"), Form: h.formFor(lang, f)}
	if status != http.StatusOK {
		p.Langs = nil
	}
	h.render(w, r, status, "subscribe", p)
}

// RenderPreferences writes a subscriber's preference page: the form with
// its current choices (the address fixed), and the buttons to pause or
// resume, unsubscribe, download and erase its data. The page holds its
// token in its URL: it is never cached nor indexed.
func (h *Handler) RenderPreferences(w http.ResponseWriter, r *http.Request, status int, lang string, f SubscribeForm, prefs Preferences) {
	heading := i18n.T(lang, "subs.prefs_title")
	p := subscribePage{page: h.newPage(lang, false, r.URL.Path, heading+" – "+h.cfg.Site.TitleIn(lang)), Heading: heading,
		Form: h.formFor(lang, f), Prefs: &prefs}
	p.Langs, p.NoIndex = nil, true
	p.Form.EmailFixed, p.Form.Submit = true, i18n.T(lang, "subs.save")
	h.render(w, r, status, "subscribe", p)
}

// T translates a page message key for the form.
func (f *formView) T(key string, args ...any) string { return translate(f.lang, key, args...) }

// S translates a message of the subscriber pages ("subs." ids).
func (f *formView) S(key string, args ...any) string { return i18n.T(f.lang, "subs."+key, args...) }

// S translates a message of the subscriber pages ("subs." ids).
func (p page) S(key string, args ...any) string { return i18n.T(p.Lang, "subs."+key, args...) }

// PageLanguage is the language a page answers r in: ?lang=, then
// Accept-Language, then the site's language.
func (h *Handler) PageLanguage(r *http.Request) string {
	l, _ := pageLanguage(r, h.site.Language)
	return l
}
