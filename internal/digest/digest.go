// Package digest composes and sends the email digests: configured digests for
// partner-city offices (email.digests) and the digests of self-service
// subscribers (email.subscriber_schedules).
//
// The delivery ledger decides what an issue holds, by the delivery rule
// (notify.Rule). notify calls Fanout for a new article that qualifies, which
// records a pending "email" row per configured digest and per confirmed
// subscriber following one of its partners since it was first seen. At a schedule slot
// (a leader-elected River periodic job, cron in site.timezone) the recipient's
// issue for that slot is opened once (digest_issues is unique per recipient
// and slot) and takes every pending row not yet in an issue; a retry after a
// temporary SMTP failure sends the same rows, with the same Message-ID.
// Subscriber slots are split into send jobs of BatchSize issues, each sent on
// one SMTP connection. A recipient seen for the first time (a configured
// digest at start, a subscriber when confirming) gets a welcome issue: the
// qualifying articles first seen within the last notify.max_age. Empty issues are skipped unless skip_empty is false.
//
// Messages are multipart/alternative (text and HTML), UTF-8, localized (every
// language of internal/i18n; others fall back to English), rendered from templates
// embedded in the binary; a file digest.html, digest.txt, confirm.html or
// confirm.txt in email.templates replaces the embedded one. Every digest
// carries List-Unsubscribe (a signed https link) with List-Unsubscribe-Post
// (RFC 8058) and a visible unsubscribe link. For a subscriber the link deletes
// the address, and every mail to it also links its preference page
// (PurposeManage tokens). A 5xx answer for a subscriber's address is a hard
// bounce; email.max_bounces of them suppress the address. For a configured digest it pauses that one address (it can be
// resumed on the same page) and names email.from as the contact for stopping
// or changing the digest for good, since the list itself lives in config.yaml.
package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Mailer sends a batch of messages on one connection, one result per message.
type Mailer interface {
	Send(ctx context.Context, msgs []mailer.Message) []mailer.Result
}

// Service composes, renders and sends digests and confirmation mails.
type Service struct {
	Cfg    config.Config
	Store  *store.Store
	Mailer Mailer
	Signer Signer
	Log    *slog.Logger
	// Now is the clock (time.Now unless a test sets it).
	Now func() time.Time

	tmpl      *templates
	digests   map[string]Schedule // configured digest name → schedule
	schedules map[string]Schedule // subscriber schedule key → schedule
}

// New checks the email config and builds the service with its SMTP sender.
func New(cfg config.Config, st *store.Store, log *slog.Logger) (*Service, error) {
	e := cfg.Email
	if e == nil {
		return nil, errors.New("digest: email is not configured")
	}
	if len(cfg.Site.Secret.Value()) < 16 {
		return nil, errors.New("digest: site.secret must have at least 16 characters")
	}
	if _, err := mail.ParseAddress(e.From); err != nil {
		return nil, fmt.Errorf("digest: email.from %q: %w", e.From, err)
	}
	sender, err := mailer.New(e.SMTP)
	if err != nil {
		return nil, err
	}
	tmpl, err := loadTemplates(e.Templates)
	if err != nil {
		return nil, err
	}
	s := &Service{Cfg: cfg, Store: st, Mailer: sender, Signer: NewSigner(cfg.Site.Secret.Value()),
		Log: log, Now: time.Now, tmpl: tmpl, digests: map[string]Schedule{}, schedules: map[string]Schedule{}}
	for _, d := range e.Digests {
		if s.digests[d.Name], err = ParseSchedule(d.Schedule, cfg.Location); err != nil {
			return nil, err
		}
		for _, p := range d.Partners {
			if _, ok := cfg.Partner(p); !ok {
				return nil, fmt.Errorf("digest: %s: unknown partner %q", d.Name, p)
			}
		}
	}
	for k, expr := range e.SubscriberSchedules {
		if s.schedules[k], err = ParseSchedule(expr, cfg.Location); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Recipient is who one issue goes to: a configured digest or a subscriber.
type Recipient struct {
	Key        string // ledger recipient: "digest:<name>" or "subscriber:<id>"
	Digest     string // configured digest name ("" for a subscriber)
	To         []string
	Partners   []string
	Language   string
	Schedule   Schedule
	SkipEmpty  bool
	Subscriber int64
	// Since is when the recipient was first seen (confirmed, or configured and
	// seeded): slots before it are not its slots.
	Since time.Time
}

// Configured reports whether the recipient is a configured digest.
func (r Recipient) Configured() bool { return r.Digest != "" }

// DigestRecipient returns the configured digest called name.
func (s *Service) DigestRecipient(name string) (Recipient, error) {
	for _, d := range s.Cfg.Email.Digests {
		if d.Name == name {
			return Recipient{Key: store.DigestRecipient(d.Name), Digest: d.Name, To: d.To,
				Partners: d.Partners, Language: d.Language, Schedule: s.digests[d.Name],
				SkipEmpty: d.SkipEmptyOn()}, nil
		}
	}
	return Recipient{}, fmt.Errorf("digest: no digest named %q in email.digests", name)
}

// SubscriberRecipient turns a confirmed subscriber into a recipient.
func (s *Service) SubscriberRecipient(sub store.EmailSubscriber) Recipient {
	lang := sub.Language
	if lang == "" {
		lang = s.Cfg.Site.Language
	}
	return Recipient{Key: sub.Recipient(), To: []string{sub.Email}, Partners: sub.Partners,
		Language: lang, Schedule: s.schedules[sub.Schedule], SkipEmpty: true, Subscriber: sub.ID,
		Since: sub.ConfirmedAt}
}

// recipients resolves ledger keys; subscribers gone, unconfirmed, paused or
// suppressed are left out.
func (s *Service) recipients(ctx context.Context, keys []string) ([]Recipient, error) {
	var out []Recipient
	var ids []int64
	for _, k := range keys {
		switch {
		case strings.HasPrefix(k, "digest:"):
			r, err := s.DigestRecipient(strings.TrimPrefix(k, "digest:"))
			if err != nil {
				s.Log.Warn("Digest no longer configured", slog.String("recipient", k))
				continue
			}
			out = append(out, r)
		case strings.HasPrefix(k, "subscriber:"):
			id, err := strconv.ParseInt(strings.TrimPrefix(k, "subscriber:"), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("digest: bad recipient %q", k)
			}
			ids = append(ids, id)
		default:
			return nil, fmt.Errorf("digest: bad recipient %q", k)
		}
	}
	subs, err := s.Store.EmailSubscribers(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, sub := range subs {
		// A paused or suppressed address gets no issue.
		if sub.Status == store.SubscriberConfirmed && sub.PausedAt.IsZero() && sub.SuppressedAt.IsZero() {
			out = append(out, s.SubscriberRecipient(sub))
		}
	}
	return out, nil
}

// welcome is the delivery rule's selection of a first issue, as of now.
func (s *Service) welcome() store.Cond { return notify.NewRule(s.Cfg).Welcome(s.Now()) }

// Seed gives every configured digest seen for the first time its welcome
// issue: the qualifying articles of the last notify.max_age (notify.Rule).
func (s *Service) Seed(ctx context.Context) error {
	for _, d := range s.Cfg.Email.Digests {
		if _, err := s.Store.SeedEmailRecipient(ctx, store.DigestRecipient(d.Name), d.Partners,
			s.Now(), s.welcome()); err != nil {
			return err
		}
	}
	return nil
}
