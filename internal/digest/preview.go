package digest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"

	mailer "github.com/partnerfeed/partnerfeed/internal/mail"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Preview returns what the next issue of the configured digest name would
// hold now: its pending ledger rows, plus, for a digest never seen before, its
// welcome issue (notify.Rule.Welcome). It writes nothing.
func (s *Service) Preview(ctx context.Context, name string) (Recipient, []store.Article, error) {
	r, err := s.DigestRecipient(name)
	if err != nil {
		return r, nil, err
	}
	arts, err := s.PreviewArticles(ctx, r)
	return r, arts, err
}

// CitizenRecipient is a self-service subscriber who would subscribe now to
// the schedule (a key of email.subscriber_schedules) and partners in lang
// (site.language when empty): for previews; it is not stored.
func (s *Service) CitizenRecipient(schedule string, partners []string, lang string) (Recipient, error) {
	sched, ok := s.schedules[schedule]
	if !ok {
		return Recipient{}, fmt.Errorf("digest: no subscriber schedule %q in email.subscriber_schedules", schedule)
	}
	if len(partners) == 0 {
		return Recipient{}, fmt.Errorf("digest: a citizen digest needs at least one partner")
	}
	for _, p := range partners {
		if _, ok := s.Cfg.Partner(p); !ok {
			return Recipient{}, fmt.Errorf("digest: unknown partner %q", p)
		}
	}
	if lang == "" {
		lang = s.Cfg.Site.Language
	}
	return Recipient{Partners: partners, Language: lang, Schedule: sched, SkipEmpty: true, Since: s.Now()}, nil
}

// PreviewArticles returns what r's next issue would hold now: its pending
// ledger rows and, for a recipient never seen (a citizen preview included),
// its welcome issue; newest first. It writes nothing.
func (s *Service) PreviewArticles(ctx context.Context, r Recipient) ([]store.Article, error) {
	var arts []store.Article
	seeded := false
	if r.Key != "" {
		var err error
		if arts, err = s.Store.PendingEmailArticles(ctx, r.Key); err != nil {
			return nil, err
		}
		if seeded, err = s.Store.EmailRecipientSeeded(ctx, r.Key); err != nil {
			return nil, err
		}
	}
	if seeded {
		return arts, nil
	}
	welcome, err := s.Store.WelcomeArticles(ctx, r.Partners, s.welcome())
	if err != nil {
		return nil, err
	}
	have := map[int64]bool{}
	for _, a := range arts {
		have[a.ID] = true
	}
	for _, a := range welcome {
		if !have[a.ID] {
			arts = append(arts, a)
		}
	}
	sort.SliceStable(arts, func(i, j int) bool {
		if !arts[i].PublishedAt.Equal(arts[j].PublishedAt) {
			return arts[i].PublishedAt.After(arts[j].PublishedAt)
		}
		return arts[i].ID > arts[j].ID
	})
	return arts, nil
}

// PreviewMessage renders r's next issue as of now for address (r's first
// address when empty, a placeholder for a citizen). The message is dated now and has a Message-ID of its
// own (a preview is not the issue). It marks nothing.
func (s *Service) PreviewMessage(ctx context.Context, r Recipient, address string) (mailer.Message, int, error) {
	arts, err := s.PreviewArticles(ctx, r)
	if err != nil {
		return mailer.Message{}, 0, err
	}
	switch {
	case address != "":
	case len(r.To) > 0:
		address = r.To[0]
	default: // a citizen preview printed, not sent
		address = "subscriber@" + s.host()
	}
	now := s.Now()
	m, err := s.Render(r, now, arts, address)
	if err != nil {
		return m, 0, err
	}
	var id [16]byte
	rand.Read(id[:])
	m.Date, m.MessageID = now, "preview."+hex.EncodeToString(id[:])+"@"+s.host()
	return m, len(arts), nil
}
