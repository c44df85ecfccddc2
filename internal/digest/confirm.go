package digest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// ConfirmArgs is the job sending the confirmation mail of a subscription request.
type ConfirmArgs struct {
	SubscriberID int64 `json:"subscriber_id"`
	Requested    int64 `json:"requested"` // Unix ms of the request (one mail per request)
	// Again: the address was known when the form was sent. A confirmed
	// subscriber then gets the link to its preference page, a pending one
	// its confirmation once more (each at most once per
	// store.ConfirmResendAfter).
	Again bool `json:"again,omitempty"`
}

// InsertOpts retries a confirmation mail a few times only: a request whose
// mail cannot be sent is repeated by its sender.
func (ConfirmArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

// Kind is the River job kind.
func (ConfirmArgs) Kind() string { return "digest_confirm" }

// ConfirmWorker works ConfirmArgs.
type ConfirmWorker struct {
	river.WorkerDefaults[ConfirmArgs]
	Service *Service
}

// Work sends the mail the request asked for: the confirmation to a new
// address; to a known one its preference link (confirmed) or the
// confirmation once more (pending). A suppressed address gets nothing.
func (w *ConfirmWorker) Work(ctx context.Context, job *river.Job[ConfirmArgs]) error {
	s := w.Service
	sub, err := s.Store.EmailSubscriber(ctx, job.Args.SubscriberID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || !sub.SuppressedAt.IsZero() {
		return err
	}
	kind, requested := "confirm", store.Time(job.Args.Requested)
	var m mailer.Message
	switch {
	case !job.Args.Again && sub.Status == store.SubscriberPending:
		m, err = s.RenderConfirm(sub)
	case job.Args.Again:
		ok, err := s.Store.ClaimPreferenceLink(ctx, sub.ID, requested)
		if err != nil || !ok {
			return err
		}
		if sub.Status == store.SubscriberPending {
			m, err = s.RenderConfirm(sub)
			m.MessageID = fmt.Sprintf("again%d.%s", job.Args.Requested, m.MessageID)
		} else {
			kind = "link"
			m, err = s.RenderLink(sub, requested)
		}
		if err != nil {
			return err
		}
	default:
		return nil
	}
	if err != nil {
		return err
	}
	res := s.Mailer.Send(ctx, []mailer.Message{m})[0]
	countResult(kind, res.Err, res.Temporary)
	switch {
	case res.Err == nil:
		return nil
	case res.Temporary:
		return fmt.Errorf("digest: %s mail delayed: %w", kind, res.Err)
	default:
		s.Log.Error("Subscription mail rejected by the SMTP server", slog.String("kind", kind),
			slog.String("recipient", sub.Recipient()), slog.Any("error", res.Err))
		if res.Bounce {
			if err := s.bounce(ctx, s.Store, sub.ID); err != nil {
				return err
			}
		}
		return river.JobCancel(res.Err)
	}
}

// RenderConfirm renders the confirmation mail with its signed link.
func (s *Service) RenderConfirm(sub store.EmailSubscriber) (mailer.Message, error) {
	lang := i18n.Pick(sub.Language, s.Cfg.Site.Language)
	tok := s.Signer.Sign(Token{Purpose: PurposeConfirm, Recipient: sub.Recipient(),
		Expires: sub.CreatedAt.Add(ConfirmTTL).Unix()})
	sched := sub.Schedule
	if i18n.Has("digest.sched_" + sub.Schedule) {
		sched = i18n.T(lang, "digest.sched_"+sub.Schedule)
	}
	subject := mailer.HeaderValue(i18n.T(lang, "digest.confirm_subj", s.Cfg.Site.TitleIn(lang)))
	data := map[string]any{
		"Lang": lang, "Subject": subject,
		"Body":       i18n.T(lang, "digest.confirm_body", s.Cfg.Site.CityIn(lang), s.partnerNames(sub.Partners, lang), sched),
		"ConfirmURL": s.absURL("/confirm/" + tok),
		"ManageURL":  s.ManageURL(sub, sub.CreatedAt.Add(ManageTTL)),
		"Subs":       i18n.Messages(lang, "subs."),
		"SiteTitle":  s.Cfg.Site.TitleIn(lang), "SiteURL": s.Cfg.Site.BaseURL,
		"ImprintURL": s.Cfg.Site.ImprintURL, "PrivacyURL": s.Cfg.Site.PrivacyURL,
		"Labels": i18n.Messages(lang, "digest."),
	}
	text, html, err := s.tmpl.render("confirm", data)
	if err != nil {
		return mailer.Message{}, err
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%d\x00%d", sub.ID, sub.CreatedAt.UnixMilli()))
	return mailer.Message{From: s.Cfg.Email.From, To: sub.Email, Subject: subject, Text: text, HTML: html,
		MessageID: "confirm." + hex.EncodeToString(h[:16]) + "@" + s.host(), Language: lang,
		Headers: map[string]string{"Auto-Submitted": "auto-generated"}}, nil
}

// Confirm confirms a subscriber with its consent record and, the first time,
// gives it the articles of the last notify.max_age for its first digest.
func (s *Service) Confirm(ctx context.Context, id int64, consent string) (store.EmailSubscriber, error) {
	return s.ConfirmFrom(ctx, id, consent, "")
}

// ConfirmFrom is Confirm that also records ipHash, the keyed hash of the
// client address the confirmation came from (when not "").
func (s *Service) ConfirmFrom(ctx context.Context, id int64, consent, ipHash string) (store.EmailSubscriber, error) {
	var sub store.EmailSubscriber
	err := s.Store.InTx(ctx, func(tx *store.Store) error {
		var first bool
		var err error
		if sub, first, err = tx.ConfirmEmailSubscriber(ctx, id, consent); err != nil || !first {
			return err
		}
		if ipHash != "" {
			if err := tx.SetEmailConsentIP(ctx, id, ipHash); err != nil {
				return err
			}
			sub.ConsentIP = ipHash
		}
		_, err = tx.SeedEmailRecipient(ctx, sub.Recipient(), sub.Partners, sub.ConfirmedAt, s.welcome())
		return err
	})
	return sub, err
}
