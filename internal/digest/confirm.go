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

// Work sends the confirmation mail, unless the subscriber is gone or confirmed.
func (w *ConfirmWorker) Work(ctx context.Context, job *river.Job[ConfirmArgs]) error {
	s := w.Service
	sub, err := s.Store.EmailSubscriber(ctx, job.Args.SubscriberID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || sub.Status != store.SubscriberPending {
		return err
	}
	m, err := s.RenderConfirm(sub)
	if err != nil {
		return err
	}
	res := s.Mailer.Send(ctx, []mailer.Message{m})[0]
	countResult("confirm", res.Err, res.Temporary)
	switch {
	case res.Err == nil:
		return nil
	case res.Temporary:
		return fmt.Errorf("digest: confirmation mail delayed: %w", res.Err)
	default:
		s.Log.Error("Confirmation mail rejected by the SMTP server",
			slog.String("recipient", sub.Recipient()), slog.Any("error", res.Err))
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
	subject := mailer.HeaderValue(i18n.T(lang, "digest.confirm_subj", s.Cfg.Site.Title))
	data := map[string]any{
		"Lang": lang, "Subject": subject,
		"Body":       i18n.T(lang, "digest.confirm_body", s.Cfg.Site.Title, s.partnerNames(sub.Partners, lang), sched),
		"ConfirmURL": s.absURL("/confirm/" + tok),
		"SiteTitle":  s.Cfg.Site.Title, "SiteURL": s.Cfg.Site.BaseURL,
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
	var sub store.EmailSubscriber
	err := s.Store.InTx(ctx, func(tx *store.Store) error {
		var first bool
		var err error
		if sub, first, err = tx.ConfirmEmailSubscriber(ctx, id, consent); err != nil || !first {
			return err
		}
		_, err = tx.SeedEmailRecipient(ctx, sub.Recipient(), sub.Partners, sub.ConfirmedAt, s.welcome())
		return err
	})
	return sub, err
}
