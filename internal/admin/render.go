package admin

import (
	"embed"
	"fmt"
	"net/http"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the console's templates (templates/<name>.html), each
// parsed with the site's layout and the console's shared parts.
var pageNames = []string{"login", "message", "home", "accounts", "audit", "articles", "article",
	"sources", "probe", "subscribers", "digests", "deliveries"}

func (h *Handler) parseTemplates() error {
	for _, name := range pageNames {
		t, err := web.Layout(name, templateFS, "templates/parts.html", "templates/ops_parts.html", "templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("admin: %w", err)
		}
		h.pages[name] = t
	}
	return nil
}

// view is what every console template gets: the layout's data, the
// logged-in account, its CSRF token for forms, the navigation, and the
// page's own data.
type view struct {
	web.Page
	User string
	Role Role
	CSRF string
	Nav  []navLink
	Data any
}

// A translates a console message key (admin.<key>) into the page's language.
func (v view) A(key string, args ...any) string { return t(v.Lang, key, args...) }

// t translates a console message key.
func t(lang, key string, args ...any) string { return i18n.T(lang, "admin."+key, args...) }

// render writes the console page name; the title is the page's message
// "title_<name>".
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	lang := h.Pages.Language(r)
	v.Page = h.Pages.Page(lang, r.URL.Path, label(lang, "title_"+name))
	if ss := current(r); ss.Username != "" {
		v.User, v.Role, v.CSRF = ss.Username, Role(ss.Role), ss.CSRF
		v.Nav = navFor(v.Role, r.URL.Path, lang)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "same-origin")
	h.Pages.RenderPage(w, r, status, h.pages[name], v)
}

type messageData struct{ Heading, Body string }

// fail answers status with a page saying why (the message "<key>").
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := h.Pages.Language(r)
	h.render(w, r, status, "message", view{Data: messageData{Heading: http.StatusText(status), Body: t(lang, key)}})
}

// NotFound answers console URLs that name no page.
func (h *Handler) NotFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, http.StatusNotFound, "error_not_found")
}
