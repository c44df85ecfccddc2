package subscribe

import (
	"net/http"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// render writes a subscription page with the status, in the layout of every
// page: the title message titleKey, the body (localized by the caller) and
// at most one button. The page is never cached and never sends its URL,
// which holds a token, as a referrer.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, lang, titleKey, body string, f *web.MessageForm) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	heading := i18n.T(lang, "subs.error_title") // titleKey "": the request failed on our side
	if titleKey != "" {
		heading = i18n.T(lang, "subscribe."+titleKey)
	}
	h.Pages.RenderMessage(w, r, status, lang, web.Message{Heading: heading, Body: body,
		Form: f, Back: i18n.T(lang, "subscribe.back")})
}
