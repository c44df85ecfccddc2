package subscribe

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// ConfirmPage is where the link of the confirmation mail leads: it checks the
// token and asks for one click. Confirming on GET would let the link scanners
// of mail providers confirm in the reader's place.
func (h *Handler) ConfirmPage(w http.ResponseWriter, r *http.Request) {
	sub, ok := h.confirmTarget(w, r)
	if !ok {
		return
	}
	lang := h.language(sub.Language)
	if sub.Status == store.SubscriberConfirmed {
		h.render(w, r, http.StatusOK, lang, "confirmed_title", i18n.T(lang, "subscribe.confirmed_body", sub.Email, h.names(sub.Partners, lang)), nil)
		return
	}
	h.render(w, r, http.StatusOK, lang, "confirm_title", i18n.T(lang, "subscribe.confirm_body", sub.Email, h.names(sub.Partners, lang)),
		&web.MessageForm{Action: r.URL.Path, Button: i18n.T(lang, "subscribe.confirm_title")})
}

// Confirm confirms the subscriber and records its consent.
func (h *Handler) Confirm(w http.ResponseWriter, r *http.Request) {
	sub, ok := h.confirmTarget(w, r)
	if !ok {
		return
	}
	// The client's address itself is not kept: with email.consent_ip, a
	// keyed hash of it is (it proves a claimed address, and tells nothing).
	consent := fmt.Sprintf("double opt-in: asked %s; confirmed %s by the link mailed to the address; "+
		"digest of partners %s, schedule %s, language %s; privacy policy %s",
		sub.CreatedAt.UTC().Format(time.RFC3339), time.Now().UTC().Format(time.RFC3339),
		strings.Join(sub.Partners, ","), sub.Schedule, sub.Language, h.Cfg.Site.PrivacyURL)
	ipHash := ""
	if h.Cfg.Email.ConsentIP {
		ipHash = ConsentIPHash(h.Cfg.Site.Secret.Value(), h.clients.Client(r))
	}
	sub, err := h.Digest.ConfirmFrom(r.Context(), sub.ID, consent, ipHash)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := h.language(sub.Language)
	h.render(w, r, http.StatusOK, lang, "confirmed_title", i18n.T(lang, "subscribe.confirmed_body", sub.Email, h.names(sub.Partners, lang)), nil)
}

// confirmTarget checks the token and loads its subscriber; ok false means
// the answer was written already.
func (h *Handler) confirmTarget(w http.ResponseWriter, r *http.Request) (store.EmailSubscriber, bool) {
	lang := h.language("")
	tok, err := h.Digest.Signer.Verify(r.PathValue("token"), digest.PurposeConfirm, time.Now())
	id, ok := subscriberID(tok.Recipient)
	if err != nil || !ok {
		h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
		return store.EmailSubscriber{}, false
	}
	sub, err := h.Store.EmailSubscriber(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		h.render(w, r, http.StatusNotFound, lang, "bad_link_title", i18n.T(lang, "subscribe.bad_link_body"), nil)
		return sub, false
	}
	if err != nil {
		h.fail(w, r, err)
		return sub, false
	}
	return sub, true
}

// fail logs err and answers 500 with a page in the site's layout.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.Log.Error("Subscription request failed", slog.Any("error", err))
	lang := h.pageLanguage(r)
	h.render(w, r, http.StatusInternalServerError, lang, "", i18n.T(lang, "subs.error_body"), nil)
}

// names lists the partners' names in lang.
func (h *Handler) names(slugs []string, lang string) string {
	var out []string
	for _, s := range slugs {
		if p, ok := h.Cfg.Partner(s); ok {
			out = append(out, p.Name(lang))
		}
	}
	return strings.Join(out, ", ")
}

func subscriberID(recipient string) (int64, bool) {
	var id int64
	if _, err := fmt.Sscanf(recipient, "subscriber:%d", &id); err != nil || id <= 0 ||
		recipient != store.SubscriberRecipient(id) {
		return 0, false
	}
	return id, true
}

// ConsentIPHash is the proof-of-consent hash of a client address: HMAC-SHA256
// keyed by (a key derived from) site.secret, hex. Whoever holds the secret
// can check a claimed address against it; nobody can read the address back.
func ConsentIPHash(secret, ip string) string {
	k := hmac.New(sha256.New, []byte(secret))
	k.Write([]byte("partnerfeed consent address v1"))
	m := hmac.New(sha256.New, k.Sum(nil))
	m.Write([]byte(ip))
	return hex.EncodeToString(m.Sum(nil))
}
