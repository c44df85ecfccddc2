package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// PurposeManage is the purpose of the link to a subscriber's preference
// page (/subscription/{token}).
const PurposeManage = "manage"

// ManageTTL is how long a preference link works from the mail that carries it.
const ManageTTL = UnsubscribeTTL

// ManageToken signs the preference link of sub, valid until expires. The
// token names the subscriber and is bound to its address: a link stays
// with the address it was mailed to.
func (s *Service) ManageToken(sub store.EmailSubscriber, expires time.Time) string {
	return s.Signer.Sign(Token{Purpose: PurposeManage, Recipient: sub.Recipient(),
		Address: s.Signer.bind(sub.Email), Expires: expires.Unix()})
}

// ManageURL is the absolute URL of sub's preference page.
func (s *Service) ManageURL(sub store.EmailSubscriber, expires time.Time) string {
	return s.absURL("/subscription/" + s.ManageToken(sub, expires))
}

// ManageTarget checks a preference token: the subscriber id it names and
// whether addr is the address it was made for.
func (s *Service) ManageTarget(text string, now time.Time) (id int64, owns func(addr string) bool, err error) {
	t, err := s.Signer.Verify(text, PurposeManage, now)
	if err != nil {
		return 0, nil, err
	}
	if _, err := fmt.Sscanf(t.Recipient, "subscriber:%d", &id); err != nil || store.SubscriberRecipient(id) != t.Recipient {
		return 0, nil, ErrBadToken
	}
	return id, func(addr string) bool { return t.Address == s.Signer.bind(addr) }, nil
}

// bind is a short keyed digest of an address (not the address itself, which
// must not appear in URLs and logs).
func (s Signer) bind(addr string) string {
	return hex.EncodeToString(s.mac("address\x00" + addr)[:12])
}

// RenderLink renders the mail a confirmed subscriber gets when the address
// is entered in the form again: the link to its preference page.
func (s *Service) RenderLink(sub store.EmailSubscriber, requested time.Time) (mailer.Message, error) {
	lang := i18n.Pick(sub.Language, s.Cfg.Site.Language)
	subject := mailer.HeaderValue(i18n.T(lang, "subs.link_subj", s.Cfg.Site.TitleIn(lang)))
	// The mail of the confirmation template, with the preference link as
	// its one button.
	labels := i18n.Messages(lang, "digest.")
	labels["confirm_action"], labels["confirm_ignore"] = i18n.T(lang, "subs.manage_action"), i18n.T(lang, "subs.link_ignore")
	data := map[string]any{
		"Lang": lang, "Subject": subject,
		"Body":       i18n.T(lang, "subs.link_body", s.Cfg.Site.TitleIn(lang), s.partnerNames(sub.Partners, lang)),
		"ConfirmURL": s.ManageURL(sub, requested.Add(ManageTTL)),
		"SiteTitle":  s.Cfg.Site.TitleIn(lang), "SiteURL": s.Cfg.Site.BaseURL,
		"ImprintURL": s.Cfg.Site.ImprintURL, "PrivacyURL": s.Cfg.Site.PrivacyURL,
		"Labels": labels,
	}
	text, html, err := s.tmpl.render("confirm", data)
	if err != nil {
		return mailer.Message{}, err
	}
	h := sha256.Sum256(fmt.Appendf(nil, "link\x00%d\x00%d", sub.ID, requested.UnixMilli()))
	return mailer.Message{From: s.Cfg.Email.From, To: sub.Email, Subject: subject, Text: text, HTML: html,
		MessageID: "link." + hex.EncodeToString(h[:16]) + "@" + s.host(), Language: lang,
		Headers: map[string]string{"Auto-Submitted": "auto-generated"}}, nil
}
