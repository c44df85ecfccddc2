package subscribe

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// target is what an unsubscribe token points at.
type target struct {
	sub     store.EmailSubscriber // a subscriber (ID 0 when gone)
	digest  digest.Recipient      // or a configured digest
	address string
	lang    string
}

// resolve checks the token; ok false means the page was rendered already.
func (h *Handler) resolve(w http.ResponseWriter, r *http.Request) (target, bool) {
	lang := h.language("")
	tok, err := h.Digest.Signer.Verify(r.PathValue("token"), digest.PurposeUnsubscribe, time.Now())
	if err != nil {
		h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
		return target{}, false
	}
	if name, ok := strings.CutPrefix(tok.Recipient, "digest:"); ok {
		d, err := h.Digest.DigestRecipient(name)
		if err != nil {
			h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
			return target{}, false
		}
		return target{digest: d, address: tok.Address, lang: i18n.Pick(d.Language, h.Cfg.Site.Language)}, true
	}
	id, ok := subscriberID(tok.Recipient)
	if !ok {
		h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
		return target{}, false
	}
	sub, err := h.Store.EmailSubscriber(r.Context(), id)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		h.fail(w, r, err)
		return target{}, false
	}
	if err == nil {
		lang = h.language(sub.Language)
	}
	return target{sub: sub, lang: lang}, true
}

// UnsubscribePage shows what the link would do, with one button.
func (h *Handler) UnsubscribePage(w http.ResponseWriter, r *http.Request) {
	tg, ok := h.resolve(w, r)
	if !ok {
		return
	}
	lang, action := tg.lang, r.URL.Path
	switch {
	case tg.digest.Configured():
		paused, err := h.Store.DigestPaused(r.Context(), tg.digest.Digest)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		f := &web.MessageForm{Action: action, Button: i18n.T(lang, "subscribe.pause")}
		if paused[tg.address] {
			f = &web.MessageForm{Action: action, Button: i18n.T(lang, "subscribe.resume"), Value: "resume"}
		}
		h.render(w, r, http.StatusOK, lang, "unsub_title", i18n.T(lang, "subscribe.cfg_body", tg.address,
			h.names(tg.digest.Partners, lang), h.Cfg.Site.CityIn(lang), h.Cfg.Email.From), f)
	case tg.sub.ID == 0:
		h.render(w, r, http.StatusOK, lang, "unsubbed_title", i18n.T(lang, "subscribe.gone_body"), nil)
	default:
		h.render(w, r, http.StatusOK, lang, "unsub_title", i18n.T(lang, "subscribe.unsub_body", tg.sub.Email,
			h.names(tg.sub.Partners, lang)), &web.MessageForm{Action: action, Button: i18n.T(lang, "subscribe.unsub_title")})
	}
}

// Unsubscribe is the button of the page and the RFC 8058 one-click POST
// (body List-Unsubscribe=One-Click): a subscriber is deleted; an address of a
// configured digest is paused (or resumed, with action=resume).
func (h *Handler) Unsubscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	_ = r.ParseForm() // the one-click body carries nothing we need
	tg, ok := h.resolve(w, r)
	if !ok {
		return
	}
	lang := tg.lang
	if tg.digest.Configured() {
		resume := r.PostForm.Get("action") == "resume"
		if err := h.Store.SetDigestPaused(r.Context(), tg.digest.Digest, tg.address, !resume); err != nil {
			h.fail(w, r, err)
			return
		}
		if resume {
			h.render(w, r, http.StatusOK, lang, "resumed_title", i18n.T(lang, "subscribe.resumed_body", tg.address), nil)
			return
		}
		h.render(w, r, http.StatusOK, lang, "paused_title", i18n.T(lang, "subscribe.paused_body", tg.address),
			&web.MessageForm{Action: r.URL.Path, Button: i18n.T(lang, "subscribe.resume"), Value: "resume"})
		return
	}
	if tg.sub.ID != 0 {
		if err := h.Store.DeleteEmailSubscriber(r.Context(), tg.sub.ID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, http.StatusOK, lang, "unsubbed_title", i18n.T(lang, "subscribe.unsubbed_body"), nil)
}
